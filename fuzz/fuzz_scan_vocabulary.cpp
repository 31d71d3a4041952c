// Fuzz target: arbitrary bytes (invalid UTF-8, truncated sequences, long white-space runs
// inside phrases) through Vocabulary::scan with the embedded vocabularies. Checks that every
// match lies inside the text, is in order of position and is of a special category.
#include "scan/vocabulary.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace skydda::scan;
    static const auto vocabulary = *Vocabulary::embedded();
    static const auto scratch = vocabulary->make_scratch();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<TermMatch> matches;
    vocabulary->scan(text, *scratch, matches);
    size_t previous_begin = 0;
    for (const auto& match : matches) {
        if (match.begin >= match.end || match.end > text.size() || match.begin < previous_begin) __builtin_trap();
        if (!is_special(match.category) || match.term >= vocabulary->term_count()) __builtin_trap();
        if (vocabulary->term_strength(match.term) == Strength::context) __builtin_trap();
        previous_begin = match.begin;
    }
    // The same bytes as a vocabulary file: must parse or fail with a message, never crash.
    if (size < 256) {
        auto parsed = Vocabulary::from_sources({{"fuzz.tsv", text}});
        if (!parsed && parsed.error().message.empty()) __builtin_trap();
    }
    return 0;
}
