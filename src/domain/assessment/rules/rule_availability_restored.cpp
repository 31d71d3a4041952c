// EDPB 9/2022 example 1 (ransomware with backup, no exfiltration): data restored quickly from
// backup, nothing read or altered and no service people depend on hit: unlikely to result in
// a risk; document it internally.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

constexpr double k_short_hours = 24.0;

class AvailabilityRestored final : public Rule {
public:
    std::string_view id() const override { return "rule_availability_restored"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (f.availability != Availability::recoverable || f.confidentiality_lost() || f.integrity_lost()) return;
        if (f.service_impact == ServiceImpact::major || f.service_impact == ServiceImpact::critical) return;
        if (f.outage_hours.value_or(0.0) >= k_short_hours || f.misuse_observed) return;
        v.at_most(RiskLevel::unlikely,
                  make_reason("availability_quick_restore", Effect::lowers,
                              "Uppgifterna kunde snabbt återställas från säkerhetskopia, ingen obehörig har tagit "
                              "del av dem och inga viktiga tjänster påverkades. Det är osannolikt att "
                              "incidenten medför en risk för personerna.",
                              "The data were restored quickly from backup, nobody unauthorised saw them and no "
                              "important service was affected. The breach is unlikely to result in a risk to "
                              "the people."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_availability_restored() { return std::make_unique<AvailabilityRestored>(); }

} // namespace skydda::domain::assessment
