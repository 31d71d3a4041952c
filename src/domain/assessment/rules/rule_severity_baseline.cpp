// The starting point: the ENISA band mapped to a legal level. Low severity starts at
// "unlikely", medium and high at "risk", very high at "high risk"; the rules after it weigh
// what the score cannot (who got the data, who the people are, what was done since).
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

RiskLevel baseline_for(SeverityLevel level) {
    switch (level) {
    case SeverityLevel::low: return RiskLevel::unlikely;
    case SeverityLevel::medium:
    case SeverityLevel::high: return RiskLevel::risk;
    case SeverityLevel::very_high: return RiskLevel::high;
    }
    return RiskLevel::risk;
}

class SeverityBaseline final : public Rule {
public:
    std::string_view id() const override { return "rule_severity_baseline"; }
    void apply(const Facts&, const Severity& s, Verdict& v) const override {
        const RiskLevel start = baseline_for(s.level);
        v.set_baseline(
            start, make_reason("enisa_baseline", Effect::sets,
                               fmt::format("Enligt ENISA:s metod är allvarlighetsgraden {} ({}): DPC {} × EI {} + "
                                           "CB {}. Utgångspunkten blir därför: {}.",
                                           decimal_sv(s.score), severity_label_sv(s.level), s.dpc,
                                           decimal_sv(s.ei), decimal_sv(s.cb), risk_label_sv(start)),
                               fmt::format("By the ENISA method the severity is {} ({}): DPC {} × EI {} + CB {}. "
                                           "The starting point is therefore: {}.",
                                           decimal_en(s.score), severity_label_en(s.level), s.dpc,
                                           decimal_en(s.ei), decimal_en(s.cb), risk_label_en(start))));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_severity_baseline() { return std::make_unique<SeverityBaseline>(); }

} // namespace skydda::domain::assessment
