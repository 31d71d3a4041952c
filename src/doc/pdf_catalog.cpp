#include "doc/pdf_catalog.hpp"

#include <fmt/format.h>

#include <charconv>
#include <optional>

namespace skydda::doc::pdf {

namespace {

Error malformed(std::string_view what) {
    return Error::internal(fmt::format("PDF rendering failed: cairo's output has no {}", what));
}

// The integer after `key` in `text` (e.g. "/Size 12", "/Root 7 0 R").
std::optional<long> number_after(std::string_view text, std::string_view key) {
    auto at = text.find(key);
    if (at == std::string_view::npos) return std::nullopt;
    at += key.size();
    while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\r')) ++at;
    long value = 0;
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + text.size(), value);
    if (ec != std::errc() || end == text.data() + at) return std::nullopt;
    return value;
}

// A PDF literal string: only the three characters that need it are escaped.
std::string literal(std::string_view text) {
    std::string out = "(";
    for (char c : text) {
        if (c == '(' || c == ')' || c == '\\') out += '\\';
        out += c;
    }
    return out + ")";
}

} // namespace

Result<std::string> add_catalog_language(std::string pdf, std::string_view language) {
    auto startxref = pdf.rfind("startxref");
    auto trailer = pdf.rfind("trailer", startxref);
    if (startxref == std::string::npos || trailer == std::string::npos) return fail(malformed("trailer"));
    std::string_view trailer_text(pdf.data() + trailer, startxref - trailer);
    auto previous = number_after(std::string_view(pdf).substr(startxref), "startxref");
    auto size = number_after(trailer_text, "/Size");
    auto root = number_after(trailer_text, "/Root");
    if (!previous || !size || !root) return fail(malformed("/Size, /Root or startxref"));
    auto info = number_after(trailer_text, "/Info");

    auto header = fmt::format("\n{} 0 obj\n", *root);
    auto object = pdf.find(header);
    if (object == std::string::npos) return fail(malformed("catalog"));
    auto open = pdf.find("<<", object);
    auto end = pdf.find("endobj", object);
    auto close = end == std::string::npos ? std::string::npos : pdf.rfind(">>", end);
    if (open == std::string::npos || close == std::string::npos || close < open) return fail(malformed("catalog"));
    std::string_view body(pdf.data() + open + 2, close - open - 2);
    if (body.find("/Lang") != std::string_view::npos) return pdf;

    if (!pdf.ends_with('\n')) pdf += '\n';
    size_t offset = pdf.size();
    pdf += fmt::format("{} 0 obj\n<<{}   /Lang {}\n   /ViewerPreferences << /DisplayDocTitle true >>\n>>\nendobj\n",
                       *root, body, literal(language));
    size_t xref = pdf.size();
    // Each xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, "n", EOL.
    pdf += fmt::format("xref\n{} 1\n{:010} 00000 n \n", *root, offset);
    pdf += fmt::format("trailer\n<< /Size {} /Root {} 0 R", *size, *root);
    if (info) pdf += fmt::format(" /Info {} 0 R", *info);
    pdf += fmt::format(" /Prev {} >>\nstartxref\n{}\n%%EOF\n", *previous, xref);
    return pdf;
}

} // namespace skydda::doc::pdf
