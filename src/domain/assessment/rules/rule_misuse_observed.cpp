// Harm already seen (fraud, identity theft, extortion, publication) is no longer a likelihood
// to weigh: the risk has materialised, and the people need to protect themselves now.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class MisuseObserved final : public Rule {
public:
    std::string_view id() const override { return "rule_misuse_observed"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (!f.misuse_observed) return;
        v.at_least(RiskLevel::high,
                   make_reason("misuse_observed", Effect::raises,
                               "Uppgifterna har redan missbrukats, till exempel genom bedrägeri, "
                               "identitetskapning, utpressning eller publicering. Skadan är alltså inte bara "
                               "möjlig utan har redan börjat, och de drabbade behöver kunna skydda sig.",
                               "The data have already been misused, e.g. fraud, identity theft, extortion or "
                               "publication. The harm is not merely possible but has begun, and the people need "
                               "to be able to protect themselves."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_misuse_observed() { return std::make_unique<MisuseObserved>(); }

} // namespace skydda::domain::assessment
