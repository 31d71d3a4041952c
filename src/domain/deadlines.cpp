#include "domain/deadlines.hpp"

#include <date/tz.h>

#include "domain/holidays.hpp"

namespace skydda::domain {
namespace {

using namespace std::chrono_literals;

const date::time_zone* stockholm() {
    static const date::time_zone* zone = date::locate_zone("Europe/Stockholm");
    return zone;
}

Instant end_of_working_day_on_or_after(date::year_month_day day) {
    return end_of_stockholm_day(working_day_on_or_after(day));
}

} // namespace

std::string_view regime_name(Regime regime) {
    switch (regime) {
    case Regime::gdpr: return "gdpr";
    case Regime::nis2: return "nis2";
    case Regime::dora: return "dora";
    }
    return "gdpr";
}

std::string_view duty_name(Duty duty) {
    switch (duty) {
    case Duty::notify_authority: return "notify_authority";
    case Duty::supplement_authority: return "supplement_authority";
    case Duty::notify_controller: return "notify_controller";
    case Duty::notify_subjects: return "notify_subjects";
    case Duty::public_communication: return "public_communication";
    case Duty::nis2_early_warning: return "nis2_early_warning";
    case Duty::nis2_notification: return "nis2_notification";
    case Duty::nis2_final_report: return "nis2_final_report";
    case Duty::dora_initial: return "dora_initial";
    case Duty::dora_intermediate: return "dora_intermediate";
    case Duty::dora_final: return "dora_final";
    }
    return "notify_authority";
}

date::year_month_day add_months_1182(date::year_month_day day, int months) {
    const date::year_month target = date::year_month{day.year(), day.month()} + date::months{months};
    const date::day last = (target / date::last).day();
    return target / (day.day() <= last ? day.day() : last);
}

date::year_month_day stockholm_date(Instant instant) {
    const auto local = date::make_zoned(stockholm(), instant).get_local_time();
    return date::year_month_day{date::floor<date::days>(local)};
}

Instant end_of_stockholm_day(date::year_month_day day) {
    // 23:59:59 always exists in Stockholm (the summer time changes happen at 02:00/03:00).
    const date::local_seconds local{date::local_days{day}.time_since_epoch() + 24h - 1s};
    return date::make_zoned(stockholm(), local, date::choose::earliest).get_sys_time();
}

Instant months_after_1182(Instant event, int months) {
    return end_of_working_day_on_or_after(add_months_1182(stockholm_date(event), months));
}

Instant weeks_after_1182(Instant event, int weeks) {
    const date::sys_days later = date::sys_days{stockholm_date(event)} + date::weeks{weeks};
    return end_of_working_day_on_or_after(date::year_month_day{later});
}

Instant gdpr_authority_due(Instant aware) { return aware + k_gdpr_authority_period; }

Instant gdpr_supplement_due(Instant notified) { return weeks_after_1182(notified, 4); }

Instant processor_notice_due(Instant aware, std::optional<int> contract_hours) {
    if (contract_hours) return aware + std::chrono::hours{*contract_hours};
    return aware + k_default_controller_notice;
}

Nis2Deadlines nis2_deadlines(Instant aware, std::optional<Instant> notified) {
    const Instant notification = aware + 72h;
    return {aware + 24h, notification, months_after_1182(notified.value_or(notification), 1)};
}

DoraDeadlines dora_deadlines(Instant aware, std::optional<Instant> classified) {
    // Four hours after classification, but never later than 24 hours after awareness.
    const Instant from_classification = classified.value_or(aware) + 4h;
    const Instant initial = std::min(from_classification, aware + 24h);
    const Instant intermediate = initial + 72h;
    return {initial, intermediate, months_after_1182(intermediate, 1)};
}

DsarDeadlines dsar_deadlines(Instant received) {
    return {months_after_1182(received, 1), months_after_1182(received, 3)};
}

} // namespace skydda::domain
