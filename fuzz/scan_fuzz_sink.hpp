// A sink for the scanner's fuzz targets: reads every byte handed to it (so ASan sees views
// that outlive their data) and traps when text or a path is not UTF-8, the extractors' promise.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "scan/extract.hpp"
#include "util/text.hpp"

namespace skydda::scan::fuzzing {

class CountingSink : public TextSink {
public:
    void text(const std::string& path, std::string_view utf8, const TextHints&) override {
        if (!text::valid_utf8(utf8) || !text::valid_utf8(path)) __builtin_trap();
        for (char c : utf8) m_checksum += static_cast<unsigned char>(c);
        m_bytes += utf8.size();
    }
    void unreadable(const std::string& path, Unreadable reason, std::string_view detail) override {
        if (unreadable_code(reason).empty() || detail.empty() || !text::valid_utf8(path)) __builtin_trap();
        ++m_unreadable;
    }
    size_t bytes() const { return m_bytes + m_checksum % 2 + m_unreadable % 2; }

private:
    size_t m_bytes = 0, m_checksum = 0, m_unreadable = 0;
};

// Limits small enough that a fuzzer's bombs cost milliseconds, not gigabytes.
inline Limits fuzz_limits() {
    Limits limits;
    limits.max_depth = 4;
    limits.max_entry_bytes = 4 << 20;
    limits.max_total_bytes = 16 << 20;
    limits.ratio_floor_bytes = 1 << 20;
    return limits;
}

} // namespace skydda::scan::fuzzing
