#include <gtest/gtest.h>

#include <fmt/format.h>

#include <chrono>
#include <regex>
#include <thread>

#include "pdf_text.hpp"
#include "test_document_fixture.hpp"

namespace skydda::doc {
namespace {

using test_support::pdf_page_text;
using test_support::pdf_pages;
using test_support::pdf_text;
using test_support::pdf_tool;
using test_support::sample_document;

size_t count(const std::string& text, const std::string& word) {
    size_t n = 0;
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + word.size())) ++n;
    return n;
}

// pdftotext breaks lines where the layout wrapped them; compare without whitespace.
std::string squeeze(const std::string& text) {
    std::string out;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
}

// A text of `length` characters of numbered words, so that a lost or repeated piece shows.
std::string long_text(size_t length) {
    std::string out;
    for (int i = 0; out.size() < length; ++i) out += "ord" + std::to_string(i) + (i % 17 == 16 ? "\n" : " ");
    return out;
}

TEST(DocumentPdf, HasRealTextWithSwedishLetters) {
    auto pdf = render_pdf(sample_document());
    ASSERT_TRUE(pdf) << pdf.error().message;
    EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
    auto text = pdf_text(*pdf);
    EXPECT_NE(text.find("Anmälan av personuppgiftsincident"), std::string::npos) << text;
    EXPECT_NE(text.find("Östra Göinge kommun"), std::string::npos);
    EXPECT_NE(text.find("Éléonore på ängen åt ärtsoppa."), std::string::npos);
    EXPECT_NE(text.find("1. Organisationens namn"), std::string::npos);
    EXPECT_NE(text.find("2. Organisationsnummer"), std::string::npos);
    EXPECT_NE(text.find("Saknas"), std::string::npos);
    EXPECT_NE(text.find("Uppgifter som saknas"), std::string::npos);
    EXPECT_NE(text.find("Personnummer"), std::string::npos);
    EXPECT_NE(text.find("Första punkten"), std::string::npos);
    EXPECT_NE(text.find("Sida 1 av 1"), std::string::npos);
    EXPECT_NE(text.find("Ärende SKY-2026-0042"), std::string::npos);
}

TEST(DocumentPdf, EnglishPageNumbersAndMissing) {
    auto document = sample_document();
    document.language = "en";
    auto text = pdf_text(*render_pdf(document));
    EXPECT_NE(text.find("Page 1 of 1"), std::string::npos) << text;
    EXPECT_NE(text.find("Missing"), std::string::npos);
    EXPECT_NE(text.find("Case SKY-2026-0042"), std::string::npos);
}

TEST(DocumentPdf, EmbedsTheDejaVuFonts) {
    auto fonts = pdf_tool(*render_pdf(sample_document()), "pdffonts");
    EXPECT_NE(fonts.find("DejaVuSerif"), std::string::npos) << fonts;
    EXPECT_NE(fonts.find("DejaVuSans-Bold"), std::string::npos) << fonts;
    // Every font line says "yes" in the "emb" column: no line is "no" there.
    std::regex not_embedded(R"(\s(TrueType|Type 1|CID)[^\n]*\s+no\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\n)");
    EXPECT_FALSE(std::regex_search(fonts, not_embedded)) << fonts;
}

TEST(DocumentPdf, MetadataTitleAndCreator) {
    auto info = pdf_tool(*render_pdf(sample_document()), "pdfinfo");
    EXPECT_NE(info.find("Anmälan av personuppgiftsincident"), std::string::npos) << info;
    EXPECT_NE(info.find("Skydda"), std::string::npos);
}

TEST(DocumentPdf, LongFieldFlowsOverPagesWithoutLoss) {
    auto document = sample_document();
    auto description = long_text(20000);
    document.sections[0].blocks.insert(document.sections[0].blocks.begin(),
                                       Field{"description", "(13)", "Beskrivning", description, false});
    auto pdf = render_pdf(document);
    ASSERT_TRUE(pdf);
    int pages = pdf_pages(*pdf);
    ASSERT_GE(pages, 3);
    auto text = pdf_text(*pdf);
    // All of the description, in order, nothing cut or repeated (the running header and footer
    // are removed first: they sit between the pages' pieces).
    std::string body = squeeze(text);
    for (int page = 1; page <= pages; ++page) {
        std::string frame[] = {"ÖstraGöingekommun", "ÄrendeSKY-2026-0042", "Anmälanavpersonuppgiftsincident",
                               "Sida" + std::to_string(page) + "av" + std::to_string(pages)};
        for (const auto& piece : frame)
            if (piece != "Anmälanavpersonuppgiftsincident")
                if (auto at = body.find(piece); at != std::string::npos) body.erase(at, piece.size());
    }
    EXPECT_EQ(count(body, "ord999ord1000"), 1u);
    auto last = "ord" + std::to_string(std::count(description.begin(), description.end(), ' ') +
                                       std::count(description.begin(), description.end(), '\n') - 1);
    EXPECT_NE(text.find(last), std::string::npos) << last;
    for (int page = 1; page <= pages; ++page) {
        auto page_text = pdf_page_text(*pdf, page);
        EXPECT_NE(page_text.find("Östra Göinge kommun"), std::string::npos) << "page " << page;
        EXPECT_NE(page_text.find("SKY-2026-0042"), std::string::npos) << "page " << page;
        EXPECT_NE(page_text.find(fmt::format("Sida {} av {}", page, pages)), std::string::npos) << "page " << page;
    }
}

