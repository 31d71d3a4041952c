// Intent (theft, attack, insider misuse): IMY counts it when the data are known to be with
// people whose intentions are unknown or harmful; ENISA adds 0.5 to CB.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class Malicious final : public Rule {
public:
    std::string_view id() const override { return "rule_malicious"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (!f.malicious || (!f.confidentiality_lost() && !f.integrity_lost())) return;
        v.at_least(RiskLevel::risk,
                   make_reason("malicious_intent", Effect::raises,
                               "Incidenten var avsiktlig (stöld, intrång eller missbruk av behörighet). Den som "
                               "kommit åt uppgifterna kan vilja använda dem, vilket gör skada mer sannolik.",
                               "The breach was intentional (theft, attack or insider misuse). Whoever has the "
                               "data may want to use them, which makes harm likelier."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_malicious() { return std::make_unique<Malicious>(); }

} // namespace skydda::domain::assessment
