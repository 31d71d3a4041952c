#include <gtest/gtest.h>

#include "domain/reminders.hpp"

using namespace skydda;
using namespace skydda::domain;
using std::chrono::hours;
using std::chrono::minutes;

namespace {
Instant at(std::string_view text) { return *parse_rfc3339(text, "t"); }

// The reminders of a case in assessment, aware at `aware`: facts → duties → reminders, as the
// scheduler computes them.
struct Case {
    DutyFacts facts;
    Instant aware;
};
Case open_case(std::string_view aware) {
    Case c;
    c.facts.incident_id = "c1";
    c.facts.status = CaseStatus::assessing;
    c.aware = at(aware);
    c.facts.aware = {c.aware, AwarenessSource::given};
    return c;
}
std::vector<Reminder> reminders_due(const Case& c, Instant now) {
    return domain::reminders_due(c.facts.incident_id, case_duties(c.facts, now), now);
}
PromisedSupplement promised(int64_t phase, Instant due) { return {phase, due, false, std::nullopt}; }

std::vector<std::string> keys(const std::vector<Reminder>& reminders) {
    std::vector<std::string> out;
    for (const auto& r : reminders) out.push_back(r.key);
    return out;
}
} // namespace

TEST(Reminders, NoneBeforeFortyEightHoursAreLeft) {
    auto facts = open_case("2026-05-04T09:00:00+02:00");
    EXPECT_TRUE(reminders_due(facts, facts.aware).empty());
    EXPECT_TRUE(reminders_due(facts, facts.aware + hours(24) - minutes(1)).empty());
}

TEST(Reminders, EachPointAtItsTime) {
    auto facts = open_case("2026-05-04T09:00:00+02:00");
    EXPECT_EQ(keys(reminders_due(facts, facts.aware + hours(24))), std::vector<std::string>{"reminder:imy:c1:48"});
    EXPECT_EQ(keys(reminders_due(facts, facts.aware + hours(48))), std::vector<std::string>{"reminder:imy:c1:24"});
    EXPECT_EQ(keys(reminders_due(facts, facts.aware + hours(66))), std::vector<std::string>{"reminder:imy:c1:6"});
    auto r = reminders_due(facts, facts.aware + hours(66));
    EXPECT_EQ(r.at(0).deadline, facts.aware + hours(72));
    EXPECT_EQ(r.at(0).lead, hours(6));
}

TEST(Reminders, OnlyTheNearestWhenSeveralPointsHavePassed) {
    // A server down from 50 to 20 hours before the deadline sends the 24-hour reminder, not the 48.
    auto facts = open_case("2026-05-04T09:00:00+02:00");
    EXPECT_EQ(keys(reminders_due(facts, facts.aware + hours(52))), std::vector<std::string>{"reminder:imy:c1:24"});
    EXPECT_EQ(keys(reminders_due(facts, facts.aware + hours(71))), std::vector<std::string>{"reminder:imy:c1:6"});
}

// After the deadline an open notification is reminded of daily ("a late notification is still
// owed"), for at most k_authority_overdue_days days.
TEST(Reminders, DailyAfterTheDeadlineUntilNotified) {
    auto facts = open_case("2026-05-04T09:00:00+02:00");
    auto at_due = reminders_due(facts, facts.aware + hours(72));
    ASSERT_EQ(keys(at_due), std::vector<std::string>{"reminder:imy:c1:overdue:0"});
    EXPECT_TRUE(at_due[0].overdue);
    EXPECT_EQ(keys(reminders_due(facts, facts.aware + hours(100))), std::vector<std::string>{"reminder:imy:c1:overdue:1"});
    EXPECT_TRUE(reminders_due(facts, facts.aware + hours(72 + 24 * k_authority_overdue_days)).empty());
    facts.facts.authority_notified_at = facts.aware + hours(80);
    EXPECT_TRUE(reminders_due(facts, facts.aware + hours(100)).empty());
}

TEST(Reminders, NoneWhenNotifiedDecidedNotRequiredOrNotABreach) {
    auto facts = open_case("2026-05-04T09:00:00+02:00");
    auto now = facts.aware + hours(60);
    facts.facts.authority_notified_at = facts.aware + hours(1);
    EXPECT_TRUE(reminders_due(facts, now).empty());
    facts.facts.authority_notified_at.reset();
    facts.facts.status = CaseStatus::decided;
    facts.facts.decision = DecisionFacts{false, false, facts.aware + hours(2)};
    EXPECT_TRUE(reminders_due(facts, now).empty());
    // Closed without a decision that requires it: nothing is owed any more.
    facts.facts.decision.reset();
    facts.facts.status = CaseStatus::closed;
    EXPECT_TRUE(reminders_due(facts, now).empty());
    facts.facts.status = CaseStatus::not_a_breach;
    EXPECT_TRUE(reminders_due(facts, now).empty());
}

