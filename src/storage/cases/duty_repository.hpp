// The facts the duties of a case are computed from (domain/duties.hpp), read from the
// incidents, assessments, assessment_decisions, notifications, letter_recipients,
// letter_exemptions and processor_notices tables. Lists read them for every listed case in a
// few batched queries; the reminder scheduler asks which cases may have one due.
#pragma once
#include <chrono>
#include <span>
#include <string>
#include <vector>

#include "domain/duties.hpp"
#include "storage/database.hpp"

namespace skydda::storage {

// Open incidents whose 72-hour period may still be running or be overdue by less than the
// reminders' reach, incidents decided to be notified and not yet notified, and incidents with
// a promised supplement due within (now, now + horizon] or overdue by less than the overdue
// reminders' reach, with no later phase. A superset: domain::reminders_due decides.
Result<std::vector<std::string>> incidents_needing_reminders(Connection& db, Instant now,
                                                             std::chrono::hours horizon);
// Everything domain::case_duties needs for each incident, in the same order.
Result<std::vector<domain::DutyFacts>> duty_facts(Connection& db, std::span<const domain::Incident> incidents);
Result<domain::DutyFacts> duty_facts(Connection& db, const domain::Incident& incident);

// The stored urgency order (incidents.due_rank, due_at, due_decided: migration 14), from
// domain::case_duties: every change of a case refreshes it in its own transaction, so the
// lists' ORDER BY agrees with domain::more_urgent over all cases. The order does not depend
// on the time of day, only on what is recorded.
Status refresh_due_order(Connection& db, std::string_view incident_id);
// For the cases whose order is not computed yet (after migration 14, or a restore of an older
// backup); returns how many.
Result<int64_t> refresh_missing_due_orders(Connection& db);

} // namespace skydda::storage
