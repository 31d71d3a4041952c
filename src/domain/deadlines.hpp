// Time limits for breach reporting (GDPR, NIS2, DORA) and data subject requests.
// Hour periods are calendar hours on UTC instants, so summer time cannot shift them; day, week
// and month periods follow Regulation (EEC, Euratom) 1182/71 on Swedish (Europe/Stockholm)
// calendar days and end at the end of a working day. Pure: no clock reads.
#pragma once
#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/time.hpp"

namespace skydda::domain {

enum class Regime { gdpr, nis2, dora };
std::string_view regime_name(Regime regime); // "gdpr"

enum class Duty {
    notify_authority,     // GDPR art. 33(1): IMY within 72 h of awareness
    supplement_authority, // IMY practice: supplement within 4 weeks of the notification
    notify_controller,    // GDPR art. 33(2): processor → controller, without undue delay
    notify_subjects,      // GDPR art. 34(1): without undue delay (no fixed instant)
    public_communication, // GDPR art. 34(3)(c): instead of individual notices
    nis2_early_warning,   // NIS2 art. 23(4)(a): 24 h
    nis2_notification,    // NIS2 art. 23(4)(b): 72 h
    nis2_final_report,    // NIS2 art. 23(4)(d): one month after the notification
    dora_initial,         // Reg. 2025/301 art. 5(1)(a)
    dora_intermediate,    // art. 5(1)(b)
    dora_final,           // art. 5(1)(c)
};
std::string_view duty_name(Duty duty); // "notify_authority"

struct Deadline {
    Duty duty;
    Regime regime;
    std::optional<Instant> due; // nullopt: "without undue delay", no fixed instant
    std::string basis;          // "GDPR art. 33(1)"
};

inline constexpr std::chrono::hours k_gdpr_authority_period{72};
inline constexpr std::chrono::hours k_default_controller_notice{24};

// --- calendar arithmetic (Europe/Stockholm dates) ---------------------------------------------

// Regulation 1182/71 art. 3(2)(c): the same date n months later; the last day of that month
// when the date does not exist (31 January + 1 month = 28/29 February). n may be negative.
date::year_month_day add_months_1182(date::year_month_day day, int months);
date::year_month_day stockholm_date(Instant instant);
// The last second of a Stockholm calendar day (23:59:59 local, with that day's offset).
Instant end_of_stockholm_day(date::year_month_day day);
// A period of n months from an event: ends at the end of the same date (add_months_1182) and,
// when that is a Saturday, Sunday or Swedish holiday, at the end of the next working day.
Instant months_after_1182(Instant event, int months);
// The same for weeks (art. 3(2)(c): the same weekday n weeks later, then art. 3(4)).
Instant weeks_after_1182(Instant event, int weeks);

// --- the duties ------------------------------------------------------------------------------

Instant gdpr_authority_due(Instant aware);         // aware + 72 h
Instant gdpr_supplement_due(Instant notified);     // notified + 4 weeks (1182/71)
// aware + the contract's hours, or + 24 h as the target for "without undue delay".
Instant processor_notice_due(Instant aware, std::optional<int> contract_hours);

struct Nis2Deadlines {
    Instant early_warning; // aware + 24 h
    Instant notification;  // aware + 72 h
    Instant final_report;  // one month after the notification (sent, or else its latest time)
};
Nis2Deadlines nis2_deadlines(Instant aware, std::optional<Instant> notified = std::nullopt);

struct DoraDeadlines {
    Instant initial;      // min(classified + 4 h, aware + 24 h); classified unknown → aware
    Instant intermediate; // 72 h after the initial report (sent, or else its latest time)
    Instant final_report; // one month after the intermediate report
};
DoraDeadlines dora_deadlines(Instant aware, std::optional<Instant> classified = std::nullopt);

// Data subject requests, GDPR art. 12(3): one month from receipt, extendable by two further
// months when the person is told within the first month.
struct DsarDeadlines {
    Instant due;
    Instant extended_due;
};
DsarDeadlines dsar_deadlines(Instant received);

} // namespace skydda::domain
