#include "domain/codes.hpp"

#include "domain/assessment/input.hpp"

#include <algorithm>
#include <array>

namespace skydda::domain::codes {
namespace {
using namespace std::string_view_literals;
namespace assessment = skydda::domain::assessment;
// Art. 9/10 data and the Swedish "extra skyddsvärda" kinds the report form groups apart.
constexpr std::array k_special = {"health"sv, "genetic"sv, "biometric"sv, "racial_ethnic"sv, "political"sv,
                                  "religious_philosophical"sv, "trade_union"sv, "sex_life_orientation"sv,
                                  "criminal_offences"sv, "social_services"sv, "personal_identity_number"sv};
} // namespace

// The contract's lists live once, with the engine that reads them (assessment/input.hpp).
std::span<const std::string_view> what_happened() { return assessment::codes_of<assessment::WhatHappened>(); }
std::span<const std::string_view> cause() { return assessment::codes_of<assessment::Cause>(); }
std::span<const std::string_view> discovered_by() { return assessment::codes_of<assessment::DiscoveredBy>(); }
std::span<const std::string_view> sector() { return assessment::codes_of<assessment::Sector>(); }
std::span<const std::string_view> confidentiality() { return assessment::codes_of<assessment::Confidentiality>(); }
std::span<const std::string_view> integrity() { return assessment::codes_of<assessment::Integrity>(); }
std::span<const std::string_view> availability() { return assessment::codes_of<assessment::Availability>(); }
std::span<const std::string_view> data() { return assessment::codes_of<assessment::DataType>(); }
std::span<const std::string_view> groups() { return assessment::codes_of<assessment::Group>(); }
std::span<const std::string_view> special_data() { return k_special; }

bool contains(std::span<const std::string_view> list, std::string_view code) {
    return std::find(list.begin(), list.end(), code) != list.end();
}

} // namespace skydda::domain::codes
