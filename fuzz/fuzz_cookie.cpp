// libFuzzer target: parse_cookie_header, plus format_set_cookie on the parsed pairs.
#include "http/http.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    for (const auto& [name, value] : skydda::http::parse_cookie_header(input)) {
        if (name.empty() || name.find(';') != std::string::npos || value.find(';') != std::string::npos)
            __builtin_trap();
        // Whatever came in, a Set-Cookie we emit can never break the header line.
        std::string header = skydda::http::format_set_cookie(name, value, skydda::http::CookieOptions{});
        if (header.find_first_of("\r\n") != std::string::npos) __builtin_trap();
    }
    return 0;
}
