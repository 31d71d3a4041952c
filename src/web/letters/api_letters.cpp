// The letters endpoints of the JSON API (/api/v1/incidents/{id}/letters...). Same conventions
// as api.cpp: errors as {"error":{code,message,field}}; a refused CSV import adds "lines" with
// every error's line number. Checks of who may do what happen in app/.
#include <boost/json.hpp>

#include "app/letters/letters.hpp"
#include "util/text.hpp"
#include "web/api_json.hpp"
#include "web/letters/letters.hpp"
#include "web/site.hpp"

namespace skydda::web {

namespace {
namespace json = boost::json;

constexpr size_t k_lines_reported = 1000; // the first errors; "error_count" says how many in all

json::object letter_json(const app::SubjectLetter& letter) {
    json::object parts;
    for (auto part : domain::letter::k_parts) parts[domain::letter::part_name(part)] = letter.parts[part];
    json::array missing;
    for (const auto& m : letter.missing) missing.push_back(json::object{{"key", m.key}, {"label", m.label}});
    return json::object{{"language", letter.language},   {"version", letter.version},
                        {"finalised_at", time_or_null(letter.finalised_at)},
                        {"parts", std::move(parts)},     {"missing", std::move(missing)},
                        {"warnings", warnings_json(letter.warnings)}};
}

Result<int64_t> version_of(const json::object& body) {
    const auto* value = body.if_contains("version");
    if (!value || !value->is_int64() || value->as_int64() < 0)
        return fail(Error::invalid("version", "is required: the letter's version as read (0 before it is stored)"));
    return value->as_int64();
}

Result<http::Response> post_recipients(Context& context) {
    auto id = context.request.path_param("id");
    auto import = TRY(app::import_recipients(context.app, *context.actor, id, context.request.body));
    if (import.errors.empty())
        return json_response(201, json::object{{"imported", import.imported}, {"total", import.total}});
    json::array lines;
    for (size_t i = 0; i < import.errors.size() && i < k_lines_reported; ++i) {
        const auto& e = import.errors[i];
        lines.push_back(json::object{{"line", e.line}, {"field", e.field}, {"code", e.code}, {"message", e.message}});
    }
    json::object body{{"error", json::object{{"code", "invalid_argument"},
                                             {"message", "the CSV file has errors; nothing was imported"},
                                             {"field", "csv"}}},
                      {"lines", std::move(lines)},
                      {"error_count", import.errors.size()}};
    return json_response(400, body);
}

Result<http::Response> post_exemption(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    app::ExemptionInput input;
    input.ground = TRY(string_field(body, "ground"));
    input.reason = TRY(string_field(body, "reason"));
    input.public_text = TRY(string_field(body, "public_text"));
    input.public_where = TRY(string_field(body, "public_where"));
    if (auto published = TRY(string_field(body, "published_at")); !published.empty())
        input.published_at = TRY(parse_rfc3339(published, "published_at"));
    auto record = TRY(app::record_exemption(context.app, *context.actor, context.request.path_param("id"), input));
    return json_response(201, json::object{{"id", record.id},
                                           {"ground", record.ground},
                                           {"reason", record.reason},
                                           {"public_text", record.public_text},
                                           {"public_where", record.public_where},
                                           {"published_at", time_or_null(record.published_at)},
                                           {"recorded_at", format_stockholm(record.recorded_at)}});
}

Result<http::Response> get_letters(Context& context) {
    auto overview = TRY(app::letters_overview(context.app, *context.actor, context.request.path_param("id"), 1));
    json::array letters;
    for (const auto& letter : overview.letters) letters.push_back(letter_json(letter));
    json::value exemption = nullptr;
    if (overview.exemption)
        exemption = json::object{{"ground", overview.exemption->ground},
                                 {"published_at", time_or_null(overview.exemption->published_at)},
                                 {"recorded_at", format_stockholm(overview.exemption->recorded_at)}};
    return json_response(200, json::object{{"letters", std::move(letters)},
                                           {"recipients", json::object{{"total", overview.counts.total},
                                                                       {"with_address", overview.counts.with_address},
                                                                       {"with_email", overview.counts.with_email},
                                                                       {"informed_post", overview.counts.informed_post},
                                                                       {"informed_email", overview.counts.informed_email},
                                                                       {"informed_other", overview.counts.informed_other},
                                                                       {"not_informed", overview.counts.not_informed}}},
                                           {"exemption", std::move(exemption)}});
}

Result<http::Response> put_letter(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    auto version = TRY(version_of(body));
    const auto* parts_value = body.if_contains("parts");
    if (!parts_value || !parts_value->is_object()) return fail(Error::invalid("parts", "must be an object of texts"));
    domain::letter::Parts parts;
    for (const auto& [key, value] : parts_value->as_object()) {
        auto part = domain::letter::parse_part(key);
        if (!part) return fail(Error::invalid(std::string(key), "is not a part of the letter"));
        if (!value.is_string()) return fail(Error::invalid(std::string(key), "must be a string"));
        parts[*part] = std::string(value.get_string());
    }
    auto letter = TRY(app::save_subject_letter(context.app, *context.actor, context.request.path_param("id"),
                                               context.request.path_param("lang"), parts, version));
    return json_response(200, letter_json(letter));
}

Result<http::Response> post_finalise(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"version", "acknowledge_personal_data"}));
    auto version = TRY(version_of(body));
    auto acknowledged = TRY(acknowledged_fields(body));
    auto letter = TRY(app::finalise_subject_letter(context.app, *context.actor, context.request.path_param("id"),
                                                   context.request.path_param("lang"), version, acknowledged));
    return json_response(200, letter_json(letter));
}

