// libFuzzer target: parse_urlencoded and the percent-decoding under it.
#include "http/http.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    auto pairs = skydda::http::parse_urlencoded(input);
    if (pairs) {
        size_t decoded = 0;
        for (const auto& [name, value] : *pairs) decoded += name.size() + value.size();
        if (decoded > input.size()) __builtin_trap(); // decoding never grows the text
    }
    // Encoding is total and decoding inverts it exactly.
    auto round_trip = skydda::http::percent_decode(skydda::http::percent_encode(input), false);
    if (!round_trip || *round_trip != input) __builtin_trap();
    return 0;
}
