// The JSON API under /api/v1 (documented in openapi.cpp). Handlers translate JSON to app
// calls and back; all checks of who may do what happen in app/.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/facts_json.hpp"
#include "util/json_text.hpp"
#include "web/api_json.hpp"
#include "web/cases/cases.hpp"
#include "web/site.hpp"

namespace skydda::web {
namespace json = boost::json;

PageHandler api_handler(std::function<Result<http::Response>(Context&)> handler) {
    return [handler = std::move(handler)](Context& context) {
        if (!context.actor) return api_error(Error{ErrorCode::unauthenticated, "sign in or send a Bearer token", {}});
        // Cookie-authenticated writes must carry the session's CSRF token in a header.
        if (!context.via_token && context.request.method != "GET" &&
            !csrf_ok(context, context.request.header("x-csrf-token")))
            return api_error(Error::denied("missing or wrong X-CSRF-Token header"));
        auto result = handler(context);
        if (!result) return api_error(result.error());
        return std::move(*result);
    };
}

http::Response json_response(int status, const json::value& value) {
    return http::Response::json(status, json_text(value));
}

namespace {

Result<std::optional<int64_t>> if_match_version(const Context& context) {
    auto header = context.request.header("if-match");
    if (header.empty() || header == "*") return std::optional<int64_t>();
    if (header.starts_with("W/")) header.remove_prefix(2);
    if (header.size() < 4 || header.front() != '"' || header[1] != 'v' || header.back() != '"')
        return fail(Error::invalid("If-Match", "must be an ETag from GET, e.g. \"v3\""));
    try {
        // "v3" or the representation's "v3.{duties}": the version is what must match.
        auto digits = header.substr(2, header.size() - 3);
        digits = digits.substr(0, digits.find('.'));
        size_t used = 0;
        auto version = std::stoll(std::string(digits), &used);
        if (used != digits.size()) throw std::invalid_argument("If-Match");
        return std::optional<int64_t>(version);
    } catch (...) {
        return fail(Error::invalid("If-Match", "must be an ETag from GET, e.g. \"v3\""));
    }
}

// The case as JSON with its duties computed now, and the ETag of that representation.
Result<http::Response> case_response(Context& context, int status, const domain::Incident& incident) {
    auto duties = TRY(context.app.case_duties(incident));
    auto response = json_response(status, incident_json(incident, duties));
    response.set_header("ETag", etag_of(incident, duties));
    return response;
}

// The organisation among the caller's whose unit `unit_id` is.
Result<std::string> org_of_unit(Context& context, std::string_view unit_id) {
    auto orgs = TRY(context.app.organisations_of(*context.actor));
    for (const auto& org : orgs) {
        auto units = TRY(context.app.units_of(*context.actor, org.id));
        for (const auto& unit : units)
            if (unit.id == unit_id) return org.id;
    }
    return fail(Error::invalid("unit", "is not a unit of your organisations"));
}

Result<http::Response> create_incident(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    auto org = TRY(string_field(body, "org", false));
    auto facts = TRY(domain::facts_from_json(body, {"org"}));
    // The organisation follows from the unit when only the unit is given (never a default).
    if (org.empty() && !facts.unit_id.empty()) org = TRY(org_of_unit(context, facts.unit_id));
    if (org.empty()) return fail(Error::invalid("org", "is required, or give the unit: the organisation follows from it"));
    auto incident = TRY(context.app.report_incident(*context.actor, org, std::move(facts)));
    auto response = TRY(case_response(context, 201, incident));
    response.set_header("Location", "/api/v1/incidents/" + incident.id);
    return response;
}

// The case register: every filter of case_query, one page at a time. Following next_cursor
// until it is null yields every matching case exactly once.
Result<http::Response> list_incidents(Context& context) {
    auto query = TRY(case_query(context.request.query));
    if (!context.request.query_param("limit")) query.limit = 50;
    auto page = TRY(context.app.find_cases(*context.actor, query));
    json::array items;
    for (const auto& item : page.items) items.emplace_back(incident_json(item.incident, item.duties));
    return json_response(200, json::object{{"items", std::move(items)},
                                           {"next_cursor", page.next_cursor.empty() ? json::value(nullptr)
                                                                                    : json::value(page.next_cursor)},
                                           {"total", page.total}});
}

// The same filters as a spreadsheet: ?format=csv|xlsx (default csv) and lang=sv|en (default
// the person's language). Every matching case, audited as an export.
Result<http::Response> export_incidents(Context& context) {
    std::vector<std::pair<std::string, std::string>> filters;
    std::string format = "csv", language(lang_code(context.lang));
    for (const auto& [name, value] : context.request.query) {
        if (name == "format") format = value;
        else if (name == "lang") language = value;
        else if (name != "limit" && name != "cursor") filters.emplace_back(name, value);
    }
    auto query = TRY(case_query(filters));
    auto file = TRY(context.app.export_cases(*context.actor, query, format, language));
    http::Response response;
    response.status = 200;
    response.body = std::move(file.bytes);
    response.set_header("Content-Type", file.content_type);
    response.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file.filename));
    response.set_header("Cache-Control", "no-store");
    return response;
}

