#include "domain/reminders.hpp"

#include <fmt/format.h>

#include "domain/notification_clock.hpp"

namespace skydda::domain {

std::optional<std::chrono::hours> nearest_reminder(Instant deadline, Instant now,
                                                   std::span<const std::chrono::hours> lead_times) {
    if (now >= deadline) return std::nullopt;
    std::optional<std::chrono::hours> nearest;
    for (auto lead : lead_times)
        if (now >= deadline - lead && (!nearest || lead < *nearest)) nearest = lead;
    return nearest;
}

std::vector<Reminder> reminders_due(const ReminderFacts& facts, Instant now) {
    std::vector<Reminder> due;
    // The deadline is counted in UTC from awareness (notification_clock), so a summer/winter
    // time change moves the wall-clock time it is shown at, never the instant.
    if (is_open(facts.status) && !facts.authority_notified && !facts.decided_not_required) {
        auto deadline = facts.aware + k_authority_period;
        if (auto lead = nearest_reminder(deadline, now, k_authority_reminders))
            due.push_back({ReminderKind::authority, 0, *lead, deadline,
                           fmt::format("reminder:imy:{}:{}", facts.incident_id, lead->count())});
    }
    for (const auto& supplement : facts.supplements) {
        if (supplement.later_phase_recorded || facts.status == CaseStatus::not_a_breach) continue;
        if (now >= supplement.due) {
            // Overdue: one reminder in each week after the due date, until it is recorded.
            auto week = std::chrono::duration_cast<std::chrono::hours>(now - supplement.due).count() / (7 * 24);
            if (week < k_supplement_overdue_weeks)
                due.push_back({ReminderKind::supplement, supplement.phase, std::chrono::hours(0), supplement.due,
                               fmt::format("reminder:supplement:{}:{}:overdue:{}", facts.incident_id,
                                           supplement.phase, week),
                               true});
            continue;
        }
        if (auto lead = nearest_reminder(supplement.due, now, k_supplement_reminders))
            due.push_back({ReminderKind::supplement, supplement.phase, *lead, supplement.due,
                           fmt::format("reminder:supplement:{}:{}:{}", facts.incident_id, supplement.phase,
                                       lead->count())});
    }
    return due;
}

} // namespace skydda::domain
