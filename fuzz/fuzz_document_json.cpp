// Fuzz target: a document as stored frozen (JSON) read back with doc::parse_json. Whatever
// comes in: an error, or a document that renders to JSON, parses again to the same JSON, and
// renders to HTML without failing.
#include <cstddef>
#include <cstdint>

#include "doc/document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    auto document = skydda::doc::parse_json(input);
    if (!document) return 0;
    auto json = skydda::doc::render_json(*document);
    auto again = skydda::doc::parse_json(json);
    if (!again || skydda::doc::render_json(*again) != json) __builtin_trap();
    (void)skydda::doc::render_html(*document);
    return 0;
}
