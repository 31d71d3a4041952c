#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "scan/vocabulary.hpp"
#include "support/temp_dir.hpp"

using namespace skydda::scan;
using skydda::ErrorCode;

namespace {

// A small vocabulary that exercises every rule; the real lists are tested further down.
constexpr std::string_view k_health = "# comment\n"
                                      "health\tstrong\tdiabetes\n"
                                      "health\tstrong\tsjukskriv*\n"
                                      "health\tstrong\töverdos\n"
                                      "health\tstrong\tpsykisk ohälsa\n"
                                      "health\tweak\tsmärta\n"
                                      "health\tweak\tohälsa\n"
                                      "health\tcontext\tvårdcentralen\n"
                                      "health\tcontext\tdiagnos\n"
                                      "health\tweak\tsexuell hälsa\n"
                                      "health\tcontext\thälsa\n";
constexpr std::string_view k_social = "social_services\tstrong\tLVU\n"
                                      "social_services\tweak\tfamiljehem\n"
                                      "social_services\tcontext\tsocialtjänsten\n"
                                      "social_services\texclude\tsocialtjänsten, LVU och familjehem i allmänhet\n";

std::shared_ptr<const Vocabulary> small_vocabulary() {
    auto vocabulary = Vocabulary::from_sources({{"health.tsv", k_health}, {"social_services.tsv", k_social}});
    EXPECT_TRUE(vocabulary) << vocabulary.error().message;
    return *vocabulary;
}

struct Found {
    std::string category;
    std::string text;
    bool operator==(const Found&) const = default;
};

void PrintTo(const Found& found, std::ostream* out) { *out << found.category << ":\"" << found.text << "\""; }

std::vector<Found> scan(const Vocabulary& vocabulary, std::string_view text) {
    auto scratch = vocabulary.make_scratch();
    std::vector<TermMatch> matches;
    vocabulary.scan(text, *scratch, matches);
    std::vector<Found> found;
    for (const auto& match : matches)
        found.push_back({std::string(category_code(match.category)),
                         std::string(text.substr(match.begin, match.end - match.begin))});
    return found;
}

std::vector<Found> scan_small(std::string_view text) { return scan(*small_vocabulary(), text); }

Found health(std::string text) { return {"health", std::move(text)}; }
Found social(std::string text) { return {"social_services", std::move(text)}; }

} // namespace

TEST(Vocabulary, MatchesWholeWordsOnly) {
    EXPECT_THAT(scan_small("Har diabetes sedan 2019."), testing::ElementsAre(health("diabetes")));
    EXPECT_THAT(scan_small("diabetesförbundet och prediabetes"), testing::IsEmpty());
    EXPECT_THAT(scan_small("diabetes2 eller 2diabetes"), testing::IsEmpty());
    EXPECT_THAT(scan_small("(LVU)"), testing::ElementsAre(social("LVU")));
    EXPECT_THAT(scan_small("LVUX XLVU LVUÅ ÅLVU"), testing::IsEmpty());
}

TEST(Vocabulary, PunctuationAndNonLetterUnicodeEndWords) {
    EXPECT_THAT(scan_small("\"LVU\"–beslut, «diabetes», LVU\u00a0och diabetes\u2026"),
                testing::ElementsAre(social("LVU"), health("diabetes"), social("LVU"), health("diabetes")));
    EXPECT_THAT(scan_small("diabetes_typ"), testing::ElementsAre(health("diabetes")));
}

TEST(Vocabulary, FoldsCaseIncludingSwedishLetters) {
    EXPECT_THAT(scan_small("ÖVERDOS, Överdos, överdos, öVERDOS"),
                testing::ElementsAre(health("ÖVERDOS"), health("Överdos"), health("överdos"), health("öVERDOS")));
    EXPECT_THAT(scan_small("PSYKISK OHÄLSA"), testing::ElementsAre(health("PSYKISK OHÄLSA")));
    EXPECT_THAT(scan_small("DIABETES lvu"), testing::ElementsAre(health("DIABETES"), social("lvu")));
}

TEST(Vocabulary, PrefixTermsExtendOverTheRestOfTheWord) {
    EXPECT_THAT(scan_small("sjukskriven, Sjukskrivningar och sjukskrivningsgraden"),
                testing::ElementsAre(health("sjukskriven"), health("Sjukskrivningar"), health("sjukskrivningsgraden")));
    EXPECT_THAT(scan_small("sjukskriv. ej osjukskriven"), testing::ElementsAre(health("sjukskriv")));
    EXPECT_THAT(scan_small("sjukskrivväääår"), testing::ElementsAre(health("sjukskrivväääår")));
}