TEST(DocumentPdf, EveryWordOfALongFieldIsPrinted) {
    auto document = sample_document();
    auto description = long_text(20000);
    document.sections[0].blocks.push_back(Field{"description", "(13)", "Beskrivning", description, false});
    auto text = pdf_text(*render_pdf(document));
    int words = 0;
    for (int i = 0;; ++i) {
        auto word = "ord" + std::to_string(i);
        if (description.find(word + " ") == std::string::npos && description.find(word + "\n") == std::string::npos)
            break;
        ++words;
        std::regex exact("(^|\\s)" + word + "(\\s|$)");
        ASSERT_TRUE(std::regex_search(text, exact)) << word << " is missing";
        if (i > 40) i += 37; // a sample across the text keeps the test fast
    }
    EXPECT_GT(words, 50);
}

TEST(DocumentPdf, LongTableRowsWrapAndRepeatAcrossPages) {
    auto document = sample_document();
    Table table{{"Fil", "Storlek", "SHA-256"}, {}};
    for (int i = 0; i < 120; ++i)
        table.rows.push_back({"bilaga-" + std::to_string(i) + ".pdf", std::to_string(1000 + i),
                              std::string(64, static_cast<char>('a' + i % 6))});
    document.sections.push_back({"Bilagor", {table}});
    auto pdf = render_pdf(document);
    ASSERT_TRUE(pdf);
    auto pages = pdf_pages(*pdf);
    ASSERT_GE(pages, 3);
    auto text = pdf_text(*pdf);
    for (int i = 0; i < 120; ++i) EXPECT_NE(text.find("bilaga-" + std::to_string(i) + ".pdf"), std::string::npos) << i;
    EXPECT_NE(pdf_page_text(*pdf, pages).find("SHA-256"), std::string::npos); // the header repeated
}

TEST(DocumentPdf, MergedDocumentsStartOnNewPagesNumberedOnTheirOwn) {
    std::vector<Document> letters;
    for (int i = 0; i < 3; ++i) {
        auto letter = sample_document();
        letter.kind = "subject-letter";
        letter.addressee = {"Person " + std::to_string(i), "Storgatan " + std::to_string(i), "123 45 Växjö"};
        if (i == 1) letter.sections[0].blocks.push_back(Paragraph{long_text(9000)});
        letters.push_back(letter);
    }
    auto pdf = render_pdf(letters);
    ASSERT_TRUE(pdf);
    int pages = pdf_pages(*pdf);
    ASSERT_GE(pages, 4);
    EXPECT_NE(pdf_page_text(*pdf, 1).find("Person 0"), std::string::npos);
    EXPECT_NE(pdf_page_text(*pdf, 1).find("Sida 1 av 1"), std::string::npos);
    auto second = pdf_page_text(*pdf, 2);
    EXPECT_NE(second.find("Person 1"), std::string::npos);
    EXPECT_NE(second.find(fmt::format("Sida 1 av {}", pages - 2)), std::string::npos) << second;
    auto last = pdf_page_text(*pdf, pages);
    EXPECT_NE(last.find("Person 2"), std::string::npos);
    EXPECT_NE(last.find("Sida 1 av 1"), std::string::npos);
    // The organisation in every page header and once in each letter's body.
    EXPECT_EQ(count(pdf_text(*pdf), "Östra Göinge kommun"), static_cast<size_t>(pages) + 3);
}

TEST(DocumentPdf, AddresseeSitsInTheEnvelopeWindow) {
    auto letter = sample_document();
    letter.addressee = {"Anna Åberg", "Storgatan 1", "123 45 Örebro"};
    auto bbox = pdf_tool(*render_pdf(letter), "pdftotext", "-bbox");
    // <word xMin="56.0" yMin="130..." ...>Anna</word>: 20 mm from the left, about 45 mm down.
    std::smatch match;
    ASSERT_TRUE(std::regex_search(bbox, match, std::regex(R"re(xMin="([0-9.]+)" yMin="([0-9.]+)"[^>]*>Anna<)re")));
    EXPECT_NEAR(std::stod(match[1]), 56.0, 2.0);
    EXPECT_NEAR(std::stod(match[2]), 130.0, 6.0);
}

TEST(DocumentPdf, RefusesNothingAndSurvivesBadBytes) {
    EXPECT_FALSE(render_pdf(std::span<const Document>()));
    auto document = sample_document();
    document.sections[0].blocks.push_back(Paragraph{std::string("trasig \xff\xfe text\0med nul", 22)});
    auto text = pdf_text(*render_pdf(document));
    EXPECT_NE(text.find("trasig"), std::string::npos);
}

// The server renders on several threads at once; pango's font map is per thread.
TEST(DocumentPdf, RendersOnSeveralThreadsAtOnce) {
    std::vector<std::string> texts(4);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < texts.size(); ++i)
        threads.emplace_back([&texts, i] {
            auto document = sample_document();
            document.reference = "SKY-2026-000" + std::to_string(i);
            for (int n = 0; n < 5; ++n) texts[i] = render_pdf(document).value_or("");
        });
    for (auto& thread : threads) thread.join();
    for (size_t i = 0; i < texts.size(); ++i)
        EXPECT_NE(pdf_text(texts[i]).find("SKY-2026-000" + std::to_string(i)), std::string::npos) << i;
}

// The print file of a letter to 300 people: one page each. (How long it takes is measured by
// bench/documents.sh, not asserted here.)
TEST(DocumentPdf, ThreeHundredMergedLettersGiveThreeHundredPages) {
    std::vector<Document> letters;
    for (int i = 0; i < 300; ++i) {
        auto letter = sample_document();
        letter.addressee = {"Person " + std::to_string(i), "Storgatan 1", "123 45 Växjö"};
        letters.push_back(letter);
    }
    auto pdf = render_pdf(letters);
    ASSERT_TRUE(pdf);
    EXPECT_EQ(pdf_pages(*pdf), 300);
}

} // namespace
} // namespace skydda::doc
