// XML and HTML to text: a forgiving tokenizer (no DOM, no recursion, no external entities)
// and the strippers built on it. Text nodes are decoded (the five XML entities, numeric
// references and, for HTML, the Latin-1 named entities); comments, processing instructions
// and, in HTML, <script>/<style> contents are dropped.
#pragma once
#include <span>
#include <string>
#include <string_view>

namespace skydda::scan::detail {

struct XmlToken {
    enum class Kind { open, close, text, cdata } kind = Kind::text;
    std::string_view name;       // qualified name of a tag ("w:p")
    std::string_view attributes; // the raw attribute text of an open tag
    bool self_closing = false;   // <br/>
    std::string_view text;       // raw (undecoded) text or CDATA content
};

class XmlTokenizer {
public:
    XmlTokenizer(std::string_view document, bool html) : m_document(document), m_html(html) {}
    bool next(XmlToken& token);

private:
    bool read_tag(XmlToken& token);
    void skip_raw_text(std::string_view element);
    std::string_view m_document;
    size_t m_position = 0;
    bool m_html;
};

// The part of a qualified name after the prefix: "w:p" -> "p".
std::string_view local_name(std::string_view name);
// The value of attribute `name` (raw, undecoded), or empty.
std::string_view attribute(std::string_view attributes, std::string_view name);
// Appends `raw` with entities and character references decoded.
void append_decoded(std::string& out, std::string_view raw, bool html);

// How an element separates the text around it when stripped.
struct ElementRule {
    std::string_view name; // qualified name, as in the document
    char at_open;          // appended when the element opens (0: nothing)
    char at_close;         // appended when it closes
};

struct MarkupStyle {
    std::span<const ElementRule> rules;
    char default_open;  // for elements without a rule (0: inline)
    char default_close;
    bool html;              // HTML entities, raw-text elements, mailto links
    bool attributes;        // append attribute values (generic XML data)
    bool keep_blank_text;   // keep whitespace-only text nodes (Office runs hold spaces)
};

const MarkupStyle& xml_style();
const MarkupStyle& html_style();
std::string strip_markup(std::string_view document, const MarkupStyle& style);

} // namespace skydda::scan::detail
