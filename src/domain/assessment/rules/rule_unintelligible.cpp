// Data encrypted or hashed to the state of the art, key safe (EDPB 9/2022 stolen encrypted
// laptop; GDPR art. 34(3)(a)): nobody can read them, so confidentiality is not at risk. When
// the data are also lost without backup, availability still counts and this only weighs one
// step down.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class Unintelligible final : public Rule {
public:
    std::string_view id() const override { return "rule_unintelligible"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (!f.unintelligible() || f.confidentiality == Confidentiality::none || f.misuse_observed) return;
        Reason why = make_reason("data_unintelligible", Effect::lowers,
                                 "Uppgifterna var krypterade med modern teknik och nyckeln är säker. Den som kommit "
                                 "åt dem kan inte läsa dem.",
                                 "The data were encrypted to the state of the art and the key is safe. Whoever got "
                                 "them cannot read them.");
        const bool availability_ok =
            (f.availability == Availability::none || f.availability == Availability::recoverable) &&
            f.service_impact != ServiceImpact::major && f.service_impact != ServiceImpact::critical;
        if (!f.integrity_lost() && availability_ok)
            v.at_most(RiskLevel::unlikely, std::move(why));
        else
            v.step_down(std::move(why));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_unintelligible() { return std::make_unique<Unintelligible>(); }

} // namespace skydda::domain::assessment
