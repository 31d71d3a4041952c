// Generic text helpers: UTF-8 checks, trimming, escaping. Knows nothing of GDPR.
#pragma once
#include <string>
#include <string_view>
#include <vector>

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

} // namespace skydda::text
