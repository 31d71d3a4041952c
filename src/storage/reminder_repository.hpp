// The facts the reminder scheduler needs (domain/reminders.hpp), read from the incidents,
// notifications and assessment_decisions tables.
#pragma once
#include <string>
#include <vector>

#include "domain/reminders.hpp"
#include "storage/database.hpp"

namespace skydda::storage {

// Open incidents whose 72-hour period runs past `aware_after` (awareness later than it), and
// incidents with a promised supplement due within (now, now + horizon] and no later phase.
Result<std::vector<std::string>> incidents_needing_reminders(Connection& db, Instant now,
                                                             std::chrono::hours horizon);
// Everything domain::reminders_due needs for one incident.
Result<domain::ReminderFacts> reminder_facts(Connection& db, const domain::Incident& incident);

} // namespace skydda::storage
