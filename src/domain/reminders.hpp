// Which e-mail reminders are due at a given instant: before the 72-hour deadline for notifying
// IMY (48, 24 and 6 hours before, from awareness) while neither a notification nor a "not
// required" decision is in force, then daily after the deadline until it is recorded, and before a promised supplement's due date (7 days and 1
// day before) while no later phase is recorded, then once a week after the due date until it
// is recorded (IMY may decide on what it has once the promised supplement is late). Pure: the caller passes the facts and the time,
// and queues each reminder under its dedupe key, so asking again never sends twice.
#pragma once
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/duties.hpp"

namespace skydda::domain {

inline constexpr std::chrono::hours k_authority_reminders[] = {std::chrono::hours(48), std::chrono::hours(24),
                                                               std::chrono::hours(6)};
inline constexpr std::chrono::hours k_supplement_reminders[] = {std::chrono::hours(7 * 24), std::chrono::hours(24)};
// After the 72 hours an open notification to IMY is reminded of daily, for at most this many
// days: a late notification is still owed, with the reasons for the delay (art. 33(1)).
inline constexpr int k_authority_overdue_days = 14;
// After its due date a missing supplement is reminded of weekly, for at most this many weeks.
inline constexpr int k_supplement_overdue_weeks = 26;

// The nearest reminder point reached at `now` (the smallest lead time whose moment has come),
// or nullopt before the first one and from the deadline on. A server that was down across two
// points sends only the nearer one: at 20 hours left, the 24-hour reminder, never the 48-hour.
std::optional<std::chrono::hours> nearest_reminder(Instant deadline, Instant now,
                                                   std::span<const std::chrono::hours> lead_times);

enum class ReminderKind { authority, supplement };

struct Reminder {
    ReminderKind kind;
    int64_t phase = 0;          // supplement: the phase that promised it
    std::chrono::hours lead{0}; // how long before the deadline
    Instant deadline{};
    std::string key;            // "reminder:imy:{incident}:{48|24|6}"; the caller appends ":{user}"
    bool overdue = false;       // the deadline has passed ("reminder:imy:{incident}:overdue:{day}",
                                // "reminder:supplement:{incident}:{phase}:overdue:{week}")
    bool decided = false;       // the current decision requires it: "decided, not yet done"
};

// From the case's duties (domain/duties.hpp), so a reminder never disagrees with the page: the
// IMY reminders while the notification to IMY is an open duty (decided or not), the supplement
// reminders while a promised supplement is open.
std::vector<Reminder> reminders_due(std::string_view incident_id, const CaseDuties& duties, Instant now);

} // namespace skydda::domain
