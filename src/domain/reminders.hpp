// Which e-mail reminders are due at a given instant: before the 72-hour deadline for notifying
// IMY (48, 24 and 6 hours before, from awareness) while neither a notification nor a "not
// required" decision is recorded, and before a promised supplement's due date (7 days and 1
// day before) while no later phase is recorded, then once a week after the due date until it
// is recorded (IMY may decide on what it has once the promised supplement is late). Pure: the caller passes the facts and the time,
// and queues each reminder under its dedupe key, so asking again never sends twice.
#pragma once
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/incident.hpp"

namespace skydda::domain {

inline constexpr std::chrono::hours k_authority_reminders[] = {std::chrono::hours(48), std::chrono::hours(24),
                                                               std::chrono::hours(6)};
inline constexpr std::chrono::hours k_supplement_reminders[] = {std::chrono::hours(7 * 24), std::chrono::hours(24)};
// After its due date a missing supplement is reminded of weekly, for at most this many weeks.
inline constexpr int k_supplement_overdue_weeks = 26;

// The nearest reminder point reached at `now` (the smallest lead time whose moment has come),
// or nullopt before the first one and from the deadline on. A server that was down across two
// points sends only the nearer one: at 20 hours left, the 24-hour reminder, never the 48-hour.
std::optional<std::chrono::hours> nearest_reminder(Instant deadline, Instant now,
                                                   std::span<const std::chrono::hours> lead_times);

struct PromisedSupplement {
    int64_t phase = 0;  // the notification phase that promised it (0: the first notification)
    Instant due{};
    bool later_phase_recorded = false;
};

struct ReminderFacts {
    std::string incident_id;
    CaseStatus status = CaseStatus::reported;
    Instant aware{};
    bool authority_notified = false;    // a notification to IMY, phase 0, is recorded
    bool decided_not_required = false;  // the latest decision says IMY need not be notified
    std::vector<PromisedSupplement> supplements;
};

enum class ReminderKind { authority, supplement };

struct Reminder {
    ReminderKind kind;
    int64_t phase = 0;          // supplement: the phase that promised it
    std::chrono::hours lead{0}; // how long before the deadline
    Instant deadline{};
    std::string key;            // "reminder:imy:{incident}:{48|24|6}"; the caller appends ":{user}"
    bool overdue = false;       // supplement: the due date has passed ("...:overdue:{week}")
};

std::vector<Reminder> reminders_due(const ReminderFacts& facts, Instant now);

} // namespace skydda::domain
