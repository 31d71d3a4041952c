#include "storage/scan_repository.hpp"

#include "util/text.hpp"

namespace skydda::storage {
namespace {

constexpr const char* k_scan_select =
    "SELECT id, incident_id, label, summary_json, subjects_estimate, data_codes, created_by, created_at, applied_at "
    "FROM scan_summaries ";

ScanRecord read_scan(const Row& row) {
    ScanRecord record{row.text(0), row.text(1), row.text(2), row.text(3), row.integer(4), {}, row.text(6),
                      row.time(7), row.optional_time(8)};
    const std::string codes = row.text(5); // split() returns views into it
    for (auto code : text::split(codes, ','))
        if (!code.empty()) record.data.emplace_back(code);
    return record;
}

} // namespace

Status insert_scan(Connection& db, const ScanRecord& r) {
    std::string codes;
    for (const auto& code : r.data) codes += (codes.empty() ? "" : ",") + code;
    TRY(db.execute("INSERT INTO scan_summaries (id, incident_id, label, summary_json, subjects_estimate, data_codes, "
                   "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   {r.id, r.incident_id, text_or_null(r.label), r.summary_json, r.subjects_estimate, codes,
                    text_or_null(r.created_by), format_utc(r.created_at)}));
    return {};
}

Result<std::optional<ScanRecord>> find_scan(Connection& db, std::string_view id) {
    auto rows = TRY(db.query(std::string(k_scan_select) + "WHERE id = ?", {std::string(id)}));
    if (rows.empty()) return std::optional<ScanRecord>();
    return std::optional<ScanRecord>(read_scan(rows[0]));
}

Result<std::vector<ScanRecord>> list_scans(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query(std::string(k_scan_select) + "WHERE incident_id = ? ORDER BY created_at DESC, id",
                             {std::string(incident_id)}));
    std::vector<ScanRecord> out;
    for (const auto& row : rows) out.push_back(read_scan(row));
    return out;
}

Status mark_scan_applied(Connection& db, std::string_view id, Instant at) {
    TRY(db.execute("UPDATE scan_summaries SET applied_at = ? WHERE id = ?", {format_utc(at), std::string(id)}));
    return {};
}

} // namespace skydda::storage
