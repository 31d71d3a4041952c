// Internet messages (RFC 5322 with MIME, RFC 2045-2047) as Skydda sends them: UTF-8 text in
// quoted-printable, an optional attachment (a PDF) in base64 under multipart/mixed, a subject
// as RFC 2047 encoded-words when it is not plain ASCII, and CRLF line endings throughout.
// Pure text in, text out: the SMTP transfer lives in smtp.hpp.
#pragma once
#include <string>
#include <string_view>

#include "util/error.hpp"
#include "util/time.hpp"

namespace skydda::mail {

struct MimeMessage {
    std::string from;            // an address: noreply@kommun.se
    std::string from_name;       // display name, may be UTF-8; empty: none
    std::string to;              // one address
    std::string subject;         // UTF-8
    std::string body;            // text/plain, UTF-8
    std::string message_id;      // without the angle brackets: outbox-ID@kommun.se
    Instant date{};
    std::string attachment_name; // empty: no attachment
    std::string attachment;      // bytes
    std::string attachment_type = "application/pdf";
};

// A plain address (local@domain) without display name, spaces, angle brackets or line breaks:
// anything else could inject headers or SMTP commands.
bool valid_address(std::string_view address);

// The whole message, ready for SMTP DATA (CRLF endings; the transfer does the dot-stuffing).
Result<std::string> build_message(const MimeMessage& message);

// The parts, exposed for tests.
std::string encode_header_text(std::string_view utf8); // RFC 2047 B-words when needed, folded
std::string quoted_printable(std::string_view bytes);  // RFC 2045 6.7, CRLF line breaks
std::string base64_lines(std::string_view bytes);      // 76-column lines ending in CRLF
std::string format_date(Instant instant);              // "Mon, 30 Nov 2026 03:09:00 +0000"
// A message id for an outbox message: the same id on every attempt, so a resend is recognisable.
std::string message_id_for(std::string_view outbox_id, std::string_view from_address);

} // namespace skydda::mail
