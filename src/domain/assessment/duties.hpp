// Duties that follow from the legal level: notification, communication and its exemptions,
// and the deadlines of every regime that applies.
#pragma once
#include <vector>

#include "domain/assessment/facts.hpp"

namespace skydda::domain::assessment {

// Fills notify_authority, notify_subjects, subjects_exemption and deadlines of `a` (whose risk
// is already decided) and appends the reasons for them.
void decide_duties(const Facts& facts, Assessment& a, std::vector<Reason>& out);

} // namespace skydda::domain::assessment
