#include "scan/extract_markup.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cctype>

#include "scan/extract_encoding.hpp"

namespace skydda::scan::detail {
namespace {

// HTML's Latin-1 entity names in code point order from U+00A0.
constexpr std::array<std::string_view, 96> k_latin1_entities = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",    "copy",
    "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn", "sup2",   "sup3",
    "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12",
    "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
    "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde",
    "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",
    "Uuml",   "Yacute", "THORN",  "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",
    "aelig",  "ccedil", "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
    "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
    "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};

struct NamedEntity {
    std::string_view name;
    char32_t point;
};
constexpr std::array<NamedEntity, 17> k_other_entities = {{
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"euro", 0x20AC},
    {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"sbquo", 0x201A},
    {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"hellip", 0x2026}, {"bull", 0x2022},
    {"trade", 0x2122},
}};

// The code point an entity body ("amp", "#229", "#xE5") stands for, or 0 when unknown.
char32_t entity_value(std::string_view body, bool html) {
    if (body.starts_with('#')) {
        bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
        std::string_view digits = body.substr(hex ? 2 : 1);
        uint32_t value = 0;
        auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
        if (error != std::errc{} || end != digits.data() + digits.size() || digits.empty()) return 0;
        if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0xFFFD;
        return value;
    }
    for (const auto& entity : k_other_entities)
        if (entity.name == body && (html || entity.point < 0x80)) return entity.point;
    if (html)
        for (size_t i = 0; i < k_latin1_entities.size(); ++i)
            if (k_latin1_entities[i] == body) return static_cast<char32_t>(0xA0 + i);
    return 0;
}

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t find_or_end(std::string_view text, std::string_view what, size_t from) {
    size_t found = text.find(what, from);
    return found == std::string_view::npos ? text.size() : found;
}

// Appends a separator; blanks and line breaks collapse with the ones before them, tabs and
// form feeds (cell and sheet ends) count each.
void separate(std::string& out, char separator) {
    if (separator == 0 || out.empty()) return;
    char last = out.back();
    if (separator == ' ' && !is_space(last)) out.push_back(' ');
    else if (separator == '\n' && last == ' ') out.back() = '\n';
    else if (separator == '\n' && last != '\n') out.push_back('\n');
    else if (separator == '\t' || separator == '\f') out.push_back(separator);
}

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return is_space(c); });
}

const ElementRule* find_rule(const MarkupStyle& style, std::string_view name) {
    for (const auto& rule : style.rules)
        if (style.html ? equals_ignore_case(rule.name, name) : rule.name == name) return &rule;
    return nullptr;
}

} // namespace

