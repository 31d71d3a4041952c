// Registry numbers (diarienummer): one sequence per organisation and year, formatted by a
// configurable pattern. Tokens: {YYYY} the year, {YY} two digits, {N...} the sequence padded
// to the number of N (at least), e.g. the default "PUI {YYYY}/{NNNN}" → "PUI 2026/0007".
#pragma once
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace skydda::domain {

inline constexpr std::string_view k_default_registry_pattern = "PUI {YYYY}/{NNNN}";

Status validate_registry_pattern(std::string_view pattern);
std::string format_case_number(std::string_view pattern, int year, int64_t sequence);

} // namespace skydda::domain
