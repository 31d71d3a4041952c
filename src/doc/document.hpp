// One document model for everything that leaves the organisation (the notification to IMY and
// its supplements, the letters to the people, the notices to controllers, the internal report),
// rendered to PDF (cairo + pango), HTML and JSON from the same value. Builders in app/ fill it
// from the case; this layer knows nothing of GDPR or storage.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "doc/logo.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

namespace skydda::doc {

// A labelled answer, e.g. IMY's question "13. När inträffade incidenten?" and its answer.
// `key` is stable and machine-readable ("controller.name"); `number` is IMY's question number
// ("13", printed "13." as IMY's form prints it: number_text) or "" when the form has none. A field whose value must be given before the document can be
// sent and is empty has `missing` set; renderers show a visible "Saknas" in its place.
struct Field {
    std::string key;
    std::string number;
    std::string label;
    std::string value; // may hold several lines ("\n")
    bool missing = false;
};

// "13." for IMY's question 13, "" for a field without a number.
inline std::string number_text(const Field& field) { return field.number.empty() ? std::string() : field.number + "."; }

struct Paragraph {
    std::string text; // blank lines separate paragraphs when rendered
};

struct Table {
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
};

struct List {
    std::vector<std::string> items;
};

using Block = std::variant<Paragraph, Field, Table, List>;

struct Section {
    std::string heading;
    std::vector<Block> blocks;
};

// An item that must be filled in before the document can be sent or finalised.
struct Missing {
    std::string key;   // the Field's key
    std::string label; // what to fill in, in the document's language
};

struct Document {
    std::string kind;         // "imy-notification", "imy-supplement", "subject-letter", ...
    std::string language = "sv";
    std::string title;
    std::string organisation; // printed on every page
    std::string reference;    // our case (registry) number, printed on every page
    Instant generated_at{};
    // For letters: the addressee block (name and postal address lines) before the first section.
    std::vector<std::string> addressee;
    std::vector<Section> sections;
    std::vector<Missing> missing;
    // The organisation's logo (checked by check_logo), in the first page's header of the PDF and
    // embedded in the HTML. Presentation, not content: the JSON form leaves it out, so a document
    // frozen as sent is stored without the image.
    std::optional<Logo> logo;

    bool complete() const { return missing.empty(); }
};

// Collects a Field's missing state into the document's list; builders call it after filling.
void collect_missing(Document& document);

// Renderers. PDF: A4, real text with embedded fonts (DejaVu), page numbers ("Sida 2 av 3" /
// "Page 2 of 3") and the organisation's name and reference on every page. Several documents
// render into one PDF (the merged print file of letters), each starting on a new page and
// numbered on its own.
Result<std::string> render_pdf(std::span<const Document> documents);
Result<std::string> render_pdf(const Document& document);
// A complete, self-contained HTML page (no scripts, WCAG 2.1 AA): lang attribute, headings in
// order, fields as a description list, missing items listed first.
std::string render_html(const Document& document);
// {"kind", "language", "title", "organisation", "reference", "generated_at", "addressee",
//  "sections": [{"heading", "blocks": [{"type": "field"|"paragraph"|"table"|"list", ...}]}],
//  "missing": [{"key", "label"}], "complete"}
std::string render_json(const Document& document);
// Reads render_json's output back (the document as sent is stored frozen as JSON and can be
// rendered again to PDF or HTML at any later time, byte for byte the same content).
Result<Document> parse_json(std::string_view json);

// The three formats by name, for the API, the pages and `skydda export`.
enum class Format { pdf, html, json };
std::optional<Format> parse_format(std::string_view name); // "pdf", "html", "json"
std::string_view format_name(Format format);
std::string_view content_type(Format format); // "application/pdf", "text/html; charset=utf-8", ...
Result<std::string> render(const Document& document, Format format);

} // namespace skydda::doc
