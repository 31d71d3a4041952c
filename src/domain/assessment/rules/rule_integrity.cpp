// Altered data that may have been used (ENISA integrity levels 2–3): decisions, payments or
// care may have rested on wrong data. Unrecoverable alteration weighs one step more.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class IntegrityRule final : public Rule {
public:
    std::string_view id() const override { return "rule_integrity"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (f.integrity == Integrity::altered_recoverable)
            v.at_least(RiskLevel::risk,
                       make_reason("integrity_altered", Effect::raises,
                                   "Uppgifter har ändrats och kan ha använts i felaktig form innan felet "
                                   "upptäcktes, till exempel för beslut eller utbetalningar.",
                                   "Data were altered and may have been used in their wrong form before the "
                                   "error was found, e.g. for decisions or payments."));
        if (f.integrity == Integrity::altered_unrecoverable) {
            v.at_least(RiskLevel::risk);
            v.step_up(make_reason("integrity_unrecoverable", Effect::raises,
                                  "Uppgifter har ändrats och de riktiga uppgifterna går inte att återställa. "
                                  "Felen kan leva kvar och påverka personerna länge.",
                                  "Data were altered and the correct data cannot be restored. The errors may "
                                  "persist and affect the people for a long time."));
        }
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_integrity() { return std::make_unique<IntegrityRule>(); }

} // namespace skydda::domain::assessment
