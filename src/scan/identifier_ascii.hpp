// ASCII character classes and digit-string helpers shared by the recognisers and validators.
// Locale-free on purpose: identifiers are ASCII, and <cctype> depends on the locale.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace skydda::scan::ascii {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
constexpr bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
constexpr bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
constexpr char lower(char c) { return is_upper(c) ? static_cast<char>(c + 32) : c; }
// A character of an e-mail address's local part as the recogniser and the validator accept it.
inline bool is_email_local(char c) { return is_alnum(c) || std::strchr("._%+-'", c) != nullptr; }

inline bool all_digits(std::string_view text) { return !text.empty() && std::all_of(text.begin(), text.end(), is_digit); }

// The value of a digit string of at most 19 digits (fits in 64 bits).
inline uint64_t to_number(std::string_view digits) {
    uint64_t value = 0;
    for (char c : digits) value = value * 10 + static_cast<uint64_t>(c - '0');
    return value;
}

} // namespace skydda::scan::ascii
