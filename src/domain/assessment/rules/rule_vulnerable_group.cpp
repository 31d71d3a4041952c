// People in a weaker position (patients, social services clients, elderly care recipients and
// others the controller marks vulnerable) suffer more from the same breach (IMY, seed 001).
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class VulnerableGroup final : public Rule {
public:
    std::string_view id() const override { return "rule_vulnerable_group"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (!f.has_any({Group::patients, Group::social_services_clients, Group::elderly_care_recipients,
                        Group::vulnerable}))
            return;
        if (!f.confidentiality_lost() && !f.integrity_lost() && f.availability == Availability::none) return;
        v.at_least(RiskLevel::risk,
                   make_reason("vulnerable_group", Effect::raises,
                               "De berörda är i en utsatt eller beroende ställning (till exempel patienter, "
                               "klienter inom socialtjänsten eller personer med äldreomsorg). Samma incident "
                               "kan drabba dem hårdare än andra.",
                               "The people are in a vulnerable or dependent position (e.g. patients, social "
                               "services clients or elderly care recipients). The same breach can hit them "
                               "harder than others."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_vulnerable_group() { return std::make_unique<VulnerableGroup>(); }

} // namespace skydda::domain::assessment
