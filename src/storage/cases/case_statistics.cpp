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

namespace {
std::string in_list(const std::vector<std::string>& ids, std::vector<Value>& params) {
    std::string sql = "(";
    for (size_t k = 0; k < ids.size(); ++k) {
        sql += k ? ", ?" : "?";
        params.emplace_back(ids[k]);
    }
    return sql + ")";
}
} // namespace

Result<int64_t> count_reported(Connection& db, const std::vector<std::string>& org_ids, Instant from, Instant to) {
    if (org_ids.empty()) return int64_t{0};
    std::vector<Value> params;
    std::string sql = "SELECT COUNT(*) FROM incidents WHERE org_id IN " + in_list(org_ids, params) +
                      " AND reported_at >= ? AND reported_at < ?";
    params.emplace_back(format_utc(from));
    params.emplace_back(format_utc(to));
    auto rows = TRY(db.query(sql, params));
    return rows.empty() ? int64_t{0} : rows.front().integer(0);
}

Result<std::optional<AnnualReportText>> find_annual_report_text(Connection& db, std::string_view org_id, int year) {
    auto rows = TRY(db.query("SELECT body, version, updated_at, updated_by FROM annual_report_texts WHERE org_id = ? AND "
                             "year = ?",
                             {std::string(org_id), int64_t{year}}));
    if (rows.empty()) return std::optional<AnnualReportText>();
    const auto& row = rows.front();
    return std::optional<AnnualReportText>(
        AnnualReportText{std::string(org_id), year, row.text(0), row.integer(1), row.time(2), row.text(3)});
}

Result<bool> save_annual_report_text(Connection& db, const AnnualReportText& text) {
    if (text.version == 1) {
        auto existing = TRY(find_annual_report_text(db, text.org_id, text.year));
        if (existing) return false;
        TRY(db.execute("INSERT INTO annual_report_texts (org_id, year, body, version, updated_at, updated_by) VALUES (?, "
                       "?, ?, ?, ?, ?)",
                       {text.org_id, int64_t{text.year}, text.body, text.version, format_utc(text.updated_at),
                        text.updated_by}));
        return true;
    }
    auto changed = TRY(db.execute("UPDATE annual_report_texts SET body = ?, version = ?, updated_at = ?, updated_by = ? "
                                  "WHERE org_id = ? AND year = ? AND version = ?",
                                  {text.body, text.version, format_utc(text.updated_at), text.updated_by, text.org_id,
                                   int64_t{text.year}, text.version - 1}));
    return changed == 1;
}

} // namespace skydda::storage
