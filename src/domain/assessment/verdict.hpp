// The legal conclusion under construction. Rules move it in four ways, each with a reason:
//   baseline (sets)    the starting level from the ENISA band;
//   step up/down       raises/lowers the starting level by one step (a weighing factor);
//   at_least / at_most a floor (raises) or a ceiling (lowers) that practice sets for a factor;
//   fix (sets)         an override that nothing else changes (protected personal data).
// risk = fixed, else min(max(baseline + steps, highest floor), lowest ceiling): a ceiling is a
// strong mitigation (data unintelligible, quick restore) and beats the floors of data types.
#pragma once
#include <optional>
#include <vector>

#include "domain/assessment/assessment.hpp"

namespace skydda::domain::assessment {

class Verdict {
public:
    void set_baseline(RiskLevel level, Reason reason);
    void step_up(Reason reason);
    void step_down(Reason reason);
    void at_least(RiskLevel level, Reason reason);
    void at_least(RiskLevel level); // a second movement under a reason already given
    void at_most(RiskLevel level, Reason reason);
    void fix(RiskLevel level, Reason reason);
    void note(Reason reason);

    RiskLevel baseline() const { return m_baseline; }
    RiskLevel risk() const;
    const std::vector<Reason>& reasons() const { return m_reasons; }
    std::vector<Reason> take_reasons() { return std::move(m_reasons); }

private:
    RiskLevel m_baseline = RiskLevel::risk;
    int m_steps = 0;
    RiskLevel m_floor = RiskLevel::unlikely;
    RiskLevel m_ceiling = RiskLevel::high;
    std::optional<RiskLevel> m_fixed;
    std::vector<Reason> m_reasons;
};

} // namespace skydda::domain::assessment
