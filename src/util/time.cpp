#include "util/time.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>
#include <sstream>

namespace skydda {
namespace {

const date::time_zone* stockholm() {
    static const date::time_zone* zone = date::locate_zone("Europe/Stockholm");
    return zone;
}

bool digits(std::string_view text, size_t pos, size_t count) {
    if (pos + count > text.size()) return false;
    for (size_t i = pos; i < pos + count; ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    return true;
}

int number(std::string_view text, size_t pos, size_t count) {
    int value = 0;
    for (size_t i = pos; i < pos + count; ++i) value = value * 10 + (text[i] - '0');
    return value;
}

struct LocalParts {
    date::year_month_day day;
    std::chrono::seconds time_of_day;
    size_t end;
};

// Reads "YYYY-MM-DDTHH:MM[:SS[.fff]]" and says where it stopped.
std::optional<LocalParts> parse_local_parts(std::string_view text) {
    if (!digits(text, 0, 4) || text.size() < 16 || text[4] != '-' || !digits(text, 5, 2) ||
        text[7] != '-' || !digits(text, 8, 2) || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
        !digits(text, 11, 2) || text[13] != ':' || !digits(text, 14, 2))
        return std::nullopt;
    int hour = number(text, 11, 2), minute = number(text, 14, 2), second = 0;
    size_t pos = 16;
    if (pos < text.size() && text[pos] == ':') {
        if (!digits(text, pos + 1, 2)) return std::nullopt;
        second = number(text, pos + 1, 2);
        pos += 3;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            size_t start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
            if (pos == start) return std::nullopt;
        }
    }
    date::year_month_day day{date::year{number(text, 0, 4)}, date::month(static_cast<unsigned>(number(text, 5, 2))),
                             date::day(static_cast<unsigned>(number(text, 8, 2)))};
    if (!day.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    if (second == 60) second = 59; // leap second: clamp, the law counts hours not SI seconds
    return LocalParts{day, std::chrono::hours(hour) + std::chrono::minutes(minute) + std::chrono::seconds(second), pos};
}

} // namespace

Result<Instant> parse_rfc3339(std::string_view text, std::string_view field) {
    auto bad = [&](std::string message) { return fail(Error::invalid(std::string(field), std::move(message))); };
    auto parts = parse_local_parts(text);
    if (!parts) return bad("must be an RFC 3339 timestamp such as 2026-10-23T09:00:00+02:00");
    std::string_view rest = text.substr(parts->end);
    std::chrono::seconds offset{0};
    if (rest == "Z" || rest == "z") {
    } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && digits(rest, 1, 2) && rest[3] == ':' &&
               digits(rest, 4, 2)) {
        int hours = number(rest, 1, 2), minutes = number(rest, 4, 2);
        if (hours > 23 || minutes > 59) return bad("has an impossible UTC offset");
        offset = std::chrono::hours(hours) + std::chrono::minutes(minutes);
        if (rest[0] == '-') offset = -offset;
    } else if (rest.empty()) {
        return bad("must include a UTC offset (Z or +01:00): local times are ambiguous across summer time");
    } else {
        return bad("must be an RFC 3339 timestamp such as 2026-10-23T09:00:00+02:00");
    }
    return Instant{date::sys_days(parts->day).time_since_epoch() + parts->time_of_day - offset};
}

std::string format_utc(Instant instant) {
    auto day = date::floor<date::days>(instant);
    date::year_month_day ymd(day);
    date::hh_mm_ss<std::chrono::seconds> time(instant - day);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), time.hours().count(),
                       time.minutes().count(), time.seconds().count());
}

std::string format_stockholm(Instant instant) {
    // By hand rather than date::format: that goes through iostreams and locales and was a tenth
    // of the time of serving a case as JSON.
    auto info = stockholm()->get_info(instant);
    auto local = instant + info.offset;
    auto day = date::floor<date::days>(local);
    date::year_month_day ymd(day);
    date::hh_mm_ss<std::chrono::seconds> time(local - day);
    auto offset_minutes = std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
    char sign = offset_minutes < 0 ? '-' : '+';
    offset_minutes = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), time.hours().count(),
                       time.minutes().count(), time.seconds().count(), sign, offset_minutes / 60, offset_minutes % 60);
}

std::string format_stockholm_human(Instant instant) {
    return date::format("%F %R (%Z)", date::make_zoned(stockholm(), instant));
}

std::string format_stockholm_local_input(Instant instant) {
    return date::format("%FT%R", date::make_zoned(stockholm(), instant));
}

Result<Instant> parse_stockholm_local(std::string_view text, std::string_view field) {
    auto parts = parse_local_parts(text);
    if (!parts || parts->end != text.size())
        return fail(Error::invalid(std::string(field), "must be a date and time such as 2026-10-23T09:00"));
    date::local_seconds local{date::local_days(parts->day).time_since_epoch() + parts->time_of_day};
    auto info = stockholm()->get_info(local);
    if (info.result == date::local_info::nonexistent)
        return fail(Error::invalid(std::string(field), "does not exist in Swedish time (the clock moved forward)"));
    return Instant{local.time_since_epoch() - info.first.offset};
}

Result<Instant> parse_stockholm_date(std::string_view text, std::string_view field) {
    auto bad = [&] { return fail(Error::invalid(std::string(field), "must be a date such as 2026-12-01")); };
    // YYYY-M[M]-D[D]
    if (!digits(text, 0, 4) || text.size() < 8 || text[4] != '-') return bad();
    size_t pos = 5;
    auto read = [&](int& out) {
        size_t start = pos;
        while (pos < text.size() && pos - start < 2 && text[pos] >= '0' && text[pos] <= '9') ++pos;
        if (pos == start) return false;
        out = number(text, start, pos - start);
        return true;
    };
    int month = 0, day = 0;
    if (!read(month) || pos >= text.size() || text[pos] != '-') return bad();
    ++pos;
    if (!read(day) || pos != text.size()) return bad();
    date::year_month_day ymd{date::year{number(text, 0, 4)}, date::month(static_cast<unsigned>(month)),
                             date::day(static_cast<unsigned>(day))};
    if (!ymd.ok()) return bad();
    date::local_seconds local{date::local_days(ymd).time_since_epoch()};
    auto info = stockholm()->get_info(local);
    return Instant{local.time_since_epoch() - info.first.offset};
}

Instant stockholm_start_of_day(Instant instant) {
    auto local = date::make_zoned(stockholm(), instant).get_local_time();
    date::local_seconds midnight{date::floor<date::days>(local).time_since_epoch()};
    return Instant{midnight.time_since_epoch() - stockholm()->get_info(midnight).first.offset};
}

std::string format_stockholm_date(Instant instant) {
    return date::format("%F", date::make_zoned(stockholm(), instant));
}

std::string format_stockholm_clock(Instant instant) {
    return date::format("%R", date::make_zoned(stockholm(), instant));
}

int stockholm_year(Instant instant) { return stockholm_date(instant).year; }

LocalDate stockholm_date(Instant instant) {
    auto local = date::make_zoned(stockholm(), instant).get_local_time();
    date::year_month_day day(date::floor<date::days>(local));
    return {static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month())),
            static_cast<int>(static_cast<unsigned>(day.day()))};
}

Instant SystemClock::now() const { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

} // namespace skydda
