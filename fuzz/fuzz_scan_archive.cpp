// Fuzzes the archive walker: the same bytes as zip, tar and gzip, with small limits.
#include <cstdint>
#include <string>

#include "scan/extract_archive.hpp"
#include "scan_fuzz_sink.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace skydda::scan;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    Limits limits = fuzzing::fuzz_limits();
    fuzzing::CountingSink sink;
    for (Format format : {Format::zip, Format::tar, Format::gzip}) {
        detail::Context context{limits, sink};
        detail::extract_archive(context, "fuzz.archive", bytes, format, 0);
    }
    return sink.bytes() == static_cast<size_t>(-1);
}
