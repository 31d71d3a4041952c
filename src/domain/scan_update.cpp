#include "domain/scan_update.hpp"

#include <algorithm>

#include "domain/codes.hpp"

namespace skydda::domain {
namespace {

bool listed(const std::vector<std::string>& list, std::string_view code) {
    return std::find(list.begin(), list.end(), code) != list.end();
}

} // namespace

ScanUpdate scan_update(const IncidentFacts& facts, const std::vector<std::string>& found_data,
                       int64_t subjects_estimate) {
    ScanUpdate update;
    for (auto code : codes::data())
        if (listed(found_data, code) && !listed(facts.data, code)) update.add_data.emplace_back(code);
    if (subjects_estimate > 0 && subjects_estimate > facts.subjects_count.value_or(0))
        update.subjects_count = std::min(subjects_estimate, k_count_max);
    return update;
}

IncidentFacts apply_scan_update(IncidentFacts facts, const ScanUpdate& update) {
    std::vector<std::string> data;
    for (auto code : codes::data())
        if (listed(facts.data, code) || listed(update.add_data, code)) data.emplace_back(code);
    facts.data = std::move(data);
    if (update.subjects_count) facts.subjects_count = update.subjects_count;
    return facts;
}

} // namespace skydda::domain
