// PDF form of documents: cairo's PDF surface with pango for text, so the text is real (it can be
// searched, copied and read aloud) and the DejaVu fonts are embedded as subsets. Each document is
// laid out into pages first (pdf_compose, pdf_flow) and then drawn with its running header and
// footer.
#include <cairo-pdf.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "doc/document.hpp"
#include "doc/pdf_catalog.hpp"
#include "doc/pdf_compose.hpp"
#include "doc/pdf_flow.hpp"
#include "doc/words.hpp"
#include "util/time.hpp"

namespace skydda::doc {

namespace {

using namespace pdf;

struct PngReader {
    std::string_view data;
    size_t at = 0;
};

cairo_status_t read_png(void* closure, unsigned char* out, unsigned int length) {
    auto* reader = static_cast<PngReader*>(closure);
    if (reader->data.size() - reader->at < length) return CAIRO_STATUS_READ_ERROR;
    std::copy_n(reader->data.data() + reader->at, length, out);
    reader->at += length;
    return CAIRO_STATUS_SUCCESS;
}

// The logo as a cairo surface: a PNG decoded; a JPEG as a blank image of its size carrying the
// JPEG itself, which the PDF surface embeds as it is (DCTDecode). Null when it cannot be read.
cairo_surface_t* logo_surface(const Logo& logo) {
    cairo_surface_t* image = nullptr;
    if (logo.content_type == "image/png") {
        PngReader reader{logo.data};
        image = cairo_image_surface_create_from_png_stream(read_png, &reader);
    } else if (logo.content_type == "image/jpeg" && logo.width > 0 && logo.height > 0) {
        image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, logo.width, logo.height);
        auto* copy = static_cast<unsigned char*>(malloc(logo.data.size()));
        if (copy) {
            std::copy(logo.data.begin(), logo.data.end(), copy);
            cairo_surface_set_mime_data(image, CAIRO_MIME_TYPE_JPEG, copy, logo.data.size(), free, copy);
        }
    }
    if (image && cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(image);
        return nullptr;
    }
    return image;
}

// The logo in the first page's header, left of the organisation's name, scaled into a box of
// k_logo_box_height × k_logo_box_width points; returns the width it took (0: none).
constexpr double k_logo_box_height = 28.0, k_logo_box_width = 140.0, k_logo_top = 17.0;
double draw_logo(cairo_t* cr, const Logo& logo) {
    cairo_surface_t* image = logo_surface(logo);
    if (!image) return 0;
    double width = cairo_image_surface_get_width(image), height = cairo_image_surface_get_height(image);
    double scale = std::min(k_logo_box_height / height, k_logo_box_width / width);
    cairo_save(cr);
    cairo_translate(cr, k_margin, k_logo_top + (k_logo_box_height - height * scale) / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, image, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(image);
    return width * scale;
}

// The running header (organisation, reference; the logo on the first page) and footer (title,
// "Sida N av M"). Not tagged: cairo 1.16 cannot mark artifacts, so they stay outside the
// structure tree (a screen reader following the tags reads them once, in the H1 and P).
void draw_frame(cairo_t* cr, PangoContext* context, const Fonts& fonts, const Document& document, size_t number,
                size_t count) {
    const auto& words = words_for(document.language);
    auto show = [&](std::string_view content, const PangoFontDescription* font, double y, PangoAlignment align,
                    double indent = 0) {
        LayoutPtr layout(pango_layout_new(context));
        pango_layout_set_font_description(layout.get(), font);
        pango_layout_set_width(layout.get(), static_cast<int>((k_content_width - indent) * PANGO_SCALE));
        pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
        pango_layout_set_alignment(layout.get(), align);
        pango_layout_set_text(layout.get(), content.data(), static_cast<int>(content.size()));
        cairo_move_to(cr, k_margin + indent, y);
        pango_cairo_show_layout(cr, layout.get());
    };
    double indent = number == 1 && document.logo ? draw_logo(cr, *document.logo) : 0;
    if (indent > 0) indent += 8;
    cairo_set_source_rgb(cr, k_grey.r, k_grey.g, k_grey.b);
    show(document.organisation, fonts.small_bold.get(), 34, PANGO_ALIGN_LEFT, indent);
    show(fmt::format("{} {}", words.reference, document.reference), fonts.small.get(), 34, PANGO_ALIGN_RIGHT);
    show(document.title, fonts.small.get(), k_page_height - 46, PANGO_ALIGN_LEFT);
    show(fmt::format(fmt::runtime(words.page_of), number, count), fonts.small.get(), k_page_height - 46,
         PANGO_ALIGN_RIGHT);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, k_margin, 50);
    cairo_line_to(cr, k_page_width - k_margin, 50);
    cairo_move_to(cr, k_margin, k_page_height - 52);
    cairo_line_to(cr, k_page_width - k_margin, k_page_height - 52);
    cairo_stroke(cr);
}

void draw_op(cairo_t* cr, const Op& op) {
    if (const auto* tag = std::get_if<Tag>(&op)) {
        if (tag->begin)
            cairo_tag_begin(cr, tag->name, nullptr);
        else
            cairo_tag_end(cr, tag->name);
        return;
    }
    if (const auto* line = std::get_if<TextLine>(&op)) {
        cairo_set_source_rgb(cr, line->colour.r, line->colour.g, line->colour.b);
        cairo_move_to(cr, line->x, line->baseline);
        pango_cairo_show_layout_line(cr, line->line);
        return;
    }
    const auto& box = std::get<Box>(op);
    cairo_rectangle(cr, box.x, box.y, box.width, box.height);
    if (box.filled) {
        cairo_set_source_rgb(cr, 0.92, 0.92, 0.92);
        cairo_fill(cr);
    } else {
        cairo_set_source_rgb(cr, 0.46, 0.46, 0.46);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
    }
}

// Lays out one document and draws its pages; returns the number of pages drawn.
size_t draw_document(cairo_t* cr, PangoContext* context, const Fonts& fonts, const Document& document, bool merged,
                     bool first, bool last) {
    Flow flow(context);
    compose_document(flow, fonts, document, merged, first, last);
    for (size_t i = 0; i < flow.pages.size(); ++i) {
        draw_frame(cr, context, fonts, document, i + 1, flow.pages.size());
        for (const auto& op : flow.pages[i].ops) draw_op(cr, op);
        cairo_show_page(cr);
    }
    return flow.pages.size();
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// Text is measured without hinting at 72 dpi, so a pango unit is a PDF point.
PangoContext* make_context(const Document& first) {
    PangoContext* context = pango_font_map_create_context(pango_cairo_font_map_get_default());
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
    pango_cairo_context_set_resolution(context, 72.0);
    pango_context_set_language(context, pango_language_from_string(first.language == "en" ? "en" : "sv"));
    return context;
}

// The document information dictionary; the language goes into the catalog (pdf_catalog.hpp).
void set_metadata(cairo_surface_t* surface, std::span<const Document> documents) {
    const auto& first = documents.front();
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, first.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, first.organisation.c_str());
    if (!first.reference.empty()) {
        auto subject = fmt::format("{} {}", words_for(first.language).reference, first.reference);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject.c_str());
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, first.kind.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Skydda");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, format_utc(first.generated_at).c_str());
}

} // namespace

