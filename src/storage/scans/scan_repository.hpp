// Scan summaries stored on a case (table `scan_summaries`): what `skydda scan --attach` found,
// as counts and data codes only. Identifiers and file paths are never stored.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "util/time.hpp"

namespace skydda::storage {

struct ScanRecord {
    std::string id, incident_id, label;
    std::string summary_json;        // skydda.scan/1 without paths or examples
    int64_t subjects_estimate = 0;
    std::vector<std::string> data;   // assessment contract data codes found
    std::string created_by;          // empty: the local operator (CLI)
    Instant created_at{};
    std::optional<Instant> applied_at; // when its figures were copied into the case's facts
};

Status insert_scan(Connection& db, const ScanRecord& record);
Result<std::optional<ScanRecord>> find_scan(Connection& db, std::string_view id);
// Newest first.
Result<std::vector<ScanRecord>> list_scans(Connection& db, std::string_view incident_id);
Status mark_scan_applied(Connection& db, std::string_view id, Instant at);

} // namespace skydda::storage
