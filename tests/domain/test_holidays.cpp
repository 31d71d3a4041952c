#include <gtest/gtest.h>

#include "domain/holidays.hpp"

using namespace skydda::domain;
using namespace date;

namespace {
year_month_day ymd(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }
}

TEST(Holidays, EasterSundayKnownYears) {
    EXPECT_EQ(easter_sunday(year{2024}), ymd(2024, 3, 31));
    EXPECT_EQ(easter_sunday(year{2025}), ymd(2025, 4, 20));
    EXPECT_EQ(easter_sunday(year{2026}), ymd(2026, 4, 5));
    EXPECT_EQ(easter_sunday(year{2027}), ymd(2027, 3, 28));
    EXPECT_EQ(easter_sunday(year{2038}), ymd(2038, 4, 25)); // latest possible
    EXPECT_EQ(easter_sunday(year{2285}), ymd(2285, 3, 22)); // earliest possible
}

TEST(Holidays, Easter2027MovableFeasts) {
    EXPECT_TRUE(is_swedish_holiday(ymd(2027, 3, 26)));  // långfredagen
    EXPECT_TRUE(is_swedish_holiday(ymd(2027, 3, 29)));  // annandag påsk
    EXPECT_TRUE(is_swedish_holiday(ymd(2027, 5, 6)));   // Kristi himmelsfärdsdag
    EXPECT_TRUE(is_swedish_holiday(ymd(2027, 5, 16)));  // pingstdagen
    EXPECT_FALSE(is_swedish_holiday(ymd(2027, 3, 25))); // skärtorsdagen is a working day
    EXPECT_FALSE(is_swedish_holiday(ymd(2027, 5, 17))); // annandag pingst is no longer a holiday
}

TEST(Holidays, MidsummerIsFridayBetween19And25June) {
    EXPECT_TRUE(is_swedish_holiday(ymd(2026, 6, 19)));
    EXPECT_TRUE(is_swedish_holiday(ymd(2026, 6, 20)));
    EXPECT_TRUE(is_swedish_holiday(ymd(2027, 6, 25)));
    EXPECT_TRUE(is_swedish_holiday(ymd(2027, 6, 26)));
    EXPECT_FALSE(is_swedish_holiday(ymd(2027, 6, 18)));
    for (int y = 2000; y < 2100; ++y) {
        const auto list = swedish_holidays(year{y});
        auto eve = std::find_if(list.begin(), list.end(), [](const Holiday& h) { return h.name_sv == "midsommarafton"; });
        ASSERT_NE(eve, list.end());
        EXPECT_EQ(weekday{sys_days{eve->day}}, Friday);
        EXPECT_GE(eve->day, year{y} / June / 19);
        EXPECT_LE(eve->day, year{y} / June / 25);
    }
}

TEST(Holidays, AllSaintsIsSaturdayBetween31OctAnd6Nov) {
    EXPECT_TRUE(is_swedish_holiday(ymd(2026, 10, 31)));
    EXPECT_TRUE(is_swedish_holiday(ymd(2027, 11, 6)));
    EXPECT_FALSE(is_swedish_holiday(ymd(2027, 11, 1)));
}

TEST(Holidays, FixedDaysAndEves) {
    for (auto d : {ymd(2026, 1, 1), ymd(2026, 1, 6), ymd(2026, 5, 1), ymd(2026, 6, 6), ymd(2026, 12, 24),
                   ymd(2026, 12, 25), ymd(2026, 12, 26), ymd(2026, 12, 31)})
        EXPECT_TRUE(is_swedish_holiday(d)) << d;
    EXPECT_EQ(swedish_holidays(year{2026}).size(), 16u);
}

TEST(Holidays, WorkingDays) {
    EXPECT_TRUE(is_working_day(ymd(2026, 10, 23)));  // Friday
    EXPECT_FALSE(is_working_day(ymd(2026, 10, 24))); // Saturday
    EXPECT_FALSE(is_working_day(ymd(2026, 10, 25))); // Sunday
    EXPECT_EQ(working_day_on_or_after(ymd(2027, 3, 26)), ymd(2027, 3, 30)); // Easter 2027
    EXPECT_EQ(working_day_on_or_after(ymd(2026, 12, 24)), ymd(2026, 12, 28));
    EXPECT_EQ(working_day_on_or_after(ymd(2026, 12, 31)), ymd(2027, 1, 4));
}
