#include "domain/workflow.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace skydda::domain {

std::vector<CaseStatus> next_statuses(CaseStatus from) {
    switch (from) {
    case CaseStatus::reported: return {CaseStatus::registered, CaseStatus::not_a_breach};
    case CaseStatus::registered: return {CaseStatus::assessing, CaseStatus::not_a_breach};
    case CaseStatus::assessing: return {CaseStatus::decided, CaseStatus::not_a_breach};
    // A decision not to notify IMY (art. 33(5)) ends in closed without passing notified.
    case CaseStatus::decided: return {CaseStatus::notified, CaseStatus::closed, CaseStatus::assessing};
    case CaseStatus::notified: return {CaseStatus::closed};
    // Reopening sends the case back to assessment: new facts need a new judgement.
    case CaseStatus::closed:
    case CaseStatus::not_a_breach: return {CaseStatus::assessing};
    }
    return {};
}

Status check_transition(CaseStatus from, CaseStatus to, std::string_view reason) {
    auto allowed = next_statuses(from);
    if (std::find(allowed.begin(), allowed.end(), to) == allowed.end())
        return fail(Error::conflict("a case that is " + std::string(status_name(from)) + " cannot become " +
                                    std::string(status_name(to))));
    bool needs_reason = to == CaseStatus::not_a_breach || !is_open(from);
    if (needs_reason && text::trim(reason).empty())
        return fail(Error::invalid("reason", "is required when closing as not a breach or reopening"));
    return {};
}

} // namespace skydda::domain
