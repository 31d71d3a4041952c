#include "domain/assessment/verdict.hpp"

#include <algorithm>

namespace skydda::domain::assessment {

void Verdict::set_baseline(RiskLevel level, Reason reason) {
    m_baseline = level;
    m_reasons.push_back(std::move(reason));
}

void Verdict::step_up(Reason reason) {
    ++m_steps;
    m_reasons.push_back(std::move(reason));
}

void Verdict::step_down(Reason reason) {
    --m_steps;
    m_reasons.push_back(std::move(reason));
}

void Verdict::at_least(RiskLevel level, Reason reason) {
    m_floor = std::max(m_floor, level);
    m_reasons.push_back(std::move(reason));
}

void Verdict::at_least(RiskLevel level) { m_floor = std::max(m_floor, level); }

void Verdict::at_most(RiskLevel level, Reason reason) {
    m_ceiling = std::min(m_ceiling, level);
    m_reasons.push_back(std::move(reason));
}

void Verdict::fix(RiskLevel level, Reason reason) {
    m_fixed = m_fixed ? std::max(*m_fixed, level) : level;
    // An override decides the case, so it is the first thing a reader must see.
    m_reasons.insert(m_reasons.begin(), std::move(reason));
}

void Verdict::note(Reason reason) { m_reasons.push_back(std::move(reason)); }

RiskLevel Verdict::risk() const {
    if (m_fixed) return *m_fixed;
    const int stepped = std::clamp(static_cast<int>(m_baseline) + m_steps, 0, 2);
    return std::min(std::max(static_cast<RiskLevel>(stepped), m_floor), m_ceiling);
}

} // namespace skydda::domain::assessment
