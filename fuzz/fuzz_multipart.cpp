// libFuzzer target: parse_multipart. The first line of the input is the Content-Type header
// so the fuzzer explores boundaries as well as bodies.
#include "http/http.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    size_t newline = input.find('\n');
    std::string_view content_type = input.substr(0, newline);
    std::string_view body = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
    constexpr size_t k_max_parts = 16;
    auto parts = skydda::http::parse_multipart(content_type, body, k_max_parts);
    if (parts) {
        if (parts->size() > k_max_parts) __builtin_trap();
        size_t bytes = 0;
        for (const auto& part : *parts) bytes += part.data.size();
        if (bytes > body.size()) __builtin_trap(); // parts are disjoint slices of the body
    }
    return 0;
}
