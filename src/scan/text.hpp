// What an extractor knows about a piece of text that helps the recognisers decide.
#pragma once
#include <cstdint>
#include <vector>

namespace skydda::scan {

struct TextHints {
    // CSV/TSV: the field delimiter (',', ';' or '\t'); 0 for running text.
    char delimiter = 0;
    // CSV/TSV: zero-based columns whose header names a personal identity number
    // ("personnummer", "pnr", "personnr", "samordningsnummer", ...). An unseparated
    // ten-digit number in such a column counts without further context.
    std::vector<uint16_t> pin_columns;
    // True when the text's first line was a CSV/TSV header (so line 1 holds no data).
    bool has_header = false;
};

} // namespace skydda::scan