TEST(Vocabulary, PhrasesMatchAcrossAnyWhiteSpace) {
    EXPECT_THAT(scan_small("psykisk\r\n  ohälsa och psykisk\u00a0ohälsa"),
                testing::ElementsAre(health("psykisk\r\n  ohälsa"), health("psykisk\u00a0ohälsa")));
}

TEST(Vocabulary, WeakTermWithoutContextDoesNotCount) {
    EXPECT_THAT(scan_small("Smärta i kundrelationen efter omorganisationen."), testing::IsEmpty());
    EXPECT_THAT(scan_small("Familjehem sökes."), testing::IsEmpty());
}

TEST(Vocabulary, WeakTermCountsWithContextBefore) {
    EXPECT_THAT(scan_small("Besök på vårdcentralen: smärta i knät."), testing::ElementsAre(health("smärta")));
}

TEST(Vocabulary, WeakTermCountsWithContextAfter) {
    EXPECT_THAT(scan_small("Smärta i knät, remiss från vårdcentralen."), testing::ElementsAre(health("Smärta")));
}

TEST(Vocabulary, WeakTermCountsNearAStrongTermOfTheSameCategory) {
    EXPECT_THAT(scan_small("Smärta och diabetes."), testing::ElementsAre(health("Smärta"), health("diabetes")));
}

TEST(Vocabulary, ContextOfAnotherCategoryDoesNotCount) {
    EXPECT_THAT(scan_small("Familjehem, smärta."), testing::IsEmpty());
    EXPECT_THAT(scan_small("Socialtjänsten: smärta."), testing::IsEmpty());
}

TEST(Vocabulary, ContextBeyondTheWindowDoesNotCount) {
    const std::string gap(k_term_context_window + 10, ' ');
    EXPECT_THAT(scan_small("smärta" + gap + "vårdcentralen"), testing::IsEmpty());
    EXPECT_THAT(scan_small("vårdcentralen" + gap + "smärta"), testing::IsEmpty());
    const std::string near(k_term_context_window - 10, ' ');
    EXPECT_THAT(scan_small("smärta" + near + "vårdcentralen"), testing::ElementsAre(health("smärta")));
}

TEST(Vocabulary, ContextInsideTheWeakTermItselfDoesNotCount) {
    EXPECT_THAT(scan_small("Föreläsning om sexuell hälsa."), testing::IsEmpty());
    EXPECT_THAT(scan_small("Sexuell hälsa, diagnos."), testing::ElementsAre(health("Sexuell hälsa")));
}

TEST(Vocabulary, ContextTermsNeverCountThemselves) {
    EXPECT_THAT(scan_small("Vårdcentralen och socialtjänsten har öppet."), testing::IsEmpty());
}

TEST(Vocabulary, FindsSeveralCategoriesInOrderOfPosition) {
    EXPECT_THAT(scan_small("LVU-placerad, diabetes, socialtjänsten ordnade familjehem; överdos."),
                testing::ElementsAre(social("LVU"), health("diabetes"), social("familjehem"), health("överdos")));
}

TEST(Vocabulary, KeepsTheLongerOfNestedMatchesOfOneCategory) {
    EXPECT_THAT(scan_small("psykisk ohälsa, diagnos"), testing::ElementsAre(health("psykisk ohälsa")));
}

TEST(Vocabulary, ExcludePhraseSilencesWhatItContains) {
    EXPECT_THAT(scan_small("Om socialtjänsten, LVU och familjehem i allmänhet."), testing::IsEmpty());
    EXPECT_THAT(scan_small("Om socialtjänsten, LVU och familjehem i allmänhet. Beslut om LVU."),
                testing::ElementsAre(social("LVU")));
}

TEST(Vocabulary, SurvivesInvalidUtf8AndTruncatedSequences) {
    // Bytes that are not UTF-8 are read as Latin-1: 0xFE and 0xC3 are letters, 0x80 is not.
    const std::string text = std::string("\xff\xfe") + "diabetes\xc3 LVU \xe2\x80" + "\xc3\xb6verdos \xc3";
    EXPECT_THAT(scan_small(text), testing::ElementsAre(social("LVU"), health("\xc3\xb6verdos")));
    // A Latin-1 letter byte (never converted to UTF-8) continues a word.
    EXPECT_THAT(scan_small("diabetes\xe4r"), testing::IsEmpty());
    EXPECT_THAT(scan_small(""), testing::IsEmpty());
}

