// Availability breaches (EDPB 9/2022 ransomware and hospital examples): what matters is what
// the outage did to people. Care, safety or income interrupted is high risk; a major service
// outage, a long outage or data lost for good without backup is notifiable.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

constexpr double k_prolonged_hours = 24.0;

class AvailabilityImpact final : public Rule {
public:
    std::string_view id() const override { return "rule_availability_impact"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (f.availability == Availability::none) return;
        if (f.service_impact == ServiceImpact::critical)
            v.at_least(RiskLevel::high,
                       make_reason("availability_critical_service", Effect::raises,
                                   "Att uppgifterna inte gick att nå påverkade vård, säkerhet eller personers "
                                   "försörjning. Det kan leda till fysisk skada eller ekonomisk förlust, så "
                                   "risken bedöms som hög.",
                                   "The unavailability affected care, safety or people's income. This can lead "
                                   "to physical harm or financial loss, so the risk is high."));
        else if (f.service_impact == ServiceImpact::major)
            v.at_least(RiskLevel::risk,
                       make_reason("availability_major_service", Effect::raises,
                                   "Avbrottet påverkade tjänster som personerna är beroende av i betydande grad.",
                                   "The outage significantly affected services the people depend on."));
        if (f.availability == Availability::permanent)
            v.at_least(RiskLevel::risk,
                       make_reason("availability_permanent", Effect::raises,
                                   "Uppgifterna har gått förlorade för gott och finns inte i någon "
                                   "säkerhetskopia. Personerna kan förlora rättigheter eller behöva lämna "
                                   "uppgifterna igen.",
                                   "The data are lost for good with no backup. The people may lose rights or "
                                   "have to provide the data again."));
        else if (f.availability == Availability::temporary && f.outage_hours.value_or(0.0) >= k_prolonged_hours)
            v.at_least(RiskLevel::risk,
                       make_reason("availability_prolonged", Effect::raises,
                                   fmt::format("Uppgifterna var otillgängliga länge ({} timmar) utan att kunna "
                                               "återställas från säkerhetskopia.",
                                               decimal_sv(*f.outage_hours)),
                                   fmt::format("The data were unavailable for a long time ({} hours) without a "
                                               "backup to restore from.",
                                               decimal_en(*f.outage_hours))));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_availability_impact() { return std::make_unique<AvailabilityImpact>(); }

} // namespace skydda::domain::assessment
