// The rows of the case register's statistics (case_statistics.hpp).
#include "storage/cases/case_statistics.hpp"

namespace skydda::storage {

Result<std::vector<StatisticsRow>> statistics_rows(Connection& db, const std::vector<std::string>& org_ids,
                                                   std::optional<Instant> from, std::optional<Instant> to) {
    std::vector<StatisticsRow> out;
    if (org_ids.empty()) return out;
    std::string sql =
        "SELECT i.id, i.org_id, i.case_number, i.unit_id, i.status, i.what_happened, i.cause, i.discovered_by, i.risk, "
        "i.reported_at, i.clock_at, i.decided_at, i.notified_at, n.seconds_after_awareness, n.late, n.late_reason, "
        "i.subjects_told_at FROM incidents i LEFT JOIN notifications n ON n.incident_id = i.id AND n.recipient = 'imy' "
        "AND n.phase = 0 WHERE i.org_id IN (";
    std::vector<Value> params;
    for (size_t k = 0; k < org_ids.size(); ++k) {
        sql += k ? ", ?" : "?";
        params.emplace_back(org_ids[k]);
    }
    sql += ")";
    if (from) {
        sql += " AND i.reported_at >= ?";
        params.emplace_back(format_utc(*from));
    }
    if (to) {
        sql += " AND i.reported_at < ?";
        params.emplace_back(format_utc(*to));
    }
    sql += " ORDER BY i.reported_at, i.id";
    for (const auto& row : TRY(db.query(sql, params))) {
        StatisticsRow r;
        r.id = row.text(0);
        r.org_id = row.text(1);
        r.case_number = row.text(2);
        r.unit_id = row.text(3);
        r.status = row.text(4);
        r.what_happened = row.text(5);
        r.cause = row.text(6);
        r.discovered_by = row.text(7);
        r.risk = row.text(8);
        r.reported_at = row.time(9);
        r.clock_at = row.is_null(10) ? r.reported_at : row.time(10);
        r.decided_at = row.optional_time(11);
        r.notified_at = row.optional_time(12);
        r.seconds_to_notification = row.integer(13);
        r.late = row.integer(14) != 0;
        r.late_reason = row.text(15);
        r.subjects_told_at = row.optional_time(16);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace skydda::storage
