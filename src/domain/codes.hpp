// The closed code lists of the assessment contract (shared/reference/assessment-contract.md)
// that an incident's facts use. Codes are stable identifiers; people see labels from the
// message catalogue, never the codes.
#pragma once
#include <span>
#include <string_view>

namespace skydda::domain::codes {

std::span<const std::string_view> what_happened();   // IMY question 15
std::span<const std::string_view> cause();           // IMY question 18
std::span<const std::string_view> discovered_by();   // IMY question 17
std::span<const std::string_view> sector();          // IMY question 19
std::span<const std::string_view> confidentiality();
std::span<const std::string_view> integrity();
std::span<const std::string_view> availability();
std::span<const std::string_view> data();            // data categories (IMY question 26)
std::span<const std::string_view> groups();          // groups of data subjects (IMY question 25)
std::span<const std::string_view> special_data();    // art. 9/10 and Swedish extra skyddsvärda

bool contains(std::span<const std::string_view> list, std::string_view code);

} // namespace skydda::domain::codes
