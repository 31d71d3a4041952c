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
