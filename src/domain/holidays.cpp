#include "domain/holidays.hpp"

#include <algorithm>

namespace skydda::domain {
namespace {

using date::days;
using date::sys_days;
using date::year_month_day;

year_month_day shift(year_month_day day, int by) { return year_month_day{sys_days{day} + days{by}}; }

// The first given weekday on or after the given date: midsommarafton is the Friday in
// 19–25 June, alla helgons dag the Saturday in 31 October–6 November.
year_month_day weekday_on_or_after(year_month_day from, date::weekday wanted) {
    sys_days day{from};
    while (date::weekday{day} != wanted) day += days{1};
    return year_month_day{day};
}

} // namespace

year_month_day easter_sunday(date::year year) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int y = static_cast<int>(year);
    const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return year / date::month(static_cast<unsigned>(month)) / date::day(static_cast<unsigned>(day));
}

std::vector<Holiday> swedish_holidays(date::year year) {
    using namespace date::literals;
    const year_month_day easter = easter_sunday(year);
    const year_month_day midsummer_eve = weekday_on_or_after(year / date::June / 19, date::Friday);
    // Lag (1989:253) om allmänna helgdagar lists the holidays proper. Midsommarafton, julafton
    // and nyårsafton are not legal holidays, but public offices and most workplaces are closed
    // and Swedish practice (e.g. förvaltningslagen's time limits, bank days) treats them as
    // non-working days. A deadline that moved onto them would in practice be missed, so we
    // treat them as holidays: this errs on the side of the later deadline only by a day and
    // matches how IMY and courts handle their own office days.
    std::vector<Holiday> list{
        {year / date::January / 1, "nyårsdagen", "New Year's Day"},
        {year / date::January / 6, "trettondedag jul", "Epiphany"},
        {shift(easter, -2), "långfredagen", "Good Friday"},
        {easter, "påskdagen", "Easter Sunday"},
        {shift(easter, 1), "annandag påsk", "Easter Monday"},
        {year / date::May / 1, "första maj", "May Day"},
        {shift(easter, 39), "Kristi himmelsfärdsdag", "Ascension Day"},
        {shift(easter, 49), "pingstdagen", "Whit Sunday"},
        {year / date::June / 6, "Sveriges nationaldag", "National Day of Sweden"},
        {midsummer_eve, "midsommarafton", "Midsummer Eve"},
        {shift(midsummer_eve, 1), "midsommardagen", "Midsummer Day"},
        {weekday_on_or_after(year / date::October / 31, date::Saturday), "alla helgons dag", "All Saints' Day"},
        {year / date::December / 24, "julafton", "Christmas Eve"},
        {year / date::December / 25, "juldagen", "Christmas Day"},
        {year / date::December / 26, "annandag jul", "Boxing Day"},
        {year / date::December / 31, "nyårsafton", "New Year's Eve"},
    };
    std::sort(list.begin(), list.end(), [](const Holiday& a, const Holiday& b) { return a.day < b.day; });
    return list;
}

bool is_swedish_holiday(year_month_day day) {
    const auto list = swedish_holidays(day.year());
    return std::any_of(list.begin(), list.end(), [&](const Holiday& h) { return h.day == day; });
}

bool is_working_day(year_month_day day) {
    const date::weekday weekday{sys_days{day}};
    if (weekday == date::Saturday || weekday == date::Sunday) return false;
    return !is_swedish_holiday(day);
}

year_month_day working_day_on_or_after(year_month_day day) {
    while (!is_working_day(day)) day = shift(day, 1);
    return day;
}

} // namespace skydda::domain
