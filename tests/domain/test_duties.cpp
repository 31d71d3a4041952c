// The duties of a case (domain/duties.hpp): one computation for the page, the API, the lists
// and the reminders.
#include <gtest/gtest.h>

#include "domain/duties.hpp"

using namespace skydda;
using namespace skydda::domain;
using std::chrono::hours;

namespace {
Instant at(std::string_view text) { return *parse_rfc3339(text, "t"); }
DutyFacts aware_at(std::string_view aware, CaseStatus status = CaseStatus::assessing) {
    DutyFacts f;
    f.incident_id = "c1";
    f.status = status;
    f.aware = {at(aware), AwarenessSource::given};
    return f;
}
const CaseDuty& imy(const CaseDuties& d) { return *d.find(Duty::notify_authority); }
} // namespace

TEST(Duties, SeventyTwoCalendarHoursAcrossTheAutumnChange) {
    // Summer time ends 2026-10-25 03:00 CEST → 02:00 CET: the wall clock shows one hour less.
    auto d = case_duties(aware_at("2026-10-23T09:00:00+02:00"), at("2026-10-23T09:00:00+02:00"));
    EXPECT_EQ(format_stockholm(*imy(d).due), "2026-10-26T08:00:00+01:00");
    EXPECT_EQ(imy(d).remaining, hours(72));
}

TEST(Duties, SeventyTwoCalendarHoursAcrossTheSpringChange) {
    auto d = case_duties(aware_at("2026-03-27T09:00:00+01:00"), at("2026-03-27T10:00:00+01:00"));
    EXPECT_EQ(format_stockholm(*imy(d).due), "2026-03-30T10:00:00+02:00");
    EXPECT_EQ(imy(d).remaining, hours(71));
}

TEST(Duties, UrgencyBands) {
    auto f = aware_at("2026-11-20T10:00:00+01:00");
    EXPECT_EQ(case_duties(f, at("2026-11-21T10:00:00+01:00")).urgency(), Urgency::running);
    EXPECT_EQ(case_duties(f, at("2026-11-22T11:00:00+01:00")).urgency(), Urgency::soon);
    EXPECT_EQ(case_duties(f, at("2026-11-23T00:00:00+01:00")).urgency(), Urgency::critical);
    auto overdue = case_duties(f, at("2026-11-23T11:00:00+01:00"));
    EXPECT_EQ(overdue.urgency(), Urgency::overdue);
    EXPECT_EQ(imy(overdue).remaining, -hours(1));
}

// The defect of issue 12: "notify IMY: yes" stopped the clock.
TEST(Duties, ADecisionToNotifyKeepsTheClockRunning) {
    auto f = aware_at("2026-11-20T10:00:00+01:00", CaseStatus::decided);
    f.decision = DecisionFacts{true, false, at("2026-11-21T10:00:00+01:00")};
    auto d = case_duties(f, at("2026-11-21T21:00:00+01:00"));
    ASSERT_NE(d.most_urgent(), nullptr);
    EXPECT_EQ(d.most_urgent()->duty, Duty::notify_authority);
    EXPECT_TRUE(d.most_urgent()->decided);
    EXPECT_EQ(d.most_urgent()->state, DutyState::open);
    EXPECT_EQ(d.most_urgent()->remaining, hours(37));
    EXPECT_EQ(d.urgency(), Urgency::running);
    // Recording the notification fulfils it.
    f.status = CaseStatus::notified;
    f.authority_notified_at = at("2026-11-22T09:00:00+01:00");
    auto done = case_duties(f, at("2026-11-22T10:00:00+01:00"));
    EXPECT_EQ(imy(done).state, DutyState::fulfilled);
    EXPECT_EQ(imy(done).done_at, f.authority_notified_at);
    EXPECT_EQ(done.most_urgent(), nullptr);
    EXPECT_EQ(done.urgency(), Urgency::stopped);
}

TEST(Duties, ADecisionNotToNotifyEndsItAndAReopenedCaseNeedsANewOne) {
    auto f = aware_at("2026-11-20T10:00:00+01:00", CaseStatus::decided);
    f.decision = DecisionFacts{false, false, at("2026-11-21T10:00:00+01:00")};
    auto now = at("2026-11-21T12:00:00+01:00");
    EXPECT_EQ(imy(case_duties(f, now)).state, DutyState::not_required);
    f.status = CaseStatus::closed;
    EXPECT_EQ(imy(case_duties(f, now)).state, DutyState::not_required);
    // Reopened: back in assessment, the old decision no longer settles it.
    f.status = CaseStatus::assessing;
    EXPECT_EQ(imy(case_duties(f, now)).state, DutyState::open);
    EXPECT_FALSE(imy(case_duties(f, now)).decided);
}

