#include "storage/reminder_repository.hpp"

#include "domain/reminders.hpp"

#include <algorithm>

#include "domain/notification_clock.hpp"

namespace skydda::storage {

Result<std::vector<std::string>> incidents_needing_reminders(Connection& db, Instant now, std::chrono::hours horizon) {
    std::vector<std::string> ids;
    auto running = TRY(db.query("SELECT id FROM incidents WHERE status NOT IN ('closed', 'not_a_breach') AND "
                                "COALESCE(aware_at, reported_at) > ?",
                                {format_utc(now - domain::k_authority_period)}));
    for (const auto& row : running) ids.push_back(row.text(0));
    auto promised = TRY(db.query(
        "SELECT DISTINCT n.incident_id FROM notifications n WHERE n.recipient = 'imy' AND n.supplement_promised = 1 "
        "AND n.supplement_due_at > ? AND n.supplement_due_at <= ? AND NOT EXISTS (SELECT 1 FROM notifications m "
        "WHERE m.incident_id = n.incident_id AND m.recipient = 'imy' AND m.phase > n.phase)",
        // Also those past due: the overdue reminders (domain/reminders.hpp) run for some weeks.
        {format_utc(now - std::chrono::hours(7 * 24 * domain::k_supplement_overdue_weeks)),
         format_utc(now + horizon)}));
    for (const auto& row : promised)
        if (std::find(ids.begin(), ids.end(), row.text(0)) == ids.end()) ids.push_back(row.text(0));
    return ids;
}

Result<domain::ReminderFacts> reminder_facts(Connection& db, const domain::Incident& incident) {
    domain::ReminderFacts facts;
    facts.incident_id = incident.id;
    facts.status = incident.status;
    facts.aware = domain::awareness(incident);
    auto notified = TRY(db.query(
        "SELECT 1 FROM notifications WHERE incident_id = ? AND recipient = 'imy' AND phase = 0", {incident.id}));
    facts.authority_notified = !notified.empty();
    // Only the latest decision counts: a later "must notify" overrides an earlier "not required".
    auto decision = TRY(db.query("SELECT notify_authority FROM assessment_decisions WHERE incident_id = ? "
                                 "ORDER BY decided_at DESC, id DESC LIMIT 1",
                                 {incident.id}));
    facts.decided_not_required = !decision.empty() && decision.front().integer(0) == 0;
    auto rows = TRY(db.query("SELECT phase, supplement_due_at FROM notifications WHERE incident_id = ? AND "
                             "recipient = 'imy' AND supplement_promised = 1 AND supplement_due_at IS NOT NULL "
                             "ORDER BY phase",
                             {incident.id}));
    auto later = TRY(db.query("SELECT MAX(phase) FROM notifications WHERE incident_id = ? AND recipient = 'imy'",
                              {incident.id}));
    int64_t last_phase = later.empty() ? 0 : later.front().integer(0);
    for (const auto& row : rows)
        facts.supplements.push_back({row.integer(0), row.time(1), last_phase > row.integer(0)});
    return facts;
}

} // namespace skydda::storage
