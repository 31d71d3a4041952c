#include "domain/notification_clock.hpp"

namespace skydda::domain {

AuthorityClock authority_clock(const Incident& incident, Instant now) {
    AuthorityClock clock;
    clock.aware = awareness(incident);
    clock.due = clock.aware + k_authority_period;
    clock.remaining = clock.due - now;
    bool running = incident.status == CaseStatus::reported || incident.status == CaseStatus::registered ||
                   incident.status == CaseStatus::assessing;
    if (!running) clock.urgency = Urgency::stopped;
    else if (clock.remaining <= std::chrono::seconds::zero()) clock.urgency = Urgency::overdue;
    else if (clock.remaining < std::chrono::hours(12)) clock.urgency = Urgency::critical;
    else if (clock.remaining < std::chrono::hours(24)) clock.urgency = Urgency::soon;
    else clock.urgency = Urgency::running;
    return clock;
}

bool more_urgent(const Incident& a, const Incident& b, Instant now) {
    auto clock_a = authority_clock(a, now), clock_b = authority_clock(b, now);
    bool stopped_a = clock_a.urgency == Urgency::stopped, stopped_b = clock_b.urgency == Urgency::stopped;
    if (stopped_a != stopped_b) return !stopped_a;
    if (!stopped_a) return clock_a.due < clock_b.due;
    return a.updated_at > b.updated_at;
}

} // namespace skydda::domain
