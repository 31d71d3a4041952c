// Spreadsheets of a table (sheet.hpp): CSV by hand (it is only quoting), XLSX by libxlsxwriter.
#include "doc/sheet.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace skydda::doc {
namespace {

// A text a spreadsheet would take for a formula (OWASP "CSV injection").
bool looks_like_formula(std::string_view text) {
    return !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
                             text[0] == '\r');
}

std::string time_text(Instant at) {
    auto local = format_stockholm_local_input(at); // 2026-03-01T14:30
    local[10] = ' ';
    return local;
}

std::string csv_field(const SheetCell& cell) {
    std::string text;
    if (const auto* s = std::get_if<std::string>(&cell)) text = looks_like_formula(*s) ? "'" + *s : *s;
    else if (const auto* n = std::get_if<int64_t>(&cell)) return std::to_string(*n);
    else if (const auto* t = std::get_if<SheetTime>(&cell)) return time_text(t->at);
    else return {};
    if (text.find_first_of(";\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

struct TempFolder {
    std::filesystem::path path;
    ~TempFolder() {
        std::error_code ec;
        if (!path.empty()) std::filesystem::remove_all(path, ec);
    }
};

} // namespace

std::string render_csv(const Sheet& sheet) {
    std::string out = "\xEF\xBB\xBF"; // the BOM: Excel reads the file as UTF-8
    auto line = [&](const std::vector<SheetCell>& cells) {
        for (size_t i = 0; i < cells.size(); ++i) {
            if (i) out += ';';
            out += csv_field(cells[i]);
        }
        out += "\r\n";
    };
    std::vector<SheetCell> header(sheet.header.begin(), sheet.header.end());
    line(header);
    for (const auto& row : sheet.rows) line(row);
    return out;
}

Result<std::string> render_xlsx(const Sheet& sheet) {
    // libxlsxwriter 1.1.4 writes to a file: a folder only we can read (mkdtemp: 0700), removed
    // with everything in it however this ends.
    std::string pattern = (std::filesystem::temp_directory_path() / "skydda-sheet-XXXXXX").string();
    if (!mkdtemp(pattern.data())) return fail(Error{ErrorCode::unavailable, "could not make a temporary folder", {}});
    TempFolder folder{pattern};
    const auto file = (folder.path / "sheet.xlsx").string();
    std::string tmpdir = folder.path.string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmpdir.data();
    lxw_workbook* workbook = workbook_new_opt(file.c_str(), &options);
    if (!workbook) return fail(Error{ErrorCode::unavailable, "could not start the spreadsheet", {}});
    std::string name = sheet.name.empty() ? "Sheet1" : sheet.name.substr(0, 31);
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook, name.c_str());
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    lxw_format* when = workbook_add_format(workbook);
    format_set_num_format(when, "yyyy-mm-dd hh:mm");
    worksheet_freeze_panes(worksheet, 1, 0);
    for (size_t c = 0; c < sheet.header.size(); ++c) {
        worksheet_set_column(worksheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 3 ? 40 : 18, nullptr);
        worksheet_write_string(worksheet, 0, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), bold);
    }
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
            const auto col = static_cast<lxw_col_t>(c);
            const auto& cell = sheet.rows[r][c];
            if (const auto* s = std::get_if<std::string>(&cell)) {
                // Always a string cell: never a formula, whatever it begins with.
                if (!s->empty()) worksheet_write_string(worksheet, row, col, s->c_str(), nullptr);
            } else if (const auto* n = std::get_if<int64_t>(&cell)) {
                worksheet_write_number(worksheet, row, col, static_cast<double>(*n), nullptr);
            } else if (const auto* t = std::get_if<SheetTime>(&cell)) {
                auto local = format_stockholm_local_input(t->at); // 2026-03-01T14:30
                lxw_datetime at{std::stoi(local.substr(0, 4)), std::stoi(local.substr(5, 2)), std::stoi(local.substr(8, 2)),
                                std::stoi(local.substr(11, 2)), std::stoi(local.substr(14, 2)), 0};
                worksheet_write_datetime(worksheet, row, col, &at, when);
            }
        }
    }
    if (!sheet.rows.empty() && !sheet.header.empty())
        worksheet_autofilter(worksheet, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()),
                             static_cast<lxw_col_t>(sheet.header.size() - 1));
    if (workbook_close(workbook) != LXW_NO_ERROR)
        return fail(Error{ErrorCode::unavailable, "could not write the spreadsheet", {}});
    std::ifstream in(file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (!in) return fail(Error{ErrorCode::unavailable, "could not read the spreadsheet back", {}});
    return bytes.str();
}

} // namespace skydda::doc
