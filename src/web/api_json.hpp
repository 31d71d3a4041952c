// JSON shapes of the API's resources.
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "app/app.hpp"
#include "web/site.hpp"

namespace skydda::web {

// The case with its duties (domain/duties.hpp), as GET /api/v1/incidents/{id} returns it.
boost::json::object incident_json(const domain::Incident& incident, const domain::CaseDuties& duties);
boost::json::object duty_json(const domain::CaseDuty& duty);
boost::json::object note_json(const domain::Note& note);
boost::json::object task_json(const domain::Task& task);
boost::json::object question_json(const domain::Question& question);
std::string etag_of(const domain::Incident& incident); // "v{version}": what If-Match compares
// "v{version}.{duties}": the ETag of the case's representation (If-Match reads its version).
std::string etag_of(const domain::Incident& incident, const domain::CaseDuties& duties);
// A time in Europe/Stockholm with its offset, or null.
boost::json::value time_or_null(const std::optional<Instant>& value);
// Wraps an API handler: requires a caller (401), cookie-authenticated writes must carry the
// session's X-CSRF-Token header (403), and an Error becomes the documented error body.
PageHandler api_handler(std::function<Result<http::Response>(Context&)> handler);
http::Response json_response(int status, const boost::json::value& value);
// Parses a request body that must be one JSON object; the error names "body".
Result<boost::json::object> parse_body(std::string_view body);
// Strict reading of a body's members: an unknown member is refused naming it, a value of the
// wrong type names its member. Absent or null reads as "" / false.
Status only_fields(const boost::json::object& body, std::initializer_list<std::string_view> allowed);
Result<std::string> string_field(const boost::json::object& body, std::string_view key, bool required = false);
Result<bool> bool_field(const boost::json::object& body, std::string_view key);
// "acknowledge_personal_data": the fields whose personal-data findings the caller confirms are
// to be sent (an array of field names; absent: none).
Result<std::vector<std::string>> acknowledged_fields(const boost::json::object& body);
// Personal-data findings as [{"field", "kinds"}] (never the values found).
boost::json::array warnings_json(const std::vector<app::PersonalDataWarning>& warnings);

} // namespace skydda::web
