// Fuzzes extract() as the scanner calls it: the first byte picks the file name's extension
// (so every extractor is reached even when magic bytes do not decide), the rest is the file.
#include <array>
#include <cstdint>
#include <string>

#include "scan/extract.hpp"
#include "scan_fuzz_sink.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace skydda::scan;
    static constexpr std::array<const char*, 16> k_names = {
        "f.txt", "f.csv", "f.tsv", "f.json", "f.xml", "f.html", "f.eml", "f.mbox",
        "f.docx", "f.xlsx", "f.pptx", "f.odt", "f.ods", "f.pdf", "f.zip", "f"};
    if (size == 0) return 0;
    std::string path = k_names[data[0] % k_names.size()];
    std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    fuzzing::CountingSink sink;
    extract(path, bytes, fuzzing::fuzz_limits(), sink);
    (void)detect_format(path, bytes);
    return sink.bytes() == static_cast<size_t>(-1);
}
