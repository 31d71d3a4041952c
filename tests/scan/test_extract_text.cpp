#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "scan/extract.hpp"
#include "scan/extract_delimited.hpp"
#include "scan/extract_test_support.hpp"

using namespace skydda::scan;
using namespace skydda::scan::testing;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(DecodeText, ReturnsValidUtf8InputItselfWithoutCopying) {
    std::string bytes = "Göran 19121212-1212\n";
    std::string storage;
    std::string_view text = decode_text(bytes, storage);
    EXPECT_EQ(text.data(), bytes.data());
    EXPECT_TRUE(storage.empty());
}

TEST(DecodeText, DropsUtf8ByteOrderMark) {
    std::string storage;
    EXPECT_EQ(decode_text("\xEF\xBB\xBFhej", storage), "hej");
}

TEST(DecodeText, ReadsWindows1252WhenNotUtf8) {
    std::string storage;
    EXPECT_EQ(decode_text(read_fixture("latin1.txt"), storage), "Åsa Östlund bor på Ängsvägen 3 i Malmö.\n");
    EXPECT_EQ(decode_text("\x80 5", storage), "€ 5");
}

TEST(DecodeText, ReadsUtf16LittleAndBigEndianWithBom) {
    std::string storage;
    EXPECT_EQ(decode_text(read_fixture("utf16le.txt"), storage), "UTF16LE: Ölandsgatan, Märta\n");
    EXPECT_EQ(decode_text(read_fixture("utf16be.txt"), storage), "UTF16BE: Björkvägen, Göran\n");
}

TEST(DecodeText, ReadsUtf16LittleEndianWithoutBomFromItsZeroBytes) {
    std::string utf16;
    for (char c : std::string("Namn och adress, rad ett\n")) utf16 += std::string{c, '\0'};
    std::string storage;
    EXPECT_EQ(decode_text(utf16, storage), "Namn och adress, rad ett\n");
}

TEST(DecodeText, KeepsSurrogatePairsAndReplacesLoneOnes) {
    std::string storage;
    EXPECT_EQ(decode_text(std::string("\xFF\xFE\x3D\xD8\x00\xDE", 6), storage), "\xF0\x9F\x98\x80");
    EXPECT_EQ(decode_text(std::string("\xFF\xFE\x00\xD8\x41\x00", 6), storage), "\xEF\xBF\xBD" "A");
}

TEST(ExtractText, PlainUtf8IsHandedOnAsAViewOfTheInput) {
    std::string bytes = read_fixture("plain.txt");
    RecordingSink sink;
    extract("plain.txt", bytes, {}, sink);
    ASSERT_EQ(sink.pieces.size(), 1u);
    EXPECT_EQ(sink.pieces[0].data, bytes.data());
    EXPECT_THAT(sink.pieces[0].text, HasSubstr("19121212-1212"));
    EXPECT_EQ(sink.pieces[0].hints.delimiter, 0);
}

TEST(ExtractText, Latin1FileArrivesAsUtf8) {
    auto sink = extract_fixture("latin1.txt");
    EXPECT_THAT(sink.text_of("latin1.txt"), HasSubstr("Åsa Östlund bor på Ängsvägen"));
}

TEST(ExtractCsv, SemicolonHeaderAndPersonnummerColumnAreHinted) {
    auto sink = extract_fixture("people.csv");
    ASSERT_EQ(sink.pieces.size(), 1u);
    const auto& hints = sink.pieces[0].hints;
    EXPECT_EQ(hints.delimiter, ';');
    EXPECT_TRUE(hints.has_header);
    EXPECT_THAT(hints.pin_columns, ElementsAre(1));
}

TEST(ExtractCsv, Utf16TabSeparatedExportGetsTabAndSsnColumn) {
    auto sink = extract_fixture("people.tsv");
    ASSERT_EQ(sink.pieces.size(), 1u);
    EXPECT_THAT(sink.pieces[0].text, HasSubstr("Tolvan\tUmeå\t121212-1212"));
    EXPECT_EQ(sink.pieces[0].hints.delimiter, '\t');
    EXPECT_THAT(sink.pieces[0].hints.pin_columns, ElementsAre(2));
}

