#include "scan/extract_office.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <vector>

#include "scan/extract_archive.hpp"
#include "scan/extract_delimited.hpp"
#include "scan/extract_encoding.hpp"
#include "scan/extract_markup.hpp"

namespace skydda::scan::detail {
namespace {

constexpr ElementRule k_docx_rules[] = {
    {"w:p", 0, '\n'},  {"w:tab", '\t', 0}, {"w:br", '\n', 0}, {"w:cr", '\n', 0},
    {"w:tc", 0, '\t'}, {"w:tr", 0, '\n'},
};
constexpr ElementRule k_pptx_rules[] = {
    {"a:p", 0, '\n'}, {"a:br", '\n', 0}, {"a:tab", '\t', 0}, {"a:tc", 0, '\t'}, {"a:tr", 0, '\n'},
};
constexpr ElementRule k_odt_rules[] = {
    {"text:p", 0, '\n'},           {"text:h", 0, '\n'},          {"text:tab", '\t', 0},
    {"text:line-break", '\n', 0},  {"text:s", ' ', 0},           {"table:table-cell", 0, '\t'},
    {"table:covered-table-cell", 0, '\t'}, {"table:table-row", 0, '\n'}, {"text:list-item", 0, '\n'},
};
// Spreadsheets: a paragraph ends inside its cell; a sheet ends with a form feed.
constexpr ElementRule k_ods_rules[] = {
    {"text:p", 0, ' '},           {"text:s", ' ', 0},                    {"text:tab", ' ', 0},
    {"text:line-break", ' ', 0},  {"table:table-cell", 0, '\t'},         {"table:covered-table-cell", 0, '\t'},
    {"table:table-row", 0, '\n'}, {"table:table", 0, '\f'},
};

constexpr MarkupStyle office_style(std::span<const ElementRule> rules) { return {rules, 0, 0, false, false, true}; }

// Order "slide2.xml" before "slide10.xml".
bool natural_less(const std::string& a, const std::string& b) {
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
            size_t i_end = i, j_end = j;
            while (i_end < a.size() && std::isdigit(static_cast<unsigned char>(a[i_end]))) ++i_end;
            while (j_end < b.size() && std::isdigit(static_cast<unsigned char>(b[j_end]))) ++j_end;
            if (i_end - i != j_end - j) return i_end - i < j_end - j;
            if (int order = a.compare(i, i_end - i, b, j, j_end - j); order != 0) return order < 0;
            i = i_end;
            j = j_end;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

bool is_xml_under(std::string_view name, std::string_view folder) {
    return name.starts_with(folder) && name.ends_with(".xml") && name.find("/_rels/") == std::string_view::npos &&
           name.substr(folder.size()).find('/') == std::string_view::npos;
}

bool wanted_part(Format format, std::string_view name) {
    switch (format) {
    case Format::docx:
        return name == "word/document.xml" || name == "word/comments.xml" || name == "word/footnotes.xml" ||
               name == "word/endnotes.xml" ||
               (is_xml_under(name, "word/") && (name.starts_with("word/header") || name.starts_with("word/footer")));
    case Format::xlsx: return name == "xl/sharedStrings.xml" || is_xml_under(name, "xl/worksheets/");
    case Format::pptx: return is_xml_under(name, "ppt/slides/") || is_xml_under(name, "ppt/notesSlides/");
    default: return name == "content.xml" || name == "styles.xml" || name == "META-INF/manifest.xml";
    }
}

using Parts = std::map<std::string, std::string, bool (*)(const std::string&, const std::string&)>;

bool has_main_part(Format format, const Parts& parts) {
    auto has_prefix = [&](std::string_view prefix) {
        return std::any_of(parts.begin(), parts.end(), [&](const auto& part) { return part.first.starts_with(prefix); });
    };
    switch (format) {
    case Format::docx: return parts.contains("word/document.xml");
    case Format::xlsx: return has_prefix("xl/worksheets/");
    case Format::pptx: return has_prefix("ppt/slides/");
    default: return parts.contains("content.xml");
    }
}

// A cell's text on one line of its sheet.
void append_cell_text(std::string& out, std::string_view text) {
    for (char c : text) out.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
}

std::vector<std::string> read_shared_strings(std::string_view xml) {
    std::vector<std::string> strings;
    XmlTokenizer tokenizer(xml, false);
    XmlToken token;
    std::string current;
    bool in_text = false;
    int phonetic = 0; // <rPh> holds reading aids, not the cell's text
    while (tokenizer.next(token)) {
        std::string_view name = local_name(token.name);
        if (token.kind == XmlToken::Kind::open && !token.self_closing) {
            if (name == "si") current.clear();
            if (name == "t") in_text = true;
            if (name == "rPh") ++phonetic;
        } else if (token.kind == XmlToken::Kind::close) {
            if (name == "si") strings.push_back(current);
            if (name == "t") in_text = false;
            if (name == "rPh" && phonetic > 0) --phonetic;
        } else if (in_text && phonetic == 0 && token.kind != XmlToken::Kind::open) {
            append_decoded(current, token.text, false);
        }
    }
    return strings;
}

// "AB12" -> 27 (zero-based column), or -1.
int column_of(std::string_view reference) {
    int column = 0;
    size_t letters = 0;
    for (; letters < reference.size() && std::isalpha(static_cast<unsigned char>(reference[letters])); ++letters)
        column = column * 26 + (std::toupper(static_cast<unsigned char>(reference[letters])) - 'A' + 1);
    return letters == 0 || letters > 3 ? -1 : column - 1;
}

class SheetReader {
public:
    explicit SheetReader(const std::vector<std::string>& shared) : m_shared(shared) {}

    std::string read(std::string_view xml) {
        XmlTokenizer tokenizer(xml, false);
        XmlToken token;
        while (tokenizer.next(token)) {
            std::string_view name = local_name(token.name);
            if (token.kind == XmlToken::Kind::open) open(name, token);
            else if (token.kind == XmlToken::Kind::close) close(name);
            else if (m_in_value) append_decoded(m_value, token.text, false);
        }
        return std::move(m_out);
    }

private:
    void open(std::string_view name, const XmlToken& token) {
        if (name == "c") {
            m_type = std::string(attribute(token.attributes, "t"));
            int column = column_of(attribute(token.attributes, "r"));
            m_cell_column = column >= 0 ? column : m_column;
            m_value.clear();
            if (token.self_closing) close("c");
        } else if ((name == "v" || name == "t") && !token.self_closing) {
            m_in_value = true;
        }
    }

    void close(std::string_view name) {
        if (name == "v" || name == "t") m_in_value = false;
        if (name == "row") {
            if (m_row_has_cell) m_out.push_back('\n');
            m_column = 0;
            m_row_has_cell = false;
        }
        if (name != "c" || m_value.empty()) return;
        std::string_view text = m_value;
        if (m_type == "s") {
            size_t index = 0;
            auto [end, error] = std::from_chars(m_value.data(), m_value.data() + m_value.size(), index);
            text = error == std::errc{} && index < m_shared.size() ? std::string_view(m_shared[index]) : std::string_view();
        }
        // Empty cells between keep the columns aligned, up to a bound (a lone cell in column
        // XFD must not cost 16 000 tabs on every row).
        int separator = m_row_has_cell ? 1 : 0;
        int tabs = std::clamp(m_cell_column - m_column + separator, separator, 256);
        m_out.append(static_cast<size_t>(tabs), '\t');
        append_cell_text(m_out, text);
        m_column = std::max(m_cell_column, m_column) + 1;
        m_row_has_cell = true;
    }

    const std::vector<std::string>& m_shared;
    std::string m_out, m_type, m_value;
    int m_column = 0, m_cell_column = 0;
    bool m_in_value = false;
    bool m_row_has_cell = false;
};

void emit_sheet(Context& context, const std::string& path, std::string_view sheet) {
    while (!sheet.empty() && (sheet.back() == '\n' || sheet.back() == ' ')) sheet.remove_suffix(1);
    if (sheet.empty()) return;
    context.sink.text(path, sheet, delimited_hints(sheet, '\t'));
}

void read_xlsx(Context& context, const std::string& path, const Parts& parts) {
    std::vector<std::string> shared;
    if (auto found = parts.find("xl/sharedStrings.xml"); found != parts.end()) shared = read_shared_strings(found->second);
    for (const auto& [name, xml] : parts)
        if (name.starts_with("xl/worksheets/")) emit_sheet(context, path, SheetReader(shared).read(xml));
}

void read_ods(Context& context, const std::string& path, std::string_view content) {
    static constexpr MarkupStyle style = office_style(k_ods_rules);
    std::string text = strip_markup(content, style);
    std::string_view rest = text;
    while (!rest.empty()) {
        size_t end = std::min(rest.find('\f'), rest.size());
        emit_sheet(context, path, rest.substr(0, end));
        rest.remove_prefix(std::min(end + 1, rest.size()));
    }
}

void emit_stripped(Context& context, const std::string& path, std::string_view xml, const MarkupStyle& style) {
    std::string text = strip_markup(xml, style);
    if (text.find_first_not_of(" \t\n") != std::string::npos) context.sink.text(path, text, {});
}

} // namespace

bool is_ole(std::string_view bytes) { return bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"); }

bool is_encrypted_ooxml(std::string_view bytes) {
    static constexpr char k_name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    return is_ole(bytes) && bytes.find(std::string_view(k_name, sizeof k_name - 1)) != std::string_view::npos;
}

void extract_office(Context& context, const std::string& path, std::string_view bytes, Format format, int depth) {
    Parts parts(&natural_less);
    bool opened = walk_archive(
        context, path, bytes, Format::zip, [&](std::string_view name) { return wanted_part(format, name); },
        [&](const std::string& name, std::string_view data) {
            // The parts are UTF-8 (or UTF-16) by the standards; damaged bytes must not reach the sink.
            std::string storage;
            parts.emplace(name, std::string(decode_text(data, storage)));
        });
    if (!opened) return;
    if (!has_main_part(format, parts)) {
        // Named like a document but not one: read it as the zip archive it is.
        extract_archive(context, path, bytes, Format::zip, depth);
        return;
    }
    if (auto manifest = parts.find("META-INF/manifest.xml");
        manifest != parts.end() && manifest->second.find("encryption-data") != std::string::npos) {
        context.sink.unreadable(path, Unreadable::encrypted, "password-protected OpenDocument");
        return;
    }
    static constexpr MarkupStyle docx = office_style(k_docx_rules);
    static constexpr MarkupStyle pptx = office_style(k_pptx_rules);
    static constexpr MarkupStyle odt = office_style(k_odt_rules);
    switch (format) {
    case Format::xlsx: read_xlsx(context, path, parts); break;
    case Format::ods: read_ods(context, path, parts.at("content.xml")); break;
    default:
        for (const auto& [name, xml] : parts)
            if (name != "META-INF/manifest.xml")
                emit_stripped(context, path, xml, format == Format::docx ? docx : format == Format::pptx ? pptx : odt);
    }
}

} // namespace skydda::scan::detail