TEST(Vocabulary, ScratchIsReusableAcrossTexts) {
    auto vocabulary = small_vocabulary();
    auto scratch = vocabulary->make_scratch();
    std::vector<TermMatch> matches;
    vocabulary->scan("diabetes", *scratch, matches);
    vocabulary->scan("LVU", *scratch, matches);
    ASSERT_EQ(matches.size(), 2u);
    EXPECT_EQ(vocabulary->term(matches[0].term), "diabetes");
    EXPECT_EQ(vocabulary->term_category(matches[1].term), Category::social_services);
    EXPECT_EQ(vocabulary->term_strength(matches[1].term), Strength::strong);
    EXPECT_EQ(matches[1].begin, 0u);
}

TEST(Vocabulary, ParseErrorsNameFileAndLine) {
    auto bad_strength =
        Vocabulary::from_sources({{"health.tsv", "# ok\nhealth\tstrong\tdiabetes\nhealth\tstrnog\tastma\n"}});
    ASSERT_FALSE(bad_strength);
    EXPECT_EQ(bad_strength.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(bad_strength.error().field, "vocab");
    EXPECT_EQ(bad_strength.error().message, "health.tsv:3: unknown strength 'strnog'");

    auto bad_category = Vocabulary::from_sources({{"x.tsv", "email\tstrong\tmejl\n"}});
    ASSERT_FALSE(bad_category);
    EXPECT_EQ(bad_category.error().message, "x.tsv:1: unknown special category 'email'");

    auto missing_field = Vocabulary::from_sources({{"x.tsv", "\n\nhealth\tstrong\n"}});
    ASSERT_FALSE(missing_field);
    EXPECT_EQ(missing_field.error().message, "x.tsv:3: expected category<TAB>strength<TAB>term");

    auto inner_star = Vocabulary::from_sources({{"x.tsv", "health\tstrong\tsj*uk\n"}});
    ASSERT_FALSE(inner_star);
    EXPECT_EQ(inner_star.error().message, "x.tsv:1: '*' may only end a term");

    auto short_prefix = Vocabulary::from_sources({{"x.tsv", "health\tstrong\tab*\n"}});
    ASSERT_FALSE(short_prefix);
    EXPECT_THAT(short_prefix.error().message, testing::StartsWith("x.tsv:1: term 'ab*' is too short"));

    auto bad_utf8 = Vocabulary::from_sources({{"x.tsv", "health\tstrong\tdiab\xe9tes\n"}});
    ASSERT_FALSE(bad_utf8);
    EXPECT_EQ(bad_utf8.error().message, "x.tsv:1: the term is not valid UTF-8");

    EXPECT_FALSE(Vocabulary::from_sources({{"x.tsv", "# only comments\n"}}));
}

TEST(Vocabulary, ReadsEveryTsvFileOfADirectory) {
    skydda::test_support::TempDir temp; // removed also when an assertion fails
    const auto directory = temp.path() / "vocabulary";
    std::filesystem::create_directories(directory);
    std::ofstream(directory / "health.tsv") << k_health;
    std::ofstream(directory / "notes.txt") << "not a vocabulary";
    std::ofstream(directory / "social_services.tsv") << "social_services\tstrong\tLVU\nsocial_services\tstorng\tLVM\n";
    auto broken = Vocabulary::from_directory(directory.string());
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().message, "social_services.tsv:2: unknown strength 'storng'");
    std::ofstream(directory / "social_services.tsv") << k_social;
    auto vocabulary = Vocabulary::from_directory(directory.string());
    ASSERT_TRUE(vocabulary) << vocabulary.error().message;
    EXPECT_THAT(scan(**vocabulary, "LVU och diabetes"), testing::ElementsAre(social("LVU"), health("diabetes")));
    std::filesystem::remove_all(directory);
    EXPECT_FALSE(Vocabulary::from_directory(directory.string()));
}

TEST(Vocabulary, EmbeddedVocabulariesCompileAndCoverEveryCategory) {
    auto vocabulary = Vocabulary::embedded();
    ASSERT_TRUE(vocabulary) << vocabulary.error().message;
    std::map<Category, size_t> strong_terms;
    for (uint32_t i = 0; i < (*vocabulary)->term_count(); ++i)
        if ((*vocabulary)->term_strength(i) == Strength::strong) ++strong_terms[(*vocabulary)->term_category(i)];
    for (auto category : all_categories())
        if (is_special(category)) EXPECT_GE(strong_terms[category], 10u) << category_code(category);
    // The source files in the tree are the ones compiled in.
    auto from_tree = Vocabulary::from_directory(SKYDDA_SOURCE_DIR "/data/vocab");
    ASSERT_TRUE(from_tree) << from_tree.error().message;
    EXPECT_EQ((*from_tree)->term_count(), (*vocabulary)->term_count());
    EXPECT_EQ(Vocabulary::embedded()->get(), vocabulary->get()); // compiled once
}

