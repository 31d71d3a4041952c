// PDF form of documents: cairo's PDF surface with pango for text, so the text is real (it can be
// searched, copied and read aloud) and the DejaVu fonts are embedded as subsets. Each document is
// laid out into pages first (pdf_flow) and then drawn with its running header and footer.
#include <cairo-pdf.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "doc/document.hpp"
#include "doc/pdf_catalog.hpp"
#include "doc/pdf_flow.hpp"
#include "doc/words.hpp"
#include "util/time.hpp"

namespace skydda::doc {

namespace {

using namespace pdf;

struct FontFree {
    void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using FontPtr = std::unique_ptr<PangoFontDescription, FontFree>;

FontPtr font(const char* description) { return FontPtr(pango_font_description_from_string(description)); }

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

// Windowed envelopes (C5/C65, window on the left) show the address 20 mm from the left and
// about 45 mm from the top edge; the block is 90 mm wide and 40 mm high.
constexpr double k_address_top = 128.0;
constexpr double k_address_width = 255.0;
constexpr double k_address_height = 113.0;
constexpr double k_indent = 12.0;
constexpr double k_cell_pad = 4.0;

std::string escape_markup(std::string_view text) {
    gchar* escaped = g_markup_escape_text(text.data(), static_cast<gssize>(text.size()));
    std::string out(escaped);
    g_free(escaped);
    return out;
}

class Composer {
public:
    Composer(Flow& flow, const Fonts& fonts, const Document& document)
        : m_flow(flow), m_fonts(fonts), m_document(document), m_words(words_for(document.language)) {}

    // The structure of the tagged PDF: Document (a Part per document in a merged file), H1 for
    // the title, a Sect per section with its H2, P for paragraphs, fields as a list of label
    // (Lbl) and answer (LBody) as HTML's description list, L/LI for lists, Table/TR/TH/TD.
    // `first` and `last` place the document in a merged file.
    void compose(bool merged, bool first, bool last) {
        if (first) m_flow.open("Document");
        if (merged) m_flow.open("Part");
        addressee();
        text(m_document.title, m_fonts.title.get(), k_margin, k_content_width, k_ink, "H1");
        text(fmt::format("{} {}", m_words.generated, format_stockholm_human(m_document.generated_at)),
             m_fonts.small.get(), k_margin, k_content_width, k_grey);
        missing_notice();
        for (const auto& section : m_document.sections) this->section(section);
        if (merged) m_flow.close("Part");
        if (last) m_flow.close("Document");
    }

private:
    void text(std::string_view content, const PangoFontDescription* font, double x, double width, Rgb colour = k_ink,
              const char* tag = "P") {
        Cell cell{m_flow.layout(content, font, width), x, width, 0, colour};
        cell.tag = tag;
        m_flow.place_row({cell});
    }

    void addressee() {
        if (m_document.addressee.empty()) return;
        std::string lines;
        for (const auto& line : m_document.addressee) {
            if (!lines.empty()) lines += '\n';
            lines += line;
        }
        m_flow.set_y(k_address_top);
        text(lines, m_fonts.address.get(), k_margin, k_address_width);
        m_flow.set_y(std::max(m_flow.y(), k_address_top + k_address_height));
    }

    void missing_notice() {
        if (m_document.missing.empty()) return;
        std::string markup = fmt::format("<b>{}</b>\n{}", escape_markup(m_words.missing_title),
                                         escape_markup(m_words.missing_intro));
        for (const auto& item : m_document.missing) markup += "\n• " + escape_markup(item.label);
        m_flow.skip(10);
        double inner = k_content_width - 2 * 8.0;
        Cell notice{m_flow.layout(markup, m_fonts.table.get(), inner, true), k_margin, k_content_width, 8.0, k_red, true};
        notice.tag = "P";
        m_flow.place_row({notice});
    }

    void section(const Section& section) {
        m_flow.skip(16);
        m_flow.open("Sect");
        if (!section.heading.empty()) {
            auto* heading = m_flow.layout(section.heading, m_fonts.heading.get(), k_content_width);
            m_flow.keep(layout_height(heading) + 40); // a heading never ends a page
            Cell cell{heading, k_margin, k_content_width};
            cell.tag = "H2";
            m_flow.place_row({cell});
            m_flow.skip(4);
        }
        bool in_fields = false; // consecutive fields make one list, as HTML's <dl>
        for (size_t i = 0; i < section.blocks.size(); ++i) {
            bool field = std::holds_alternative<Field>(section.blocks[i]);
            if (field != in_fields) field ? m_flow.open("L") : m_flow.close("L");
            in_fields = field;
            // A short paragraph introducing a table stays with the table's first rows.
            if (i + 1 < section.blocks.size() && std::holds_alternative<Paragraph>(section.blocks[i]) &&
                std::holds_alternative<Table>(section.blocks[i + 1]))
                m_flow.keep(90);
            std::visit([this](const auto& b) { this->block(b); }, section.blocks[i]);
        }
        if (in_fields) m_flow.close("L");
        m_flow.close("Sect");
    }

