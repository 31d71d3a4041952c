#include <gtest/gtest.h>

#include "util/time.hpp"

using namespace skydda;

TEST(StockholmDate, IsTheLocalCalendarDayNotTheUtcOne) {
    auto winter = stockholm_date(*parse_rfc3339("2026-11-29T23:30:00Z", "t")); // 00:30 CET
    EXPECT_EQ(winter.year, 2026);
    EXPECT_EQ(winter.month, 11);
    EXPECT_EQ(winter.day, 30);
    auto summer = stockholm_date(*parse_rfc3339("2026-06-30T22:30:00Z", "t")); // 00:30 CEST
    EXPECT_EQ(summer.month, 7);
    EXPECT_EQ(summer.day, 1);
    EXPECT_EQ(stockholm_year(*parse_rfc3339("2026-12-31T23:30:00Z", "t")), 2027);
}
