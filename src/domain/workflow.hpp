// The case workflow: reported → registered → assessing → decided → notified → closed, plus
// "not a personal data breach" (closed with a reason) and reopening (with a reason).
#pragma once
#include <vector>

#include "domain/incident.hpp"

namespace skydda::domain {

// The statuses a case may move to from `from`.
std::vector<CaseStatus> next_statuses(CaseStatus from);
// Checks a transition; closing as not a breach and reopening need a reason.
Status check_transition(CaseStatus from, CaseStatus to, std::string_view reason);

} // namespace skydda::domain
