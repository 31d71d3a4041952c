// Generic text helpers: UTF-8 checks, trimming, escaping. Knows nothing of GDPR.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace skydda::text {

bool valid_utf8(std::string_view text);
size_t code_points(std::string_view text); // assumes valid UTF-8
std::string_view trim(std::string_view text);
std::string html_escape(std::string_view text);
std::string lower_ascii(std::string_view text);
// ASCII letters and the Latin-1 letters of UTF-8 (Å Ä Ö É ..., C3 80–9E) in lower case.
std::string lower_latin(std::string_view text);
std::vector<std::string_view> split(std::string_view text, char separator);
bool looks_like_email(std::string_view text);

// --- Free text ------------------------------------------------------------------------------
// The one rule for text people type (titles, descriptions, notes, tasks, questions, letters,
// names): valid UTF-8 without control characters. Refused are NUL and the rest of C0 except
// tab and line feed, DEL, and C1 (U+0080–U+009F, e.g. U+0085 NEXT LINE); a carriage return
// only as part of CRLF (what browsers send; the web edge turns it into LF). Control
// characters hide text from reviewers, split lines in logs and CSV, and NUL truncates C strings.

inline constexpr std::string_view k_control_character_error = "must not contain control characters";

// The first control character refused in `text` (a code point), or -1 when there is none.
// `text` must be valid UTF-8.
long first_control_character(std::string_view text);
// Valid UTF-8, no refused control character, at most `max_characters` code points; the
// error names `field`.
Status check_free_text(std::string_view field, std::string_view value, size_t max_characters);
// True when `text` holds a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069),
// which make a name display in another order than it is ("gpj.exe" shown as "exe.jpg").
bool has_bidi_control(std::string_view text);
// CRLF becomes LF; a lone CR stays (and is refused by check_free_text).
std::string normalise_newlines(std::string_view text);

} // namespace skydda::text
