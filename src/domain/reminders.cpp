#include "domain/reminders.hpp"

#include <fmt/format.h>


namespace skydda::domain {

std::optional<std::chrono::hours> nearest_reminder(Instant deadline, Instant now,
                                                   std::span<const std::chrono::hours> lead_times) {
    if (now >= deadline) return std::nullopt;
    std::optional<std::chrono::hours> nearest;
    for (auto lead : lead_times)
        if (now >= deadline - lead && (!nearest || lead < *nearest)) nearest = lead;
    return nearest;
}

std::vector<Reminder> reminders_due(std::string_view incident_id, const CaseDuties& duties, Instant now) {
    std::vector<Reminder> due;
    for (const auto& duty : duties.items) {
        if (duty.state != DutyState::open || !duty.due) continue;
        if (duty.duty == Duty::notify_authority) {
            // The deadline is counted in UTC from awareness, so a summer/winter time change moves
            // the wall-clock time it is shown at, never the instant.
            if (now >= *duty.due) {
                auto day = std::chrono::duration_cast<std::chrono::hours>(now - *duty.due).count() / 24;
                if (day < k_authority_overdue_days)
                    due.push_back({ReminderKind::authority, 0, std::chrono::hours(0), *duty.due,
                                   fmt::format("reminder:imy:{}:overdue:{}", incident_id, day), true, duty.decided});
            } else if (auto lead = nearest_reminder(*duty.due, now, k_authority_reminders)) {
                due.push_back({ReminderKind::authority, 0, *lead, *duty.due,
                               fmt::format("reminder:imy:{}:{}", incident_id, lead->count()), false, duty.decided});
            }
        } else if (duty.duty == Duty::supplement_authority) {
            if (now >= *duty.due) {
                // Overdue: one reminder in each week after the due date, until it is recorded.
                auto week = std::chrono::duration_cast<std::chrono::hours>(now - *duty.due).count() / (7 * 24);
                if (week < k_supplement_overdue_weeks)
                    due.push_back({ReminderKind::supplement, duty.phase, std::chrono::hours(0), *duty.due,
                                   fmt::format("reminder:supplement:{}:{}:overdue:{}", incident_id, duty.phase, week),
                                   true});
                continue;
            }
            if (auto lead = nearest_reminder(*duty.due, now, k_supplement_reminders))
                due.push_back({ReminderKind::supplement, duty.phase, *lead, *duty.due,
                               fmt::format("reminder:supplement:{}:{}:{}", incident_id, duty.phase, lead->count())});
        }
    }
    return due;
}

} // namespace skydda::domain
