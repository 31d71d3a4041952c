// Skyddade personuppgifter (sekretessmarkering, skyddad folkbokföring, fingerade uppgifter):
// the people are hiding from someone, so even a name and an address can put them in danger.
// IMY and Swedish practice presume high risk whatever else is true.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class ProtectedIdentity final : public Rule {
public:
    std::string_view id() const override { return "rule_protected_identity"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (!f.has(Group::protected_identity)) return;
        v.fix(RiskLevel::high,
              make_reason("protected_identity", Effect::sets,
                          "Bland de berörda finns personer med skyddade personuppgifter (sekretessmarkering, "
                          "skyddad folkbokföring eller fingerade personuppgifter). En sådan incident bedöms "
                          "alltid som hög risk, eftersom uppgifterna kan leda någon till personen och utsätta "
                          "den för fara. Sprid inte personens adress vidare i ärendet.",
                          "Some of the people have protected personal data (confidentiality marking, "
                          "protected registration or assumed identity). Such a breach is always high risk, "
                          "since the data can lead someone to the person and put them in danger. Do not "
                          "spread the person's address further in the case file."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_protected_identity() { return std::make_unique<ProtectedIdentity>(); }

} // namespace skydda::domain::assessment
