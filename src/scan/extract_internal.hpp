// Shared by the extractors of each format: the state of one input's extraction (limits,
// sink, the byte budget) and the way back into format dispatch for what containers hold.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "scan/extract.hpp"

namespace skydda::scan::detail {

struct Context {
    const Limits& limits;
    TextSink& sink;
    // Bytes produced by decompression for this input so far, across all nesting levels.
    uint64_t extracted_bytes = 0;
    // Set when the input's byte budget ran out: every level stops reading.
    bool exhausted = false;
};

// Extracts a piece of known format (the input itself, or a member) at nesting `depth`.
void extract_as(Context& context, const std::string& path, std::string_view bytes, Format format, int depth);
// Extracts a member of a container found at nesting `depth` (the container's depth + 1):
// refuses it as too_deep beyond Limits::max_depth, else detects its format from name and bytes.
void extract_member(Context& context, const std::string& path, std::string_view bytes, int depth);
// "a.zip" + "dir/x.txt" -> "a.zip!dir/x.txt".
std::string member_path(const std::string& container, std::string_view member);

// Plain text: decoded to UTF-8 and handed on (no copy when it already is UTF-8).
void extract_plain(Context& context, const std::string& path, std::string_view bytes);

} // namespace skydda::scan::detail
