// Method + path-pattern routing. Matching walks the request path in place (no splitting into
// a vector per request) because dispatch runs on every request.
#include "http/http.hpp"

#include <algorithm>
#include <stdexcept>

namespace skydda::http {
namespace {

bool is_capture(std::string_view segment) {
    return segment.size() >= 3 && segment.front() == '{' && segment.back() == '}';
}

std::vector<std::string> split_pattern(std::string_view pattern) {
    if (!pattern.starts_with('/')) throw std::invalid_argument("route pattern must start with '/'");
    std::vector<std::string> segments;
    size_t start = 1;
    while (true) {
        size_t slash = pattern.find('/', start);
        segments.emplace_back(pattern.substr(start, slash == std::string_view::npos ? slash : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return segments;
}

// Calls visit(pattern_segment, path_segment) for each pair; false when the shapes differ.
template <typename Visit>
bool walk(const std::vector<std::string>& segments, std::string_view path, Visit&& visit) {
    if (!path.starts_with('/')) return false;
    size_t start = 1;
    for (size_t index = 0; index < segments.size(); ++index) {
        size_t slash = path.find('/', start);
        bool last = index + 1 == segments.size();
        if (last != (slash == std::string_view::npos)) return false;
        std::string_view piece = path.substr(start, last ? std::string_view::npos : slash - start);
        if (!visit(segments[index], piece)) return false;
        start = slash + 1;
    }
    return true;
}

bool matches(const std::vector<std::string>& segments, std::string_view path) {
    return walk(segments, path, [](const std::string& pattern, std::string_view piece) {
        return is_capture(pattern) ? !piece.empty() : pattern == piece;
    });
}

// True when `left` should win over `right` for the same path: the first segment where one
// is literal and the other a capture decides, so "/incidents/new" beats "/incidents/{id}"
// regardless of registration order.
bool more_specific(const std::vector<std::string>& left, const std::vector<std::string>& right) {
    for (size_t i = 0; i < left.size() && i < right.size(); ++i) {
        bool left_capture = is_capture(left[i]);
        bool right_capture = is_capture(right[i]);
        if (left_capture != right_capture) return !left_capture;
    }
    return false;
}

} // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
    m_routes.push_back(Route{std::move(method), split_pattern(pattern), std::move(handler)});
}

void Router::set_not_found(Handler handler) { m_not_found = std::move(handler); }

Response Router::dispatch(Request& request) const {
    const Route* best = nullptr;
    const Route* best_get = nullptr; // HEAD falls back to GET when no HEAD route exists
    for (const Route& route : m_routes) {
        if (!matches(route.segments, request.path)) continue;
        if (route.method == request.method) {
            if (!best || more_specific(route.segments, best->segments)) best = &route;
        } else if (request.method == "HEAD" && route.method == "GET") {
            if (!best_get || more_specific(route.segments, best_get->segments)) best_get = &route;
        }
    }
    if (!best) best = best_get;
    if (best) {
        request.path_params.clear();
        walk(best->segments, request.path, [&](const std::string& pattern, std::string_view piece) {
            if (is_capture(pattern)) request.path_params[pattern.substr(1, pattern.size() - 2)] = std::string(piece);
            return true;
        });
        return best->handler(request);
    }
    std::string allow = allowed_methods(request.path);
    if (!allow.empty()) {
        Response response = Response::text(405, "Method Not Allowed\n");
        response.set_header("Allow", std::move(allow));
        return response;
    }
    if (m_not_found) return m_not_found(request);
    return Response::text(404, "Not Found\n");
}

std::string Router::allowed_methods(std::string_view path) const {
    std::vector<std::string_view> allowed;
    for (const Route& route : m_routes)
        if (matches(route.segments, path)) allowed.push_back(route.method);
    if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end()) allowed.push_back("HEAD");
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    std::string allow;
    for (std::string_view method : allowed) {
        if (!allow.empty()) allow += ", ";
        allow += method;
    }
    return allow;
}

} // namespace skydda::http
