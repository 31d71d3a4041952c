// The terminal summary of a scan.
#include <fmt/format.h>

#include <algorithm>

#include "scan/report.hpp"
#include "scan/report_messages.hpp"
#include "util/text.hpp"

namespace skydda::scan {
namespace {

void findings_table(const ScanResult& result, std::string_view language, std::string& out) {
    out += fmt::format("{:<42} {:>14} {:>14} {:>8}\n", message(Message::findings, language),
                       message(Message::matches, language), message(Message::distinct, language),
                       message(Message::files, language));
    bool any = false;
    for (auto category : all_categories()) {
        const auto& count = result.findings[static_cast<size_t>(category)];
        if (!count.matches) continue;
        any = true;
        // Pad by code points, not bytes, so Swedish letters keep the columns straight.
        std::string_view label = category_label(category, language);
        size_t width = text::code_points(label);
        out += std::string(label) + std::string(width < 42 ? 42 - width : 1, ' ');
        out += fmt::format(" {:>14} {:>14} {:>8}\n", format_count(count.matches, language),
                           (count.exact ? "" : "~") + format_count(count.distinct, language),
                           format_count(count.files, language));
    }
    if (!any) out += std::string(message(Message::nothing_found, language)) + "\n";
}

} // namespace

std::string scanned_sentence(const ScanResult& result, std::string_view language) {
    double speed = result.seconds > 0 ? static_cast<double>(result.bytes) / result.seconds : 0;
    std::string seconds = fmt::format("{:.2f}", result.seconds);
    if (language != "en") std::replace(seconds.begin(), seconds.end(), '.', ',');
    return fmt::format(fmt::runtime(message(Message::scanned, language)),
                       fmt::arg("files", counted(result.files, Message::file_one, Message::file_many, language)),
                       fmt::arg("bytes", format_bytes(result.bytes, language)), fmt::arg("seconds", seconds),
                       fmt::arg("speed", format_bytes(static_cast<uint64_t>(speed), language)),
                       fmt::arg("threads", counted(result.threads, Message::thread_one, Message::thread_many, language)));
}

std::string subjects_sentence(const ScanResult& result, std::string_view language) {
    if (result.subjects.basis.empty()) return std::string(message(Message::subjects_none, language));
    // The category's title in lower case mid-sentence: "utifrån personnummer och ...".
    std::string basis(category_label(*parse_category(result.subjects.basis), language));
    if (!basis.empty() && basis[0] >= 'A' && basis[0] <= 'Z') basis[0] = static_cast<char>(basis[0] - 'A' + 'a');
    return fmt::format(fmt::runtime(message(Message::subjects_basis, language)),
                       fmt::arg("value", format_count(result.subjects.value, language)), fmt::arg("basis", basis),
                       fmt::arg("low", format_count(result.subjects.low, language)),
                       fmt::arg("high", format_count(result.subjects.high, language)));
}

std::string to_text(const ScanResult& result, std::string_view language, bool with_stats) {
    std::string out = scanned_sentence(result, language) + "\n\n";
    findings_table(result, language, out);
    out += fmt::format("\n{}: {}\n", message(Message::subjects, language), subjects_sentence(result, language));
    out += fmt::format("{}: {}\n", message(Message::data_codes, language),
                       result.data.empty() ? std::string(message(Message::data_none, language))
                                           : fmt::format("{}", fmt::join(result.data, ", ")));
    bool any_example = false;
    for (auto category : all_categories())
        for (const auto& example : result.examples[static_cast<size_t>(category)]) {
            if (!any_example) out += fmt::format("\n{}:\n", message(Message::examples, language));
            any_example = true;
            out += fmt::format("  {:<26} {}:{}\n", example.masked, printable_path(example.path), example.line);
        }
    if (!result.unreadable.empty()) {
        out += fmt::format("\n{} ({}):\n", message(Message::unreadable, language), result.unreadable.size());
        for (const auto& entry : result.unreadable)
            out += fmt::format("  {}: {}{}\n", printable_path(entry.path), reason_text(entry.reason, language),
                               entry.detail.empty() ? "" : " (" + printable_path(entry.detail) + ")");
    }
    if (with_stats) {
        const auto& p = result.phases;
        out += fmt::format("\n{}:\n", message(Message::stats, language));
        for (auto [name, seconds] : {std::pair{"setup", p.setup}, {"walk", p.walk}, {"read", p.read}, {"extract", p.extract},
                                     {"identifiers", p.identifiers}, {"vocabulary", p.vocabulary},
                                     {"counting", p.counting}})
            out += fmt::format("  {:<12} {:>9.3f}\n", name, seconds);
        out += fmt::format("  {:<12} {:>9}\n", "distinct", format_bytes(result.distinct_memory_bytes, language));
    }
    out += fmt::format("\n{}:\n  - {}\n  - {}\n", message(Message::next_steps, language),
                       message(Message::next_attach, language), message(Message::next_assess, language));
    if (!result.unreadable.empty()) out += fmt::format("  - {}\n", message(Message::next_unreadable, language));
    return out;
}

} // namespace skydda::scan
