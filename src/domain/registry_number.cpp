#include "domain/registry_number.hpp"

#include <fmt/format.h>

namespace skydda::domain {
namespace {

// Calls `on_token(token)` for each {...} and `on_text(text)` between them; false when unbalanced.
template <class OnText, class OnToken>
bool walk(std::string_view pattern, OnText on_text, OnToken on_token) {
    size_t pos = 0;
    while (pos < pattern.size()) {
        auto open = pattern.find('{', pos);
        if (open == std::string_view::npos) {
            on_text(pattern.substr(pos));
            break;
        }
        auto close = pattern.find('}', open);
        if (close == std::string_view::npos) return false;
        on_text(pattern.substr(pos, open - pos));
        on_token(pattern.substr(open + 1, close - open - 1));
        pos = close + 1;
    }
    return true;
}

bool is_sequence_token(std::string_view token) {
    return !token.empty() && token.find_first_not_of('N') == std::string_view::npos;
}

} // namespace

Status validate_registry_pattern(std::string_view pattern) {
    bool has_sequence = false, has_year = false, bad = false;
    bool balanced = walk(
        pattern, [](std::string_view) {},
        [&](std::string_view token) {
            if (is_sequence_token(token)) has_sequence = true;
            else if (token == "YYYY" || token == "YY") has_year = true;
            else bad = true;
        });
    if (!balanced || bad || pattern.size() > 60)
        return fail(Error::invalid("registry_pattern", "may only use {YYYY}, {YY} and {NNNN}"));
    // Numbers restart each year, so without the year they would repeat.
    if (!has_sequence || !has_year)
        return fail(Error::invalid("registry_pattern", "must contain a year {YYYY} and a sequence {NNNN}"));
    return {};
}

std::string format_case_number(std::string_view pattern, int year, int64_t sequence) {
    std::string out;
    walk(
        pattern, [&](std::string_view text) { out += text; },
        [&](std::string_view token) {
            if (token == "YYYY") out += fmt::format("{:04}", year);
            else if (token == "YY") out += fmt::format("{:02}", year % 100);
            else if (is_sequence_token(token)) out += fmt::format("{:0{}}", sequence, token.size());
        });
    return out;
}

} // namespace skydda::domain
