// Fuzz target: an API body through the incident facts parser and the domain's checks, the
// path every POST/PATCH of an incident takes. Whatever comes in: an Error naming a field, or
// facts that survive a round trip to JSON and back unchanged.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>

#include "domain/facts_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    boost::system::error_code ec;
    boost::json::parse_options options;
    options.max_depth = 16;
    auto value = boost::json::parse(input, ec, {}, options);
    if (ec || !value.is_object()) return 0;
    auto facts = skydda::domain::facts_from_json(value.get_object(), {"org"});
    if (!facts) {
        if (facts.error().field.empty()) __builtin_trap();
        return 0;
    }
    (void)skydda::domain::validate_facts(*facts, skydda::Instant{});
    auto again = skydda::domain::facts_from_json(skydda::domain::facts_to_json(*facts));
    if (!again || !(*again == *facts)) __builtin_trap();
    return 0;
}
