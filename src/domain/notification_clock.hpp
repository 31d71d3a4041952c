// The 72-hour clock of GDPR art. 33(1): from awareness, in calendar hours. Instants are UTC,
// so summer/winter time changes cannot shift it; it is printed in Europe/Stockholm time.
#pragma once
#include <chrono>

#include "domain/incident.hpp"

namespace skydda::domain {

inline constexpr std::chrono::hours k_authority_period{72};

enum class Urgency { overdue, critical, soon, running, stopped };
// overdue: past the deadline; critical: under 12 h left; soon: under 24 h; running: more;
// stopped: notified, decided, or closed (the clock no longer drives the work).

struct AuthorityClock {
    Instant aware;
    Instant due;
    std::chrono::seconds remaining; // negative when overdue
    Urgency urgency;
};

AuthorityClock authority_clock(const Incident& incident, Instant now);
// Sorting key for lists: running clocks by due time first, then stopped ones by recency.
bool more_urgent(const Incident& a, const Incident& b, Instant now);

} // namespace skydda::domain
