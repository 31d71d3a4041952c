#include "doc/pdf_flow.hpp"

#include <algorithm>
#include <string>

#include "util/text.hpp"

namespace skydda::doc::pdf {

namespace {

constexpr double k_epsilon = 0.01;
// Rows up to this height move whole to the next page instead of splitting (table rows, list
// items, short paragraphs); longer ones split between lines.
constexpr double k_keep_whole = 110.0;

double points(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }

std::vector<LineBox> lines_of(const Cell& cell) {
    std::vector<LineBox> out;
    PangoLayoutIter* iter = pango_layout_get_iter(cell.layout);
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(iter, nullptr, &logical);
        double baseline = points(pango_layout_iter_get_baseline(iter));
        out.push_back({pango_layout_iter_get_line_readonly(iter), cell.x + cell.pad + points(logical.x),
                       cell.pad + points(logical.y), cell.pad + points(logical.y + logical.height),
                       cell.pad + baseline});
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    return out;
}

// Pango wants valid UTF-8 without NUL bytes; what comes from a case file is cleaned first.
std::string clean_text(std::string_view text) {
    std::string out(text);
    std::erase(out, '\0');
    if (text::valid_utf8(out)) return out;
    gchar* valid = g_utf8_make_valid(out.data(), static_cast<gssize>(out.size()));
    std::string fixed(valid);
    g_free(valid);
    return fixed;
}

} // namespace

double layout_height(PangoLayout* layout) {
    int width = 0, height = 0;
    pango_layout_get_size(layout, &width, &height);
    return points(height);
}

double layout_natural_width(PangoLayout* layout) {
    int width = 0, height = 0;
    pango_layout_get_size(layout, &width, &height);
    return points(width);
}

Flow::Flow(PangoContext* context) : m_context(context) { pages.emplace_back(); }

PangoLayout* Flow::layout(std::string_view text, const PangoFontDescription* font, double width, bool markup) {
    PangoLayout* layout = pango_layout_new(m_context);
    pango_layout_set_font_description(layout, font);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    if (width > 0) pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    auto clean = clean_text(text);
    if (markup)
        pango_layout_set_markup(layout, clean.data(), static_cast<int>(clean.size()));
    else
        pango_layout_set_text(layout, clean.data(), static_cast<int>(clean.size()));
    // Long tokens (hashes, e-mail addresses, file names) break between characters; a hyphen
    // there would read as part of them.
    PangoAttrList* attributes = pango_layout_get_attributes(layout);
    PangoAttrList* own = attributes ? pango_attr_list_copy(attributes) : pango_attr_list_new();
    pango_attr_list_insert(own, pango_attr_insert_hyphens_new(FALSE));
    pango_layout_set_attributes(layout, own);
    pango_attr_list_unref(own);
    m_layouts.emplace_back(layout);
    return layout;
}

void Flow::new_page() {
    pages.emplace_back();
    m_y = k_top;
    if (on_new_page && !m_in_hook) {
        m_in_hook = true;
        on_new_page();
        m_in_hook = false;
    }
    m_page_top = m_y;
}

void Flow::keep(double height) {
    if (m_y + height > k_bottom && m_y > m_page_top + k_epsilon) new_page();
}

void Flow::skip(double height) {
    if (m_y > m_page_top + k_epsilon) m_y = std::min(m_y + height, k_bottom);
}

namespace {

// Where to cut a row that does not fit in `room` below `offset`: the top of the first line, in
// any cell, that does not fit. Returns `height` when every line fits (only padding overflows).
double cut_at(const std::vector<std::vector<LineBox>>& lines, double offset, double room, double height) {
    double cut = height;
    for (const auto& cell_lines : lines)
        for (const auto& line : cell_lines) {
            if (line.top < offset - k_epsilon) continue;
            if (line.bottom > offset + room + k_epsilon) {
                cut = std::min(cut, line.top);
                break;
            }
        }
    return cut;
}

} // namespace

void Flow::place_row(const std::vector<Cell>& cells, const char* row_tag) {
    std::vector<std::vector<LineBox>> lines;
    double height = 0;
    for (const auto& cell : cells) {
        lines.push_back(lines_of(cell));
        height = std::max(height, lines.back().empty() ? 2 * cell.pad : lines.back().back().bottom + cell.pad);
    }
    double offset = 0;
    for (;;) {
        double room = k_bottom - m_y;
        bool at_top = m_y <= m_page_top + k_epsilon;
        if (height - offset <= room + k_epsilon) break;
        if (!at_top && offset == 0 && height <= k_keep_whole) {
            new_page();
            continue;
        }
        double cut = cut_at(lines, offset, room, height);
        if (cut >= height - k_epsilon) break; // only the bottom padding overflows
        if (cut <= offset + k_epsilon) {
            if (!at_top) {
                new_page();
                continue;
            }
            cut = offset + room; // a line taller than a page: placed anyway, never dropped
        }
        emit(cells, lines, offset, cut, row_tag, offset == 0, false);
        new_page();
        offset = cut;
    }
    emit(cells, lines, offset, height, row_tag, offset == 0, true);
    m_y += height - offset;
}

void Flow::flush_pending() {
    for (const char* tag : m_pending) pages.back().ops.emplace_back(Tag{tag, true});
    m_pending.clear();
}

void Flow::close(const char* tag) {
    if (!m_pending.empty()) {
        m_pending.pop_back(); // opened and closed with nothing inside: neither is written
        return;
    }
    pages.back().ops.emplace_back(Tag{tag, false});
}

// Draws the part [from, to) of a row at the current position: backgrounds, text, then outlines;
// `first` and `last` say whether this part starts or ends the row (both: the row is whole).
void Flow::emit(const std::vector<Cell>& cells, const std::vector<std::vector<LineBox>>& lines, double from,
                double to, const char* row_tag, bool first, bool last) {
    flush_pending();
    auto& ops = pages.back().ops;
    auto tag = [&](const char* name, bool begin) {
        if (name) ops.emplace_back(Tag{name, begin});
    };
    bool whole = first && last;
    bool continued = cells.size() == 1 && !whole; // one element over pages, a Span per page
    if (first || !continued) tag(row_tag, true);
    for (const auto& cell : cells)
        if (cell.shaded) ops.emplace_back(Box{cell.x, m_y, cell.width, to - from, true});
    for (size_t i = 0; i < cells.size(); ++i) {
        const char* cell_tag = cells[i].tag;
        if (first || !continued) tag(cell_tag, true);
        if (continued) tag(cell_tag ? "Span" : nullptr, true);
        for (const auto& line : lines[i])
            if (line.top >= from - k_epsilon && line.top < to - k_epsilon)
                ops.emplace_back(TextLine{line.line, line.x, m_y + line.baseline - from, cells[i].colour});
        if (continued) tag(cell_tag ? "Span" : nullptr, false);
        if (last || !continued) tag(cell_tag, false);
    }
    for (const auto& cell : cells)
        if (cell.border) ops.emplace_back(Box{cell.x, m_y, cell.width, to - from, false});
    if (last || !continued) tag(row_tag, false);
}

} // namespace skydda::doc::pdf
