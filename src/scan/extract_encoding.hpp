// Character encodings and transfer encodings for the extractors (UTF-8 validation is
// text::valid_utf8): UTF-16 and
// Windows-1252 to UTF-8, MIME charsets, base64 and quoted-printable.
#pragma once
#include <string>
#include <string_view>

namespace skydda::scan::detail {

void append_utf8(std::string& out, char32_t code_point);
// Windows-1252 (a superset of the printable ISO-8859-1) to UTF-8.
void append_windows_1252(std::string& out, std::string_view bytes);
// The UTF-16 encoding `bytes` is in: 0 none, 1 little-endian, 2 big-endian (by BOM or, without
// one, by the zero bytes of mostly-ASCII text).
int utf16_kind(std::string_view bytes);

// Text in the MIME charset `charset` (case-insensitive label) as UTF-8: `bytes` itself when it
// already is valid UTF-8 (the usual case), else a conversion into `storage`. Unknown charsets
// are read as Windows-1252, which keeps every byte and all ASCII.
std::string_view convert_charset(std::string_view bytes, std::string_view charset, std::string& storage);

// Transfer encodings. Both are lenient: what cannot be decoded is skipped or kept as is.
std::string decode_base64(std::string_view encoded);
// `underscore_is_space`: RFC 2047 "Q" encoding.
std::string decode_quoted_printable(std::string_view encoded, bool underscore_is_space = false);

// A name from inside a file (archive member, attachment) made fit for a path: valid UTF-8,
// no control characters, at most `max_bytes` long.
std::string clean_name(std::string_view name, size_t max_bytes = 200);

bool equals_ignore_case(std::string_view a, std::string_view b);
bool starts_with_ignore_case(std::string_view text, std::string_view prefix);

} // namespace skydda::scan::detail
