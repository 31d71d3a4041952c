#include <gtest/gtest.h>

#include "domain/deadlines.hpp"

using namespace skydda;
using namespace skydda::domain;
using namespace date;

namespace {
Instant at(std::string_view text) { return parse_rfc3339(text, "t").value(); }
std::string local(Instant instant) { return format_stockholm(instant); }
year_month_day ymd(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }
} // namespace

TEST(Deadlines, AuthorityIs72CalendarHours) {
    EXPECT_EQ(local(gdpr_authority_due(at("2026-06-05T14:30:00+02:00"))), "2026-06-08T14:30:00+02:00");
}

TEST(Deadlines, AuthorityAcrossEndOfSummerTimeEndsAnHourEarlierOnTheWallClock) {
    // Summer time ends on Sunday 25 October 2026: 72 real hours end at 08:00 winter time.
    EXPECT_EQ(local(gdpr_authority_due(at("2026-10-23T09:00:00+02:00"))), "2026-10-26T08:00:00+01:00");
}

TEST(Deadlines, AuthorityAcrossStartOfSummerTimeEndsAnHourLaterOnTheWallClock) {
    // Summer time starts on Sunday 29 March 2026.
    EXPECT_EQ(local(gdpr_authority_due(at("2026-03-27T09:00:00+01:00"))), "2026-03-30T10:00:00+02:00");
}

TEST(Deadlines, AuthorityAcrossLeapDay) {
    EXPECT_EQ(local(gdpr_authority_due(at("2028-02-28T12:00:00+01:00"))), "2028-03-02T12:00:00+01:00");
    EXPECT_EQ(local(gdpr_authority_due(at("2027-02-28T12:00:00+01:00"))), "2027-03-03T12:00:00+01:00");
}

TEST(Deadlines, AddMonths1182) {
    EXPECT_EQ(add_months_1182(ymd(2026, 1, 31), 1), ymd(2026, 2, 28));
    EXPECT_EQ(add_months_1182(ymd(2028, 1, 31), 1), ymd(2028, 2, 29));
    EXPECT_EQ(add_months_1182(ymd(2028, 2, 29), 12), ymd(2029, 2, 28));
    EXPECT_EQ(add_months_1182(ymd(2026, 3, 31), 1), ymd(2026, 4, 30));
    EXPECT_EQ(add_months_1182(ymd(2026, 11, 30), 3), ymd(2027, 2, 28));
    EXPECT_EQ(add_months_1182(ymd(2026, 12, 15), 1), ymd(2027, 1, 15));
    EXPECT_EQ(add_months_1182(ymd(2026, 3, 15), -1), ymd(2026, 2, 15));
}

TEST(Deadlines, MonthPeriodEndingOnEaster2027MovesToTuesday) {
    // 26 March 2027 is långfredagen; 27–29 are Saturday, påskdagen and annandag påsk.
    EXPECT_EQ(local(months_after_1182(at("2027-02-26T10:00:00+01:00"), 1)), "2027-03-30T23:59:59+02:00");
}

TEST(Deadlines, MonthPeriodEndingOnMidsummerEveMovesToMonday) {
    EXPECT_EQ(local(months_after_1182(at("2026-05-19T10:00:00+02:00"), 1)), "2026-06-22T23:59:59+02:00");
}

TEST(Deadlines, MonthPeriodEndingOnAscensionMovesToFriday) {
    EXPECT_EQ(local(months_after_1182(at("2027-04-06T10:00:00+02:00"), 1)), "2027-05-07T23:59:59+02:00");
}

TEST(Deadlines, MonthPeriodEndingOnAllSaintsMovesToMonday) {
    // 6 November 2027 is alla helgons dag (a Saturday anyway); the next working day is 8 November.
    EXPECT_EQ(local(months_after_1182(at("2027-10-06T10:00:00+02:00"), 1)), "2027-11-08T23:59:59+01:00");
}

TEST(Deadlines, MonthPeriodUsesTheStockholmDateOfTheEvent) {
    // 23:30 UTC on 31 January is already 1 February in Stockholm.
    EXPECT_EQ(local(months_after_1182(at("2026-01-31T23:30:00Z"), 1)), "2026-03-02T23:59:59+01:00");
}

TEST(Deadlines, SupplementIsFourWeeksAndSkipsChristmas) {
    EXPECT_EQ(local(gdpr_supplement_due(at("2026-11-27T10:00:00+01:00"))), "2026-12-28T23:59:59+01:00");
    EXPECT_EQ(local(gdpr_supplement_due(at("2026-12-01T10:00:00+01:00"))), "2026-12-29T23:59:59+01:00");
}

TEST(Deadlines, ProcessorNotice) {
    const Instant aware = at("2026-10-24T12:00:00+02:00");
    EXPECT_EQ(local(processor_notice_due(aware, std::nullopt)), "2026-10-25T11:00:00+01:00");
    EXPECT_EQ(local(processor_notice_due(aware, 36)), "2026-10-25T23:00:00+01:00");
}

TEST(Deadlines, Nis2) {
    const auto d = nis2_deadlines(at("2026-03-27T09:00:00+01:00"));
    EXPECT_EQ(local(d.early_warning), "2026-03-28T09:00:00+01:00");
    EXPECT_EQ(local(d.notification), "2026-03-30T10:00:00+02:00");
    EXPECT_EQ(local(d.final_report), "2026-04-30T23:59:59+02:00");
    const auto sent = nis2_deadlines(at("2026-03-27T09:00:00+01:00"), at("2026-03-28T09:00:00+01:00"));
    EXPECT_EQ(local(sent.final_report), "2026-04-28T23:59:59+02:00");
}

TEST(Deadlines, DoraInitialIsFourHoursAfterClassificationButAtMost24AfterAwareness) {
    const auto late = dora_deadlines(at("2026-01-10T10:00:00+01:00"), at("2026-01-11T08:00:00+01:00"));
    EXPECT_EQ(local(late.initial), "2026-01-11T10:00:00+01:00");
    EXPECT_EQ(local(late.intermediate), "2026-01-14T10:00:00+01:00");
    EXPECT_EQ(local(late.final_report), "2026-02-16T23:59:59+01:00"); // 14 Feb is a Saturday
    const auto early = dora_deadlines(at("2026-01-10T10:00:00+01:00"), at("2026-01-10T11:00:00+01:00"));
    EXPECT_EQ(local(early.initial), "2026-01-10T15:00:00+01:00");
    const auto unknown = dora_deadlines(at("2026-01-10T10:00:00+01:00"));
    EXPECT_EQ(local(unknown.initial), "2026-01-10T14:00:00+01:00");
}

TEST(Deadlines, Dsar) {
    const auto d = dsar_deadlines(at("2026-01-31T10:00:00+01:00"));
    EXPECT_EQ(local(d.due), "2026-03-02T23:59:59+01:00"); // 28 Feb 2026 is a Saturday
    EXPECT_EQ(local(d.extended_due), "2026-04-30T23:59:59+02:00");
}

TEST(Deadlines, EndOfDayOnTheDayOfTheChange) {
    EXPECT_EQ(local(end_of_stockholm_day(ymd(2026, 10, 25))), "2026-10-25T23:59:59+01:00");
    EXPECT_EQ(local(end_of_stockholm_day(ymd(2026, 3, 29))), "2026-03-29T23:59:59+02:00");
}

TEST(Deadlines, Names) {
    EXPECT_EQ(duty_name(Duty::notify_authority), "notify_authority");
    EXPECT_EQ(duty_name(Duty::dora_final), "dora_final");
    EXPECT_EQ(regime_name(Regime::nis2), "nis2");
}