TEST(Vocabulary, EmbeddedFindsTheBenchmarkHealthWords) {
    auto vocabulary = *Vocabulary::embedded();
    for (std::string_view word :
         {"diagnos", "sjukskriven", "läkarintyg", "medicinering", "psykisk ohälsa", "diabetes"})
        EXPECT_EQ(scan(*vocabulary, std::string("Anna Andersson, ") + std::string(word) + "\n").size(), 1u) << word;
}

namespace {

struct Tally {
    size_t true_positives = 0, false_positives = 0, false_negatives = 0;
    double precision() const {
        const size_t found = true_positives + false_positives;
        return found == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(found);
    }
    double recall() const {
        const size_t expected = true_positives + false_negatives;
        return expected == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(expected);
    }
};

std::set<std::string> split_codes(std::string_view field) {
    std::set<std::string> codes;
    while (!field.empty()) {
        const size_t comma = field.find(',');
        codes.insert(std::string(field.substr(0, comma)));
        field = comma == std::string_view::npos ? std::string_view{} : field.substr(comma + 1);
    }
    codes.erase("none");
    return codes;
}

struct PrecisionReport {
    std::map<std::string, Tally> categories;
    Tally total;
    size_t sentences = 0;
    std::vector<std::string> mistakes; // "false positive health: ...", "missed ...: ..."
};

void tally_sentence(const Vocabulary& vocabulary, std::string_view line, PrecisionReport& report) {
    const size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string_view::npos) << line;
    const auto expected = split_codes(line.substr(0, tab));
    const std::string sentence(line.substr(tab + 1));
    std::set<std::string> found;
    for (const auto& match : scan(vocabulary, sentence)) found.insert(match.category);
    ++report.sentences;
    for (const auto& code : found) {
        const bool right = expected.contains(code);
        (right ? report.categories[code].true_positives : report.categories[code].false_positives)++;
        (right ? report.total.true_positives : report.total.false_positives)++;
        if (!right) report.mistakes.push_back("false positive " + code + ": " + sentence);
    }
    for (const auto& code : expected) {
        if (found.contains(code)) continue;
        report.categories[code].false_negatives++;
        report.total.false_negatives++;
        report.mistakes.push_back("missed " + code + ": " + sentence);
    }
}

void print(const std::string& title, const PrecisionReport& report) {
    std::cout << title << ": " << report.sentences << " sentences\n";
    for (const auto& [code, tally] : report.categories)
        std::cout << "  " << code << " precision " << tally.precision() << " recall " << tally.recall() << " (tp "
                  << tally.true_positives << ", fp " << tally.false_positives << ", fn " << tally.false_negatives
                  << ")\n";
    std::cout << "  all precision " << report.total.precision() << " recall " << report.total.recall() << "\n";
    for (const auto& mistake : report.mistakes) std::cout << "  " << mistake << "\n";
}

} // namespace

// tests/scan/precision/vocabulary.tsv: our own sentences, a tuning part and a held-out part
// (after the line "#@ held-out"). The thresholds are those docs/scanner-vocabulary.md states.
TEST(VocabularyPrecision, OwnTestSetMeetsDocumentedPrecisionAndRecall) {
    auto vocabulary = *Vocabulary::embedded();
    std::ifstream in(SKYDDA_SOURCE_DIR "/tests/scan/precision/vocabulary.tsv");
    ASSERT_TRUE(in);
    PrecisionReport tuning, held_out;
    PrecisionReport* current = &tuning;
    for (std::string line; std::getline(in, line);) {
        if (line == "#@ held-out") current = &held_out;
        if (line.empty() || line[0] == '#') continue;
        tally_sentence(*vocabulary, line, *current);
    }
    print("tuning", tuning);
    print("held-out", held_out);
    EXPECT_GE(tuning.total.precision(), 0.98);
    EXPECT_GE(tuning.total.recall(), 0.95);
    EXPECT_GE(held_out.total.precision(), 0.90);
    EXPECT_GE(held_out.total.recall(), 0.70);
}
