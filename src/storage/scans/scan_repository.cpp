#include "storage/scans/scan_repository.hpp"

#include "storage/data_keys.hpp"
#include "util/text.hpp"

namespace skydda::storage {
namespace {

// The summary is encrypted at rest (storage/data_keys.hpp); label, estimate and codes are not.
constexpr const char* k_scan_select =
    "SELECT t.id, t.incident_id, t.label, t.summary_json, t.subjects_estimate, t.data_codes, t.created_by, "
    "t.created_at, t.applied_at, t.data_key_id, i.org_id FROM scan_summaries t JOIN incidents i ON i.id = t.incident_id ";

Result<ScanRecord> read_scan(RowOpener& opener, const Row& row) {
    const auto id = row.text(0);
    auto summary = TRY(opener.open_text(row.text(10), row.text(9), "scan_summaries", "summary_json", id,
                                        row.optional_text(3)));
    ScanRecord record{id,
                      row.text(1),
                      row.text(2),
                      std::move(summary),
                      row.integer(4),
                      {},
                      row.text(6),
                      row.time(7),
                      row.optional_time(8)};
    const std::string codes = row.text(5); // split() returns views into it
    for (auto code : text::split(codes, ','))
        if (!code.empty()) record.data.emplace_back(code);
    return record;
}

} // namespace

Status insert_scan(Connection& db, const ScanRecord& r) {
    std::string codes;
    for (const auto& code : r.data) codes += (codes.empty() ? "" : ",") + code;
    auto sealer = TRY(RowSealer::for_incident(db, r.incident_id));
    TRY(db.execute("INSERT INTO scan_summaries (id, incident_id, label, summary_json, subjects_estimate, data_codes, "
                   "created_by, created_at, data_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {r.id, r.incident_id, text_or_null(r.label),
                    sealer.seal_text("scan_summaries", "summary_json", r.id, r.summary_json), r.subjects_estimate, codes,
                    text_or_null(r.created_by), format_utc(r.created_at), sealer.key_id()}));
    return {};
}

Result<std::optional<ScanRecord>> find_scan(Connection& db, std::string_view id) {
    auto rows = TRY(db.query(std::string(k_scan_select) + "WHERE t.id = ?", {std::string(id)}));
    if (rows.empty()) return std::optional<ScanRecord>();
    RowOpener opener(db);
    return std::optional<ScanRecord>(TRY(read_scan(opener, rows[0])));
}

Result<std::vector<ScanRecord>> list_scans(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query(std::string(k_scan_select) + "WHERE t.incident_id = ? ORDER BY t.created_at DESC, t.id",
                             {std::string(incident_id)}));
    RowOpener opener(db);
    std::vector<ScanRecord> out;
    for (const auto& row : rows) out.push_back(TRY(read_scan(opener, row)));
    return out;
}

Status mark_scan_applied(Connection& db, std::string_view id, Instant at) {
    TRY(db.execute("UPDATE scan_summaries SET applied_at = ? WHERE id = ?", {format_utc(at), std::string(id)}));
    return {};
}

} // namespace skydda::storage
