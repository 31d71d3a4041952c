// Data that were already public before the breach add little for whoever got them (ENISA:
// publicly collectable data lower DPC). Not for sensitive data or protected people: that
// something was findable does not make its further spread harmless.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class AlreadyPublic final : public Rule {
public:
    std::string_view id() const override { return "rule_already_public"; }
    void apply(const Facts& f, const Severity& s, Verdict& v) const override {
        if (!f.publicly_available || f.confidentiality == Confidentiality::none) return;
        if (!f.special_categories().empty() || f.has(DataType::social_services) ||
            f.has(DataType::personal_identity_number) || f.has(Group::protected_identity) || f.integrity_lost())
            return;
        Reason why = make_reason("already_public", Effect::lowers,
                                "Samma uppgifter fanns redan allmänt tillgängliga före incidenten, så den som "
                                "fått dem vet inte mycket mer än förut.",
                                "The same data were already publicly available before the breach, so whoever got "
                                "them learns little new.");
        // Simple data (DPC 1) that anyone could already collect: nothing new is at risk.
        if (s.dpc <= 1 && f.availability == Availability::none)
            v.at_most(RiskLevel::unlikely, std::move(why));
        else
            v.step_down(std::move(why));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_already_public() { return std::make_unique<AlreadyPublic>(); }

} // namespace skydda::domain::assessment