TEST(ExtractCsv, FirstLineWithDataIsNoHeader) {
    RecordingSink sink;
    extract("x.csv", "Sven,191212121212,sven@exempel.se\n", {}, sink);
    ASSERT_EQ(sink.pieces.size(), 1u);
    EXPECT_FALSE(sink.pieces[0].hints.has_header);
    EXPECT_TRUE(sink.pieces[0].hints.pin_columns.empty());
    EXPECT_EQ(sink.pieces[0].hints.delimiter, ',');
}

TEST(PinHeader, MatchesSwedishAndEnglishTermsButNotLookalikes) {
    using skydda::scan::detail::is_pin_header;
    for (std::string_view header : {"Personnummer", "PERSONNR", "kund_pnr", "Pers.nr", "Samordningsnummer",
                                    "Social Security Number", "SSN", "Kundens personnummer (ÅÅÅÅMMDD-NNNN)"})
        EXPECT_TRUE(is_pin_header(header)) << header;
    for (std::string_view header : {"Businessname", "Namn", "Telefon", "pnrx", "Adress"})
        EXPECT_FALSE(is_pin_header(header)) << header;
}

TEST(ExtractJson, StringEscapesAreDecoded) {
    auto sink = extract_fixture("people.json");
    std::string text = sink.text_of("people.json");
    EXPECT_THAT(text, HasSubstr("\"ort\": \"Umeå\""));
    EXPECT_THAT(text, HasSubstr("rad1\nrad2"));
}

TEST(ExtractJson, JsonWithoutEscapesIsAViewOfTheInput) {
    std::string bytes = R"({"pnr": "19121212-1212"})";
    RecordingSink sink;
    extract("a.json", bytes, {}, sink);
    ASSERT_EQ(sink.pieces.size(), 1u);
    EXPECT_EQ(sink.pieces[0].data, bytes.data());
}

TEST(ExtractXml, TextReferencesCdataAndAttributeValuesAreKept) {
    auto sink = extract_fixture("people.xml");
    std::string text = sink.text_of("people.xml");
    EXPECT_THAT(text, HasSubstr("Lisa Lindås"));
    EXPECT_THAT(text, HasSubstr("19121212-1212"));
    EXPECT_THAT(text, HasSubstr("kund@exempel.se"));
    EXPECT_THAT(text, HasSubstr("K-77"));
    EXPECT_THAT(text, HasSubstr("Fritext <i>CDATA</i>"));
    EXPECT_THAT(text, Not(HasSubstr("urn:x")));
    // Neighbouring elements do not run together.
    EXPECT_THAT(text, Not(HasSubstr("Lindås19121212")));
}

TEST(ExtractHtml, DropsScriptAndStyleDecodesEntitiesKeepsMailtoAddress) {
    auto sink = extract_fixture("page.html");
    std::string text = sink.text_of("page.html");
    EXPECT_THAT(text, HasSubstr("Anna Björk, Gåsgränd 4"));
    EXPECT_THAT(text, HasSubstr("skriv till Anna"));
    EXPECT_THAT(text, HasSubstr("anna.bjork@exempel.se"));
    EXPECT_THAT(text, HasSubstr("Nummer\t19121212-1212"));
    EXPECT_THAT(text, HasSubstr("Medlemmar"));
    EXPECT_THAT(text, Not(HasSubstr("SKRIPTTEXT")));
    EXPECT_THAT(text, Not(HasSubstr("color")));
}

TEST(ExtractBinary, ImageIsReportedUnsupportedSoTheDpoSeesItWasNotRead) {
    auto sink = extract_fixture("image.png");
    EXPECT_TRUE(sink.pieces.empty());
    ASSERT_EQ(sink.problems.size(), 1u);
    EXPECT_EQ(sink.problems[0].reason, Unreadable::unsupported);
    EXPECT_EQ(sink.problems[0].detail, "image");
}