    void block(const Field& field) {
        auto label = field.number.empty() ? field.label : number_text(field) + " " + field.label;
        auto* label_layout = m_flow.layout(label, m_fonts.label.get(), k_content_width);
        m_flow.keep(layout_height(label_layout) + 16); // the label stays with the value's first line
        m_flow.open("LI");
        Cell cell{label_layout, k_margin, k_content_width};
        cell.tag = "Lbl";
        m_flow.place_row({cell});
        double width = k_content_width - k_indent;
        if (field.missing)
            text(m_words.missing, m_fonts.missing.get(), k_margin + k_indent, width, k_red, "LBody");
        else
            text(field.value.empty() ? "–" : field.value, m_fonts.body.get(), k_margin + k_indent, width, k_ink, "LBody");
        m_flow.close("LI");
        m_flow.skip(6);
    }

    void block(const Paragraph& paragraph) {
        text(paragraph.text, m_fonts.body.get(), k_margin, k_content_width);
        m_flow.skip(6);
    }

    void block(const List& list) {
        m_flow.open("L");
        for (const auto& item : list.items) {
            Cell bullet{m_flow.layout("•", m_fonts.body.get(), 0), k_margin + 2, k_indent};
            bullet.tag = "Lbl";
            Cell body{m_flow.layout(item, m_fonts.body.get(), k_content_width - k_indent), k_margin + k_indent,
                      k_content_width - k_indent};
            body.tag = "LBody";
            m_flow.place_row({bullet, body}, "LI");
            m_flow.skip(2);
        }
        m_flow.close("L");
        m_flow.skip(4);
    }

    void block(const Table& table);

    Flow& m_flow;
    const Fonts& m_fonts;
    const Document& m_document;
    const Words& m_words;
};

// Column widths: each column gets its natural width when that is no more than a fair share of
// what is left; the remaining (wrapping) columns share the rest in proportion to their natural
// widths, so a column of long texts gets more room than one of short ones.
std::vector<double> column_widths(const std::vector<double>& natural, double total) {
    std::vector<double> widths(natural.size(), 0);
    std::vector<bool> fixed(natural.size(), false);
    double left = total;
    size_t open = natural.size();
    for (bool changed = true; changed && open > 0;) {
        changed = false;
        double fair = left / static_cast<double>(open);
        for (size_t i = 0; i < natural.size(); ++i)
            if (!fixed[i] && natural[i] <= fair) {
                widths[i] = natural[i], fixed[i] = true, left -= natural[i], --open, changed = true;
            }
    }
    double wanted = 0;
    for (size_t i = 0; i < natural.size(); ++i)
        if (!fixed[i]) wanted += natural[i];
    for (size_t i = 0; i < natural.size(); ++i)
        if (!fixed[i]) widths[i] = left * natural[i] / wanted;
    // Spare room (all columns narrow) is spread in proportion, so the table spans the page.
    double used = 0;
    for (double w : widths) used += w;
    if (used > 0 && used < total)
        for (double& w : widths) w *= total / used;
    return widths;
}

void Composer::block(const Table& table) {
    size_t columns = table.headers.size();
    for (const auto& row : table.rows) columns = std::max(columns, row.size());
    if (columns == 0) return;
    auto cell_text = [](const std::vector<std::string>& row, size_t i) { return i < row.size() ? row[i] : std::string(); };
    std::vector<double> natural(columns, 2 * k_cell_pad + 1);
    auto measure = [&](const std::vector<std::string>& row, const PangoFontDescription* font) {
        for (size_t i = 0; i < columns; ++i) {
            auto* probe = m_flow.layout(cell_text(row, i), font, 0);
            natural[i] = std::max(natural[i], layout_natural_width(probe) + 2 * k_cell_pad + 1);
        }
    };
    measure(table.headers, m_fonts.table_head.get());
    for (const auto& row : table.rows) measure(row, m_fonts.table.get());
    auto widths = column_widths(natural, k_content_width);
    // The header row repeated on a following page is left out of the structure: it was read once.
    auto place = [&](const std::vector<std::string>& row, bool head, bool tagged = true) {
        std::vector<Cell> cells;
        double x = k_margin;
        for (size_t i = 0; i < columns; ++i) {
            auto* layout = m_flow.layout(cell_text(row, i), head ? m_fonts.table_head.get() : m_fonts.table.get(),
                                         widths[i] - 2 * k_cell_pad);
            cells.push_back(Cell{layout, x, widths[i], k_cell_pad, k_ink, true, head, tagged ? (head ? "TH" : "TD") : nullptr});
            x += widths[i];
        }
        m_flow.place_row(cells, tagged ? "TR" : nullptr);
    };
    m_flow.skip(4);
    m_flow.open("Table");
    if (!table.headers.empty()) {
        m_flow.keep(60); // the header row with at least one row under it
        place(table.headers, true);
        m_flow.on_new_page = [&] { place(table.headers, true, false); };
    }
    for (const auto& row : table.rows) place(row, false);
    m_flow.on_new_page = nullptr;
    m_flow.close("Table");
    m_flow.skip(8);
}

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
    Composer(flow, fonts, document).compose(merged, first, last);
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
