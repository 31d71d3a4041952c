// A table for a spreadsheet (the case register's export): a header row and rows of text,
// number and time cells, written as CSV for Swedish Excel (UTF-8 with BOM, ';', CRLF) or as
// XLSX (libxlsxwriter). A text cell that a spreadsheet would run as a formula (=, +, -, @, tab,
// CR) is written with a leading apostrophe in CSV and always as text in XLSX.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "util/error.hpp"
#include "util/time.hpp"

namespace skydda::doc {

struct SheetTime {
    Instant at;
}; // shown in Europe/Stockholm, "2026-03-01 14:30"
using SheetCell = std::variant<std::monostate, std::string, int64_t, SheetTime>;

struct Sheet {
    std::string name; // the XLSX sheet's name (at most 31 characters, no []:*?/\)
    std::vector<std::string> header;
    std::vector<std::vector<SheetCell>> rows;
};

std::string render_csv(const Sheet& sheet);
// The XLSX bytes; libxlsxwriter writes through a private temporary folder that is removed.
Result<std::string> render_xlsx(const Sheet& sheet);

} // namespace skydda::doc
