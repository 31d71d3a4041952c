#include "doc/document.hpp"

namespace skydda::doc {

void collect_missing(Document& document) {
    for (const auto& section : document.sections)
        for (const auto& block : section.blocks)
            if (const auto* field = std::get_if<Field>(&block); field && field->missing) {
                bool listed = false;
                for (const auto& m : document.missing) listed = listed || m.key == field->key;
                if (!listed) document.missing.push_back({field->key, field->label});
            }
}

// Placeholders until the renderers land (cairo + pango, HTML, JSON).
Result<std::string> render_pdf(std::span<const Document>) {
    return fail(Error{ErrorCode::unavailable, "PDF rendering is not available yet", {}});
}
Result<std::string> render_pdf(const Document& document) { return render_pdf(std::span<const Document>(&document, 1)); }
std::string render_html(const Document&) { return {}; }
std::string render_json(const Document&) { return "{}"; }
Result<Document> parse_json(std::string_view) {
    return fail(Error{ErrorCode::unavailable, "document JSON parsing is not available yet", {}});
}

} // namespace skydda::doc
