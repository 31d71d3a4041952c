// Check-digit, calendar and numbering-plan rules for the identifier recognisers.
#include "scan/validators.hpp"
#include "scan/identifier_ascii.hpp"

#include <algorithm>
#include <array>

namespace skydda::scan {
namespace {

using ascii::all_digits, ascii::to_number, ascii::is_upper, ascii::is_digit;


int two_digits(std::string_view text, size_t at) { return (text[at] - '0') * 10 + (text[at + 1] - '0'); }


// Comparable yyyymmdd of a possibly incomplete date (samordningsnummer may carry month 00 or
// day 60 = unknown): unknown parts count as the first possible value.
long date_ordinal(int year, int month, int day) {
    return static_cast<long>(year) * 10000 + std::max(month, 1) * 100 + std::max(day, 1);
}

bool date_part_valid(int year, int month, int day) {
    if (day >= 60) { // samordningsnummer: day + 60; month 00 and impossible dates occur
        return day <= 91 && month >= 0 && month <= 12;
    }
    return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

} // namespace

bool luhn_valid(std::string_view digits) {
    if (digits.size() < 2 || !all_digits(digits)) return false;
    return luhn_check_digit(digits.substr(0, digits.size() - 1)) == digits.back() - '0';
}

int luhn_check_digit(std::string_view digits) {
    int sum = 0;
    bool doubled = true; // the digit next to the check digit is doubled
    for (size_t i = digits.size(); i-- > 0;) {
        int d = digits[i] - '0';
        if (doubled) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
        doubled = !doubled;
    }
    return (10 - sum % 10) % 10;
}

bool mod11_valid(std::string_view digits) {
    if (!all_digits(digits)) return false;
    int sum = 0, weight = 1;
    for (size_t i = digits.size(); i-- > 0;) {
        sum += (digits[i] - '0') * weight;
        weight = weight == 10 ? 1 : weight + 1;
    }
    return sum % 11 == 0;
}

int mrz_check_digit(std::string_view field) {
    static constexpr std::array<int, 3> k_weights{7, 3, 1};
    int sum = 0;
    for (size_t i = 0; i < field.size(); ++i) {
        char c = field[i];
        int value = 0;
        if (is_digit(c)) value = c - '0';
        else if (is_upper(c)) value = c - 'A' + 10;
        else if (c != '<') return -1;
        sum += value * k_weights[i % 3];
    }
    return sum % 10;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return month == 2 && is_leap_year(year) ? 29 : k_days[static_cast<size_t>(month - 1)];
}

std::optional<uint64_t> normalise_personal_number(std::string_view digits, char separator, CivilDate today) {
    if ((digits.size() != 10 && digits.size() != 12) || !all_digits(digits)) return std::nullopt;
    if (separator != 0 && separator != '-' && separator != '+') return std::nullopt;
    std::string_view ten = digits.substr(digits.size() - 10);
    if (ten.substr(6, 3) == "000" || !luhn_valid(ten)) return std::nullopt;
    int yy = two_digits(ten, 0), month = two_digits(ten, 2), day = two_digits(ten, 4);
    long today_ordinal = date_ordinal(today.year, today.month, today.day);
    int year = 0;
    if (digits.size() == 12) {
        int century = two_digits(digits, 0);
        if (century < 18 || century > 20) return std::nullopt;
        year = century * 100 + yy;
    } else if (separator == '+') {
        // Skatteverket writes '+' from 1 January of the year a person turns 100, so the
        // century comes from the year alone: the latest year ending in YY at least 100 years
        // before this one (born 1926: '+' from 2026-01-01, whatever the birthday).
        int latest = today.year - 100;
        year = latest - ((latest - yy) % 100 + 100) % 100;
    } else {
        // '-' or none: the most recent date not after today. A '-' number also stays right
        // in a text written before the year its holder turned 100.
        year = (today.year / 100) * 100 + yy;
        if (date_ordinal(year, month, day >= 60 ? day - 60 : day) > today_ordinal) year -= 100;
    }
    if (!date_part_valid(year, month, day)) return std::nullopt;
    if (date_ordinal(year, month, day >= 60 ? day - 60 : day) > today_ordinal) return std::nullopt;
    return static_cast<uint64_t>(year / 100) * 10'000'000'000ull + to_number(ten);
}

std::optional<uint64_t> parse_personal_number(std::string_view written, CivilDate today) {
    if (written.size() == 11 || written.size() == 13) {
        size_t at = written.size() - 5;
        char separator = written[at];
        if (separator != '-' && separator != '+') return std::nullopt;
        std::string digits(written.substr(0, at));
        digits += written.substr(at + 1);
        return normalise_personal_number(digits, separator, today);
    }
    return normalise_personal_number(written, 0, today);
}

bool is_coordination_number(uint64_t normalised) { return (normalised / 10000) % 100 >= 60; }

bool organisation_number_valid(std::string_view ten_digits) {
    return ten_digits.size() == 10 && all_digits(ten_digits) && ten_digits[2] >= '2' && luhn_valid(ten_digits);
}

std::optional<uint64_t> parse_organisation_number(std::string_view written) {
    std::string digits;
    for (size_t i = 0; i < written.size(); ++i) {
        if (written[i] == '-' && i + 5 == written.size()) continue;
        digits += written[i];
    }
    if (digits.size() == 12 && digits.starts_with("16")) digits.erase(0, 2);
    if (!organisation_number_valid(digits)) return std::nullopt;
    return to_number(digits);
}

} // namespace skydda::scan
