// The register API's strict reading of bodies and its ETags (register_json.hpp).
#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "web/register/register_json.hpp"

namespace skydda::web::register_json {

namespace json = boost::json;

Status only(const json::object& body, std::string_view prefix, std::span<const std::string_view> allowed) {
    for (const auto& member : body)
        if (std::find(allowed.begin(), allowed.end(), member.key()) == allowed.end())
            return fail(Error::invalid(std::string(prefix) + std::string(member.key()), "is not a member of this object"));
    return {};
}
Status only(const json::object& body, std::string_view prefix, std::initializer_list<std::string_view> allowed) {
    return only(body, prefix, std::span<const std::string_view>(allowed.begin(), allowed.size()));
}

Result<std::string> text_of(const json::object& body, std::string_view key, std::string_view field) {
    const auto* value = body.if_contains(key);
    if (!value || value->is_null()) return std::string();
    if (!value->is_string()) return fail(Error::invalid(std::string(field), "must be a string"));
    return std::string(value->as_string());
}

Result<std::vector<std::string>> texts_of(const json::object& body, std::string_view key) {
    std::vector<std::string> out;
    const auto* value = body.if_contains(key);
    if (!value || value->is_null()) return out;
    if (!value->is_array()) return fail(Error::invalid(std::string(key), "must be an array of strings"));
    for (const auto& item : value->as_array()) {
        if (!item.is_string()) return fail(Error::invalid(std::string(key), "must be an array of strings"));
        out.emplace_back(item.as_string());
    }
    return out;
}

Result<const json::object*> object_of(const json::object& body, std::string_view key) {
    const auto* value = body.if_contains(key);
    if (!value || value->is_null()) return static_cast<const json::object*>(nullptr);
    if (!value->is_object()) return fail(Error::invalid(std::string(key), "must be an object"));
    return &value->as_object();
}

Result<std::optional<int>> level_of(const json::object& body, std::string_view key, std::string_view field, int low,
                                    int high) {
    const auto* value = body.if_contains(key);
    if (!value || value->is_null()) return std::optional<int>();
    if (!value->is_int64() || value->as_int64() < low || value->as_int64() > high)
        return fail(Error::invalid(std::string(field), fmt::format("must be a whole number from {} to {}", low, high)));
    return std::optional<int>(static_cast<int>(value->as_int64()));
}

json::array string_array(const std::vector<std::string>& values) {
    json::array out;
    for (const auto& value : values) out.emplace_back(value);
    return out;
}

http::Response with_etag(http::Response response, int64_t version) {
    response.set_header("ETag", fmt::format("\"v{}\"", version));
    return response;
}

Result<int64_t> expected_version(const Context& context, int64_t current) {
    auto header = context.request.header("if-match");
    if (header.empty() || header == "*") return current;
    if (header.starts_with("W/")) header.remove_prefix(2);
    if (header.size() < 4 || header.front() != '"' || header[1] != 'v' || header.back() != '"')
        return fail(Error::invalid("If-Match", "must be an ETag from GET, e.g. \"v3\""));
    auto digits = header.substr(2, header.size() - 3);
    int64_t version = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
    if (ec != std::errc() || end != digits.data() + digits.size())
        return fail(Error::invalid("If-Match", "must be an ETag from GET, e.g. \"v3\""));
    return version;
}

} // namespace skydda::web::register_json