Result<http::Response> post_emails(Context& context) {
    json::object body;
    if (!text::trim(context.request.body).empty()) body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"acknowledge_personal_data"}));
    auto acknowledged = TRY(acknowledged_fields(body));
    auto result = TRY(app::queue_letter_emails(context.app, *context.actor, context.request.path_param("id"), acknowledged));
    return json_response(200, json::object{{"queued", result.queued}, {"already", result.already}});
}

Result<http::Response> post_posted(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    auto text = TRY(string_field(body, "posted_at"));
    if (text.empty()) return fail(Error::invalid("posted_at", "is required"));
    auto at = TRY(parse_rfc3339(text, "posted_at"));
    auto count = TRY(app::record_posted(context.app, *context.actor, context.request.path_param("id"), at));
    return json_response(200, json::object{{"recorded", count}});
}

Result<http::Response> post_informed(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    auto how = TRY(string_field(body, "how"));
    auto text = TRY(string_field(body, "at"));
    if (text.empty()) return fail(Error::invalid("at", "is required"));
    auto at = TRY(parse_rfc3339(text, "at"));
    auto recipient = TRY(app::record_informed(context.app, *context.actor, context.request.path_param("id"),
                                              context.request.path_param("rid"), how, at));
    return json_response(200, json::object{{"id", recipient.id},
                                           {"informed_how", recipient.informed_how},
                                           {"informed_at", time_or_null(recipient.informed_at)}});
}

} // namespace

void register_letters_api(Site& site) {
    site.add("GET", "/api/v1/incidents/{id}/letters", api_handler(get_letters));
    site.add("POST", "/api/v1/incidents/{id}/letters/recipients", api_handler(post_recipients));
    site.add("POST", "/api/v1/incidents/{id}/letters/exemption", api_handler(post_exemption));
    site.add("POST", "/api/v1/incidents/{id}/letters/emails", api_handler(post_emails));
    site.add("POST", "/api/v1/incidents/{id}/letters/posted", api_handler(post_posted));
    site.add("POST", "/api/v1/incidents/{id}/letters/recipients/{rid}/informed", api_handler(post_informed));
    site.add("PUT", "/api/v1/incidents/{id}/letters/{lang}", api_handler(put_letter));
    site.add("POST", "/api/v1/incidents/{id}/letters/{lang}/finalise", api_handler(post_finalise));
}

} // namespace skydda::web
