#include "scan/report.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "scan/report_messages.hpp"
#include "util/json_text.hpp"
#include "util/text.hpp"

namespace skydda::scan {
namespace {

namespace json = boost::json;

json::object findings_json(const ScanResult& result) {
    json::object findings;
    for (auto category : all_categories()) {
        const auto& count = result.findings[static_cast<size_t>(category)];
        json::object entry{{"matches", count.matches}, {"distinct", count.distinct}, {"files", count.files}};
        if (!count.exact) entry["exact"] = false; // `distinct` is an estimate
        findings[category_code(category)] = std::move(entry);
    }
    return findings;
}

json::object subjects_json(const ScanResult& result) {
    const auto& subjects = result.subjects;
    json::object out{{"value", subjects.value}, {"low", subjects.low}, {"high", subjects.high}};
    out["basis"] = subjects.basis.empty() ? json::value(nullptr) : json::value(subjects.basis);
    return out;
}

json::array data_json(const ScanResult& result) {
    json::array data;
    for (const auto& code : result.data) data.emplace_back(code);
    return data;
}

json::object stats_json(const ScanResult& result) {
    const auto& p = result.phases;
    return {{"setup", p.setup}, {"walk", p.walk}, {"read", p.read}, {"extract", p.extract}, {"identifiers", p.identifiers},
            {"vocabulary", p.vocabulary}, {"counting", p.counting}, {"text_bytes", result.text_bytes},
            {"distinct_memory_bytes", result.distinct_memory_bytes}};
}

} // namespace

// File names come from the leak itself (an attacker's archive), so besides invalid UTF-8 the
// control characters are replaced too: an escape sequence in a name must not reach a terminal.
std::string printable_path(std::string_view path) {
    std::string out;
    out.reserve(path.size());
    for (size_t i = 0; i < path.size();) {
        auto lead = static_cast<unsigned char>(path[i]);
        if (lead < 0x80) {
            out += lead < 0x20 || lead == 0x7F ? '?' : static_cast<char>(lead);
            ++i;
            continue;
        }
        size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        std::string_view sequence = path.substr(i, length);
        bool c1_control = lead == 0xC2 && sequence.size() == 2 && static_cast<unsigned char>(sequence[1]) < 0xA0;
        if (length > 1 && sequence.size() == length && !c1_control && text::valid_utf8(sequence)) {
            out.append(sequence);
            i += length;
        } else {
            out.append("\xEF\xBF\xBD"); // U+FFFD
            ++i;
        }
    }
    return out;
}

std::string to_json(const ScanResult& result, bool with_stats) {
    json::object out{{"schema", k_scan_schema}, {"files", result.files}, {"bytes", result.bytes}};
    out["seconds"] = std::round(result.seconds * 1000) / 1000;
    out["threads"] = result.threads;
    out["findings"] = findings_json(result);
    out["data"] = data_json(result);
    out["subjects_estimate"] = subjects_json(result);
    json::object examples;
    for (auto category : all_categories()) {
        const auto& list = result.examples[static_cast<size_t>(category)];
        if (list.empty()) continue;
        json::array items;
        for (const auto& example : list)
            items.push_back({{"masked", example.masked}, {"path", printable_path(example.path)}, {"line", example.line}});
        examples[category_code(category)] = std::move(items);
    }
    out["examples"] = std::move(examples);
    json::array per_file;
    for (const auto& file : result.per_file) {
        json::object counts;
        for (auto category : all_categories())
            if (auto n = file.matches[static_cast<size_t>(category)]) counts[category_code(category)] = n;
        per_file.push_back({{"path", printable_path(file.path)}, {"format", file.format}, {"bytes", file.bytes},
                            {"findings", std::move(counts)}});
    }
    out["per_file"] = std::move(per_file);
    json::array unreadable;
    for (const auto& entry : result.unreadable)
        unreadable.push_back({{"path", printable_path(entry.path)}, {"reason", entry.reason}, {"detail", entry.detail}});
    out["unreadable"] = std::move(unreadable);
    if (with_stats) out["stats"] = stats_json(result);
    return json_text(out) + "\n";
}

std::string to_summary_json(const ScanResult& result) {
    json::object out{{"schema", k_scan_schema}, {"files", result.files}, {"bytes", result.bytes},
                     {"documents", result.per_file.size()}, {"unreadable", result.unreadable.size()}};
    out["findings"] = findings_json(result);
    out["data"] = data_json(result);
    out["subjects_estimate"] = subjects_json(result);
    return json_text(out);
}

std::string format_count(uint64_t value, std::string_view language) {
    std::string digits = std::to_string(value), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += language == "en" ? ',' : ' ';
        out += digits[i];
    }
    return out;
}

std::string format_bytes(uint64_t bytes, std::string_view language) {
    constexpr std::string_view k_units[] = {"B", "kB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    size_t unit = 0;
    while (value >= 1000 && unit + 1 < std::size(k_units)) value /= 1000, ++unit;
    std::string number = unit == 0 ? fmt::format("{}", bytes) : fmt::format("{:.1f}", value);
    if (language != "en") std::replace(number.begin(), number.end(), '.', ',');
    return number + " " + std::string(k_units[unit]);
}

} // namespace skydda::scan