// The defect of issue 12: a decision to notify is the moment the clock matters most.
TEST(Reminders, DecidedToNotifyKeepsRemindingAlsoWhenClosed) {
    auto facts = open_case("2026-05-04T09:00:00+02:00");
    auto now = facts.aware + hours(60);
    facts.facts.status = CaseStatus::decided;
    facts.facts.decision = DecisionFacts{true, false, facts.aware + hours(2)};
    auto due = reminders_due(facts, now);
    ASSERT_EQ(keys(due), std::vector<std::string>{"reminder:imy:c1:24"});
    EXPECT_TRUE(due[0].decided);
    facts.facts.status = CaseStatus::closed;
    EXPECT_EQ(keys(reminders_due(facts, now)), std::vector<std::string>{"reminder:imy:c1:24"});
}

TEST(Reminders, AutumnChangeCountsRealHoursNotWallClock) {
    // Summer time ends 2026-10-25 03:00 CEST → 02:00 CET. Aware Friday 09:00 CEST; the deadline
    // is Monday 08:00 CET (72 real hours; the wall clock says 71), and the 24-hour reminder
    // comes at Sunday 08:00 CET.
    auto facts = open_case("2026-10-23T09:00:00+02:00");
    auto reminders = reminders_due(facts, at("2026-10-25T08:00:00+01:00"));
    ASSERT_EQ(keys(reminders), std::vector<std::string>{"reminder:imy:c1:24"});
    EXPECT_EQ(format_stockholm(reminders[0].deadline), "2026-10-26T08:00:00+01:00");
    EXPECT_TRUE(reminders_due(facts, at("2026-10-25T07:59:00+01:00")).size() == 1u);
    EXPECT_EQ(keys(reminders_due(facts, at("2026-10-25T07:59:00+01:00"))), std::vector<std::string>{"reminder:imy:c1:48"});
    // The 48-hour point is Saturday 09:00 CEST (still summer time): 48 real hours before Monday
    // 08:00 CET, where a wall-clock count would have said Saturday 08:00.
    EXPECT_EQ(keys(reminders_due(facts, at("2026-10-24T09:00:00+02:00"))), std::vector<std::string>{"reminder:imy:c1:48"});
    EXPECT_TRUE(reminders_due(facts, at("2026-10-24T08:59:59+02:00")).empty());
    // The 6-hour point falls after the change: 02:00 CET on Monday.
    EXPECT_EQ(keys(reminders_due(facts, at("2026-10-26T02:00:00+01:00"))), std::vector<std::string>{"reminder:imy:c1:6"});
}

TEST(Reminders, SupplementSevenDaysAndOneDayBefore) {
    auto facts = open_case("2026-05-04T09:00:00+02:00");
    facts.facts.authority_notified_at = facts.aware + hours(1);
    facts.facts.status = CaseStatus::notified;
    auto due = at("2026-06-01T09:00:00+02:00");
    facts.facts.supplements.push_back(promised(0, due));
    EXPECT_TRUE(reminders_due(facts, due - hours(7 * 24) - minutes(1)).empty());
    EXPECT_EQ(keys(reminders_due(facts, due - hours(7 * 24))), std::vector<std::string>{"reminder:supplement:c1:0:168"});
    EXPECT_EQ(keys(reminders_due(facts, due - hours(3))), std::vector<std::string>{"reminder:supplement:c1:0:24"});
    facts.facts.supplements[0].later_phase_recorded = true;
    EXPECT_TRUE(reminders_due(facts, due - hours(3)).empty());
}

// "A reminder until it is sent": after the due date, one a week while no later phase is
// recorded, for at most k_supplement_overdue_weeks weeks.
TEST(Reminders, SupplementOverdueWeeklyUntilRecorded) {
    auto facts = open_case("2026-05-04T09:00:00+02:00");
    facts.facts.authority_notified_at = facts.aware + hours(1);
    facts.facts.status = CaseStatus::notified;
    auto due = at("2026-06-01T09:00:00+02:00");
    facts.facts.supplements.push_back(promised(0, due));
    auto at_due = reminders_due(facts, due);
    ASSERT_EQ(at_due.size(), 1u);
    EXPECT_TRUE(at_due[0].overdue);
    EXPECT_EQ(at_due[0].key, "reminder:supplement:c1:0:overdue:0");
    EXPECT_EQ(keys(reminders_due(facts, due + hours(6 * 24))), std::vector<std::string>{"reminder:supplement:c1:0:overdue:0"});
    EXPECT_EQ(keys(reminders_due(facts, due + hours(7 * 24))), std::vector<std::string>{"reminder:supplement:c1:0:overdue:1"});
    EXPECT_EQ(keys(reminders_due(facts, due + hours(7 * 24 * 25))),
              std::vector<std::string>{"reminder:supplement:c1:0:overdue:25"});
    EXPECT_TRUE(reminders_due(facts, due + hours(7 * 24 * k_supplement_overdue_weeks)).empty());
    facts.facts.supplements[0].later_phase_recorded = true;
    EXPECT_TRUE(reminders_due(facts, due + hours(7 * 24)).empty());
}

TEST(Reminders, SupplementRemindedAlsoOnAClosedCase) {
    // Closing the case does not discharge a promise made to IMY.
    auto facts = open_case("2026-05-04T09:00:00+02:00");
    facts.facts.status = CaseStatus::closed;
    auto due = at("2026-06-01T09:00:00+02:00");
    facts.facts.supplements.push_back(promised(1, due));
    EXPECT_EQ(keys(reminders_due(facts, due - hours(2))), std::vector<std::string>{"reminder:supplement:c1:1:24"});
}
