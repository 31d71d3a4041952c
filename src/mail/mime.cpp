#include "mail/mime.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <chrono>

#include "util/crypto.hpp"
#include "util/text.hpp"

namespace skydda::mail {
namespace {

constexpr size_t k_line = 76;

bool plain_ascii_header(std::string_view text) {
    for (unsigned char c : text)
        if (c < 0x20 || c > 0x7e) return false;
    // "=?" would be read as the start of an encoded-word.
    return text.find("=?") == std::string_view::npos;
}

// Length of the longest prefix of at most `limit` bytes that ends on a UTF-8 character boundary.
size_t utf8_prefix(std::string_view text, size_t limit) {
    if (text.size() <= limit) return text.size();
    size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return end;
}

std::string header_line(std::string_view name, std::string_view value) {
    return fmt::format("{}: {}\r\n", name, value);
}

} // namespace

bool valid_address(std::string_view address) {
    if (address.size() > 254 || !text::looks_like_email(address)) return false;
    for (unsigned char c : address)
        if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';' ||
            c == '"' || c == '\\')
            return false;
    return true;
}

std::string encode_header_text(std::string_view utf8) {
    if (plain_ascii_header(utf8)) return std::string(utf8);
    // Each encoded-word is at most 75 characters (RFC 2047 section 2): "=?UTF-8?B?" + 60 + "?=",
    // 60 base64 characters carry 45 bytes, split so that no character is cut in two.
    std::string out;
    while (!utf8.empty()) {
        size_t take = utf8_prefix(utf8, 45);
        if (take == 0) take = 1; // invalid UTF-8: still make progress
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + crypto::to_base64(utf8.substr(0, take)) + "?=";
        utf8.remove_prefix(take);
    }
    return out;
}

std::string quoted_printable(std::string_view bytes) {
    std::string out;
    size_t column = 0;
    auto emit = [&](std::string_view piece) {
        if (column + piece.size() > k_line - 1) { // leave room for the soft break's "="
            out += "=\r\n";
            column = 0;
        }
        out += piece;
        column += piece.size();
    };
    for (size_t i = 0; i < bytes.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(bytes[i]);
        if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') continue;
        if (c == '\n') {
            out += "\r\n";
            column = 0;
            continue;
        }
        bool line_end = i + 1 == bytes.size() || bytes[i + 1] == '\n' || bytes[i + 1] == '\r';
        bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_end);
        // A dot at the start of a line is encoded too: some relays mangle it.
        if (c == '.' && column == 0) literal = false;
        emit(literal ? std::string(1, static_cast<char>(c)) : fmt::format("={:02X}", c));
    }
    return out;
}

std::string base64_lines(std::string_view bytes) {
    auto encoded = crypto::to_base64(bytes);
    std::string out;
    for (size_t i = 0; i < encoded.size(); i += k_line) out += encoded.substr(i, k_line) + "\r\n";
    return out;
}

std::string format_date(Instant instant) {
    static constexpr std::array<const char*, 7> k_days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto day = std::chrono::floor<std::chrono::days>(instant);
    std::chrono::year_month_day date{day};
    std::chrono::hh_mm_ss time{instant - day};
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", k_days[std::chrono::weekday{day}.c_encoding()],
                       static_cast<unsigned>(date.day()), k_months[static_cast<unsigned>(date.month()) - 1],
                       static_cast<int>(date.year()), time.hours().count(), time.minutes().count(),
                       time.seconds().count());
}

std::string message_id_for(std::string_view outbox_id, std::string_view from_address) {
    auto at = from_address.rfind('@');
    auto domain = at == std::string_view::npos ? std::string_view("skydda.invalid") : from_address.substr(at + 1);
    return fmt::format("outbox-{}@{}", outbox_id, domain);
}

Result<std::string> build_message(const MimeMessage& m) {
    if (!valid_address(m.from)) return fail(Error::invalid("smtp_from", "is not a plain e-mail address"));
    if (!valid_address(m.to)) return fail(Error::invalid("to", "is not a plain e-mail address"));
    if (!text::valid_utf8(m.subject) || !text::valid_utf8(m.body) || !text::valid_utf8(m.from_name))
        return fail(Error::invalid("body", "is not valid UTF-8"));
    for (char c : m.message_id + m.attachment_name)
        if (c == '\r' || c == '\n' || c == '"' || c == '>' || c == '<')
            return fail(Error::invalid("attachment_name", "contains a character not allowed in a header"));
    // Line breaks in a subject would start new headers; they become spaces.
    std::string subject = m.subject;
    for (auto& c : subject)
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    std::string out;
    out += header_line("Date", format_date(m.date));
    out += header_line("From", m.from_name.empty() ? "<" + m.from + ">"
                                                   : encode_header_text(m.from_name) + " <" + m.from + ">");
    out += header_line("To", "<" + m.to + ">");
    out += header_line("Subject", encode_header_text(subject));
    out += header_line("Message-ID", "<" + m.message_id + ">");
    out += header_line("MIME-Version", "1.0");
    out += header_line("Auto-Submitted", "auto-generated"); // RFC 3834: no auto-replies, please
    const std::string text_headers =
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n";
    if (m.attachment_name.empty()) return out + text_headers + "\r\n" + quoted_printable(m.body) + "\r\n";
    // "=_" can occur in neither quoted-printable nor base64 text, so this boundary is safe; it
    // comes from the message id so that a rebuilt message is byte-identical.
    std::string boundary = "=_skydda_";
    for (char c : m.message_id)
        if (std::isalnum(static_cast<unsigned char>(c))) boundary += c;
    // Non-ASCII file names would need RFC 2231; a PDF's name is ours, so it is kept to ASCII.
    std::string filename = m.attachment_name;
    for (auto& c : filename)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = '_';
    out += header_line("Content-Type", "multipart/mixed; boundary=\"" + boundary + "\"");
    out += "\r\nThis is a MIME message.\r\n";
    out += "--" + boundary + "\r\n" + text_headers + "\r\n" + quoted_printable(m.body) + "\r\n";
    out += "--" + boundary + "\r\n";
    out += header_line("Content-Type", m.attachment_type + "; name=\"" + filename + "\"");
    out += header_line("Content-Transfer-Encoding", "base64");
    out += header_line("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    out += "\r\n" + base64_lines(m.attachment);
    out += "--" + boundary + "--\r\n";
    return out;
}

} // namespace skydda::mail