TEST(Names, EveryFormatAndReasonHasItsOwnName) {
    std::set<std::string_view> formats;
    for (int value = 0; value <= static_cast<int>(Format::binary); ++value)
        formats.insert(format_name(static_cast<Format>(value)));
    EXPECT_EQ(formats.size(), static_cast<size_t>(Format::binary) + 1);
    std::set<std::string_view> reasons;
    for (int value = 0; value <= static_cast<int>(Unreadable::io_error); ++value)
        reasons.insert(unreadable_code(static_cast<Unreadable>(value)));
    EXPECT_EQ(reasons.size(), static_cast<size_t>(Unreadable::io_error) + 1);
    EXPECT_EQ(format_name(Format::xlsx), "xlsx");
    EXPECT_EQ(unreadable_code(Unreadable::expansion_ratio), "expansion_ratio");
}

TEST(DetectFormat, MagicBytesComeBeforeTheExtension) {
    EXPECT_EQ(detect_format("x.txt", read_fixture("doc.docx")), Format::docx);
    EXPECT_EQ(detect_format("x.bin", read_fixture("book.xlsx")), Format::xlsx);
    EXPECT_EQ(detect_format("x", read_fixture("slides.pptx")), Format::pptx);
    EXPECT_EQ(detect_format("x", read_fixture("text.odt")), Format::odt);
    EXPECT_EQ(detect_format("x", read_fixture("sheet.ods")), Format::ods);
    EXPECT_EQ(detect_format("x.docx", read_fixture("archive.zip")), Format::docx);
    EXPECT_EQ(detect_format("x", read_fixture("archive.zip")), Format::zip);
    EXPECT_EQ(detect_format("x.txt", read_fixture("doc.pdf")), Format::pdf);
    EXPECT_EQ(detect_format("x", read_fixture("archive.tar.gz")), Format::gzip);
    EXPECT_EQ(detect_format("x", read_fixture("archive.tar")), Format::tar);
    EXPECT_EQ(detect_format("x.docx", read_fixture("encrypted.docx")), Format::binary);
}

TEST(DetectFormat, MailIsRecognisedByItsHeadersAndMboxByItsFromLine) {
    EXPECT_EQ(detect_format("x", read_fixture("mail.eml")), Format::eml);
    EXPECT_EQ(detect_format("x.txt", read_fixture("box.mbox")), Format::mbox);
    EXPECT_EQ(detect_format("x", "From: a@b.se\nTo: c@d.se\nSubject: hej\n\nbody"), Format::eml);
    EXPECT_EQ(detect_format("x", "Subject: only one header\n\nbody"), Format::text);
}

TEST(DetectFormat, ExtensionThenContentDecide) {
    EXPECT_EQ(detect_format("a/b/people.CSV", "a,b\n1,2\n"), Format::csv);
    EXPECT_EQ(detect_format("x.tsv", "a\tb\n"), Format::tsv);
    EXPECT_EQ(detect_format("x.htm", "<p>x</p>"), Format::html);
    EXPECT_EQ(detect_format("x", "  <!DOCTYPE html><html>"), Format::html);
    EXPECT_EQ(detect_format("x", "<?xml version=\"1.0\"?><a/>"), Format::xml);
    EXPECT_EQ(detect_format("x", "{\"a\": 1}"), Format::json);
    EXPECT_EQ(detect_format("x", "just some words\n"), Format::text);
    EXPECT_EQ(detect_format("x", std::string("\x01\x02\x03\x00\x05", 5)), Format::binary);
    EXPECT_EQ(detect_format("x.csv", read_fixture("people.tsv")), Format::csv);
    EXPECT_EQ(detect_format("x", read_fixture("utf16le.txt")), Format::text);
}
