// Instants, RFC 3339 parsing/printing and Europe/Stockholm local time. Domain code never reads
// the system clock: it is handed a Clock.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace skydda {

using Instant = std::chrono::sys_seconds;

// Parses "2026-10-23T09:00:00+02:00" / "...Z" (fraction of seconds allowed and dropped).
// A timestamp without an offset is refused: local times are ambiguous across summer time.
Result<Instant> parse_rfc3339(std::string_view text, std::string_view field);
std::string format_utc(Instant instant);        // 2026-10-23T07:00:00Z
std::string format_stockholm(Instant instant);  // 2026-10-23T09:00:00+02:00
std::string format_stockholm_human(Instant instant); // 2026-10-23 09:00 (CEST)
// "2026-10-23T09:00" as written by <input type=datetime-local>, read as Europe/Stockholm wall
// time. A time skipped by the spring change is refused; an ambiguous autumn time takes the
// earlier instant.
Result<Instant> parse_stockholm_local(std::string_view text, std::string_view field);
std::string format_stockholm_local_input(Instant instant); // for <input type=datetime-local>
// A calendar date alone, "2026-12-01" (ISO 8601; month and day may have one digit), as the first
// moment of that day in Europe/Stockholm (00:00 always exists there: the clocks change at 02:00
// and 03:00).
Result<Instant> parse_stockholm_date(std::string_view text, std::string_view field);
// 00:00 Europe/Stockholm of the day `instant` falls on there.
Instant stockholm_start_of_day(Instant instant);
std::string format_stockholm_date(Instant instant); // "2026-12-01", the date in Europe/Stockholm
std::string format_stockholm_clock(Instant instant); // "14:30", the time of day in Europe/Stockholm
int stockholm_year(Instant instant);
struct LocalDate {
    int year, month, day;
};
LocalDate stockholm_date(Instant instant); // the calendar date in Europe/Stockholm

class Clock {
public:
    virtual ~Clock() = default;
    virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
public:
    Instant now() const override;
};

// For tests and replays: time stands still until moved.
class ManualClock final : public Clock {
public:
    explicit ManualClock(Instant start) : m_now(start) {}
    Instant now() const override { return m_now; }
    void advance(std::chrono::seconds by) { m_now += by; }
    void set(Instant to) { m_now = to; }

private:
    Instant m_now;
};

} // namespace skydda
