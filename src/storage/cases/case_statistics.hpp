// What the case register's statistics count, one row per case: the columns every change of a
// case keeps (migration 16) and the notification to IMY with its lateness, for the cases of
// some organisations reported in a period. The counting itself is app's (app/cases/).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace skydda::storage {

struct StatisticsRow {
    std::string id, org_id, case_number, unit_id, status;
    std::string what_happened, cause, discovered_by, risk; // codes; "" when not given
    Instant reported_at{};
    Instant clock_at{};                   // the instant the 72 hours run from
    std::optional<Instant> decided_at;    // the latest decision
    std::optional<Instant> notified_at;   // IMY notified (phase 0 submitted)
    int64_t seconds_to_notification = 0;  // from awareness, as recorded with the notification
    bool late = false;
    std::string late_reason;
    std::optional<Instant> subjects_told_at;
};

// Cases of `org_ids` reported in [from, to), in report order.
Result<std::vector<StatisticsRow>> statistics_rows(Connection& db, const std::vector<std::string>& org_ids,
                                                   std::optional<Instant> from, std::optional<Instant> to);

// The number of cases of `org_ids` reported in [from, to) (the annual report's trend over the
// years), from the index on (org_id, reported_at).
Result<int64_t> count_reported(Connection& db, const std::vector<std::string>& org_ids, Instant from, Instant to);

// The text the DPO writes for an organisation's annual report of a year (migration 17).
struct AnnualReportText {
    std::string org_id;
    int year = 0;
    std::string body;
    int64_t version = 0; // 1 on the first save; each save adds one
    Instant updated_at{};
    std::string updated_by; // a user id
};
Result<std::optional<AnnualReportText>> find_annual_report_text(Connection& db, std::string_view org_id, int year);
// Inserts version 1 or replaces the stored text, whose version must be `text.version - 1`
// (false when it is not: someone saved in between).
Result<bool> save_annual_report_text(Connection& db, const AnnualReportText& text);

} // namespace skydda::storage
