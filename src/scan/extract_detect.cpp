// detect_format: magic bytes first, then the name's extension, then a look at the content.
#include <algorithm>
#include <array>
#include <optional>

#include "scan/extract.hpp"
#include "scan/extract_encoding.hpp"
#include "scan/extract_mime.hpp"
#include "scan/extract_office.hpp"
#include "util/text.hpp"

namespace skydda::scan {
namespace {

struct Extension {
    std::string_view extension;
    Format format;
};
constexpr std::array<Extension, 27> k_extensions = {{
    {"txt", Format::text},   {"log", Format::text},   {"md", Format::text},    {"text", Format::text},
    {"csv", Format::csv},    {"tsv", Format::tsv},    {"tab", Format::tsv},    {"json", Format::json},
    {"xml", Format::xml},    {"html", Format::html},  {"htm", Format::html},   {"xhtml", Format::html},
    {"eml", Format::eml},    {"mbox", Format::mbox},  {"mbx", Format::mbox},   {"docx", Format::docx},
    {"xlsx", Format::xlsx},  {"pptx", Format::pptx},  {"odt", Format::odt},    {"ods", Format::ods},
    {"pdf", Format::pdf},    {"zip", Format::zip},    {"tar", Format::tar},    {"gz", Format::gzip},
    {"tgz", Format::gzip},   {"jsonl", Format::json}, {"ndjson", Format::json},
}};

std::string extension_of(std::string_view path) {
    size_t name_start = path.find_last_of("/\\!");
    std::string_view name = name_start == std::string_view::npos ? path : path.substr(name_start + 1);
    size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return {};
    return text::lower_latin(name.substr(dot + 1));
}

std::optional<Format> format_by_extension(std::string_view path) {
    std::string extension = extension_of(path);
    for (const auto& entry : k_extensions)
        if (entry.extension == extension) return entry.format;
    return std::nullopt;
}

bool is_text_format(Format format) {
    return format == Format::text || format == Format::csv || format == Format::tsv || format == Format::json ||
           format == Format::xml || format == Format::html || format == Format::eml || format == Format::mbox;
}

// A zip's kind from the member names its first local headers show (OOXML puts
// "[Content_Types].xml" and "word/" first, ODF a stored "mimetype" member), else the extension.
Format zip_kind(std::string_view path, std::string_view head) {
    if (head.find("application/vnd.oasis.opendocument.text") != std::string_view::npos) return Format::odt;
    if (head.find("application/vnd.oasis.opendocument.spreadsheet") != std::string_view::npos) return Format::ods;
    if (head.find("[Content_Types].xml") != std::string_view::npos || head.find("_rels/.rels") != std::string_view::npos) {
        if (head.find("word/") != std::string_view::npos) return Format::docx;
        if (head.find("xl/") != std::string_view::npos) return Format::xlsx;
        if (head.find("ppt/") != std::string_view::npos) return Format::pptx;
    }
    auto by_extension = format_by_extension(path);
    if (by_extension && (*by_extension == Format::docx || *by_extension == Format::xlsx || *by_extension == Format::pptx ||
                         *by_extension == Format::odt || *by_extension == Format::ods))
        return *by_extension;
    return Format::zip;
}

// Text has few control characters other than line breaks, tabs and escape sequences.
bool looks_binary(std::string_view head) {
    if (detail::utf16_kind(head) != 0) return false;
    head = head.substr(0, 4096);
    size_t controls = 0;
    for (char c : head) {
        auto byte = static_cast<unsigned char>(c);
        if (byte == 0) return true;
        if (byte < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1B) ++controls;
    }
    return controls * 100 > head.size();
}

Format sniff_text(std::string_view head) {
    std::string_view start = head.substr(std::min(head.find_first_not_of(" \t\r\n"), head.size()));
    std::string lowered = text::lower_latin(start.substr(0, 512));
    if (lowered.starts_with("<!doctype html") || lowered.starts_with("<html") || lowered.find("<html") != std::string::npos)
        return Format::html;
    if (lowered.starts_with("<?xml")) return Format::xml;
    if (start.starts_with("{\"") || start.starts_with("[{")) return Format::json;
    return Format::text;
}

} // namespace

Format detect_format(std::string_view path, std::string_view head) {
    if (head.starts_with("PK\x03\x04") || head.starts_with("PK\x05\x06")) return zip_kind(path, head);
    if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return Format::pdf;
    if (head.starts_with("\x1F\x8B")) return Format::gzip;
    if (head.size() >= 262 && head.substr(257, 5) == "ustar") return Format::tar;
    if (detail::is_ole(head)) return Format::binary;
    auto by_extension = format_by_extension(path);
    bool has_bom = head.starts_with("\xEF\xBB\xBF") || head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF");
    if (has_bom) return by_extension && is_text_format(*by_extension) ? *by_extension : Format::text;
    if (detail::looks_like_mbox(head)) return Format::mbox;
    if (detail::looks_like_email(head)) return Format::eml;
    if (by_extension) return *by_extension;
    if (looks_binary(head)) return Format::binary;
    return sniff_text(head);
}

} // namespace skydda::scan
