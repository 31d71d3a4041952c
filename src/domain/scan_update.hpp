// What a personal data scan's findings would change in a case's facts: the data categories
// found that the case does not list yet, and the number of people when the scan found more
// than the case records. A scan never lowers a count or removes a category: a person decided
// those, and the scan may have seen only part of the leaked data.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/incident.hpp"

namespace skydda::domain {

struct ScanUpdate {
    std::vector<std::string> add_data;     // contract data codes, in the contract's order
    std::optional<int64_t> subjects_count; // the new count, when it rises
    bool empty() const { return add_data.empty() && !subjects_count; }
};

ScanUpdate scan_update(const IncidentFacts& facts, const std::vector<std::string>& found_data,
                       int64_t subjects_estimate);
IncidentFacts apply_scan_update(IncidentFacts facts, const ScanUpdate& update);

} // namespace skydda::domain
