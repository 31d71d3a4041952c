// Composing a document for the PDF: the addressee, title, missing-answers notice and sections
// (fields, paragraphs, lists, tables with their column widths), as tagged rows of the page flow.
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "doc/pdf_compose.hpp"
#include "doc/words.hpp"
#include "util/time.hpp"

namespace skydda::doc {

namespace {

using namespace pdf;

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

} // namespace

namespace pdf {

void compose_document(Flow& flow, const Fonts& fonts, const Document& document, bool merged, bool first, bool last) {
    Composer(flow, fonts, document).compose(merged, first, last);
}

} // namespace pdf
} // namespace skydda::doc
