// The Swedish public holiday calendar, computed for any year (no table to keep up to date).
// Deadlines counted in days, weeks or months move off these days (Regulation 1182/71 art. 3(4)).
#pragma once
#include <date/date.h>

#include <string_view>
#include <vector>

namespace skydda::domain {

struct Holiday {
    date::year_month_day day;
    std::string_view name_sv; // "långfredagen"
    std::string_view name_en; // "Good Friday"
};

// Gregorian Easter Sunday (anonymous Gregorian algorithm, valid for every Gregorian year).
date::year_month_day easter_sunday(date::year year);

// Every Swedish holiday of the year in date order, including the de facto non-working eves
// (midsommarafton, julafton, nyårsafton) that the calendar treats as holidays for deadlines.
std::vector<Holiday> swedish_holidays(date::year year);

bool is_swedish_holiday(date::year_month_day day);
// A working day is Monday to Friday and not a Swedish holiday.
bool is_working_day(date::year_month_day day);
// The day itself when it is a working day, else the first working day after it.
date::year_month_day working_day_on_or_after(date::year_month_day day);

} // namespace skydda::domain
