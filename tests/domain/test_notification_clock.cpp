#include <gtest/gtest.h>

#include "domain/notification_clock.hpp"

using namespace skydda;
using namespace skydda::domain;

namespace {
Instant at(std::string_view text) { return *parse_rfc3339(text, "t"); }
Incident incident_aware(std::string_view aware) {
    Incident incident;
    incident.reported_at = at(aware);
    incident.facts.aware_at = at(aware);
    incident.status = CaseStatus::assessing;
    return incident;
}
} // namespace

TEST(NotificationClock, SeventyTwoCalendarHoursAcrossTheAutumnChange) {
    // Summer time ends 2026-10-25 03:00 CEST → 02:00 CET: the wall clock shows one hour less.
    auto clock = authority_clock(incident_aware("2026-10-23T09:00:00+02:00"), at("2026-10-23T09:00:00+02:00"));
    EXPECT_EQ(format_stockholm(clock.due), "2026-10-26T08:00:00+01:00");
    EXPECT_EQ(clock.remaining, std::chrono::hours(72));
}

TEST(NotificationClock, SeventyTwoCalendarHoursAcrossTheSpringChange) {
    // Summer time starts 2026-03-29 02:00 CET → 03:00 CEST: the wall clock shows one hour more.
    auto clock = authority_clock(incident_aware("2026-03-27T09:00:00+01:00"), at("2026-03-27T10:00:00+01:00"));
    EXPECT_EQ(format_stockholm(clock.due), "2026-03-30T10:00:00+02:00");
    EXPECT_EQ(clock.remaining, std::chrono::hours(71));
}

TEST(NotificationClock, WeekendsCount) {
    auto clock = authority_clock(incident_aware("2026-11-20T16:00:00+01:00"), at("2026-11-20T16:00:00+01:00"));
    EXPECT_EQ(format_stockholm(clock.due), "2026-11-23T16:00:00+01:00");
}

TEST(NotificationClock, UrgencyBands) {
    auto incident = incident_aware("2026-11-20T10:00:00+01:00");
    EXPECT_EQ(authority_clock(incident, at("2026-11-21T10:00:00+01:00")).urgency, Urgency::running);
    EXPECT_EQ(authority_clock(incident, at("2026-11-22T11:00:00+01:00")).urgency, Urgency::soon);
    EXPECT_EQ(authority_clock(incident, at("2026-11-23T00:00:00+01:00")).urgency, Urgency::critical);
    auto overdue = authority_clock(incident, at("2026-11-23T11:00:00+01:00"));
    EXPECT_EQ(overdue.urgency, Urgency::overdue);
    EXPECT_EQ(overdue.remaining, -std::chrono::hours(1));
}

TEST(NotificationClock, StopsOnceDecidedOrClosed) {
    auto incident = incident_aware("2026-11-20T10:00:00+01:00");
    incident.status = CaseStatus::decided;
    EXPECT_EQ(authority_clock(incident, at("2026-11-25T10:00:00+01:00")).urgency, Urgency::stopped);
}

TEST(NotificationClock, WithoutAwarenessTheReportStartsIt) {
    Incident incident;
    incident.reported_at = at("2026-06-01T08:00:00+02:00");
    EXPECT_EQ(format_stockholm(authority_clock(incident, incident.reported_at).due), "2026-06-04T08:00:00+02:00");
}

TEST(NotificationClock, MostUrgentFirst) {
    auto now = at("2026-11-22T10:00:00+01:00");
    auto early = incident_aware("2026-11-20T10:00:00+01:00");
    auto late = incident_aware("2026-11-21T10:00:00+01:00");
    auto stopped = incident_aware("2026-11-19T10:00:00+01:00");
    stopped.status = CaseStatus::closed;
    EXPECT_TRUE(more_urgent(early, late, now));
    EXPECT_FALSE(more_urgent(late, early, now));
    EXPECT_TRUE(more_urgent(late, stopped, now));
}