TEST(Duties, NotABreachRequiresNothingAndClosingEndsWhatNothingRequires) {
    auto f = aware_at("2026-11-20T10:00:00+01:00", CaseStatus::not_a_breach);
    auto now = at("2026-11-21T12:00:00+01:00");
    EXPECT_EQ(imy(case_duties(f, now)).state, DutyState::not_required);
    f.status = CaseStatus::closed;
    EXPECT_EQ(imy(case_duties(f, now)).state, DutyState::ended);
    f.decision = DecisionFacts{true, false, now};
    EXPECT_EQ(imy(case_duties(f, now)).state, DutyState::open); // decided to notify: still owed
}

TEST(Duties, PeopleToldWhenAllAreInformedOrAnExemptionIsRecorded) {
    auto f = aware_at("2026-11-20T10:00:00+01:00", CaseStatus::notified);
    f.authority_notified_at = at("2026-11-21T10:00:00+01:00");
    f.decision = DecisionFacts{true, true, at("2026-11-21T09:00:00+01:00")};
    auto now = at("2026-11-22T10:00:00+01:00");
    const auto held = case_duties(f, now); // find() points into it
    const auto* people = held.find(Duty::notify_subjects);
    ASSERT_NE(people, nullptr);
    EXPECT_EQ(people->state, DutyState::open);
    EXPECT_FALSE(people->due.has_value());
    EXPECT_EQ(case_duties(f, now).urgency(), Urgency::undue_delay);
    f.recipients = 3;
    f.recipients_informed = 2;
    EXPECT_EQ(case_duties(f, now).find(Duty::notify_subjects)->state, DutyState::open);
    f.recipients_informed = 3;
    f.recipients_informed_at = at("2026-11-22T09:00:00+01:00");
    EXPECT_EQ(case_duties(f, now).find(Duty::notify_subjects)->state, DutyState::fulfilled);
    // Art. 34(3)(c): an exemption for disproportionate effort needs a public communication.
    f.recipients = 0;
    f.exemption_ground = "disproportionate_effort";
    f.exemption_at = now;
    auto d = case_duties(f, now);
    EXPECT_EQ(d.find(Duty::notify_subjects)->state, DutyState::not_required);
    ASSERT_NE(d.find(Duty::public_communication), nullptr);
    EXPECT_EQ(d.find(Duty::public_communication)->state, DutyState::open);
    f.public_communication_at = now;
    EXPECT_EQ(case_duties(f, now).find(Duty::public_communication)->state, DutyState::fulfilled);
}

TEST(Duties, AProcessorTellsTheControllerInsteadOfIMY) {
    auto f = aware_at("2026-11-20T10:00:00+01:00");
    f.processor = true;
    f.controller_notice_hours = 36;
    auto d = case_duties(f, at("2026-11-20T12:00:00+01:00"));
    EXPECT_EQ(d.find(Duty::notify_authority), nullptr);
    ASSERT_NE(d.find(Duty::notify_controller), nullptr);
    EXPECT_EQ(*d.find(Duty::notify_controller)->due, at("2026-11-21T22:00:00+01:00"));
    f.controller_notices = 2;
    f.controller_notices_sent = 1;
    EXPECT_EQ(case_duties(f, at("2026-11-20T12:00:00+01:00")).find(Duty::notify_controller)->state, DutyState::open);
    f.controller_notices_sent = 2;
    f.controller_notified_at = at("2026-11-20T11:00:00+01:00");
    EXPECT_EQ(case_duties(f, at("2026-11-20T12:00:00+01:00")).find(Duty::notify_controller)->state, DutyState::fulfilled);
}

TEST(Duties, SupplementsStayOwedAfterClosing) {
    auto f = aware_at("2026-11-20T10:00:00+01:00", CaseStatus::closed);
    f.authority_notified_at = at("2026-11-21T10:00:00+01:00");
    f.supplements.push_back({0, at("2026-12-19T23:59:59+01:00"), false, std::nullopt});
    auto d = case_duties(f, at("2026-12-01T10:00:00+01:00"));
    ASSERT_NE(d.most_urgent(), nullptr);
    EXPECT_EQ(d.most_urgent()->duty, Duty::supplement_authority);
    f.supplements[0].later_phase_recorded = true;
    EXPECT_EQ(case_duties(f, at("2026-12-01T10:00:00+01:00")).most_urgent(), nullptr);
}