Result<http::Response> get_incident(Context& context) {
    auto incident = TRY(context.app.get_incident(*context.actor, context.request.path_param("id")));
    auto duties = TRY(context.app.case_duties(incident));
    auto etag = etag_of(incident, duties);
    if (context.request.header("if-none-match") == etag) {
        http::Response response;
        response.status = 304;
        response.set_header("ETag", etag);
        return response;
    }
    auto response = json_response(200, incident_json(incident, duties));
    response.set_header("ETag", etag);
    return response;
}

Result<http::Response> patch_incident(Context& context) {
    auto expected = TRY(if_match_version(context));
    auto patch = TRY(parse_body(context.request.body));
    auto id = context.request.path_param("id");
    auto current = TRY(context.app.get_incident(*context.actor, id));
    for (std::string_view envelope : {"id", "org", "case_number", "status", "version"})
        if (patch.contains(envelope))
            return fail(Error::invalid(std::string(envelope), "cannot be changed with PATCH"));
    // "aware_reason" travels beside the facts: why kännedom changes (App::update_facts).
    std::string aware_reason = TRY(string_field(patch, "aware_reason"));
    patch.erase("aware_reason");
    auto merged = domain::merge_patch(domain::facts_to_json(current.facts), patch);
    auto facts = TRY(domain::facts_from_json(merged));
    auto updated = TRY(context.app.update_facts(*context.actor, id, std::move(facts), expected, aware_reason));
    return case_response(context, 200, updated);
}

Result<http::Response> post_status(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"status", "reason", "aware_at", "aware_reason"}));
    auto status_text = TRY(string_field(body, "status", true));
    auto status = domain::parse_status(status_text);
    if (!status) return fail(Error::invalid("status", "unknown status '" + status_text + "'"));
    auto reason = TRY(string_field(body, "reason", false));
    auto expected = TRY(if_match_version(context));
    // Registering may confirm or correct kännedom: {"status": "registered", "aware_at": ..., "aware_reason": ...}.
    std::optional<app::App::AwarenessInput> aware;
    if (body.contains("aware_at") && !body.at("aware_at").is_null()) {
        auto text = TRY(string_field(body, "aware_at", true));
        auto at = TRY(parse_rfc3339(text, "aware_at"));
        auto aware_reason = TRY(string_field(body, "aware_reason"));
        aware = app::App::AwarenessInput{at, std::move(aware_reason)};
    } else if (body.contains("aware_reason")) {
        return fail(Error::invalid("aware_reason", "goes with aware_at"));
    }
    auto updated = TRY(context.app.change_status(*context.actor, context.request.path_param("id"), *status, reason, expected,
                                                 aware ? &*aware : nullptr));
    return case_response(context, 200, updated);
}

Result<http::Response> post_assign(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"handler"}));
    auto handler = TRY(string_field(body, "handler", true));
    auto updated = TRY(context.app.assign(*context.actor, context.request.path_param("id"), handler));
    return case_response(context, 200, updated);
}

Result<http::Response> list_notes(Context& context) {
    json::array items;
    for (const auto& note : TRY(context.app.notes(*context.actor, context.request.path_param("id"))))
        items.emplace_back(note_json(note));
    return json_response(200, json::object{{"items", std::move(items)}});
}

Result<http::Response> post_note(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"body"}));
    auto text = TRY(string_field(body, "body", true));
    auto note = TRY(context.app.add_note(*context.actor, context.request.path_param("id"), text));
    return json_response(201, note_json(note));
}

json::object scan_json(const app::ScanRecord& scan) {
    json::array data;
    for (const auto& code : scan.data) data.emplace_back(code);
    json::object out{{"id", scan.id}, {"label", scan.label}, {"created_at", format_stockholm(scan.created_at)},
                     {"subjects_estimate", scan.subjects_estimate}, {"data", std::move(data)}};
    out["applied_at"] = scan.applied_at ? json::value(format_stockholm(*scan.applied_at)) : json::value(nullptr);
    out["summary"] = json::parse(scan.summary_json);
    return out;
}

Result<http::Response> list_scans(Context& context) {
    json::array items;
    for (const auto& scan : TRY(context.app.scans(*context.actor, context.request.path_param("id"))))
        items.emplace_back(scan_json(scan));
    return json_response(200, json::object{{"items", std::move(items)}});
}

Result<http::Response> post_scan_apply(Context& context) {
    auto expected = TRY(if_match_version(context));
    auto updated = TRY(context.app.apply_scan(&*context.actor, context.request.path_param("id"),
                                              context.request.path_param("sid"), expected));
    return case_response(context, 200, updated);
}

Result<http::Response> list_tasks(Context& context) {
    json::array items;
    for (const auto& task : TRY(context.app.tasks(*context.actor, context.request.path_param("id"))))
        items.emplace_back(task_json(task));
    return json_response(200, json::object{{"items", std::move(items)}});
}

