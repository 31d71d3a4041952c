// Precision and recall of every identifier recogniser on tests/scan/precision/*.tsv (generated
// by make_precision.py): realistic positives and look-alikes that must not match. Prints the
// table that docs/scanner-recognisers.md quotes. Failure messages name the file and line and
// show only masked identifiers.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "scan/identifiers.hpp"

using namespace skydda::scan;

namespace {

struct Line {
    std::string file;
    size_t number;
    std::vector<Category> expected; // empty: a look-alike
    std::string text;
};

std::vector<Line> read_precision_set() {
    std::vector<Line> lines;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(SKYDDA_SOURCE_DIR "/tests/scan/precision"))
        if (entry.path().extension() == ".tsv") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        std::ifstream in(path);
        std::string text;
        for (size_t number = 1; std::getline(in, text); ++number) {
            if (text.empty() || text[0] == '#') continue;
            size_t tab = text.find('\t');
            if (tab == std::string::npos) continue;
            Line line{path.filename().string(), number, {}, text.substr(tab + 1)};
            std::string codes = text.substr(0, tab);
            for (size_t start = 0; start <= codes.size();) {
                size_t comma = std::min(codes.find(',', start), codes.size());
                std::string code = codes.substr(start, comma - start);
                if (code != "none") {
                    auto category = parse_category(code);
                    EXPECT_TRUE(category.has_value()) << line.file << ":" << number << " unknown category";
                    if (category) line.expected.push_back(*category);
                }
                start = comma + 1;
            }
            lines.push_back(std::move(line));
        }
    }
    return lines;
}

struct Tally {
    size_t true_positive = 0, false_positive = 0, false_negative = 0;
    double precision() const {
        return true_positive + false_positive == 0 ? 1.0 : double(true_positive) / double(true_positive + false_positive);
    }
    double recall() const {
        return true_positive + false_negative == 0 ? 1.0 : double(true_positive) / double(true_positive + false_negative);
    }
};

constexpr size_t k_identifier_categories = static_cast<size_t>(Category::id_document) + 1;

// The recall each recogniser reaches on this set (documented in docs/scanner-recognisers.md).
// In enum order: personal identity number, organisation number, e-mail, phone, IBAN, bank
// account, payment card, IP address, id document. The misses are the hard_cases.tsv lines.
constexpr std::array<double, k_identifier_categories> k_min_recall{0.98, 1.0, 0.98, 0.94, 0.96, 0.98, 0.96, 1.0, 0.96};

} // namespace

TEST(Precision, EveryRecogniserIsExactOnTheTestSetAndFindsItsPositives) {
    auto lines = read_precision_set();
    ASSERT_GT(lines.size(), 500u);
    IdentifierScanner scanner({2026, 11, 30});
    std::array<Tally, k_identifier_categories> tallies{};
    size_t lookalikes = 0;
    for (const auto& line : lines) {
        std::vector<IdentifierMatch> found;
        scanner.scan(line.text, TextHints{}, found);
        if (line.expected.empty()) ++lookalikes;
        std::array<bool, k_identifier_categories> seen{};
        for (const auto& match : found) {
            size_t index = static_cast<size_t>(match.category);
            ASSERT_LT(index, k_identifier_categories);
            seen[index] = true;
        }
        for (size_t index = 0; index < k_identifier_categories; ++index) {
            auto category = static_cast<Category>(index);
            bool expected = std::find(line.expected.begin(), line.expected.end(), category) != line.expected.end();
            if (seen[index] && expected) ++tallies[index].true_positive;
            if (seen[index] && !expected) {
                ++tallies[index].false_positive;
                for (const auto& match : found)
                    if (match.category == category)
                        ADD_FAILURE() << line.file << ":" << line.number << " unexpected " << category_code(category) << " "
                                      << mask(category, std::string_view(line.text).substr(match.begin, match.end - match.begin));
            }
            if (!seen[index] && expected) {
                ++tallies[index].false_negative;
                std::printf("missed %s at %s:%zu\n", std::string(category_code(category)).c_str(), line.file.c_str(),
                            line.number);
            }
        }
    }
    std::printf("%zu lines, %zu look-alikes\n| category | positives | TP | FP | FN | precision | recall |\n"
                "|---|---:|---:|---:|---:|---:|---:|\n",
                lines.size(), lookalikes);
    for (size_t index = 0; index < k_identifier_categories; ++index) {
        const auto& tally = tallies[index];
        std::printf("| %s | %zu | %zu | %zu | %zu | %.3f | %.3f |\n",
                    std::string(category_code(static_cast<Category>(index))).c_str(),
                    tally.true_positive + tally.false_negative, tally.true_positive, tally.false_positive,
                    tally.false_negative, tally.precision(), tally.recall());
        EXPECT_EQ(tally.precision(), 1.0) << category_code(static_cast<Category>(index));
        EXPECT_GE(tally.recall(), k_min_recall[index]) << category_code(static_cast<Category>(index));
    }
}
