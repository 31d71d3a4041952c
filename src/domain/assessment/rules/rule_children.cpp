// Children merit specific protection (GDPR recital 38, 75; IMY): they are less able to see the
// risks and to protect themselves. Any loss of their data is notifiable, and a wide spread
// weighs one step heavier.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class Children final : public Rule {
public:
    std::string_view id() const override { return "rule_children"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (!f.has_any({Group::children, Group::pupils})) return;
        if (!f.confidentiality_lost() && !f.integrity_lost()) return;
        Reason why = make_reason("children", Effect::raises,
                                 "Barn berörs. Barn är särskilt skyddsvärda eftersom de har svårare att förstå "
                                 "riskerna och att skydda sig själva.",
                                 "Children are affected. Children merit specific protection as they are less "
                                 "able to understand the risks and to protect themselves.");
        if (f.spread_widely()) {
            v.at_least(RiskLevel::risk);
            v.step_up(std::move(why));
        } else {
            v.at_least(RiskLevel::risk, std::move(why));
        }
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_children() { return std::make_unique<Children>(); }

} // namespace skydda::domain::assessment