std::string_view local_name(std::string_view name) {
    size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view attribute(std::string_view attributes, std::string_view name) {
    size_t i = 0;
    while (i < attributes.size()) {
        while (i < attributes.size() && (is_space(attributes[i]) || attributes[i] == '/')) ++i;
        size_t name_start = i;
        while (i < attributes.size() && !is_space(attributes[i]) && attributes[i] != '=') ++i;
        std::string_view current = attributes.substr(name_start, i - name_start);
        while (i < attributes.size() && is_space(attributes[i])) ++i;
        if (i >= attributes.size() || attributes[i] != '=') {
            if (current.empty()) ++i;
            continue;
        }
        ++i;
        while (i < attributes.size() && is_space(attributes[i])) ++i;
        size_t value_start = i, value_end;
        if (i < attributes.size() && (attributes[i] == '"' || attributes[i] == '\'')) {
            value_start = i + 1;
            value_end = std::min(attributes.find(attributes[i], value_start), attributes.size());
            i = value_end + 1;
        } else {
            while (i < attributes.size() && !is_space(attributes[i])) ++i;
            value_end = i;
        }
        if (equals_ignore_case(current, name)) return attributes.substr(value_start, value_end - value_start);
    }
    return {};
}

void append_decoded(std::string& out, std::string_view raw, bool html) {
    size_t i = 0;
    while (i < raw.size()) {
        size_t amp = raw.find('&', i);
        if (amp == std::string_view::npos) amp = raw.size();
        out.append(raw.substr(i, amp - i));
        if (amp == raw.size()) break;
        size_t semicolon = raw.find(';', amp);
        char32_t value = 0;
        if (semicolon != std::string_view::npos && semicolon - amp <= 12)
            value = entity_value(raw.substr(amp + 1, semicolon - amp - 1), html);
        if (value == 0) {
            out.push_back('&');
            i = amp + 1;
            continue;
        }
        // A no-break space is a space to the recognisers ("070&nbsp;123 45 67").
        append_utf8(out, value == 0xA0 ? U' ' : value);
        i = semicolon + 1;
    }
}

bool XmlTokenizer::next(XmlToken& token) {
    while (m_position < m_document.size()) {
        size_t start = m_position;
        if (m_document[start] != '<') {
            size_t end = find_or_end(m_document, "<", start + 1);
            token = {XmlToken::Kind::text, {}, {}, false, m_document.substr(start, end - start)};
            m_position = end;
            return true;
        }
        if (read_tag(token)) return true;
    }
    return false;
}

// Reads the construct at '<'; false when it was one that yields no token (comment, <!...>, <?...?>).
bool XmlTokenizer::read_tag(XmlToken& token) {
    std::string_view rest = m_document.substr(m_position);
    if (rest.starts_with("<!--")) {
        m_position = std::min(find_or_end(m_document, "-->", m_position + 4) + 3, m_document.size());
        return false;
    }
    if (rest.starts_with("<![CDATA[")) {
        size_t end = find_or_end(m_document, "]]>", m_position + 9);
        token = {XmlToken::Kind::cdata, {}, {}, false, m_document.substr(m_position + 9, end - m_position - 9)};
        m_position = std::min(end + 3, m_document.size());
        return true;
    }
    if (rest.starts_with("<!") || rest.starts_with("<?")) {
        m_position = std::min(find_or_end(m_document, ">", m_position) + 1, m_document.size());
        return false;
    }
    bool closing = rest.size() > 1 && rest[1] == '/';
    size_t name_start = m_position + (closing ? 2 : 1);
    if (name_start >= m_document.size() || !is_name_start(m_document[name_start])) {
        // A lone '<' in text ("a < b"): text, not a tag.
        token = {XmlToken::Kind::text, {}, {}, false, m_document.substr(m_position, 1)};
        ++m_position;
        return true;
    }
    size_t name_end = name_start;
    while (name_end < m_document.size() && !is_space(m_document[name_end]) && m_document[name_end] != '>' &&
           m_document[name_end] != '/')
        ++name_end;
    // The tag ends at the first '>' outside quotes.
    size_t end = name_end;
    char quote = 0;
    for (; end < m_document.size(); ++end) {
        char c = m_document[end];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            break;
        }
    }
    std::string_view name = m_document.substr(name_start, name_end - name_start);
    std::string_view attributes = m_document.substr(name_end, std::min(end, m_document.size()) - name_end);
    bool self_closing = !attributes.empty() && attributes.back() == '/';
    m_position = std::min(end + 1, m_document.size());
    token = {closing ? XmlToken::Kind::close : XmlToken::Kind::open, name, attributes, self_closing, {}};
    if (m_html && !closing && !self_closing &&
        (equals_ignore_case(name, "script") || equals_ignore_case(name, "style")))
        skip_raw_text(name);
    return true;
}

// HTML <script> and <style> hold code, not text: jump to their end tag.
void XmlTokenizer::skip_raw_text(std::string_view element) {
    for (size_t i = m_position; i + 2 + element.size() <= m_document.size(); ++i) {
        if (m_document[i] == '<' && m_document[i + 1] == '/' &&
            equals_ignore_case(m_document.substr(i + 2, element.size()), element)) {
            m_position = i;
            return;
        }
    }
    m_position = m_document.size();
}

