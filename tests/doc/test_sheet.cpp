// The case register's spreadsheets (doc/sheet.hpp): CSV for Swedish Excel and XLSX, with a
// text that looks like a formula never run as one.
#include <gtest/gtest.h>

#include <archive.h>
#include <archive_entry.h>

#include <map>

#include "doc/sheet.hpp"

using namespace skydda;

namespace {

doc::Sheet sample() {
    doc::Sheet sheet;
    sheet.name = "Ärenden";
    sheet.header = {"Diarienummer", "Rubrik", "Berörda", "Kännedom"};
    sheet.rows.push_back({std::string("PUI 2026/0001"), std::string("Mejl; till \"fel\"\nvårdnadshavare"), int64_t{12},
                          doc::SheetTime{*parse_rfc3339("2026-03-01T13:30:00Z", "t")}});
    sheet.rows.push_back({std::string("PUI 2026/0002"), std::string("=HYPERLINK(\"http://x\")"), doc::SheetCell{},
                          doc::SheetCell{}});
    return sheet;
}

// Every file of the zip by name.
std::map<std::string, std::string> unzip(const std::string& bytes) {
    std::map<std::string, std::string> files;
    archive* a = archive_read_new();
    archive_read_support_format_zip(a);
    if (archive_read_open_memory(a, bytes.data(), bytes.size()) != ARCHIVE_OK) {
        archive_read_free(a);
        return files;
    }
    archive_entry* entry = nullptr;
    while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
        std::string content;
        char buffer[8192];
        for (la_ssize_t n; (n = archive_read_data(a, buffer, sizeof buffer)) > 0;) content.append(buffer, static_cast<size_t>(n));
        files[archive_entry_pathname(entry)] = content;
    }
    archive_read_free(a);
    return files;
}

TEST(Sheet, CsvIsUtf8WithBomSemicolonsQuotedFieldsAndNoFormulas) {
    auto csv = doc::render_csv(sample());
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(csv.find("Diarienummer;Rubrik;Berörda;Kännedom\r\n"), std::string::npos);
    EXPECT_NE(csv.find("PUI 2026/0001;\"Mejl; till \"\"fel\"\"\nvårdnadshavare\";12;2026-03-01 14:30\r\n"), std::string::npos)
        << csv;
    EXPECT_NE(csv.find("PUI 2026/0002;\"'=HYPERLINK(\"\"http://x\"\")\";;\r\n"), std::string::npos)
        << "a formula is text with an apostrophe: " << csv;
}

TEST(Sheet, XlsxHoldsTheRowsAsTextNumbersAndTimes) {
    auto xlsx = doc::render_xlsx(sample());
    ASSERT_TRUE(xlsx) << xlsx.error().message;
    EXPECT_EQ(xlsx->substr(0, 2), "PK");
    auto files = unzip(*xlsx);
    ASSERT_TRUE(files.contains("xl/worksheets/sheet1.xml"));
    const auto& sheet = files["xl/worksheets/sheet1.xml"];
    EXPECT_NE(sheet.find("PUI 2026/0001"), std::string::npos);
    EXPECT_NE(sheet.find("<v>12</v>"), std::string::npos);
    EXPECT_EQ(sheet.find("<f>"), std::string::npos) << "no formula cell";
    EXPECT_NE(sheet.find("=HYPERLINK"), std::string::npos) << "kept as a string";
    EXPECT_NE(files["xl/workbook.xml"].find("Ärenden"), std::string::npos);
}

} // namespace
