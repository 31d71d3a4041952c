// Unknown data categories: we cannot show that the breach is unlikely to result in a risk, and
// GDPR's test puts that burden on the controller, so it is notifiable until shown otherwise.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class DataUnknown final : public Rule {
public:
    std::string_view id() const override { return "rule_data_unknown"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (f.data_known) return;
        v.at_least(RiskLevel::risk,
                   make_reason("assumed_data_unknown", Effect::raises,
                               "Det är inte angivet vilka personuppgifter som berörs. Vi utgår från att "
                               "personerna går att identifiera och att känsliga uppgifter inte kan uteslutas, "
                               "så incidenten bör anmälas.",
                               "The categories of data are not stated. We assume the people can be identified "
                               "and that sensitive data cannot be ruled out, so the breach should be notified."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_data_unknown() { return std::make_unique<DataUnknown>(); }

} // namespace skydda::domain::assessment
