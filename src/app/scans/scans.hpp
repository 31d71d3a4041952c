// scans/: the scans of leaked data stored on a case (counts and data codes, never identifiers)
// and applying a scan's findings to the case's facts. The use cases are App's (app/app.hpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "storage/scans/scan_repository.hpp"

namespace skydda::app {

// The scan row this capability hands to the web layer, under app's name (web never names storage).
using storage::ScanRecord;

// What `skydda scan --attach` stores on a case: counts and data codes, never identifiers.
struct ScanAttachment {
    std::string summary_json; // skydda.scan/1 totals and findings, without paths or examples
    std::vector<std::string> data;
    int64_t subjects_estimate = 0;
    std::string label;
};

} // namespace skydda::app
