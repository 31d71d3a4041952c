#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "scan/extract.hpp"
#include "scan/extract_test_support.hpp"

using namespace skydda::scan;
using namespace skydda::scan::testing;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(ExtractArchive, ZipMembersAndNestedZipsAreNamedByTheirPaths) {
    auto sink = extract_fixture("archive.zip");
    EXPECT_THAT(sink.text_of("archive.zip!dir/file.txt"), HasSubstr("Maja Lund"));
    EXPECT_THAT(sink.text_of("archive.zip!inner.zip!deep.txt"), HasSubstr("Bo Ek"));
    EXPECT_TRUE(sink.problems.empty());
}

TEST(ExtractArchive, TarAndTarGzMembersKeepTheirCsvHints) {
    for (std::string name : {"archive.tar", "archive.tar.gz"}) {
        auto sink = extract_fixture(name);
        ASSERT_EQ(sink.pieces.size(), 1u) << name;
        EXPECT_EQ(sink.pieces[0].path, name + "!export/kunder.csv");
        EXPECT_THAT(sink.pieces[0].text, HasSubstr("Tarfil Testsson"));
        EXPECT_THAT(sink.pieces[0].hints.pin_columns, ElementsAre(1));
    }
}

TEST(ExtractArchive, GzipOfOneFileIsNamedWithoutGz) {
    auto sink = extract_fixture("single.csv.gz");
    ASSERT_EQ(sink.pieces.size(), 1u);
    EXPECT_EQ(sink.pieces[0].path, "single.csv.gz!single.csv");
    EXPECT_EQ(sink.pieces[0].hints.delimiter, ';');
    EXPECT_THAT(sink.pieces[0].hints.pin_columns, ElementsAre(1));
}

TEST(ExtractArchive, TruncatedGzipIsReportedCorruptAndWhatWasReadIsKept) {
    auto sink = extract_fixture("truncated.gz");
    EXPECT_TRUE(sink.has_problem("truncated.gz!truncated", Unreadable::corrupt));
    EXPECT_THAT(sink.text_of("truncated.gz!truncated"), HasSubstr("Trunkerad Tranberg"));
}

TEST(ExtractArchive, EncryptedZipMemberIsReportedEncryptedAndNotRead) {
    auto sink = extract_fixture("encrypted.zip");
    EXPECT_TRUE(sink.has_problem("encrypted.zip!hemlig.txt", Unreadable::encrypted));
    EXPECT_THAT(sink.all_text(), Not(HasSubstr("Kryptosson")));
}

TEST(ExtractArchive, ZipInsideMailInsideZipIsFollowed) {
    auto sink = extract_fixture("nested.zip");
    EXPECT_THAT(sink.text_of("nested.zip!post.eml!inner.zip!hemlig.txt"), HasSubstr("Hemliga Hedda"));
    EXPECT_THAT(sink.text_of("nested.zip!post.eml"), HasSubstr("Se bilaga."));
}

TEST(ExtractArchive, NestingBeyondMaxDepthIsReportedTooDeep) {
    Limits limits;
    limits.max_depth = 8;
    auto sink = extract_fixture("deep.zip", limits);
    ASSERT_EQ(sink.problems.size(), 1u);
    EXPECT_EQ(sink.problems[0].reason, Unreadable::too_deep);
    EXPECT_EQ(std::count(sink.problems[0].path.begin(), sink.problems[0].path.end(), '!'), 9);
    EXPECT_THAT(sink.all_text(), Not(HasSubstr("Botten")));
}

TEST(ExtractArchive, NestingWithinMaxDepthIsRead) {
    Limits limits;
    limits.max_depth = 13;
    auto sink = extract_fixture("deep.zip", limits);
    EXPECT_TRUE(sink.problems.empty());
    EXPECT_THAT(sink.all_text(), HasSubstr("Botten Bengtsson"));
}

TEST(ExtractArchive, ZipBombStopsAtTheExpansionRatio) {
    auto sink = extract_fixture("bomb.zip");
    EXPECT_TRUE(sink.has_problem("bomb.zip", Unreadable::expansion_ratio));
    EXPECT_TRUE(sink.pieces.empty());
}

TEST(ExtractArchive, MemberOverTheEntryLimitIsTooLarge) {
    Limits limits;
    limits.max_entry_bytes = 1 << 20;
    limits.max_ratio = 1e9;
    auto sink = extract_fixture("bomb.zip", limits);
    EXPECT_TRUE(sink.has_problem("bomb.zip!nollor.txt", Unreadable::too_large));
    EXPECT_TRUE(sink.pieces.empty());
}

TEST(ExtractArchive, InputOverTheTotalLimitIsTooLarge) {
    Limits limits;
    limits.max_total_bytes = 1 << 20;
    limits.max_ratio = 1e9;
    auto sink = extract_fixture("bomb.zip", limits);
    EXPECT_TRUE(sink.has_problem("bomb.zip", Unreadable::too_large));
}