Result<std::string> render_pdf(std::span<const Document> documents) {
    if (documents.empty()) return fail(Error::invalid("documents", "nothing to render"));
    std::string out;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to_string, &out, k_page_width, k_page_height);
    set_metadata(surface, documents);
    cairo_t* cr = cairo_create(surface);
    PangoContext* context = make_context(documents.front());
    Fonts fonts;
    size_t page = 1;
    for (const auto& document : documents) {
        // In a merged file each document gets a bookmark, so a letter can be found by addressee.
        if (documents.size() > 1) {
            auto name = document.addressee.empty() ? document.title : document.title + " – " + document.addressee.front();
            cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, name.c_str(),
                                          fmt::format("page={}", page).c_str(), CAIRO_PDF_OUTLINE_FLAG_OPEN);
        }
        bool first = &document == &documents.front(), last = &document == &documents.back();
        page += draw_document(cr, context, fonts, document, documents.size() > 1, first, last);
    }
    g_object_unref(context);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    auto status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        return fail(Error::internal(fmt::format("PDF rendering failed: {}", cairo_status_to_string(status))));
    return pdf::add_catalog_language(std::move(out), documents.front().language == "en" ? "en" : "sv");
}

} // namespace skydda::doc

#if defined(__SANITIZE_ADDRESS__)
// fontconfig (under pango) keeps its configuration and font cache for the whole life of the
// process and frees neither; LeakSanitizer reports them at exit. Linked wherever PDFs are made
// (the binary, test_doc), so the asan build checks our code and not theirs.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif
