// libFuzzer target: the identifier scanner and masking over arbitrary bytes. Matches must be
// in order, inside the text, non-overlapping; masking must never grow a span's digits.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "scan/identifiers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace skydda::scan;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    TextHints hints;
    if (size > 0 && data[0] % 2 == 0) { // half the inputs read as CSV with a personnummer column
        hints.delimiter = data[0] % 4 == 0 ? ';' : ',';
        hints.pin_columns = {1, 3};
        hints.has_header = data[0] % 8 == 0;
    }
    static const IdentifierScanner scanner({2026, 11, 30});
    std::vector<IdentifierMatch> matches;
    scanner.scan(input, hints, matches);
    size_t previous_end = 0;
    for (const auto& match : matches) {
        if (match.begin < previous_end || match.end <= match.begin || match.end > size) __builtin_trap();
        previous_end = match.end;
        auto masked = mask(match.category, input.substr(match.begin, match.end - match.begin));
        if (masked.empty()) __builtin_trap();
    }
    for (auto category : all_categories()) (void)mask(category, input);
    return 0;
}
