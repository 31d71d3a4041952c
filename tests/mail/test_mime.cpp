#include <gtest/gtest.h>

#include "mail/mime.hpp"
#include "mail/smtp.hpp"
#include "support/smtp_sink.hpp"
#include "support/temp_dir.hpp"

using namespace skydda;
using namespace skydda::mail;

namespace {
MimeMessage sample() {
    MimeMessage m;
    m.from = "skydda@exempelby.se";
    m.from_name = "Skydda";
    m.to = "dora.dso@exempelby.se";
    m.subject = "Påminnelse: 6 timmar kvar";
    m.body = "Hej!\nÄrende 2026/12.\n";
    m.message_id = message_id_for("abc123", m.from);
    m.date = *parse_rfc3339("2026-10-25T08:00:00+01:00", "t");
    return m;
}
std::string header_block(const std::string& message) { return message.substr(0, message.find("\r\n\r\n")); }
} // namespace

TEST(Mime, HeadersOfAPlainTextMessage) {
    auto text = build_message(sample());
    ASSERT_TRUE(text) << text.error().message;
    auto head = header_block(*text);
    EXPECT_NE(head.find("Date: Sun, 25 Oct 2026 07:00:00 +0000\r\n"), std::string::npos) << head;
    EXPECT_NE(head.find("From: Skydda <skydda@exempelby.se>\r\n"), std::string::npos);
    EXPECT_NE(head.find("To: <dora.dso@exempelby.se>\r\n"), std::string::npos);
    EXPECT_NE(head.find("Message-ID: <outbox-abc123@exempelby.se>\r\n"), std::string::npos);
    EXPECT_NE(head.find("MIME-Version: 1.0\r\n"), std::string::npos);
    EXPECT_NE(head.find("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable"),
              std::string::npos);
    // "Påminnelse: 6 timmar kvar" in UTF-8, base64
    EXPECT_NE(head.find("Subject: =?UTF-8?B?UMOlbWlubmVsc2U6IDYgdGltbWFyIGt2YXI=?="), std::string::npos) << head;
    EXPECT_NE(text->find("\r\n\r\nHej!\r\n=C3=84rende 2026/12.\r\n"), std::string::npos) << *text;
    // Every line ends in CRLF: no bare LF anywhere.
    for (size_t i = 0; i < text->size(); ++i)
        if ((*text)[i] == '\n') ASSERT_EQ((*text)[i - 1], '\r') << "bare LF at " << i;
}

TEST(Mime, TheSameOutboxIdGivesTheSameMessageId) {
    EXPECT_EQ(message_id_for("abc123", "a@kommun.se"), "outbox-abc123@kommun.se");
    EXPECT_EQ(*build_message(sample()), *build_message(sample())); // a resend is byte-identical
}

TEST(Mime, AsciiSubjectStaysReadable) {
    EXPECT_EQ(encode_header_text("Ny incident 2026/3"), "Ny incident 2026/3");
    // "=?" would start an encoded-word, so such text is encoded too.
    EXPECT_TRUE(encode_header_text("a =?b").starts_with("=?UTF-8?B?"));
}

TEST(Mime, LongSubjectsAreSplitIntoWordsOfAtMost75CharactersOnCharacterBoundaries) {
    std::string subject;
    for (int i = 0; i < 40; ++i) subject += "åäö";
    auto encoded = encode_header_text(subject);
    size_t start = 0, words = 0;
    while (start < encoded.size()) {
        auto end = encoded.find("\r\n ", start);
        auto word = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
        EXPECT_LE(word.size(), 75u) << word;
        EXPECT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?="));
        ++words;
        if (end == std::string::npos) break;
        start = end + 3;
    }
    EXPECT_EQ(words, 6u); // 240 bytes, 44 per word (45 would cut a character)
}

TEST(Mime, LineBreaksInASubjectCannotInjectHeaders) {
    auto m = sample();
    m.subject = "Hej\r\nBcc: evil@example.com";
    auto text = build_message(m);
    ASSERT_TRUE(text);
    EXPECT_EQ(header_block(*text).find("\r\nBcc:"), std::string::npos);
}

TEST(Mime, AddressesAreChecked) {
    EXPECT_TRUE(valid_address("dora.dso@exempelby.se"));
    EXPECT_FALSE(valid_address("dora@exempelby.se\r\nRCPT TO:<x@y.se>"));
    EXPECT_FALSE(valid_address("Dora <dora@exempelby.se>"));
    EXPECT_FALSE(valid_address("no-at-sign"));
    auto m = sample();
    m.to = "x@y.se>\r\nDATA";
    EXPECT_EQ(build_message(m).error().field, "to");
    m = sample();
    m.from = "";
    EXPECT_EQ(build_message(m).error().field, "smtp_from");
}

