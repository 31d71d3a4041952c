// Internal to doc/: the PDF renderer's fonts, and the composing of a document into the page
// flow (pdf_compose.cpp); render_pdf.cpp draws the pages that result.
#pragma once
#include <memory>

#include <pango/pangocairo.h>

#include "doc/document.hpp"
#include "doc/pdf_flow.hpp"

namespace skydda::doc::pdf {

struct FontFree {
    void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using FontPtr = std::unique_ptr<PangoFontDescription, FontFree>;

inline FontPtr font(const char* description) { return FontPtr(pango_font_description_from_string(description)); }

struct Fonts {
    FontPtr body = font("DejaVu Serif 10.5");
    FontPtr address = font("DejaVu Serif 11");
    FontPtr label = font("DejaVu Sans Bold 9.5");
    FontPtr missing = font("DejaVu Sans Bold 10");
    FontPtr title = font("DejaVu Sans Bold 18");
    FontPtr heading = font("DejaVu Sans Bold 13");
    FontPtr table = font("DejaVu Sans 9");
    FontPtr table_head = font("DejaVu Sans Bold 9");
    FontPtr small = font("DejaVu Sans 8");
    FontPtr small_bold = font("DejaVu Sans Bold 8");
};

// Lays `document` out into `flow`'s pages as the structure of the tagged PDF; `merged`, `first`
// and `last` place it in a file of several documents.
void compose_document(Flow& flow, const Fonts& fonts, const Document& document, bool merged, bool first, bool last);

} // namespace skydda::doc::pdf
