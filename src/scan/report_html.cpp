// The HTML report of a scan: one self-contained page (no scripts, no external files) that can
// be archived with the case, printed, or read with a screen reader (tables with captions and
// header cells, WCAG 2.1 AA contrast).
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "scan/report.hpp"
#include "scan/report_messages.hpp"
#include "util/text.hpp"

namespace skydda::scan {
namespace {

constexpr size_t k_per_file_rows = 1000;

constexpr std::string_view k_style = R"css(
body{font-family:system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0;line-height:1.5}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem}
h1{font-size:1.8rem}h2{font-size:1.3rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #8a8a8a;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
thead th{background:#e8eef4}
.note{background:#fff4ce;border-left:4px solid #8a6d00;padding:.5rem .75rem}
code{font-family:ui-monospace,monospace}
@media print{main{max-width:none}}
)css";

std::string esc(std::string_view text) { return text::html_escape(printable_path(text)); }

std::string findings_section(const ScanResult& result, std::string_view lang) {
    std::string rows;
    for (auto category : all_categories()) {
        const auto& count = result.findings[static_cast<size_t>(category)];
        if (!count.matches) continue;
        rows += fmt::format("<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                            "<td class=\"n\">{}</td></tr>\n",
                            esc(category_label(category, lang)), format_count(count.matches, lang),
                            (count.exact ? "" : "≈ ") + format_count(count.distinct, lang),
                            format_count(count.files, lang));
    }
    if (rows.empty()) return fmt::format("<h2>{}</h2>\n<p>{}</p>\n", message(Message::findings, lang),
                                         message(Message::nothing_found, lang));
    return fmt::format("<h2>{0}</h2>\n<table><caption>{0}</caption><thead><tr><th scope=\"col\">{1}</th>"
                       "<th scope=\"col\" class=\"n\">{2}</th><th scope=\"col\" class=\"n\">{3}</th>"
                       "<th scope=\"col\" class=\"n\">{4}</th></tr></thead><tbody>\n{5}</tbody></table>\n",
                       message(Message::findings, lang), message(Message::category, lang),
                       message(Message::matches, lang), message(Message::distinct, lang),
                       message(Message::files, lang), rows);
}

std::string subjects_section(const ScanResult& result, std::string_view lang) {
    std::string text = subjects_sentence(result, lang);
    std::string codes;
    for (const auto& code : result.data) codes += fmt::format("<li><code>{}</code></li>", esc(code));
    return fmt::format("<h2>{}</h2>\n<p>{}</p>\n<h2>{}</h2>\n{}\n", message(Message::subjects, lang), esc(text),
                       message(Message::data_codes, lang),
                       codes.empty() ? fmt::format("<p>{}</p>", message(Message::data_none, lang))
                                     : "<ul>" + codes + "</ul>");
}

std::string examples_section(const ScanResult& result, std::string_view lang) {
    std::string rows;
    for (auto category : all_categories())
        for (const auto& example : result.examples[static_cast<size_t>(category)])
            rows += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td></tr>\n",
                                esc(category_label(category, lang)), esc(example.masked), esc(example.path),
                                example.line);
    if (rows.empty()) return {};
    return fmt::format("<h2>{0}</h2>\n<p class=\"note\">{1}</p>\n<table><caption>{0}</caption><thead><tr>"
                       "<th scope=\"col\">{2}</th><th scope=\"col\">{3}</th><th scope=\"col\">{4}</th>"
                       "<th scope=\"col\" class=\"n\">{5}</th></tr></thead><tbody>\n{6}</tbody></table>\n",
                       message(Message::examples, lang), message(Message::masked_note, lang),
                       message(Message::category, lang), message(Message::example, lang),
                       message(Message::path, lang), message(Message::line, lang), rows);
}

uint64_t total_matches(const FileFindings& file) {
    return std::accumulate(file.matches.begin(), file.matches.end(), uint64_t{0});
}

std::string per_file_section(const ScanResult& result, std::string_view lang) {
    std::vector<const FileFindings*> files;
    for (const auto& file : result.per_file)
        if (total_matches(file)) files.push_back(&file);
    if (files.empty()) return {};
    std::stable_sort(files.begin(), files.end(),
                     [](auto* a, auto* b) { return total_matches(*a) > total_matches(*b); });
    std::string rows, note;
    if (files.size() > k_per_file_rows) {
        note = "<p>" + fmt::format(fmt::runtime(message(Message::per_file_truncated, lang)),
                                   fmt::arg("shown", k_per_file_rows), fmt::arg("total", files.size())) + "</p>\n";
        files.resize(k_per_file_rows);
    }
    for (const auto* file : files) {
        std::string counts;
        for (auto category : all_categories())
            if (auto n = file->matches[static_cast<size_t>(category)])
                counts += fmt::format("{}{}: {}", counts.empty() ? "" : "; ", category_label(category, lang),
                                      format_count(n, lang));
        rows += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n", esc(file->path),
                            esc(file->format), format_bytes(file->bytes, lang), esc(counts));
    }
    return fmt::format("<h2>{0}</h2>\n{1}<table><caption>{0}</caption><thead><tr><th scope=\"col\">{2}</th>"
                       "<th scope=\"col\">{3}</th><th scope=\"col\" class=\"n\">{4}</th><th scope=\"col\">{5}</th>"
                       "</tr></thead><tbody>\n{6}</tbody></table>\n",
                       message(Message::per_file, lang), note, message(Message::path, lang),
                       message(Message::format, lang), message(Message::bytes, lang),
                       message(Message::findings, lang), rows);
}

std::string unreadable_section(const ScanResult& result, std::string_view lang) {
    if (result.unreadable.empty()) return {};
    std::string rows;
    for (const auto& entry : result.unreadable)
        rows += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", esc(entry.path),
                            esc(reason_text(entry.reason, lang)), esc(entry.detail));
    return fmt::format("<h2>{0}</h2>\n<table><caption>{0}</caption><thead><tr><th scope=\"col\">{1}</th>"
                       "<th scope=\"col\">{2}</th><th scope=\"col\">{3}</th></tr></thead><tbody>\n{4}</tbody>"
                       "</table>\n",
                       message(Message::unreadable, lang), message(Message::path, lang),
                       message(Message::reason, lang), message(Message::detail, lang), rows);
}

} // namespace

std::string to_html(const ScanResult& result, const ReportContext& context) {
    std::string_view lang = context.language == "en" ? "en" : "sv";
    std::string scanned = scanned_sentence(result, lang);
    std::string next = fmt::format("<li>{}</li><li>{}</li>", esc(message(Message::next_attach, lang)),
                                   esc(message(Message::next_assess, lang)));
    if (!result.unreadable.empty()) next += fmt::format("<li>{}</li>", esc(message(Message::next_unreadable, lang)));
    return fmt::format("<!doctype html>\n<html lang=\"{0}\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<title>{1}</title>\n<style>{2}</style>\n</head>\n<body>\n<main>\n<h1>{1}</h1>\n"
                       "<p>{3}: {4}</p>\n<p>{5}</p>\n{6}{7}{8}{9}{10}<h2>{11}</h2>\n<ul>{12}</ul>\n"
                       "</main>\n</body>\n</html>\n",
                       lang, message(Message::title, lang), k_style, message(Message::generated, lang),
                       esc(context.generated_at), esc(scanned), findings_section(result, lang),
                       subjects_section(result, lang), examples_section(result, lang),
                       per_file_section(result, lang), unreadable_section(result, lang),
                       message(Message::next_steps, lang), next);
}

} // namespace skydda::scan
