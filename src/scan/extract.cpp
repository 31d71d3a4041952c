// The extractors' entry point: names of formats and reasons, and dispatch by format with the
// recursion that containers (archives, e-mail, office documents) come back through.
#include "scan/extract.hpp"

#include <new>

#include "scan/extract_archive.hpp"
#include "scan/extract_delimited.hpp"
#include "scan/extract_internal.hpp"
#include "scan/extract_markup.hpp"
#include "scan/extract_mime.hpp"
#include "scan/extract_office.hpp"
#include "scan/extract_pdf.hpp"

namespace skydda::scan {

std::string_view unreadable_code(Unreadable reason) {
    switch (reason) {
    case Unreadable::encrypted: return "encrypted";
    case Unreadable::corrupt: return "corrupt";
    case Unreadable::too_deep: return "too_deep";
    case Unreadable::too_large: return "too_large";
    case Unreadable::expansion_ratio: return "expansion_ratio";
    case Unreadable::unsupported: return "unsupported";
    case Unreadable::io_error: return "io_error";
    }
    return "unsupported";
}

std::string_view format_name(Format format) {
    switch (format) {
    case Format::text: return "text";
    case Format::csv: return "csv";
    case Format::tsv: return "tsv";
    case Format::json: return "json";
    case Format::xml: return "xml";
    case Format::html: return "html";
    case Format::eml: return "eml";
    case Format::mbox: return "mbox";
    case Format::docx: return "docx";
    case Format::xlsx: return "xlsx";
    case Format::pptx: return "pptx";
    case Format::odt: return "odt";
    case Format::ods: return "ods";
    case Format::pdf: return "pdf";
    case Format::zip: return "zip";
    case Format::tar: return "tar";
    case Format::gzip: return "gzip";
    case Format::binary: return "binary";
    }
    return "binary";
}

namespace detail {
namespace {

constexpr size_t k_head_bytes = 64 * 1024;

// What kind of binary this is, for the DPO's list of files that were not read.
std::string_view binary_kind(std::string_view bytes) {
    if (bytes.starts_with("\x89PNG") || bytes.starts_with("\xFF\xD8\xFF") || bytes.starts_with("GIF8") ||
        bytes.starts_with("II*\0") || bytes.starts_with("MM\0*"))
        return "image";
    if (bytes.starts_with("\x7F" "ELF") || bytes.starts_with("MZ")) return "executable";
    if (bytes.starts_with("7z\xBC\xAF") || bytes.starts_with("Rar!") || bytes.starts_with("BZh") ||
        bytes.starts_with("\xFD" "7zXZ"))
        return "archive format not supported (7z, rar, bzip2, xz)";
    if (is_ole(bytes)) return "legacy Office or Outlook file (OLE compound file)";
    return "binary file";
}

void extract_binary(Context& context, const std::string& path, std::string_view bytes) {
    if (is_encrypted_ooxml(bytes)) {
        context.sink.unreadable(path, Unreadable::encrypted, "password-protected Office document");
        return;
    }
    context.sink.unreadable(path, Unreadable::unsupported, binary_kind(bytes));
}

void extract_markup_file(Context& context, const std::string& path, std::string_view bytes, Format format) {
    std::string storage;
    std::string_view text = decode_text(bytes, storage);
    std::string stripped = strip_markup(text, format == Format::html ? html_style() : xml_style());
    if (!stripped.empty()) context.sink.text(path, stripped, {});
}

} // namespace

std::string member_path(const std::string& container, std::string_view member) {
    std::string path;
    path.reserve(container.size() + member.size() + 1);
    path.append(container).push_back('!');
    path.append(member);
    return path;
}

void extract_plain(Context& context, const std::string& path, std::string_view bytes) {
    if (bytes.empty()) return;
    std::string storage;
    context.sink.text(path, decode_text(bytes, storage), {});
}

void extract_as(Context& context, const std::string& path, std::string_view bytes, Format format, int depth) {
    switch (format) {
    case Format::text: extract_plain(context, path, bytes); break;
    case Format::csv:
    case Format::tsv: extract_delimited(context, path, bytes, format); break;
    case Format::json: extract_json(context, path, bytes); break;
    case Format::xml:
    case Format::html: extract_markup_file(context, path, bytes, format); break;
    case Format::eml: extract_email(context, path, bytes, depth); break;
    case Format::mbox: extract_mbox(context, path, bytes, depth); break;
    case Format::docx:
    case Format::xlsx:
    case Format::pptx:
    case Format::odt:
    case Format::ods: extract_office(context, path, bytes, format, depth); break;
    case Format::pdf: extract_pdf(context, path, bytes); break;
    case Format::zip:
    case Format::tar:
    case Format::gzip: extract_archive(context, path, bytes, format, depth); break;
    case Format::binary: extract_binary(context, path, bytes); break;
    }
}

void extract_member(Context& context, const std::string& path, std::string_view bytes, int depth) {
    if (context.exhausted) return;
    if (depth > context.limits.max_depth) {
        context.sink.unreadable(path, Unreadable::too_deep, "nested deeper than the limit");
        return;
    }
    extract_as(context, path, bytes, detect_format(path, bytes.substr(0, k_head_bytes)), depth);
}

} // namespace detail

void extract(const std::string& path, std::string_view bytes, const Limits& limits, TextSink& sink) {
    detail::Context context{limits, sink};
    try {
        detail::extract_as(context, path, bytes, detect_format(path, bytes.substr(0, detail::k_head_bytes)), 0);
    } catch (const std::bad_alloc&) {
        sink.unreadable(path, Unreadable::too_large, "out of memory while reading");
    } catch (...) {
        sink.unreadable(path, Unreadable::corrupt, "unexpected error while reading");
    }
}

} // namespace skydda::scan
