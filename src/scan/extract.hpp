// Extractors: turn one input's bytes into UTF-8 text for the recognisers, whatever the
// format (plain text in UTF-8/UTF-16/Windows-1252, CSV/TSV, JSON, XML/HTML, e-mail and mbox
// with MIME, Office Open XML, OpenDocument, PDF, zip/tar/gzip archives), recursing into
// containers within limits. Nothing here throws or crashes on bad input: what cannot be read
// is reported to the sink with a reason.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "scan/text.hpp"

namespace skydda::scan {

struct Limits {
    int max_depth = 8;                               // containers inside containers
    uint64_t max_entry_bytes = 1ull << 30;           // one extracted member, decompressed
    uint64_t max_total_bytes = 16ull << 30;          // everything extracted from one input
    uint64_t ratio_floor_bytes = 16ull << 20;        // ratios are checked above this size...
    double max_ratio = 200.0;                        // ...decompressed / compressed
};

// Why something could not be read. The codes appear in the scan output's "unreadable".
enum class Unreadable { encrypted, corrupt, too_deep, too_large, expansion_ratio, unsupported, io_error };
std::string_view unreadable_code(Unreadable reason);

class TextSink {
public:
    virtual ~TextSink() = default;
    // One readable piece of text in UTF-8. `path` names it: the input's path, with "!member"
    // for each container level ("exports/a.zip!mail.eml!bilaga.docx"). May be called several
    // times for one path (the parts of an e-mail).
    virtual void text(const std::string& path, std::string_view utf8, const TextHints& hints) = 0;
    virtual void unreadable(const std::string& path, Unreadable reason, std::string_view detail) = 0;
};

enum class Format {
    text, csv, tsv, json, xml, html, eml, mbox, docx, xlsx, pptx, odt, ods, pdf, zip, tar, gzip, binary
};
std::string_view format_name(Format format);
// From the first bytes, then the name's extension.
Format detect_format(std::string_view path, std::string_view head);
// Plain and delimited text, whose UTF-8 form the driver may split at line ends and scan in
// parallel (a CSV part gets the hints of the file's head).
inline bool is_splittable(Format format) {
    return format == Format::text || format == Format::csv || format == Format::tsv;
}
// The hints for text of `format` from its UTF-8 beginning (CSV/TSV: delimiter, header, the
// columns holding personal identity numbers); none for other formats.
TextHints text_hints(Format format, std::string_view utf8_head);

// Extracts `bytes` (the whole input, usually memory-mapped) into `sink`.
void extract(const std::string& path, std::string_view bytes, const Limits& limits, TextSink& sink);

// Plain text in any supported encoding as UTF-8: returns `bytes` itself when it already is
// UTF-8 (minus a BOM), else converts into `storage` and returns that.
std::string_view decode_text(std::string_view bytes, std::string& storage);

} // namespace skydda::scan