// NIS2 steps run from kännedom, whatever IMY's duty is, until each report is recorded; the
// final report runs one month from the incident notification as sent.
TEST(Duties, Nis2StepsRunUntilEachReportIsRecorded) {
    auto f = aware_at("2026-11-20T10:00:00+01:00", CaseStatus::decided);
    f.decision = DecisionFacts{false, false, at("2026-11-20T12:00:00+01:00")};
    f.nis2 = true;
    auto now = at("2026-11-20T12:00:00+01:00");
    auto d = case_duties(f, now);
    ASSERT_NE(d.find(Duty::nis2_early_warning), nullptr);
    EXPECT_EQ(*d.find(Duty::nis2_early_warning)->due, at("2026-11-21T10:00:00+01:00"));
    ASSERT_NE(d.most_urgent(), nullptr);
    EXPECT_EQ(d.most_urgent()->duty, Duty::nis2_early_warning);
    f.nis2_reports = {at("2026-11-20T11:00:00+01:00")};
    d = case_duties(f, now);
    EXPECT_EQ(d.find(Duty::nis2_early_warning)->state, DutyState::fulfilled);
    EXPECT_EQ(d.most_urgent()->duty, Duty::nis2_notification);
    f.nis2_reports.push_back(at("2026-11-22T15:00:00+01:00"));
    d = case_duties(f, now);
    EXPECT_EQ(d.find(Duty::nis2_notification)->state, DutyState::fulfilled);
    // One month from the notification as sent: 2026-12-22, end of that (working) day.
    EXPECT_EQ(*d.find(Duty::nis2_final_report)->due, months_after_1182(at("2026-11-22T15:00:00+01:00"), 1));
}

TEST(Duties, OtherRecordedNotificationsFulfilTheirDuties) {
    auto f = aware_at("2026-11-20T10:00:00+01:00", CaseStatus::notified);
    f.authority_notified_at = at("2026-11-21T10:00:00+01:00");
    f.decision = DecisionFacts{true, true, at("2026-11-21T09:00:00+01:00")};
    auto now = at("2026-11-22T10:00:00+01:00");
    EXPECT_EQ(case_duties(f, now).find(Duty::notify_subjects)->state, DutyState::open);
    f.subjects_notified_at = at("2026-11-22T09:00:00+01:00"); // told by telephone, recorded
    EXPECT_EQ(case_duties(f, now).find(Duty::notify_subjects)->state, DutyState::fulfilled);
    auto p = aware_at("2026-11-20T10:00:00+01:00");
    p.processor = true;
    p.controller_recorded_at = at("2026-11-20T11:00:00+01:00");
    EXPECT_EQ(case_duties(p, now).find(Duty::notify_controller)->state, DutyState::fulfilled);
}

TEST(Duties, MostUrgentFirstDecidedFirstOnATie) {
    auto now = at("2026-11-22T10:00:00+01:00");
    auto early = case_duties(aware_at("2026-11-20T10:00:00+01:00"), now);
    auto late = case_duties(aware_at("2026-11-21T10:00:00+01:00"), now);
    auto decided_facts = aware_at("2026-11-21T10:00:00+01:00", CaseStatus::decided);
    decided_facts.decision = DecisionFacts{true, false, now};
    auto decided = case_duties(decided_facts, now);
    auto stopped = case_duties(aware_at("2026-11-19T10:00:00+01:00", CaseStatus::not_a_breach), now);
    EXPECT_TRUE(more_urgent(early, late));
    EXPECT_FALSE(more_urgent(late, early));
    EXPECT_TRUE(more_urgent(decided, late));
    EXPECT_FALSE(more_urgent(late, decided));
    EXPECT_TRUE(more_urgent(late, stopped));
    EXPECT_TRUE(more_urgent(decided, stopped));
}

// Kännedom: when unknown, the earliest time anyone knew; never later than the report.
TEST(Awareness, TheDiscoveryWhenKannedomIsUnknownNeverLaterThanTheReport) {
    Incident incident;
    incident.reported_at = at("2026-12-01T19:30:00+01:00");
    EXPECT_EQ(awareness_of(incident).at, incident.reported_at);
    EXPECT_EQ(awareness_of(incident).source, AwarenessSource::reported);
    incident.facts.discovered_at = at("2026-12-01T08:30:00+01:00"); // eleven hours earlier
    EXPECT_EQ(awareness_of(incident).at, *incident.facts.discovered_at);
    EXPECT_EQ(awareness_of(incident).source, AwarenessSource::discovered);
    incident.facts.aware_at = at("2026-12-01T09:00:00+01:00");
    EXPECT_EQ(awareness_of(incident).at, *incident.facts.aware_at);
    EXPECT_EQ(awareness_of(incident).source, AwarenessSource::given);
    incident.facts.aware_at = at("2026-12-02T09:00:00+01:00"); // later than the report
    EXPECT_EQ(awareness_of(incident).at, incident.reported_at);
    EXPECT_EQ(awareness_of(incident).source, AwarenessSource::reported);
}