Result<http::Response> post_task(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"title", "assignee", "due_at"}));
    app::NewTask task;
    task.title = TRY(string_field(body, "title", true));
    task.assignee_id = TRY(string_field(body, "assignee", false));
    auto due = TRY(string_field(body, "due_at", false));
    if (!due.empty()) task.due_at = TRY(parse_rfc3339(due, "due_at"));
    auto created = TRY(context.app.add_task(*context.actor, context.request.path_param("id"), task));
    return json_response(201, task_json(created));
}

Result<http::Response> post_task_done(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"done"}));
    auto* done = body.if_contains("done");
    if (done && !done->is_bool()) return fail(Error::invalid("done", "must be true or false"));
    auto task = TRY(context.app.set_task_done(*context.actor, context.request.path_param("id"), !done || done->get_bool()));
    return json_response(200, task_json(task));
}

Result<http::Response> post_question(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"question"}));
    auto text = TRY(string_field(body, "question", true));
    auto question = TRY(context.app.ask_reporter(*context.actor, context.request.path_param("id"), text));
    return json_response(201, question_json(question));
}

Result<http::Response> list_questions(Context& context) {
    json::array items;
    for (const auto& question : TRY(context.app.questions(*context.actor, context.request.path_param("id"))))
        items.emplace_back(question_json(question));
    return json_response(200, json::object{{"items", std::move(items)}});
}

Result<http::Response> post_answer(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"answer"}));
    auto text = TRY(string_field(body, "answer", true));
    auto question = TRY(context.app.answer_question(*context.actor, context.request.path_param("id"), text));
    return json_response(200, question_json(question));
}

Result<http::Response> get_me(Context& context) {
    json::array memberships;
    for (const auto& m : context.actor->memberships)
        memberships.emplace_back(json::object{{"org", m.org_id}, {"role", domain::role_name(m.role)}});
    return json_response(200, json::object{{"id", context.actor->user_id},
                                           {"name", context.actor->name},
                                           {"email", context.actor->email},
                                           {"memberships", std::move(memberships)}});
}

} // namespace

std::string_view openapi_document();

void register_api(Site& site) {
    site.add_public("GET", "/healthz", [](Context&) { return http::Response::json(200, R"({"status":"ok"})"); });
    site.add_public("GET", "/api/v1/openapi.json", [](Context&) { return http::Response::json(200, std::string(openapi_document())); });
    site.add("GET", "/api/v1/me", api_handler(get_me));
    site.add("POST", "/api/v1/incidents", api_handler(create_incident));
    site.add("GET", "/api/v1/incidents", api_handler(list_incidents));
    site.add("GET", "/api/v1/incidents/export", api_handler(export_incidents));
    site.add("GET", "/api/v1/incidents/{id}", api_handler(get_incident));
    site.add("PATCH", "/api/v1/incidents/{id}", api_handler(patch_incident));
    site.add("POST", "/api/v1/incidents/{id}/status", api_handler(post_status));
    site.add("POST", "/api/v1/incidents/{id}/assign", api_handler(post_assign));
    site.add("GET", "/api/v1/incidents/{id}/notes", api_handler(list_notes));
    site.add("POST", "/api/v1/incidents/{id}/notes", api_handler(post_note));
    site.add("GET", "/api/v1/incidents/{id}/scans", api_handler(list_scans));
    site.add("POST", "/api/v1/incidents/{id}/scans/{sid}/apply", api_handler(post_scan_apply));
    site.add("GET", "/api/v1/incidents/{id}/tasks", api_handler(list_tasks));
    site.add("POST", "/api/v1/incidents/{id}/tasks", api_handler(post_task));
    site.add("POST", "/api/v1/tasks/{id}/done", api_handler(post_task_done));
    site.add("GET", "/api/v1/incidents/{id}/questions", api_handler(list_questions));
    site.add("POST", "/api/v1/incidents/{id}/questions", api_handler(post_question));
    site.add("POST", "/api/v1/questions/{id}/answer", api_handler(post_answer));
}

Result<std::string> string_field(const json::object& body, std::string_view key, bool required) {
    auto* value = body.if_contains(key);
    if (!value || value->is_null()) {
        if (required) return fail(Error::invalid(std::string(key), "is required"));
        return std::string();
    }
    if (!value->is_string()) return fail(Error::invalid(std::string(key), "must be a string"));
    return std::string(value->get_string());
}

Result<bool> bool_field(const json::object& body, std::string_view key) {
    const auto* value = body.if_contains(key);
    if (!value || value->is_null()) return false;
    if (!value->is_bool()) return fail(Error::invalid(std::string(key), "must be true or false"));
    return value->get_bool();
}

Status only_fields(const json::object& body, std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : body)
        if (std::find(allowed.begin(), allowed.end(), std::string_view(key)) == allowed.end())
            return fail(Error::invalid(std::string(key), "is not a known field"));
    return {};
}

} // namespace skydda::web
