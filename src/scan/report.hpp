// The scan result for people and programs: JSON (schema skydda.scan/1), a plain-text summary
// for the terminal, and a self-contained HTML report. Only counts, masked examples and paths
// appear: never a full identifier.
#pragma once
#include <string>
#include <string_view>

#include "scan/scanner.hpp"

namespace skydda::scan {

inline constexpr std::string_view k_scan_schema = "skydda.scan/1";

std::string to_json(const ScanResult& result, bool with_stats);
// The part of the result that may be stored on a case: totals, findings, data codes and the
// subjects estimate, without paths (file names can themselves name people).
std::string to_summary_json(const ScanResult& result);
std::string to_text(const ScanResult& result, std::string_view language, bool with_stats);
struct ReportContext {
    std::string generated_at; // local time, already formatted
    std::string language = "sv";
};
std::string to_html(const ScanResult& result, const ReportContext& context);

// "Skannade 3 filer, 1,2 GB på 0,80 s (1,5 GB/s, 2 trådar)."
std::string scanned_sentence(const ScanResult& result, std::string_view language);
// "1 000 (utifrån personnummer ...; mellan 1 000 och 2 500 ...)", or that none were found.
std::string subjects_sentence(const ScanResult& result, std::string_view language);
// Human figures: "1 234 567" / "1,234,567"; "1,2 GB" / "1.2 GB".
std::string format_count(uint64_t value, std::string_view language);
std::string format_bytes(uint64_t bytes, std::string_view language);
// Invalid UTF-8 in a path (a Latin-1 file name) replaced by U+FFFD and control characters by
// '?', so JSON and HTML stay valid and no escape sequence reaches a terminal.
std::string printable_path(std::string_view path);

} // namespace skydda::scan
