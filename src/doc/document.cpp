#include "doc/document.hpp"

#include "doc/words.hpp"

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

Result<std::string> render_pdf(const Document& document) {
    return render_pdf(std::span<const Document>(&document, 1));
}

std::optional<Format> parse_format(std::string_view name) {
    for (auto format : {Format::pdf, Format::html, Format::json})
        if (format_name(format) == name) return format;
    return std::nullopt;
}

std::string_view format_name(Format format) {
    switch (format) {
    case Format::pdf: return "pdf";
    case Format::html: return "html";
    case Format::json: return "json";
    }
    return "json";
}

std::string_view content_type(Format format) {
    switch (format) {
    case Format::pdf: return "application/pdf";
    case Format::html: return "text/html; charset=utf-8";
    case Format::json: return "application/json";
    }
    return "application/json";
}

Result<std::string> render(const Document& document, Format format) {
    switch (format) {
    case Format::pdf: return render_pdf(document);
    case Format::html: return render_html(document);
    case Format::json: return render_json(document);
    }
    return fail(Error::invalid("format", "unknown format"));
}

const Words& words_for(std::string_view language) {
    // The renderers print a handful of words of their own (page numbers, "missing"); the doc
    // layer knows no message catalogue, so they live here, in the same two languages.
    static const Words sv{"Saknas", "Uppgifter som saknas", "Följande uppgifter måste fyllas i innan dokumentet skickas:",
                          "Sida {} av {}", "Ärende", "Skapat"};
    static const Words en{"Missing", "Missing information",
                          "The following must be filled in before the document is sent:", "Page {} of {}", "Case",
                          "Generated"};
    return language == "en" ? en : sv;
}

} // namespace skydda::doc
