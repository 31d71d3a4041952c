// HTML form of a document: one self-contained page (inline CSS, no scripts, no external
// resources) so that it can be saved, mailed or printed as it is. Colours meet WCAG 2.1 AA
// contrast (body text 16:1, the missing-item red 8:1 on its tinted background).
#include <fmt/format.h>

#include <algorithm>

#include "doc/document.hpp"
#include "doc/words.hpp"
#include "util/sealed.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace skydda::doc {

namespace {

constexpr std::string_view k_style = R"css(
:root{color-scheme:light}
body{margin:0;background:#fff;color:#1a1a1a;font:16px/1.5 "DejaVu Sans",Verdana,sans-serif}
main{max-width:50rem;margin:0 auto;padding:1.5rem}
.meta{color:#4a4a4a;font-size:.9rem;margin:0 0 1rem}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem;border-bottom:1px solid #767676;padding-bottom:.25rem}
.addressee{font-style:normal;margin:0 0 1.5rem;white-space:pre-line}
.notice{border:3px solid #8a1c1c;background:#fdf2f2;padding:.75rem 1rem;margin:0 0 1.5rem}
.notice h2{margin-top:0;border:0;color:#8a1c1c}
.missing{color:#8a1c1c;font-weight:bold}
.notice a{color:#8a1c1c}
dl{margin:0 0 1rem}
dt{font-weight:bold;margin-top:.75rem}
dd{margin:0 0 0 1.5rem;white-space:pre-line;overflow-wrap:anywhere}
.number{color:#4a4a4a;font-weight:normal}
table{border-collapse:collapse;width:100%;margin:0 0 1rem}
th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#ececec}
p{white-space:pre-line}
@media (max-width:40rem){
  main{padding:1rem .75rem}
  h1,h2,dt,p,li{overflow-wrap:anywhere}
  table{table-layout:fixed}
}
@media print{
  @page{size:A4;margin:2cm}
  body{font-size:10.5pt}
  main{max-width:none;padding:0}
  h2{break-after:avoid}
  tr,dt{break-inside:avoid}
  .notice{border-width:2px}
}
)css";

std::string escape(std::string_view text) { return text::html_escape(text); }

// Blank lines separate paragraphs; single newlines are kept by `white-space: pre-line`.
void append_paragraphs(std::string& out, std::string_view text) {
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find("\n\n", start);
        auto chunk = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (!text::trim(chunk).empty()) out += fmt::format("<p>{}</p>\n", escape(text::trim(chunk)));
        if (end == std::string_view::npos) break;
        start = end + 2;
    }
}

void append_field(std::string& out, const Field& field, const Words& words) {
    // A missing field is the target of its link in the notice at the top.
    out += field.missing ? fmt::format("<dt id=\"missing-{}\">", escape(field.key)) : std::string("<dt>");
    if (!field.number.empty()) out += fmt::format("<span class=\"number\">{}</span> ", escape(number_text(field)));
    out += escape(field.label) + "</dt>\n<dd>";
    if (field.missing)
        out += fmt::format("<strong class=\"missing\">{}</strong>", words.missing);
    else
        out += escape(field.value);
    out += "</dd>\n";
}

void append_table(std::string& out, const Table& table) {
    out += "<table>\n";
    if (!table.headers.empty()) {
        out += "<thead><tr>";
        for (const auto& header : table.headers) out += fmt::format("<th scope=\"col\">{}</th>", escape(header));
        out += "</tr></thead>\n";
    }
    out += "<tbody>\n";
    for (const auto& row : table.rows) {
        out += "<tr>";
        for (const auto& cell : row) out += fmt::format("<td>{}</td>", escape(cell));
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
}

void append_list(std::string& out, const List& list) {
    out += "<ul>\n";
    for (const auto& item : list.items) out += fmt::format("<li>{}</li>\n", escape(item));
    out += "</ul>\n";
}

// Consecutive fields share one description list.
void append_blocks(std::string& out, const std::vector<Block>& blocks, const Words& words) {
    bool in_list = false;
    for (const auto& block : blocks) {
        const auto* field = std::get_if<Field>(&block);
        if (field && !in_list) out += "<dl>\n";
        if (!field && in_list) out += "</dl>\n";
        in_list = field != nullptr;
        if (field) append_field(out, *field, words);
        else if (const auto* paragraph = std::get_if<Paragraph>(&block)) append_paragraphs(out, paragraph->text);
        else if (const auto* table = std::get_if<Table>(&block)) append_table(out, *table);
        else if (const auto* list = std::get_if<List>(&block)) append_list(out, *list);
    }
    if (in_list) out += "</dl>\n";
}

void append_missing_notice(std::string& out, const Document& document, const Words& words) {
    if (document.missing.empty()) return;
    out += fmt::format("<section class=\"notice\" aria-labelledby=\"missing-title\">\n"
                       "<h2 id=\"missing-title\">{}</h2>\n<p>{}</p>\n<ul>\n",
                       words.missing_title, words.missing_intro);
    for (const auto& item : document.missing)
        out += fmt::format("<li><a href=\"#missing-{}\">{}</a></li>\n", escape(item.key), escape(item.label));
    out += "</ul>\n</section>\n";
}

// The logo embedded (the page is self-contained), at most 48 px high and 200 px wide.
std::string logo_html(const Document& document) {
    const auto& logo = *document.logo;
    double scale = std::min({1.0, 48.0 / std::max(1, logo.height), 200.0 / std::max(1, logo.width)});
    return fmt::format("<p class=\"logo\"><img src=\"data:{};base64,{}\" alt=\"{}\" width=\"{}\" height=\"{}\"></p>\n",
                       logo.content_type, crypto::to_base64(logo.data), escape(document.organisation),
                       std::max(1, static_cast<int>(logo.width * scale)), std::max(1, static_cast<int>(logo.height * scale)));
}

} // namespace

std::string render_html(const Document& document) {
    const auto& words = words_for(document.language);
    std::string out;
    out.reserve(8192);
    out += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<title>{} – {}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
                       document.language == "en" ? "en" : "sv", escape(document.title), escape(document.organisation),
                       k_style);
    if (document.logo) out += logo_html(document);
    out += fmt::format("<p class=\"meta\">{} · {} {} · {} {}</p>\n", escape(document.organisation), words.reference,
                       escape(document.reference), words.generated, format_stockholm_human(document.generated_at));
    out += fmt::format("<h1>{}</h1>\n", escape(document.title));
    append_missing_notice(out, document, words);
    if (!document.addressee.empty()) {
        out += "<address class=\"addressee\">";
        for (size_t i = 0; i < document.addressee.size(); ++i) {
            if (i > 0) out += '\n';
            out += escape(document.addressee[i]);
        }
        out += "</address>\n";
    }
    for (const auto& section : document.sections) {
        out += "<section>\n";
        if (!section.heading.empty()) out += fmt::format("<h2>{}</h2>\n", escape(section.heading));
        append_blocks(out, section.blocks, words);
        out += "</section>\n";
    }
    out += "</main>\n</body>\n</html>\n";
    return out;
}

} // namespace skydda::doc
