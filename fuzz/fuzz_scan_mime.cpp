// Fuzzes the e-mail extractor (headers, RFC 2047, multipart, transfer encodings, mbox).
#include <cstdint>
#include <string>

#include "scan/extract_internal.hpp"
#include "scan/extract_mime.hpp"
#include "scan_fuzz_sink.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace skydda::scan;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    Limits limits = fuzzing::fuzz_limits();
    fuzzing::CountingSink sink;
    detail::Context context{limits, sink};
    detail::extract_email(context, "fuzz.eml", bytes, 0);
    detail::Context box_context{limits, sink};
    detail::extract_mbox(box_context, "fuzz.mbox", bytes, 0);
    std::string header = detail::decode_header_value(bytes.substr(0, 4096));
    if (!skydda::text::valid_utf8(header)) __builtin_trap();
    return sink.bytes() == static_cast<size_t>(-1);
}
