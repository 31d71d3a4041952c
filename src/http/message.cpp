// Request and Response helpers.
#include "http/http.hpp"

#include "util/text.hpp"

namespace skydda::http {
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

} // namespace

std::string_view Request::header(std::string_view name) const {
    auto found = headers.find(std::string(name));
    if (found == headers.end()) {
        // Callers are asked for lower-case names; tolerate "Content-Type" rather than miss it.
        found = headers.find(text::lower_ascii(name));
        if (found == headers.end()) return {};
    }
    return found->second;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
    for (const auto& [key, value] : query)
        if (key == name) return value;
    return std::nullopt;
}

std::string_view Request::path_param(std::string_view name) const {
    auto found = path_params.find(std::string(name));
    return found == path_params.end() ? std::string_view{} : std::string_view(found->second);
}

std::optional<std::string> Request::cookie(std::string_view name) const {
    std::string_view cookie_header = header("cookie");
    if (cookie_header.empty()) return std::nullopt;
    for (auto& [key, value] : parse_cookie_header(cookie_header))
        if (key == name) return std::move(value);
    return std::nullopt;
}

void Response::set_header(std::string name, std::string value) {
    // Set-Cookie is the one header that legitimately repeats: each call adds a cookie.
    if (!iequals(name, "set-cookie")) {
        for (auto& [key, existing] : headers) {
            if (iequals(key, name)) {
                existing = std::move(value);
                return;
            }
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

void Response::add_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Response::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (iequals(key, name)) return value;
    return {};
}

Response Response::text(int status, std::string body, std::string content_type) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    response.headers.emplace_back("Content-Type", std::move(content_type));
    return response;
}

Response Response::html(int status, std::string body) {
    return text(status, std::move(body), "text/html; charset=utf-8");
}

Response Response::json(int status, std::string body) {
    // RFC 8259: JSON is UTF-8 and the media type defines no charset parameter.
    return text(status, std::move(body), "application/json");
}

Response Response::redirect(std::string location, int status) {
    Response response;
    response.status = status;
    response.headers.emplace_back("Location", std::move(location));
    return response;
}

} // namespace skydda::http
