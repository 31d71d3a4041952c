// The organisation's logo as the documents and pages use it: a PNG or JPEG image, checked by
// its magic bytes and its decoded size before it is stored or drawn, so that neither a renamed
// file nor a decompression bomb reaches cairo or a browser.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace skydda::doc {

inline constexpr size_t k_logo_max_bytes = 256 * 1024;
inline constexpr int k_logo_max_side = 1000; // pixels, each way

struct Logo {
    std::string content_type; // "image/png" or "image/jpeg"
    std::string data;
    int width = 0, height = 0; // pixels
};

// The image in `data` checked (errors name the field "logo"): PNG (decoded with cairo's PNG
// reader, after its header's size is checked) or baseline/progressive JPEG (its frame header
// read), at most k_logo_max_bytes and k_logo_max_side × k_logo_max_side pixels.
Result<Logo> check_logo(std::string data);

} // namespace skydda::doc
