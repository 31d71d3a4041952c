// Page flow for the PDF renderer: text is laid out with pango into rows of cells (a paragraph is
// a row of one cell, a table row one cell per column, a list item a bullet and its text) and the
// rows are poured onto A4 pages line by line, so that a long text continues on the next page
// instead of being cut. The result is a list of drawing operations per page; drawing happens
// once the page count is known, which is what "Sida N av M" needs.
#pragma once
#include <functional>
#include <memory>
#include <string_view>
#include <variant>
#include <vector>

#include <pango/pangocairo.h>

namespace skydda::doc::pdf {

// A4 in points, and the area between the running header and footer.
inline constexpr double k_page_width = 595.276;
inline constexpr double k_page_height = 841.89;
inline constexpr double k_margin = 56.0;
inline constexpr double k_content_width = k_page_width - 2 * k_margin;
inline constexpr double k_top = 78.0;
inline constexpr double k_bottom = k_page_height - 64.0;

struct Rgb {
    double r, g, b;
};
inline constexpr Rgb k_ink{0.10, 0.10, 0.10};
inline constexpr Rgb k_grey{0.29, 0.29, 0.29};
inline constexpr Rgb k_red{0.54, 0.11, 0.11};

struct TextLine {
    PangoLayoutLine* line; // owned by a layout the Flow keeps alive
    double x;
    double baseline;
    Rgb colour;
};
struct Box {
    double x, y, width, height;
    bool filled; // filled light grey, else a thin outline
};
// A structure tag of the tagged PDF (cairo_tag_begin/end: "P", "H1", "TD", ...). Text is drawn
// only inside leaf tags (cairo marks the content of leaves only), and no leaf stays open across
// a page break: the running header and footer drawn at a page's start would otherwise become
// part of the paragraph that continues there.
struct Tag {
    const char* name;
    bool begin;
};
using Op = std::variant<TextLine, Box, Tag>;

struct Page {
    std::vector<Op> ops;
};

struct Cell {
    PangoLayout* layout;
    double x;     // outer left edge
    double width; // outer width (the layout is `width - 2 * pad` wide)
    double pad = 0;
    Rgb colour = k_ink;
    bool border = false;
    bool shaded = false;
    const char* tag = nullptr; // the structure tag of the cell's text ("P", "TD", "LBody"...); null: untagged
};

// One line of a cell in row coordinates (0 = the row's top edge).
struct LineBox {
    PangoLayoutLine* line;
    double x, top, bottom, baseline;
};

struct GObjectUnref {
    void operator()(void* object) const { g_object_unref(object); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

class Flow {
public:
    explicit Flow(PangoContext* context);

    // A layout of `text` (UTF-8; invalid bytes replaced) in `font`, wrapped at `width` points
    // (0: unwrapped). With `markup` the text is pango markup the caller escaped.
    PangoLayout* layout(std::string_view text, const PangoFontDescription* font, double width, bool markup = false);

    // A row of cells; `row_tag` ("TR", "LI") groups the cells' tags. A row split across pages
    // keeps one structure element per cell when it has one cell (its parts become Spans of it)
    // and becomes one row per page when it has several (cairo's tags nest, they cannot
    // interleave).
    void place_row(const std::vector<Cell>& cells, const char* row_tag = nullptr);
    // Structure tags around several rows ("Sect", "L", "Table"). An opened tag is written just
    // before the next row's content, so that it lands on the page where its content starts; a
    // tag closed before any content was placed is dropped with its opening.
    void open(const char* tag) { m_pending.push_back(tag); }
    void close(const char* tag);
    void keep(double height); // a new page unless `height` still fits on this one
    void skip(double height); // vertical space; none at the top of a page
    void new_page();
    double y() const { return m_y; }
    void set_y(double y) { m_y = y; }

    // Called after each page break (a table repeats its header row).
    std::function<void()> on_new_page;
    std::vector<Page> pages;

private:
    PangoContext* m_context;
    std::vector<LayoutPtr> m_layouts;
    double m_y = k_top;
    double m_page_top = k_top; // where content starts after on_new_page
    bool m_in_hook = false;
    std::vector<const char*> m_pending; // opened tags not yet written

    void flush_pending();
    void emit(const std::vector<Cell>& cells, const std::vector<std::vector<LineBox>>& lines, double from,
              double to, const char* row_tag, bool first, bool last);
};

double layout_height(PangoLayout* layout);
double layout_natural_width(PangoLayout* layout);

} // namespace skydda::doc::pdf
