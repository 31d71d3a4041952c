// The scan driver: walking, parts of large files, merging, examples and the summary.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>

#include "scan/report.hpp"
#include "scan/scanner.hpp"
#include "scan/validators.hpp"
#include "support/temp_dir.hpp"

using namespace skydda::scan;

namespace {

// Luhn over the ten digits YYMMDDNNN + check digit.
std::string personnummer(int year, int month, int day, int serial) {
    std::string nine = fmt::format("{:02}{:02}{:02}{:03}", year % 100, month, day, serial);
    return nine + std::to_string(luhn_check_digit(nine));
}

ScanOptions options_for(const std::string& path) {
    ScanOptions options;
    options.paths = {path};
    options.today = {2026, 11, 30};
    options.threads = 2;
    return options;
}

// Every file over 4 kB split into 4 kB parts.
ScanResult scan_in_small_parts(const std::string& path) {
    auto options = options_for(path);
    options.split_bytes = 4096;
    options.part_bytes = 4096;
    auto result = run_scan(options);
    EXPECT_TRUE(result);
    return result ? std::move(*result) : ScanResult{};
}

Example only_email_example(const ScanResult& result) {
    const auto& examples = result.examples[static_cast<size_t>(Category::email)];
    EXPECT_EQ(examples.size(), 1u);
    return examples.empty() ? Example{} : examples[0];
}

const CategoryCount& count(const ScanResult& result, Category category) {
    return result.findings[static_cast<size_t>(category)];
}

class Scanner : public ::testing::Test {
protected:
    // A CSV export of 3 000 people, numbers unseparated in a "personnummer" column.
    std::string write_export() {
        auto path = (m_dir.path() / "export.csv").string();
        std::ofstream out(path);
        out << "id;namn;personnummer;kommentar\n";
        for (int i = 0; i < 3000; ++i)
            out << i << ";Person " << i << ";" << personnummer(1950 + i % 50, 1 + i % 12, 1 + i % 28, 100 + i / 50)
                << ";ingen kommentar här\n";
        return path;
    }
    skydda::test_support::TempDir m_dir;
};

} // namespace

TEST_F(Scanner, ALargeCsvScannedInPartsCountsTheSameAsWhole) {
    auto path = write_export();
    auto whole = run_scan(options_for(path));
    ASSERT_TRUE(whole) << whole.error().message;
    auto options = options_for(path);
    options.split_bytes = 4096;
    options.part_bytes = 8192; // about 15 parts, each with the header's hints
    auto parts = run_scan(options);
    ASSERT_TRUE(parts);
    EXPECT_EQ(count(*whole, Category::personal_identity_number).distinct, 3000u);
    EXPECT_EQ(count(*parts, Category::personal_identity_number).distinct, 3000u);
    EXPECT_EQ(count(*parts, Category::personal_identity_number).matches, 3000u);
    EXPECT_EQ(count(*parts, Category::personal_identity_number).files, 1u);
    ASSERT_EQ(parts->per_file.size(), 1u);
    EXPECT_EQ(parts->per_file[0].format, "csv");
    EXPECT_EQ(parts->per_file[0].bytes, whole->per_file[0].bytes);
}

TEST_F(Scanner, ExamplesInLaterPartsCarryTheirLineInTheWholeFile) {
    auto path = (m_dir.path() / "logg.txt").string();
    {
        std::ofstream out(path);
        for (int i = 0; i < 2000; ++i) out << "rad " << i << " utan något särskilt\n";
        out << "kontakt: " << "anna.berg@exempel.se\n"; // line 2001
    }
    auto example = only_email_example(scan_in_small_parts(path));
    EXPECT_EQ(example.line, 2001u);
    EXPECT_EQ(example.masked.find("anna.berg"), std::string::npos);
}

TEST_F(Scanner, WalksDirectoriesAndListsWhatCouldNotBeRead) {
    std::filesystem::create_directories(m_dir.path() / "a" / "b");
    std::ofstream(m_dir.path() / "a" / "b" / "c.txt") << "Ring 070-123 45 67.\n";
    std::ofstream(m_dir.path() / "a" / "bild.png") << "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    auto result = run_scan(options_for(m_dir.path().string()));
    ASSERT_TRUE(result);
    EXPECT_EQ(result->files, 2u);
    EXPECT_EQ(count(*result, Category::phone).distinct, 1u);
    ASSERT_EQ(result->unreadable.size(), 1u);
    EXPECT_EQ(result->unreadable[0].reason, "unsupported");
    EXPECT_EQ(result->data, (std::vector<std::string>{"contact"}));
    EXPECT_EQ(result->subjects.basis, "phone");
}