TEST(Mime, QuotedPrintable) {
    EXPECT_EQ(quoted_printable("a=b"), "a=3Db");
    EXPECT_EQ(quoted_printable("trailing space \nx"), "trailing space=20\r\nx");
    EXPECT_EQ(quoted_printable(".dot first\n"), "=2Edot first\r\n");
    EXPECT_EQ(quoted_printable("crlf\r\nstays"), "crlf\r\nstays");
    std::string long_line(200, 'x');
    auto encoded = quoted_printable(long_line);
    size_t start = 0;
    for (size_t end; (end = encoded.find("\r\n", start)) != std::string::npos; start = end + 2)
        EXPECT_LE(end - start, 76u);
    std::string decoded;
    for (size_t i = 0; i < encoded.size(); ++i) {
        if (encoded.compare(i, 3, "=\r\n") == 0) i += 2;
        else decoded += encoded[i];
    }
    EXPECT_EQ(decoded, long_line);
}

TEST(Mime, PdfAttachmentAsMultipartMixed) {
    auto m = sample();
    m.attachment_name = "anmälan.pdf";
    m.attachment = std::string("%PDF-1.7\n\x00\xff binary", 18);
    auto text = build_message(m);
    ASSERT_TRUE(text);
    EXPECT_NE(text->find("Content-Type: multipart/mixed; boundary=\"=_skydda_outboxabc123exempelbyse\""),
              std::string::npos) << *text;
    EXPECT_NE(text->find("--=_skydda_outboxabc123exempelbyse\r\nContent-Type: text/plain; charset=utf-8"),
              std::string::npos);
    EXPECT_NE(text->find("Content-Type: application/pdf; name=\"anm__lan.pdf\"\r\n"
                         "Content-Transfer-Encoding: base64\r\n"
                         "Content-Disposition: attachment; filename=\"anm__lan.pdf\"\r\n\r\n"
                         "JVBERi0xLjcKAP8gYmluYXJ5\r\n"),
              std::string::npos) << *text;
    EXPECT_TRUE(text->ends_with("--=_skydda_outboxabc123exempelbyse--\r\n"));
}

TEST(Mime, Base64LinesAre76Columns) {
    auto lines = base64_lines(std::string(100, 'a'));
    EXPECT_EQ(lines.find("\r\n"), 76u);
    EXPECT_EQ(base64_lines("Man"), "TWFu\r\n");
    EXPECT_EQ(base64_lines("Ma"), "TWE=\r\n");
}

TEST(Smtp, TlsModes) {
    EXPECT_EQ(*parse_tls_mode("none"), TlsMode::none);
    EXPECT_EQ(*parse_tls_mode("starttls"), TlsMode::starttls);
    EXPECT_EQ(*parse_tls_mode("tls"), TlsMode::tls);
    EXPECT_EQ(parse_tls_mode("ssl").error().field, "smtp_tls");
}

TEST(Smtp, ARelayThatIsDownIsATemporaryFailure) {
    SmtpSettings settings;
    settings.url = "smtp://127.0.0.1:1"; // nothing listens on port 1
    settings.tls = TlsMode::none;
    settings.connect_timeout = std::chrono::seconds(2);
    auto sent = smtp_send(settings, "a@b.se", "c@d.se", "Subject: x\r\n\r\nx\r\n");
    ASSERT_FALSE(sent);
    EXPECT_EQ(sent.error().code, ErrorCode::unavailable);
}

TEST(Smtp, SendsToARealSinkAndRefusesToGoOnWithoutStartTls) {
    test_support::TempDir dir;
    test_support::SmtpSink sink(dir.path());
    auto message = build_message(sample());
    ASSERT_TRUE(message);
    SmtpSettings settings;
    settings.url = sink.url();
    // The sink offers no STARTTLS: required TLS must fail (and be retried), never fall back.
    settings.tls = TlsMode::starttls;
    auto refused = smtp_send(settings, "skydda@exempelby.se", "dora.dso@exempelby.se", *message);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::unavailable) << refused.error().message;
    EXPECT_TRUE(sink.messages().empty());
    settings.tls = TlsMode::none;
    auto sent = smtp_send(settings, "skydda@exempelby.se", "dora.dso@exempelby.se", *message);
    ASSERT_TRUE(sent) << sent.error().message;
    auto received = sink.wait_for(1);
    ASSERT_EQ(received.size(), 1u);
    EXPECT_NE(received[0].find("X-Sink-Rcpt-To: <dora.dso@exempelby.se>"), std::string::npos);
    EXPECT_NE(received[0].find(*message), std::string::npos) << "the message arrives byte for byte";
}

TEST(Smtp, ATemporaryRefusalIsUnavailableAndNamesTheReply) {
    test_support::TempDir dir;
    test_support::SmtpSink sink(dir.path(), 1);
    SmtpSettings settings;
    settings.url = sink.url();
    settings.tls = TlsMode::none;
    auto refused = smtp_send(settings, "skydda@exempelby.se", "dora.dso@exempelby.se", *build_message(sample()));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::unavailable);
    EXPECT_NE(refused.error().message.find("451"), std::string::npos) << refused.error().message;
}
