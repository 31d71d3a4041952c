// HTTP/1.1 framing helpers shared by the server (see wire.hpp).
#include "http/wire.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

#include <array>

namespace skydda::http::wire {
namespace {

bool iequals(std::string_view left, std::string_view right) {
    if (left.size() != right.size()) return false;
    for (size_t i = 0; i < left.size(); ++i) {
        char a = left[i];
        char b = right[i];
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
        if (a != b) return false;
    }
    return true;
}

bool is_token(std::string_view name) {
    if (name.empty()) return false;
    constexpr std::string_view k_separators = "()<>@,;:\\\"/[]?={} \t";
    for (char c : name) {
        auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7F || k_separators.find(c) != std::string_view::npos) return false;
    }
    return true;
}

bool is_framing_header(std::string_view name) {
    return iequals(name, "content-length") || iequals(name, "connection") || iequals(name, "transfer-encoding");
}

void append_value(std::string& out, std::string_view value) {
    for (char c : value) out += (c == '\r' || c == '\n' || c == '\0') ? ' ' : c;
}

void append_header(std::string& out, std::string_view name, std::string_view value) {
    out += name;
    out += ": ";
    append_value(out, value);
    out += "\r\n";
}

bool has_header(const Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers)
        if (iequals(key, name)) return true;
    return false;
}

void append_json_string(std::string& out, std::string_view value) {
    static constexpr char k_hex[] = "0123456789abcdef";
    // JSON must be UTF-8; a path with stray bytes is logged with U+FFFD in their place.
    bool utf8 = text::valid_utf8(value);
    out += '"';
    for (char c : value) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte == 0x7F) {
            out += "\\u00";
            out += k_hex[byte >> 4];
            out += k_hex[byte & 0x0F];
        } else if (byte >= 0x80 && !utf8) {
            out += "\\ufffd";
        } else {
            out += c;
        }
    }
    out += '"';
}

} // namespace

bool fill_target(Request& request) {
    std::string_view target = request.target;
    if (target.starts_with("http://") || target.starts_with("https://")) {
        size_t authority = target.find("://") + 3;
        size_t rest = target.find_first_of("/?", authority);
        target = rest == std::string_view::npos ? std::string_view{} : target.substr(rest);
        if (target.empty() || target.front() == '?') {
            request.path = "/";
            target = target.empty() ? target : target.substr(1);
            auto query = parse_urlencoded(target);
            if (!query) return false;
            request.query = std::move(*query);
            return true;
        }
    }
    if (!target.starts_with('/')) return false;
    size_t question = target.find('?');
    auto path = percent_decode(target.substr(0, question), false);
    // A decoded NUL would truncate the path in C APIs further down; no real URL needs one.
    if (!path || path->find('\0') != std::string::npos) return false;
    request.path = std::move(*path);
    request.query.clear();
    if (question != std::string_view::npos) {
        auto query = parse_urlencoded(target.substr(question + 1));
        if (!query) return false;
        request.query = std::move(*query);
    }
    return true;
}

std::string_view reason_phrase(int status) {
    switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

bool wants_close(const Response& response) {
    for (const auto& [key, value] : response.headers) {
        if (!iequals(key, "connection")) continue;
        for (size_t i = 0; i + 5 <= value.size(); ++i)
            if (iequals(value.substr(i, 5), "close")) return true;
    }
    return false;
}

bool transfer_encoding_acceptable(const std::vector<std::string_view>& transfer_encodings, bool http10,
                                  bool has_content_length) {
    if (transfer_encodings.empty()) return true;
    if (http10 || has_content_length) return false;
    size_t codings = 0;
    for (std::string_view field : transfer_encodings) {
        for (std::string_view element : text::split(field, ',')) {
            element = text::trim(element);
            if (element.empty()) continue; // RFC 9110 5.6.1: empty list elements do not count
            if (!iequals(element, "chunked")) return false;
            ++codings;
        }
    }
    return codings == 1;
}

int effective_status(int status) {
    // A handler bug must not produce a status line the client cannot parse, nor an interim
    // 1xx that leaves the client waiting for a final response that never comes.
    return status >= 200 && status <= 599 ? status : 500;
}

bool sends_body(const Response& response, const Framing& framing) {
    int status = effective_status(response.status);
    return !framing.head_request && status >= 200 && status != 204 && status != 304;
}

void serialize_head(const Response& response, const Framing& framing, std::string& out) {
    int status = effective_status(response.status);
    out += "HTTP/1.1 ";
    out += static_cast<char>('0' + status / 100);
    out += static_cast<char>('0' + status / 10 % 10);
    out += static_cast<char>('0' + status % 10);
    out += ' ';
    out += reason_phrase(status);
    out += "\r\n";
    for (const auto& [name, value] : response.headers)
        if (is_token(name) && !is_framing_header(name)) append_header(out, name, value);
    if (!has_header(response, "x-content-type-options")) out += "X-Content-Type-Options: nosniff\r\n";
    if (!has_header(response, "referrer-policy")) out += "Referrer-Policy: same-origin\r\n";
    if (!has_header(response, "x-frame-options")) out += "X-Frame-Options: DENY\r\n";
    if (!has_header(response, "date")) {
        out += "Date: ";
        out += http_date(std::time(nullptr));
        out += "\r\n";
    }
    if (status != 204 && status != 304) {
        out += "Content-Length: ";
        std::array<char, 24> digits{};
        auto length = fmt::format_to_n(digits.data(), digits.size(), "{}", response.body.size());
        out.append(digits.data(), length.size);
        out += "\r\n";
    }
    if (!framing.keep_alive) {
        out += "Connection: close\r\n";
    } else if (framing.http10) {
        out += "Connection: keep-alive\r\n";
    }
    out += "\r\n";
}

std::string_view http_date(std::time_t now) {
    struct Cache {
        std::time_t second = -1;
        std::array<char, 32> text{};
        size_t size = 0;
    };
    thread_local Cache cache;
    if (cache.second != now) {
        static constexpr std::array<std::string_view, 7> k_days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
        static constexpr std::array<std::string_view, 12> k_months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        std::tm parts{};
        gmtime_r(&now, &parts);
        auto written = fmt::format_to_n(cache.text.data(), cache.text.size(), "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
                                        k_days[static_cast<size_t>(parts.tm_wday)], parts.tm_mday,
                                        k_months[static_cast<size_t>(parts.tm_mon)], parts.tm_year + 1900,
                                        parts.tm_hour, parts.tm_min, parts.tm_sec);
        cache.size = written.size;
        cache.second = now;
    }
    return {cache.text.data(), cache.size};
}

std::string access_log_line(std::string_view method, std::string_view path, int status,
                            std::chrono::steady_clock::duration duration, size_t bytes) {
    std::string line;
    line.reserve(96 + path.size());
    line += "{\"method\":";
    append_json_string(line, method);
    line += ",\"path\":";
    append_json_string(line, path);
    double milliseconds = std::chrono::duration<double, std::milli>(duration).count();
    line += fmt::format(",\"status\":{},\"duration_ms\":{:.3f},\"bytes\":{}}}", status, milliseconds, bytes);
    return line;
}

} // namespace skydda::http::wire
