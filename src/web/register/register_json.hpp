// Internal to web/register/: the register API's strict reading of JSON bodies (an unknown
// member, a wrong type or a value out of range is invalid_argument naming it, "klassa.k",
// "recipients[1].kind") and its versions as ETags ("v3", compared with If-Match).
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/array.hpp>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "http/http.hpp"
#include "util/error.hpp"
#include "web/site.hpp"

namespace skydda::web::register_json {

Status only(const boost::json::object& body, std::string_view prefix, std::span<const std::string_view> allowed);
Status only(const boost::json::object& body, std::string_view prefix, std::initializer_list<std::string_view> allowed);
// A string member ("" when absent or null); `field` names it in an error.
Result<std::string> text_of(const boost::json::object& body, std::string_view key, std::string_view field);
Result<std::vector<std::string>> texts_of(const boost::json::object& body, std::string_view key);
// An object member, or null when absent.
Result<const boost::json::object*> object_of(const boost::json::object& body, std::string_view key);
Result<std::optional<int>> level_of(const boost::json::object& body, std::string_view key, std::string_view field, int low,
                                    int high);
boost::json::array string_array(const std::vector<std::string>& values);
http::Response with_etag(http::Response response, int64_t version);
// The version If-Match names, or `current` when it names none ("*" or absent).
Result<int64_t> expected_version(const Context& context, int64_t current);

} // namespace skydda::web::register_json

namespace skydda::web {
void register_activity_api(Site& site); // api_activities.cpp
}
