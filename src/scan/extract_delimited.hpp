// Tabular and structured text: CSV/TSV hints (delimiter, header, columns that hold personal
// identity numbers), also used for spreadsheet sheets, and JSON string unescaping.
#pragma once
#include <string>
#include <string_view>

#include "scan/extract_internal.hpp"
#include "scan/text.hpp"

namespace skydda::scan::detail {

// Hints for delimited UTF-8 text: `delimiter` 0 detects it from the first line.
TextHints delimited_hints(std::string_view utf8, char delimiter);
// Whether a header cell names a personal identity number column ("Personnummer", "kund_pnr").
bool is_pin_header(std::string_view cell);
// JSON with its string escapes (\u00e5, \n, \") decoded; `json` itself when it has none.
std::string_view unescape_json(std::string_view json, std::string& storage);

void extract_delimited(Context& context, const std::string& path, std::string_view bytes, Format format);
void extract_json(Context& context, const std::string& path, std::string_view bytes);

} // namespace skydda::scan::detail
