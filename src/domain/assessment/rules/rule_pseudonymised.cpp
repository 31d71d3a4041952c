// Pseudonymised data with the mapping table safe are harder to tie to a person (IMY, seed
// 001) but not unintelligible: linking with other data stays possible. One step down.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class Pseudonymised final : public Rule {
public:
    std::string_view id() const override { return "rule_pseudonymised"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (f.protection != Protection::pseudonymised || f.key_compromised || !f.confidentiality_lost()) return;
        v.step_down(make_reason("pseudonymised", Effect::lowers,
                                "Uppgifterna var pseudonymiserade och kopplingsnyckeln är säker. Det är svårare "
                                "att koppla dem till enskilda personer, men inte omöjligt.",
                                "The data were pseudonymised and the mapping table is safe. Linking them to "
                                "individuals is harder, but not impossible."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_pseudonymised() { return std::make_unique<Pseudonymised>(); }

} // namespace skydda::domain::assessment
