// The notification endpoints of the JSON API: recording a notification (IMY, the controller,
// the people, the public), listing them, and the IMY notification's draft with ETag/If-Match.
// Same conventions as api.cpp: unknown fields are refused naming them, errors name the field.
#include <boost/json.hpp>

#include "web/api_json.hpp"
#include "web/notify/notify.hpp"
#include "web/site.hpp"

namespace skydda::web {
namespace {
namespace json = boost::json;

Result<int64_t> phase_of(std::string_view text) {
    try {
        size_t used = 0;
        long long value = std::stoll(std::string(text), &used);
        if (used != text.size() || value < 0 || value > 1000) throw std::out_of_range("phase");
        return static_cast<int64_t>(value);
    } catch (...) {
        return fail(Error::invalid("phase", "must be a whole number from 0 to 1000"));
    }
}

json::value parsed_or_null(std::string_view text) {
    boost::system::error_code error;
    auto value = json::parse(text, error);
    return error ? json::value(nullptr) : value;
}

json::object notification_json(const app::NotificationRecord& r) {
    json::object out{{"id", r.id},
                     {"recipient", r.recipient},
                     {"phase", r.phase},
                     {"submitted_at", format_stockholm(r.submitted_at)},
                     {"authority_reference", r.authority_reference},
                     {"our_reference", r.our_reference},
                     {"seconds_after_awareness", r.seconds_after_awareness},
                     {"late", r.late},
                     {"late_reason", r.late_reason},
                     {"supplement_promised", r.supplement_promised},
                     {"supplement_reason", r.supplement_reason},
                     {"created_by", r.created_by},
                     {"created_at", format_stockholm(r.created_at)}};
    out["supplement_due_at"] = r.supplement_due_at ? json::value(format_stockholm(*r.supplement_due_at)) : nullptr;
    auto details = parsed_or_null(r.details_json);
    json::object empty;
    const auto& d = details.is_object() ? details.as_object() : empty;
    out["details"] = d.contains("details") ? d.at("details") : json::object{};
    out["missing"] = d.contains("missing") ? d.at("missing") : json::array{};
    out["warnings"] = d.contains("warnings") ? d.at("warnings") : json::array{};
    out["document"] = parsed_or_null(r.document_json);
    return out;
}

Result<app::NotificationInput> notification_input(const json::object& body) {
    TRY_STATUS(only_fields(body, {"recipient", "submitted_at", "authority_reference", "our_reference", "late_reason",
                                 "supplement_promised", "supplement_reason", "phase", "acknowledge_personal_data",
                                 "details"}));
    app::NotificationInput input;
    input.recipient = TRY(string_field(body, "recipient"));
    if (input.recipient.empty()) return fail(Error::invalid("recipient", "is required: imy, controller, subjects, public, nis2 or dora"));
    auto submitted = TRY(string_field(body, "submitted_at"));
    if (submitted.empty()) return fail(Error::invalid("submitted_at", "is required (RFC 3339 with offset)"));
    input.submitted_at = TRY(parse_rfc3339(submitted, "submitted_at"));
    input.authority_reference = TRY(string_field(body, "authority_reference"));
    input.our_reference = TRY(string_field(body, "our_reference"));
    input.late_reason = TRY(string_field(body, "late_reason"));
    input.supplement_promised = TRY(bool_field(body, "supplement_promised"));
    input.supplement_reason = TRY(string_field(body, "supplement_reason"));
    input.acknowledge_personal_data = TRY(bool_field(body, "acknowledge_personal_data"));
    if (const auto* phase = body.if_contains("phase"); phase && !phase->is_null()) {
        if (!phase->is_int64() || phase->get_int64() < 0)
            return fail(Error::invalid("phase", "must be a whole number >= 0"));
        input.phase = phase->get_int64();
    }
    if (const auto* details = body.if_contains("details"); details && !details->is_null()) {
        if (!details->is_object()) return fail(Error::invalid("details", "must be an object"));
        input.details_json = json::serialize(*details);
    }
    return input;
}

Result<http::Response> post_notification(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    auto input = TRY(notification_input(body));
    auto id = context.request.path_param("id");
    auto record = TRY(context.app.record_notification(*context.actor, id, input));
    auto response = json_response(201, notification_json(record));
    response.set_header("Location", "/api/v1/incidents/" + std::string(id) + "/notifications");
    return response;
}

Result<http::Response> list_notifications(Context& context) {
    json::array items;
    for (const auto& record : TRY(context.app.notifications(*context.actor, context.request.path_param("id"))))
        items.emplace_back(notification_json(record));
    return json_response(200, json::object{{"items", std::move(items)}});
}

std::string draft_etag(const app::NotificationDraft& draft) { return "\"v" + std::to_string(draft.version) + "\""; }

http::Response draft_response(const app::NotificationDraft& draft) {
    json::object fields;
    for (const auto& [key, value] : draft.fields) fields[key] = value;
    json::object out{{"phase", draft.phase}, {"version", draft.version}, {"fields", std::move(fields)}};
    out["updated_at"] = draft.updated_at ? json::value(format_stockholm(*draft.updated_at)) : nullptr;
    auto response = json_response(200, out);
    response.set_header("ETag", draft_etag(draft));
    return response;
}

Result<int64_t> requested_phase(const Context& context) {
    auto phase = context.request.query_param("phase");
    if (!phase) return int64_t{0};
    return phase_of(*phase);
}

Result<std::optional<int64_t>> if_match(const Context& context) {
    auto header = context.request.header("if-match");
    if (header.empty() || header == "*") return std::optional<int64_t>();
    if (header.starts_with("W/")) header.remove_prefix(2);
    if (header.size() < 4 || header.front() != '"' || header[1] != 'v' || header.back() != '"')
        return fail(Error::invalid("If-Match", "must be an ETag from GET, e.g. \"v3\""));
    auto version = phase_of(header.substr(2, header.size() - 3));
    if (!version) return fail(Error::invalid("If-Match", "must be an ETag from GET, e.g. \"v3\""));
    return std::optional<int64_t>(*version);
}

Result<http::Response> get_draft(Context& context) {
    auto phase = TRY(requested_phase(context));
    auto draft = TRY(context.app.notification_draft(*context.actor, context.request.path_param("id"), phase));
    return draft_response(draft);
}

Result<http::Response> put_draft(Context& context) {
    auto phase = TRY(requested_phase(context));
    auto expected = TRY(if_match(context));
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"fields"}));
    const auto* fields_value = body.if_contains("fields");
    if (!fields_value || !fields_value->is_object()) return fail(Error::invalid("fields", "is required: an object"));
    std::map<std::string, std::string> fields;
    for (const auto& [key, value] : fields_value->as_object()) {
        if (value.is_null()) continue;
        if (!value.is_string()) return fail(Error::invalid(std::string(key), "must be a string"));
        fields[std::string(key)] = std::string(value.get_string());
    }
    auto draft = TRY(context.app.save_notification_draft(*context.actor, context.request.path_param("id"), phase,
                                                         std::move(fields), expected));
    return draft_response(draft);
}

} // namespace

void register_notification_api(Site& site) {
    site.add("POST", "/api/v1/incidents/{id}/notifications", api_handler(post_notification));
    site.add("GET", "/api/v1/incidents/{id}/notifications", api_handler(list_notifications));
    site.add("GET", "/api/v1/incidents/{id}/notifications/draft", api_handler(get_draft));
    site.add("PUT", "/api/v1/incidents/{id}/notifications/draft", api_handler(put_draft));
}

} // namespace skydda::web
