// Percent-encoding, application/x-www-form-urlencoded, and cookie headers.
#include "http/http.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

namespace skydda::http {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

// RFC 6265 cookie-octet: visible ASCII except DQUOTE, comma, semicolon and backslash.
bool is_cookie_octet(unsigned char c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B) ||
           (c >= 0x5D && c <= 0x7E);
}

// RFC 7230 tchar, the characters allowed in a cookie name.
bool is_token_char(unsigned char c) {
    if (c <= 0x20 || c >= 0x7F) return false;
    constexpr std::string_view k_separators = "()<>@,;:\\\"/[]?={}";
    return k_separators.find(static_cast<char>(c)) == std::string_view::npos;
}

} // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            int high = hex_value(text[i + 1]);
            int low = hex_value(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string percent_encode(std::string_view text) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (is_unreserved(byte)) {
            out += c;
        } else {
            out += '%';
            out += k_hex[byte >> 4];
            out += k_hex[byte & 0x0F];
        }
    }
    return out;
}

std::optional<std::vector<std::pair<std::string, std::string>>> parse_urlencoded(std::string_view body) {
    std::vector<std::pair<std::string, std::string>> pairs;
    size_t start = 0;
    while (start <= body.size()) {
        size_t end = body.find('&', start);
        if (end == std::string_view::npos) end = body.size();
        std::string_view piece = body.substr(start, end - start);
        start = end + 1;
        if (piece.empty()) continue; // "a=1&&b=2" and a trailing '&' are harmless
        size_t equals = piece.find('=');
        std::string_view name = piece.substr(0, equals);
        std::string_view value = equals == std::string_view::npos ? std::string_view{} : piece.substr(equals + 1);
        auto decoded_name = percent_decode(name, true);
        auto decoded_value = percent_decode(value, true);
        if (!decoded_name || !decoded_value) return std::nullopt;
        pairs.emplace_back(std::move(*decoded_name), std::move(*decoded_value));
    }
    return pairs;
}

std::vector<std::pair<std::string, std::string>> parse_cookie_header(std::string_view header) {
    std::vector<std::pair<std::string, std::string>> cookies;
    size_t start = 0;
    while (start <= header.size()) {
        size_t end = header.find(';', start);
        if (end == std::string_view::npos) end = header.size();
        std::string_view piece = text::trim(header.substr(start, end - start));
        start = end + 1;
        size_t equals = piece.find('=');
        // A piece without '=' carries no usable name; browsers disagree on it, so skip it.
        if (equals == std::string_view::npos) continue;
        std::string_view name = text::trim(piece.substr(0, equals));
        std::string_view value = text::trim(piece.substr(equals + 1));
        if (name.empty()) continue;
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        cookies.emplace_back(std::string(name), std::string(value));
    }
    return cookies;
}

std::string format_set_cookie(std::string_view name, std::string_view value, const CookieOptions& options) {
    // Names and values come from our own code, but a stray ';' or CR/LF would let a value
    // smuggle attributes or headers, so anything outside the RFC 6265 grammar is neutralised.
    std::string out;
    out.reserve(name.size() + value.size() + 64);
    for (char c : name)
        if (is_token_char(static_cast<unsigned char>(c))) out += c;
    out += '=';
    for (char c : value) {
        if (is_cookie_octet(static_cast<unsigned char>(c))) {
            out += c;
        } else {
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        }
    }
    if (!options.path.empty()) {
        out += "; Path=";
        for (char c : options.path)
            if (c != ';' && static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
    }
    if (options.max_age) out += fmt::format("; Max-Age={}", std::max<long long>(0, options.max_age->count()));
    if (options.http_only) out += "; HttpOnly";
    if (options.secure) out += "; Secure";
    if (options.same_site == "Strict" || options.same_site == "Lax" || options.same_site == "None")
        out += "; SameSite=" + options.same_site;
    return out;
}

} // namespace skydda::http