TEST_F(Scanner, AMissingPathIsBadInput) {
    auto result = run_scan(options_for((m_dir.path() / "nothing-here").string()));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().field, "path");
}

TEST(ScanReport, JsonHasTheSchemaAndEveryCategory) {
    ScanResult result;
    result.findings[static_cast<size_t>(Category::health)] = {3, 2, 1};
    auto json = to_json(result, false);
    EXPECT_NE(json.find(R"("schema":"skydda.scan/1")"), std::string::npos);
    for (auto category : all_categories())
        EXPECT_NE(json.find("\"" + std::string(category_code(category)) + "\":{"), std::string::npos)
            << category_code(category);
    EXPECT_NE(json.find(R"("health":{"matches":3,"distinct":2,"files":1})"), std::string::npos);
}

TEST(ScanReport, PathsWithLatin1BytesStayValidUtf8) {
    EXPECT_EQ(printable_path("l\xE5n.txt"), "l\xEF\xBF\xBDn.txt");
    EXPECT_EQ(printable_path("lön.txt"), "lön.txt");
}

TEST(ScanReport, ControlCharactersInFileNamesNeverReachTheTerminal) {
    EXPECT_EQ(printable_path("a\x1b[2Jb\tc\x7f.txt"), "a?[2Jb?c?.txt");
    EXPECT_EQ(printable_path("x\xC2\x9B" "1m.txt"), "x\xEF\xBF\xBD\xEF\xBF\xBD" "1m.txt"); // C1 CSI
    EXPECT_EQ(printable_path("\xC2\xA0nbsp"), "\xC2\xA0nbsp");                                  // U+00A0 is text
}

TEST(ScanReport, SwedishFiguresAndWords) {
    EXPECT_EQ(format_count(1234567, "sv"), "1 234 567");
    EXPECT_EQ(format_count(1234567, "en"), "1,234,567");
    EXPECT_EQ(format_bytes(1'500'000'000, "sv"), "1,5 GB");
    ScanResult result;
    result.files = 1;
    result.threads = 1;
    EXPECT_NE(to_text(result, "sv", false).find("Skannade 1 fil,"), std::string::npos);
}

TEST_F(Scanner, ExampleLinesCountWithinTheirOwnFileWhenSeveralFilesAreSplit) {
    auto write = [&](const std::string& name, int filler_lines, const std::string& filler, const std::string& line) {
        std::ofstream out(m_dir.path() / name);
        for (int i = 0; i < filler_lines; ++i) out << filler << "\n";
        out << line << "\n";
        for (int i = 0; i < filler_lines; ++i) out << filler << "\n";
    };
    // Lines of different lengths, so the files' parts start at different lines.
    write("a-stor.txt", 3000, std::string(70, 'x'), "ingenting här heller"); // its parts come first
    write("b-mindre.txt", 900, "kort rad", "skriv till anna.berg@exempel.se"); // line 901, a middle part
    EXPECT_EQ(only_email_example(scan_in_small_parts(m_dir.path().string())).line, 901u);
}

TEST_F(Scanner, PastTheLimitDistinctCountsAreMarkedAsEstimates) {
    auto path = (m_dir.path() / "adresser.txt").string();
    {
        std::ofstream out(path);
        for (int i = 0; i < 5000; ++i) out << "person" << i << "@exempel.se\n";
    }
    auto options = options_for(path);
    options.max_exact_keys = 100;
    auto result = run_scan(options);
    ASSERT_TRUE(result);
    const auto& email = count(*result, Category::email);
    EXPECT_FALSE(email.exact);
    EXPECT_NEAR(static_cast<double>(email.distinct), 5000.0, 5000.0 * 0.05);
    EXPECT_TRUE(count(*result, Category::personal_identity_number).exact);
    EXPECT_NE(to_json(*result, false).find(R"("exact":false)"), std::string::npos);
    EXPECT_NE(to_text(*result, "sv", false).find("~"), std::string::npos);
}
