#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "scan/extract.hpp"
#include "scan/extract_encoding.hpp"
#include "scan/extract_mime.hpp"
#include "scan/extract_test_support.hpp"

using namespace skydda::scan;
using namespace skydda::scan::testing;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(QuotedPrintable, SoftLineBreaksJoinAndHexEscapesDecode) {
    using skydda::scan::detail::decode_quoted_printable;
    EXPECT_EQ(decode_quoted_printable("191212=\r\n12-1212 =C3=A5r"), "19121212-1212 år");
    EXPECT_EQ(decode_quoted_printable("a= \nb=c3=a5"), "ab\xC3\xA5");
    EXPECT_EQ(decode_quoted_printable("5 = 5 =ZZ"), "5 = 5 =ZZ");
    EXPECT_EQ(decode_quoted_printable("a_b", true), "a b");
}

TEST(Base64, DecodesAcrossLineBreaksWithAndWithoutPadding) {
    using skydda::scan::detail::decode_base64;
    EXPECT_EQ(decode_base64("w6Vy\r\nZW4="), "åren");
    EXPECT_EQ(decode_base64("w6VyZW4"), "åren");
    EXPECT_EQ(decode_base64("aGVq\n"), "hej");
    EXPECT_EQ(decode_base64("!!"), "");
}

TEST(EncodedWords, BAndQWordsInAnyCharsetBecomeUtf8) {
    using skydda::scan::detail::decode_header_value;
    EXPECT_EQ(decode_header_value("=?utf-8?B?w4RyZW5kZQ==?= =?utf-8?Q?_f=C3=B6r?="), "Ärende för");
    EXPECT_EQ(decode_header_value("Malin =?iso-8859-1?Q?Str=F6m?= <m@x.se>"), "Malin Ström <m@x.se>");
    EXPECT_EQ(decode_header_value("=?UTF-8?q?G=C3=B6ran?="), "Göran");
    EXPECT_EQ(decode_header_value("plain =?broken"), "plain =?broken");
}

TEST(ExtractEmail, HeadersAreDecodedAndOnlyPeopleHeadersKept) {
    auto sink = extract_fixture("mail.eml");
    std::string text = sink.text_of("mail.eml");
    EXPECT_THAT(text, HasSubstr("Subject: Ärende: lönelista för maj"));
    EXPECT_THAT(text, HasSubstr("From: Jörgen Säll <jorgen@exempel.se>"));
    EXPECT_THAT(text, HasSubstr("To: Malin Ström <malin@exempel.se>"));
    EXPECT_THAT(text, Not(HasSubstr("SIGNATURBLOB")));
    EXPECT_THAT(text, Not(HasSubstr("Preamble")));
}

TEST(ExtractEmail, QuotedPrintableAndBase64BodiesAreDecoded) {
    auto sink = extract_fixture("mail.eml");
    std::string text = sink.text_of("mail.eml");
    EXPECT_THAT(text, HasSubstr("Lönen för Anna Sjöström med personnummer 19121212-1212 återstår."));
    EXPECT_THAT(text, HasSubstr("HTML-del: Bengt Å tel 070-123 45 67"));
}

TEST(ExtractEmail, AttachmentsAreExtractedByTheirFormatUnderTheirNames) {
    auto sink = extract_fixture("mail.eml");
    EXPECT_THAT(sink.text_of("mail.eml!bilaga.docx"), HasSubstr("Karin Åkesson"));
    EXPECT_THAT(sink.text_of("mail.eml!lista.zip!inre.txt"), HasSubstr("Greta Garbo"));
    EXPECT_TRUE(sink.problems.empty());
}

TEST(ExtractEmail, UnnamedAttachmentGetsANumberedNameFreeOfPersonalData) {
    std::string mail =
        "From: a@x.se\nTo: b@x.se\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=Q\n\n"
        "--Q\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n"
        "QmlsYWdhIHRleHQ=\n--Q--\n";
    RecordingSink sink;
    extract("in/x.eml", mail, {}, sink);
    EXPECT_THAT(sink.text_of("in/x.eml!attachment-1"), HasSubstr("Bilaga text"));
}

TEST(ExtractEmail, AttachedMessageIsReadAsAnEmail) {
    std::string mail =
        "From: a@x.se\nTo: b@x.se\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=Q\n\n"
        "--Q\nContent-Type: message/rfc822\n\nFrom: inner@x.se\nTo: c@x.se\nSubject: vidarebefordrat\n\nInre brev\n--Q--\n";
    RecordingSink sink;
    extract("x.eml", mail, {}, sink);
    EXPECT_THAT(sink.text_of("x.eml!attachment-1.eml"), HasSubstr("Inre brev"));
    EXPECT_THAT(sink.text_of("x.eml!attachment-1.eml"), HasSubstr("Subject: vidarebefordrat"));
}

TEST(ExtractEmail, Latin1BodyIsConvertedByItsCharset) {
    std::string mail = "From: a@x.se\nTo: b@x.se\nContent-Type: text/plain; charset=\"ISO-8859-1\"\n\nH\xE4lsningar fr\xE5n G\xF6ran\n";
    RecordingSink sink;
    extract("x.eml", mail, {}, sink);
    EXPECT_THAT(sink.text_of("x.eml"), HasSubstr("Hälsningar från Göran"));
}

TEST(ExtractEmail, EndlesslyNestedMultipartsStopAtTheMimeLimit) {
    std::string mail = "From: a@x.se\nTo: b@x.se\nContent-Type: multipart/mixed; boundary=b0\n\n";
    for (int i = 1; i < 40; ++i)
        mail += "--b" + std::to_string(i - 1) + "\nContent-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n";
    RecordingSink sink;
    extract("x.eml", mail, {}, sink);
    EXPECT_TRUE(sink.has_problem("x.eml", Unreadable::too_deep));
}

TEST(ExtractMbox, EachMessageIsNamedByItsNumber) {
    auto sink = extract_fixture("box.mbox");
    EXPECT_THAT(sink.text_of("box.mbox!message-1"), HasSubstr("Forsta brevet om Ada"));
    EXPECT_THAT(sink.text_of("box.mbox!message-2"), HasSubstr(">From here, quoted"));
    EXPECT_THAT(sink.text_of("box.mbox!message-3"), HasSubstr("Subject: Tre"));
    EXPECT_THAT(sink.text_of("box.mbox!message-3"), Not(HasSubstr("Ada")));
    EXPECT_THAT(sink.paths(), Not(Contains("box.mbox!message-4")));
}

TEST(ExtractMbox, PlainMessageBodiesAreViewsOfTheMailbox) {
    std::string box = read_fixture("box.mbox");
    RecordingSink sink;
    extract("box.mbox", box, {}, sink);
    bool any_view = false;
    for (const auto& piece : sink.pieces)
        any_view |= piece.data >= box.data() && piece.data < box.data() + box.size();
    EXPECT_TRUE(any_view);
}

TEST(ExtractEmail, ALineThatMerelyStartsWithTheBoundaryDoesNotSplitThePart) {
    std::string mail =
        "From: a@x.se\nTo: b@x.se\nContent-Type: multipart/mixed; boundary=b1\n\n"
        "--b1\nContent-Type: text/plain\n\nfirst line\n--b10 is not a boundary\nlast line\n--b1--\n";
    RecordingSink sink;
    extract("x.eml", mail, {}, sink);
    EXPECT_THAT(sink.text_of("x.eml"), HasSubstr("first line\n--b10 is not a boundary\nlast line"));
}
