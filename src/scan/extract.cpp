// Placeholder: replaced by the extractors.
#include "scan/extract.hpp"

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
std::string_view format_name(Format) { return "text"; }
Format detect_format(std::string_view, std::string_view) { return Format::text; }
void extract(const std::string& path, std::string_view bytes, const Limits&, TextSink& sink) {
    sink.text(path, bytes, {});
}
std::string_view decode_text(std::string_view bytes, std::string&) { return bytes; }

} // namespace skydda::scan