namespace {

constexpr ElementRule k_html_rules[] = {
    {"a", 0, 0},      {"abbr", 0, 0},   {"b", 0, 0},    {"bdi", 0, 0},    {"bdo", 0, 0},    {"cite", 0, 0},
    {"code", 0, 0},   {"data", 0, 0},   {"dfn", 0, 0},  {"em", 0, 0},     {"font", 0, 0},   {"i", 0, 0},
    {"kbd", 0, 0},    {"mark", 0, 0},   {"q", 0, 0},    {"s", 0, 0},      {"samp", 0, 0},   {"small", 0, 0},
    {"span", 0, 0},   {"strong", 0, 0}, {"sub", 0, 0},  {"sup", 0, 0},    {"time", 0, 0},   {"u", 0, 0},
    {"var", 0, 0},    {"wbr", 0, 0},    {"o:p", 0, 0},  {"br", '\n', 0},  {"td", 0, '\t'},  {"th", 0, '\t'},
    {"tr", '\n', '\n'}, {"img", ' ', 0},
};

const MarkupStyle k_xml_style{{}, ' ', '\n', false, true, false};
const MarkupStyle k_html_style{k_html_rules, '\n', '\n', true, false, false};

// Attribute values of generic XML, minus namespace declarations and schema hints.
void append_attribute_values(std::string& out, std::string_view attributes) {
    size_t i = 0;
    while (i < attributes.size()) {
        size_t equals = attributes.find('=', i);
        if (equals == std::string_view::npos) break;
        std::string_view name = attributes.substr(i, equals - i);
        while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
        while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
        size_t open = attributes.find_first_of("\"'", equals);
        if (open == std::string_view::npos) break;
        size_t close = attributes.find(attributes[open], open + 1);
        if (close == std::string_view::npos) break;
        if (!name.starts_with("xmlns") && !name.starts_with("xsi:") && !name.starts_with("xml:")) {
            separate(out, ' ');
            append_decoded(out, attributes.substr(open + 1, close - open - 1), false);
        }
        i = close + 1;
    }
}

// Tracks an HTML mailto link, so that its address is kept when the link text differs from it.
struct MailtoLink {
    std::string address;
    size_t text_start = 0;
};

void open_mailto(MailtoLink& link, std::string_view attributes, size_t position) {
    std::string_view href = attribute(attributes, "href");
    link.address.clear();
    if (!starts_with_ignore_case(href, "mailto:")) return;
    href.remove_prefix(7);
    append_decoded(link.address, href.substr(0, href.find('?')), true);
    link.text_start = position;
}

void close_mailto(MailtoLink& link, std::string& out) {
    if (link.address.empty()) return;
    if (std::string_view(out).substr(link.text_start).find(link.address) == std::string_view::npos) {
        separate(out, ' ');
        out.append(link.address);
        separate(out, ' ');
    }
    link.address.clear();
}

// An OpenDocument cell that stands for several identical ones (empty runs, mostly).
size_t repeated_columns(const XmlToken& token) {
    std::string_view repeat = attribute(token.attributes, "table:number-columns-repeated");
    size_t count = 1;
    if (token.kind == XmlToken::Kind::open && !repeat.empty())
        std::from_chars(repeat.data(), repeat.data() + repeat.size(), count);
    return std::clamp<size_t>(count, 1, 1024);
}

} // namespace

const MarkupStyle& xml_style() { return k_xml_style; }
const MarkupStyle& html_style() { return k_html_style; }

std::string strip_markup(std::string_view document, const MarkupStyle& style) {
    std::string out;
    out.reserve(document.size() / 3);
    XmlTokenizer tokenizer(document, style.html);
    XmlToken token;
    MailtoLink link;
    size_t pending_tabs = 0; // cell ends, written only when more text follows in the row
    int cell_depth = 0;
    while (tokenizer.next(token)) {
        using Kind = XmlToken::Kind;
        if (token.kind == Kind::text || token.kind == Kind::cdata) {
            if (!style.keep_blank_text && is_blank(token.text)) continue;
            if (pending_tabs > 0 && !out.empty() && out.back() == ' ') out.pop_back();
            out.append(pending_tabs, '\t');
            pending_tabs = 0;
            if (token.kind == Kind::cdata) out.append(token.text);
            else append_decoded(out, token.text, style.html);
            continue;
        }
        const ElementRule* rule = find_rule(style, token.name);
        char at_open = rule ? rule->at_open : style.default_open;
        char at_close = rule ? rule->at_close : style.default_close;
        char separator = token.kind == Kind::close ? at_close : token.self_closing ? (at_open ? at_open : at_close) : at_open;
        // Inside a table cell a paragraph end is a blank, so that each row stays one line.
        if (at_close == '\t' && !token.self_closing) cell_depth += token.kind == Kind::open ? 1 : -1;
        cell_depth = std::max(cell_depth, 0);
        if (separator == '\n' && cell_depth > 0) separator = ' ';
        if (separator == '\t') {
            pending_tabs += repeated_columns(token);
        } else {
            if (separator == '\n' || separator == '\f') pending_tabs = 0;
            separate(out, separator);
        }
        if (token.kind == Kind::open && style.attributes) append_attribute_values(out, token.attributes);
        if (style.html && equals_ignore_case(token.name, "a")) {
            if (token.kind == Kind::open) open_mailto(link, token.attributes, out.size());
            if (token.kind == Kind::close || token.self_closing) close_mailto(link, out);
        }
    }
    close_mailto(link, out);
    return out;
}

} // namespace skydda::scan::detail
