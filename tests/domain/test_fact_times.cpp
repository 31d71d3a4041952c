// The facts' times given as a date alone (issue 12): read as 00:00 Europe/Stockholm of that day,
// marked "time unknown", compared with the other times to the day.
#include <gtest/gtest.h>

#include "domain/incident.hpp"
#include "util/time.hpp"

namespace {

using namespace skydda;

Instant utc(int y, int mo, int d, int h, int mi = 0) {
    using namespace std::chrono;
    return sys_days{year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)}} + hours{h} + minutes{mi};
}

const Instant k_now = utc(2026, 12, 2, 13);

domain::IncidentFacts titled() {
    domain::IncidentFacts facts;
    facts.title = "Fel mottagare";
    return facts;
}

TEST(StockholmDate, ADateIsTheFirstMomentOfThatDayInSwedishTime) {
    EXPECT_EQ(parse_stockholm_date("2026-12-01", "d").value(), utc(2026, 11, 30, 23)); // CET
    EXPECT_EQ(parse_stockholm_date("2026-7-1", "d").value(), utc(2026, 6, 30, 22));   // CEST
    // The days the clocks change: midnight is before the change, so it exists.
    EXPECT_EQ(parse_stockholm_date("2026-03-29", "d").value(), utc(2026, 3, 28, 23));
    EXPECT_EQ(parse_stockholm_date("2026-10-25", "d").value(), utc(2026, 10, 24, 22));
    for (std::string_view bad : {"2026-12-", "2026-12", "2026-02-30", "01-12-2026", "2026-12-01T10:00", "", "2026-123-1"}) {
        auto parsed = parse_stockholm_date(bad, "discovered_at");
        ASSERT_FALSE(parsed) << bad;
        EXPECT_EQ(parsed.error().field, "discovered_at");
    }
    EXPECT_EQ(stockholm_start_of_day(utc(2026, 3, 29, 12)), utc(2026, 3, 28, 23));
    EXPECT_EQ(stockholm_start_of_day(utc(2026, 10, 25, 12)), utc(2026, 10, 24, 22));
    EXPECT_EQ(format_stockholm_date(utc(2026, 11, 30, 23)), "2026-12-01");
    EXPECT_EQ(format_stockholm_clock(utc(2026, 12, 1, 13, 30)), "14:30");
}

TEST(FactTimes, TimeUnknownKeepsItsListSorted) {
    auto facts = titled();
    domain::set_time_unknown(facts, "occurred_at", true);
    domain::set_time_unknown(facts, "discovered_at", true);
    domain::set_time_unknown(facts, "discovered_at", true);
    EXPECT_EQ(facts.time_unknown, (std::vector<std::string>{"discovered_at", "occurred_at"}));
    domain::set_time_unknown(facts, "occurred_at", false);
    EXPECT_EQ(facts.time_unknown, (std::vector<std::string>{"discovered_at"}));
    EXPECT_TRUE(domain::time_unknown(facts, "discovered_at"));
    EXPECT_FALSE(domain::time_unknown(facts, "occurred_at"));
}

TEST(FactTimes, ADateAloneIsComparedToTheDay) {
    auto facts = titled();
    facts.occurred_at = utc(2026, 12, 1, 13); // 14:00 on 1 December
    facts.discovered_at = utc(2026, 11, 30, 23); // 1 December, time unknown
    domain::set_time_unknown(facts, "discovered_at", true);
    EXPECT_TRUE(domain::validate_facts(facts, k_now));
    // Without the mark, 00:00 is before 14:00.
    domain::set_time_unknown(facts, "discovered_at", false);
    auto refused = domain::validate_facts(facts, k_now);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "discovered_at");
    // A date alone the day before the occurrence is still out of order.
    facts.discovered_at = utc(2026, 11, 29, 23);
    domain::set_time_unknown(facts, "discovered_at", true);
    refused = domain::validate_facts(facts, k_now);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "discovered_at");
}

TEST(FactTimes, TimeUnknownMustNameAGivenTimeAtTheStartOfItsDay) {
    auto facts = titled();
    facts.time_unknown = {"discovered_at"};
    auto missing = domain::validate_facts(facts, k_now);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().field, "time_unknown");
    facts.discovered_at = utc(2026, 12, 1, 13);
    auto with_time = domain::validate_facts(facts, k_now);
    ASSERT_FALSE(with_time);
    EXPECT_EQ(with_time.error().field, "discovered_at");
    facts.time_unknown = {"reported_at"};
    auto unknown = domain::validate_facts(facts, k_now);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().field, "time_unknown");
}

TEST(FactTimes, KannedomFromADiscoveryDateAloneIsTheStartOfThatDay) {
    domain::Incident incident;
    incident.facts = titled();
    incident.reported_at = utc(2026, 12, 2, 9);
    incident.facts.discovered_at = parse_stockholm_date("2026-12-01", "discovered_at").value();
    domain::set_time_unknown(incident.facts, "discovered_at", true);
    auto awareness = domain::awareness_of(incident);
    EXPECT_EQ(awareness.at, utc(2026, 11, 30, 23));
    EXPECT_EQ(awareness.source, domain::AwarenessSource::discovered);
}

} // namespace