TEST(ExtractArchive, CutOffZipIsReportedCorruptWithoutCrashing) {
    std::string bytes = read_fixture("archive.zip");
    for (size_t size : {size_t{4}, size_t{30}, bytes.size() / 2}) {
        RecordingSink sink;
        extract("cut.zip", std::string_view(bytes).substr(0, size), {}, sink);
        EXPECT_FALSE(sink.problems.empty()) << size;
    }
}

TEST(ExtractArchive, ZipWithoutItsCentralDirectoryIsStillReadFromLocalHeaders) {
    std::string bytes = read_fixture("archive.zip");
    RecordingSink sink;
    extract("cut.zip", std::string_view(bytes).substr(0, bytes.size() - 10), {}, sink);
    EXPECT_THAT(sink.text_of("cut.zip!dir/file.txt"), HasSubstr("Maja Lund"));
}

TEST(ExtractOffice, DocxBodyHeadersAndCommentsAreRead) {
    auto sink = extract_fixture("doc.docx");
    std::string text = sink.text_of("doc.docx");
    EXPECT_THAT(text, HasSubstr("Patient: Karin Åkesson\n"));
    EXPECT_THAT(text, HasSubstr("Personnummer 19121212-1212")); // split over two runs
    EXPECT_THAT(text, HasSubstr("Cell1\tCell2"));
    EXPECT_THAT(text, HasSubstr("Sidhuvud Sekretess"));
    EXPECT_THAT(text, HasSubstr("Kommentar om Karin"));
}

TEST(ExtractOffice, XlsxSheetIsTabSeparatedWithHeaderHints) {
    auto sink = extract_fixture("book.xlsx");
    ASSERT_EQ(sink.pieces.size(), 1u);
    EXPECT_EQ(sink.pieces[0].text, "Namn\tPersonnummer\t\tOrt\nPer Persson\t191212121212\t\tSkövde");
    EXPECT_EQ(sink.pieces[0].hints.delimiter, '\t');
    EXPECT_TRUE(sink.pieces[0].hints.has_header);
    EXPECT_THAT(sink.pieces[0].hints.pin_columns, ElementsAre(1));
}

TEST(ExtractOffice, PptxSlidesInOrderAndNotes) {
    auto sink = extract_fixture("slides.pptx");
    std::string text = sink.text_of("slides.pptx");
    EXPECT_LT(text.find("Bild ett: Olle Ek"), text.find("Bild två: olle.ek@exempel.se"));
    EXPECT_THAT(text, HasSubstr("Talaranteckning"));
}

TEST(ExtractOffice, OdtTextIsRead) {
    auto sink = extract_fixture("text.odt");
    std::string text = sink.text_of("text.odt");
    EXPECT_THAT(text, HasSubstr("Rubrik\n"));
    EXPECT_THAT(text, HasSubstr("Elin Ström, 19121212-1212"));
}

TEST(ExtractOffice, OdsSheetKeepsColumnsAndDropsTrailingEmptyCells) {
    auto sink = extract_fixture("sheet.ods");
    ASSERT_EQ(sink.pieces.size(), 1u);
    EXPECT_THAT(sink.pieces[0].text, HasSubstr("Nils Holm\t\t\t191212121212"));
    EXPECT_LT(sink.pieces[0].text.size(), 100u);
    EXPECT_THAT(sink.pieces[0].hints.pin_columns, ElementsAre(3));
}

TEST(ExtractOffice, EncryptedDocumentsAreReportedEncrypted) {
    for (std::string name : {"encrypted.odt", "encrypted.docx"}) {
        auto sink = extract_fixture(name);
        EXPECT_TRUE(sink.has_problem(name, Unreadable::encrypted)) << name;
        EXPECT_TRUE(sink.pieces.empty()) << name;
    }
}

TEST(ExtractOffice, ZipNamedDocxIsReadAsAZip) {
    std::string bytes = read_fixture("archive.zip");
    RecordingSink sink;
    extract("fake.docx", bytes, {}, sink);
    EXPECT_THAT(sink.text_of("fake.docx!dir/file.txt"), HasSubstr("Maja Lund"));
}

TEST(ExtractPdf, PageTextIsRead) {
    auto sink = extract_fixture("doc.pdf");
    EXPECT_THAT(sink.text_of("doc.pdf"), HasSubstr("Tolvan Tolvansson 19121212-1212"));
    EXPECT_TRUE(sink.problems.empty());
}

TEST(ExtractPdf, PasswordProtectedPdfIsReportedEncrypted) {
    auto sink = extract_fixture("encrypted.pdf");
    EXPECT_TRUE(sink.has_problem("encrypted.pdf", Unreadable::encrypted));
    EXPECT_TRUE(sink.pieces.empty());
}

TEST(ExtractPdf, DamagedPdfIsReportedCorrupt) {
    std::string bytes = read_fixture("doc.pdf");
    RecordingSink sink;
    extract("bad.pdf", std::string_view(bytes).substr(0, 40), {}, sink);
    EXPECT_TRUE(sink.has_problem("bad.pdf", Unreadable::corrupt));
}
