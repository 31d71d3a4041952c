#include "doc/logo.hpp"

#include <cairo.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace skydda::doc {

namespace {

constexpr std::string_view k_png_magic{"\x89PNG\r\n\x1a\n", 8};

uint32_t big_endian(std::string_view bytes, size_t at, size_t count) {
    uint32_t value = 0;
    for (size_t i = 0; i < count; ++i) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
    return value;
}

Error invalid(std::string message) { return Error::invalid("logo", std::move(message)); }

Status check_side(uint32_t width, uint32_t height) {
    if (width == 0 || height == 0) return fail(invalid("the image has no pixels"));
    if (width > k_logo_max_side || height > k_logo_max_side)
        return fail(invalid(fmt::format("must be at most {0} × {0} pixels (this one is {1} × {2})", k_logo_max_side,
                                        width, height)));
    return {};
}

struct Reader {
    std::string_view data;
    size_t at = 0;
};

cairo_status_t read_png(void* closure, unsigned char* out, unsigned int length) {
    auto* reader = static_cast<Reader*>(closure);
    if (reader->data.size() - reader->at < length) return CAIRO_STATUS_READ_ERROR;
    std::copy_n(reader->data.data() + reader->at, length, out);
    reader->at += length;
    return CAIRO_STATUS_SUCCESS;
}

Status check_png(std::string_view data, Logo& logo) {
    // The IHDR chunk comes first: length, "IHDR", width, height.
    if (data.size() < 33 || data.substr(12, 4) != "IHDR") return fail(invalid("is not a readable PNG image"));
    TRY_STATUS(check_side(big_endian(data, 16, 4), big_endian(data, 20, 4)));
    Reader reader{data};
    cairo_surface_t* image = cairo_image_surface_create_from_png_stream(read_png, &reader);
    auto status = cairo_surface_status(image);
    int width = cairo_image_surface_get_width(image), height = cairo_image_surface_get_height(image);
    cairo_surface_destroy(image);
    if (status != CAIRO_STATUS_SUCCESS) return fail(invalid("is not a readable PNG image"));
    logo.width = width, logo.height = height;
    return {};
}

// Walks the JPEG's marker segments to its frame header (SOF0..SOF15 but DHT, JPG and DAC).
Status check_jpeg(std::string_view data, Logo& logo) {
    size_t at = 2;
    while (at + 4 <= data.size()) {
        if (static_cast<unsigned char>(data[at]) != 0xFF) break;
        unsigned char marker = static_cast<unsigned char>(data[at + 1]);
        if (marker == 0xFF) { // fill byte
            ++at;
            continue;
        }
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
            at += 2;
            continue;
        }
        if (marker == 0xD9 || marker == 0xDA) break; // end of image or scan before any frame header
        size_t length = big_endian(data, at + 2, 2);
        if (length < 2 || at + 2 + length > data.size()) break;
        bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame) {
            if (length < 8) break;
            uint32_t height = big_endian(data, at + 5, 2), width = big_endian(data, at + 7, 2);
            unsigned components = static_cast<unsigned char>(data[at + 9]);
            if (components != 1 && components != 3) return fail(invalid("must be a greyscale or colour (RGB) JPEG"));
            TRY_STATUS(check_side(width, height));
            logo.width = static_cast<int>(width), logo.height = static_cast<int>(height);
            return {};
        }
        at += 2 + length;
    }
    return fail(invalid("is not a readable JPEG image"));
}

} // namespace

Result<Logo> check_logo(std::string data) {
    if (data.empty()) return fail(invalid("the file is empty"));
    if (data.size() > k_logo_max_bytes)
        return fail(invalid(fmt::format("must be at most {} KB (this file is {} KB)", k_logo_max_bytes / 1024,
                                        (data.size() + 1023) / 1024)));
    Logo logo;
    if (data.starts_with(k_png_magic)) {
        logo.content_type = "image/png";
        TRY_STATUS(check_png(data, logo));
    } else if (data.size() > 3 && data.starts_with("\xFF\xD8\xFF")) {
        logo.content_type = "image/jpeg";
        TRY_STATUS(check_jpeg(data, logo));
    } else {
        return fail(invalid("must be a PNG or JPEG image"));
    }
    logo.data = std::move(data);
    return logo;
}

} // namespace skydda::doc
