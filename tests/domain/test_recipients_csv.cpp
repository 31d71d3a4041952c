// The recipients' CSV reader and the letter's placeholders: separators, quoting, line numbers,
// each check with its code, and a few thousand seeded mutants that must never crash or accept
// a file half-way.
#include <gtest/gtest.h>

#include <random>

#include "domain/letter.hpp"
#include "domain/recipients_csv.hpp"

using namespace skydda;
using namespace skydda::domain;

namespace {

std::vector<std::string> codes(const RecipientsCsv& csv) {
    std::vector<std::string> out;
    for (const auto& error : csv.errors) out.push_back(std::to_string(error.line) + ":" + error.code);
    return out;
}

TEST(RecipientsCsv, ReadsCommaAndSemicolonWithQuotedLineBreaks) {
    auto csv = parse_recipients_csv("Name,Address,Email\n\"Berg, Bo\",\"Gatan 1\n  \n111 11 Staden \",\n");
    ASSERT_TRUE(csv.errors.empty()) << csv.errors[0].message;
    ASSERT_EQ(csv.rows.size(), 1u);
    EXPECT_EQ(csv.rows[0].name, "Berg, Bo");
    EXPECT_EQ(csv.rows[0].address, "Gatan 1\n111 11 Staden");
    EXPECT_EQ(csv.rows[0].language, "sv");
    auto semi = parse_recipients_csv("namn;e-post;språk\r\n\"Ann \"\"Annie\"\" A\";a@example.se;EN\r\n");
    ASSERT_TRUE(semi.errors.empty());
    EXPECT_EQ(semi.rows[0].name, "Ann \"Annie\" A");
    EXPECT_EQ(semi.rows[0].language, "en");
}

TEST(RecipientsCsv, EveryCheckHasItsCodeAndLine) {
    std::string long_name(201, 'x');
    auto csv = parse_recipients_csv("name,address,email,language\n"
                                    "," "Gatan 1,,sv\n"              // 2 name_missing
                                    + long_name + ",,x@example.se,sv\n"  // 3 name_long
                                    "A,,a@example,sv\n"             // 4 email_invalid
                                    "B,,,sv\n"                      // 5 no_contact
                                    "C,,c@example.se,no\n"          // 6 language
                                    "D,,C@EXAMPLE.SE,sv\n"          // 7 duplicate_email
                                    "E,\"1\n2\n3\n4\n5\n6\n7\",,sv\n"  // 8 address_long (7 lines)
                                    "F,\"\xff\",,sv\n"              // 16 utf8
                                    "G,,g@example.se\n");           // 17 columns
    EXPECT_EQ(codes(csv), (std::vector<std::string>{"2:name_missing", "3:name_long", "4:email_invalid", "5:no_contact",
                                                    "6:language", "7:duplicate_email", "8:address_long", "15:utf8",
                                                    "16:columns"}));
    EXPECT_EQ(csv.errors[5].other_line, 6);
    EXPECT_TRUE(csv.rows.empty());
}

TEST(RecipientsCsv, HeaderAndShapeErrors) {
    EXPECT_EQ(codes(parse_recipients_csv("\xEF\xBB\xBF  \n")), (std::vector<std::string>{"1:empty"}));
    EXPECT_EQ(codes(parse_recipients_csv("email,colour\nx@example.se,red\n")),
              (std::vector<std::string>{"1:header_unknown", "1:header_name"}));
    EXPECT_EQ(codes(parse_recipients_csv("name,language\nA,sv\n")), (std::vector<std::string>{"1:header_contact"}));
    EXPECT_EQ(codes(parse_recipients_csv("name,address\nA,\"open\nB,x\n")), (std::vector<std::string>{"2:quote"}));
    EXPECT_EQ(codes(parse_recipients_csv("name,email\nA,a@example.se\nB,b@example.se\n", {}, 1)),
              (std::vector<std::string>{"3:too_many"}));
}

TEST(RecipientsCsv, DuplicatesAgainstTheStoredList) {
    std::vector<RecipientRow> stored{{0, "Anna", "Gatan 1\n111 11 Staden", "", "sv"}};
    auto csv = parse_recipients_csv("name,address\nanna,\"gatan 1, 111 11  staden\"\n", stored);
    ASSERT_EQ(csv.errors.size(), 1u);
    EXPECT_EQ(csv.errors[0].code, "duplicate_address");
    EXPECT_EQ(csv.errors[0].other_line, 0);
}

TEST(RecipientsCsv, MutantsNeverCrashAndAreAllOrNothing) {
    const std::vector<std::string> seeds{
        "name;address;email;language\nAnna;\"Gatan 1\n111 11 Staden\";anna@example.se;sv\nBo;;bo@example.se;en\n",
        "\xEF\xBB\xBFnamn,adress\r\n\"A \"\"B\"\"\",\"x\r\ny\"\r\n"};
    std::mt19937 random(42);
    const std::string alphabet = ",;\"\n\r@. aé\xff";
    for (int round = 0; round < 4000; ++round) {
        std::string text = seeds[round % seeds.size()];
        for (int edits = 1 + static_cast<int>(random() % 4); edits > 0 && !text.empty(); --edits) {
            size_t at = random() % text.size();
            switch (random() % 3) {
            case 0: text[at] = alphabet[random() % alphabet.size()]; break;
            case 1: text.insert(at, 1, alphabet[random() % alphabet.size()]); break;
            default: text.erase(at, 1 + random() % 3); break;
            }
        }
        auto csv = parse_recipients_csv(text);
        if (!csv.errors.empty()) {
            EXPECT_TRUE(csv.rows.empty()) << text;
            continue;
        }
        for (const auto& row : csv.rows) {
            EXPECT_FALSE(row.name.empty()) << text;
            EXPECT_TRUE(!row.address.empty() || !row.email.empty()) << text;
            EXPECT_TRUE(row.language == "sv" || row.language == "en") << text;
        }
    }
}

TEST(RecipientsCsv, ControlCharactersInAFieldAreRefusedWithTheLine) {
    auto csv = parse_recipients_csv(std::string("name,email\nBo\0Berg,bo@example.se\nAnn,a\x1b@example.se\n", 51));
    EXPECT_TRUE(csv.rows.empty());
    EXPECT_EQ(codes(csv), (std::vector<std::string>{"2:control", "3:control"}));
    ASSERT_EQ(csv.errors.size(), 2u);
    EXPECT_EQ(csv.errors[0].field, "name");
    EXPECT_EQ(csv.errors[1].field, "email");
}

TEST(LetterParts, PlaceholdersAreCheckedAndFilled) {
    auto parts = letter::default_template("sv");
    EXPECT_TRUE(letter::check_parts(parts));
    parts[letter::Part::closing] = "Hälsningar {organisation} {Not} {also not {x} {dpo_nmae}";
    auto refused = letter::check_parts(parts);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "closing");
    EXPECT_NE(refused.error().message.find("{x}"), std::string::npos);
    parts = letter::default_template("sv");
    parts[letter::Part::closing] = "Hälsningar\xC2\x85";
    auto control = letter::check_parts(parts);
    ASSERT_FALSE(control);
    EXPECT_EQ(control.error().field, "closing");
    EXPECT_EQ(control.error().message, "must not contain control characters (found U+0085)");
    letter::Parts ok;
    ok[letter::Part::cause] = "{organisation} {recipient_name} {Name} {";
    EXPECT_TRUE(letter::check_parts(ok));
    std::map<std::string, std::string, std::less<>> values{{"organisation", "Nämnden"}, {"dpo_phone", ""}};
    EXPECT_EQ(letter::substitute("{organisation}: {recipient_name} {", values), "Nämnden: {recipient_name} {");
    EXPECT_EQ(letter::empty_placeholders("Ring {dpo_phone} {organisation}", values), (std::vector<std::string>{"dpo_phone"}));
}

// Issue 12: the Swedish template speaks Swedish ({mottagarens_namn}); the English names stay.
TEST(LetterPlaceholders, SwedishNamesAreAliasesOfTheEnglishOnes) {
    std::map<std::string, std::string, std::less<>> values{{"recipient_name", "Lisa"}, {"case_number", "UN 2026/0001"}};
    EXPECT_EQ(letter::substitute("Hej {mottagarens_namn}, ärende {ärendenummer} ({case_number})", values),
              "Hej Lisa, ärende UN 2026/0001 (UN 2026/0001)");
    letter::Parts ok = letter::default_template("sv");
    EXPECT_TRUE(letter::check_parts(ok));
    EXPECT_NE(ok[letter::Part::contact].find("{dataskyddsombud}"), std::string::npos);
    ok[letter::Part::closing] = "{mottagarens_namnet}";
    auto refused = letter::check_parts(ok);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "closing");
}

} // namespace
