// Processor duties in the JSON API: the customer register
// (/api/v1/organisations/{id}/customers, JSON or a CSV import) and the notices to the
// controllers on a case (/api/v1/incidents/{id}/processor-notices ...). Same conventions as
// api.cpp: errors as {"error":{code,message,field}}, checks of who may do what in app/.
#include <boost/json.hpp>

#include "app/processor/processor.hpp"
#include "util/text.hpp"
#include "web/api_json.hpp"
#include "web/processor/processor.hpp"
#include "web/site.hpp"

namespace skydda::web {
namespace {
namespace json = boost::json;

json::value text_or_null(const std::string& text) { return text.empty() ? json::value(nullptr) : json::value(text); }

json::object customer_json(const app::CustomerRecord& c) {
    json::array emails;
    for (const auto& email : c.emails) emails.emplace_back(email);
    return {{"id", c.id},
            {"name", c.name},
            {"orgnr", c.orgnr},
            {"emails", std::move(emails)},
            {"contact_name", text_or_null(c.contact_name)},
            {"notice_hours", c.notice_hours ? json::value(*c.notice_hours) : json::value(nullptr)},
            {"agreement_reference", text_or_null(c.agreement_reference)},
            {"language", c.language},
            {"active", c.active},
            {"updated_at", format_stockholm(c.updated_at)}};
}

json::object question_json(const app::NoticeQuestionRecord& q) {
    return {{"id", q.id},
            {"asked_at", format_stockholm(q.asked_at)},
            {"question", q.question},
            {"answer", text_or_null(q.answer)},
            {"answered_at", time_or_null(q.answered_at)}};
}

json::object notice_json(const app::NoticeRecord& n) {
    return {{"id", n.id},
            {"customer_id", n.customer_id},
            {"status", n.status},
            {"deadline_at", time_or_null(n.deadline_at)},
            {"selected_at", format_stockholm(n.selected_at)},
            {"sent_at", time_or_null(n.sent_at)},
            {"sent_via", text_or_null(n.sent_via)},
            {"acknowledged_at", time_or_null(n.acknowledged_at)},
            {"acknowledged_by", text_or_null(n.acknowledged_by_name)},
            {"subjects_count", n.subjects_count ? json::value(*n.subjects_count) : json::value(nullptr)},
            {"records", n.records ? json::value(*n.records) : json::value(nullptr)}};
}

json::object notice_view_json(const app::NoticeView& view) {
    auto out = notice_json(view.notice);
    out["customer"] = json::object{{"id", view.customer.id}, {"name", view.customer.name}, {"orgnr", view.customer.orgnr}};
    out["overdue"] = view.overdue;
    json::array questions;
    for (const auto& q : view.questions) questions.emplace_back(question_json(q));
    out["questions"] = std::move(questions);
    return out;
}

Result<std::vector<std::string>> strings_of(const json::object& body, std::string_view key) {
    std::vector<std::string> out;
    const auto* value = body.if_contains(key);
    if (!value || value->is_null()) return out;
    if (!value->is_array()) return fail(Error::invalid(std::string(key), "must be an array of strings"));
    for (const auto& item : value->get_array()) {
        if (!item.is_string()) return fail(Error::invalid(std::string(key), "must be an array of strings"));
        out.emplace_back(item.get_string());
    }
    return out;
}

// A time in the body (RFC 3339 with offset); absent means now.
Result<Instant> time_of(const Context& context, const json::object& body, std::string_view key) {
    auto text_value = TRY(string_field(body, key));
    if (text_value.empty()) return context.app.clock().now();
    return parse_rfc3339(text_value, key);
}

Result<app::CustomerInput> customer_input(const json::object& body) {
    TRY_STATUS(only_fields(body, {"name", "orgnr", "emails", "contact_name", "notice_hours", "agreement_reference", "language", "active"}));
    app::CustomerInput input;
    input.name = TRY(string_field(body, "name"));
    input.orgnr = TRY(string_field(body, "orgnr"));
    input.emails = TRY(strings_of(body, "emails"));
    input.contact_name = TRY(string_field(body, "contact_name"));
    input.agreement_reference = TRY(string_field(body, "agreement_reference"));
    if (auto language = TRY(string_field(body, "language")); !language.empty()) input.language = language;
    if (const auto* hours = body.if_contains("notice_hours"); hours && !hours->is_null()) {
        if (!hours->is_int64()) return fail(Error::invalid("notice_hours", "must be a whole number of hours or null"));
        input.notice_hours = hours->get_int64();
    }
    return input;
}

http::Response csv_errors(const std::vector<app::CsvLineError>& errors) {
    json::array lines;
    for (const auto& e : errors) lines.emplace_back(json::object{{"line", e.line}, {"field", e.field}, {"message", e.message}});
    const auto& first = errors.front();
    std::string message = first.line ? "line " + std::to_string(first.line) + ": " + first.field + " " + first.message : first.message;
    return json_response(400, json::object{{"error", json::object{{"code", "invalid_argument"}, {"message", message}, {"field", "csv"}}},
                                           {"lines", std::move(lines)}});
}

Result<http::Response> list_customers(Context& context) {
    bool all = context.request.query_param("include_inactive").value_or("") == "true";
    auto customers = TRY(app::list_customers(context.app, *context.actor, context.request.path_param("id"), all));
    json::array items;
    for (const auto& c : customers) items.emplace_back(customer_json(c));
    return json_response(200, json::object{{"items", std::move(items)}});
}

// JSON adds one customer; text/csv imports many (all or nothing).
Result<http::Response> post_customers(Context& context) {
    std::string org_id(context.request.path_param("id"));
    if (context.request.header("content-type").starts_with("text/csv")) {
        auto imported = TRY(app::import_customers(context.app, *context.actor, org_id, context.request.body));
        if (!imported.errors.empty()) return csv_errors(imported.errors);
        return json_response(200, json::object{{"added", imported.added}, {"updated", imported.updated}});
    }
    auto input = TRY(customer_input(TRY(parse_body(context.request.body))));
    auto added = TRY(app::add_customer(context.app, *context.actor, org_id, input));
    auto response = json_response(201, customer_json(added));
    response.set_header("Location", "/api/v1/organisations/" + org_id + "/customers/" + added.id);
    return response;
}

Result<http::Response> get_customer(Context& context) {
    auto customer = TRY(app::get_customer(context.app, *context.actor, context.request.path_param("id"),
                                          context.request.path_param("cid")));
    return json_response(200, customer_json(customer));
}

Result<http::Response> put_customer(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    auto input = TRY(customer_input(body));
    std::string org_id(context.request.path_param("id")), cid(context.request.path_param("cid"));
    auto saved = TRY(app::update_customer(context.app, *context.actor, org_id, cid, input));
    if (const auto* active = body.if_contains("active")) {
        if (!active->is_bool()) return fail(Error::invalid("active", "must be true or false"));
        saved = TRY(app::set_customer_active(context.app, *context.actor, org_id, cid, active->get_bool()));
    }
    return json_response(200, customer_json(saved));
}

Result<http::Response> post_notices(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"customer_ids", "all"}));
    app::NoticeSelection selection;
    if (const auto* all = body.if_contains("all")) {
        if (!all->is_bool()) return fail(Error::invalid("all", "must be true or false"));
        selection.all = all->get_bool();
    }
    selection.customer_ids = TRY(strings_of(body, "customer_ids"));
    auto result = TRY(app::select_customers(context.app, *context.actor, context.request.path_param("id"), selection));
    return json_response(201, json::object{{"added", result.added}, {"already", result.already}, {"total", result.total}});
}

json::object notice_text_json(const app::NoticeText& text) {
    return json::object{{"description", text.description},
                        {"consequences", text.consequences},
                        {"measures", text.measures},
                        {"updated_at", time_or_null(text.updated_at)}};
}

Result<http::Response> get_notices(Context& context) {
    std::string id(context.request.path_param("id"));
    auto overview = TRY(app::processor_overview(context.app, *context.actor, id));
    json::array items;
    for (const auto& view : overview.notices) items.emplace_back(notice_view_json(view));
    const auto& c = overview.counts;
    return json_response(200, json::object{{"counts", json::object{{"selected", c.selected},
                                                                   {"sent", c.sent},
                                                                   {"acknowledged", c.acknowledged},
                                                                   {"overdue", c.overdue},
                                                                   {"with_open_questions", c.with_open_questions}}},
                                           {"customers", static_cast<int64_t>(overview.customers.size())},
                                           {"items", std::move(items)},
                                           {"text", notice_text_json(overview.text)},
                                           {"warnings", warnings_json(overview.warnings)}});
}

Result<http::Response> put_text(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"description", "consequences", "measures"}));
    app::NoticeText text{TRY(string_field(body, "description")), TRY(string_field(body, "consequences")),
                         TRY(string_field(body, "measures")), std::nullopt};
    auto saved = TRY(app::save_notice_text(context.app, *context.actor, context.request.path_param("id"), text));
    return json_response(200, notice_text_json(saved));
}

Result<http::Response> send_notices(Context& context) {
    json::object body;
    if (!text::trim(context.request.body).empty()) body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"notice_ids", "acknowledge_personal_data"}));
    auto ids = TRY(strings_of(body, "notice_ids"));
    auto acknowledged = TRY(acknowledged_fields(body));
    auto result = TRY(app::send_notices(context.app, *context.actor, context.request.path_param("id"), ids, acknowledged));
    return json_response(200, json::object{{"notices", result.notices},
                                           {"mails_queued", result.mails_queued},
                                           {"pdf_attached", result.pdf_attached}});
}

Result<http::Response> mark_sent(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"via", "sent_at"}));
    auto at = TRY(time_of(context, body, "sent_at"));
    auto notice = TRY(app::mark_notice_sent(context.app, *context.actor, context.request.path_param("id"),
                                            context.request.path_param("nid"), TRY(string_field(body, "via")), at));
    return json_response(200, notice_json(notice));
}

Result<http::Response> acknowledge(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"acknowledged_at", "acknowledged_by"}));
    auto at = TRY(time_of(context, body, "acknowledged_at"));
    auto notice = TRY(app::acknowledge_notice(context.app, *context.actor, context.request.path_param("id"),
                                              context.request.path_param("nid"), at, TRY(string_field(body, "acknowledged_by"))));
    return json_response(200, notice_json(notice));
}

Result<std::optional<int64_t>> count_of(const json::object& body, std::string_view key) {
    const auto* value = body.if_contains(key);
    if (!value || value->is_null()) return std::optional<int64_t>();
    if (!value->is_int64()) return fail(Error::invalid(std::string(key), "must be a whole number or null"));
    return std::optional<int64_t>(value->get_int64());
}

// This controller's share of the people and records (null: unknown).
Result<http::Response> put_figures(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"subjects_count", "records"}));
    auto notice = TRY(app::set_notice_figures(context.app, *context.actor, context.request.path_param("id"),
                                              context.request.path_param("nid"), TRY(count_of(body, "subjects_count")),
                                              TRY(count_of(body, "records"))));
    return json_response(200, notice_json(notice));
}

// A new question ({"question", "asked_at", "answer"}) → 201, or our answer to an open one
// ({"question_id", "answer"}) → 200.
Result<http::Response> post_question(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"question", "asked_at", "answer", "question_id"}));
    std::string id(context.request.path_param("id"));
    if (auto question_id = TRY(string_field(body, "question_id")); !question_id.empty()) {
        auto answered = TRY(app::answer_notice_question(context.app, *context.actor, id, question_id, TRY(string_field(body, "answer"))));
        return json_response(200, question_json(answered));
    }
    // One TRY per statement: GCC leaks what a braced initializer already built when a later
    // statement expression in it returns.
    app::NoticeQuestionInput input;
    input.asked_at = TRY(time_of(context, body, "asked_at"));
    input.question = TRY(string_field(body, "question"));
    input.answer = TRY(string_field(body, "answer"));
    auto added = TRY(app::add_notice_question(context.app, *context.actor, id, context.request.path_param("nid"), input));
    return json_response(201, question_json(added));
}

} // namespace

void register_processor_api(Site& site) {
    site.add("GET", "/api/v1/organisations/{id}/customers", api_handler(list_customers));
    site.add("POST", "/api/v1/organisations/{id}/customers", api_handler(post_customers));
    site.add("GET", "/api/v1/organisations/{id}/customers/{cid}", api_handler(get_customer));
    site.add("PUT", "/api/v1/organisations/{id}/customers/{cid}", api_handler(put_customer));
    site.add("POST", "/api/v1/incidents/{id}/processor-notices", api_handler(post_notices));
    site.add("GET", "/api/v1/incidents/{id}/processor-notices", api_handler(get_notices));
    site.add("POST", "/api/v1/incidents/{id}/processor-notices/send", api_handler(send_notices));
    site.add("PUT", "/api/v1/incidents/{id}/processor-notices/text", api_handler(put_text));
    site.add("POST", "/api/v1/incidents/{id}/processor-notices/{nid}/sent", api_handler(mark_sent));
    site.add("POST", "/api/v1/incidents/{id}/processor-notices/{nid}/acknowledge", api_handler(acknowledge));
    site.add("PUT", "/api/v1/incidents/{id}/processor-notices/{nid}/figures", api_handler(put_figures));
    site.add("POST", "/api/v1/incidents/{id}/processor-notices/{nid}/questions", api_handler(post_question));
}

} // namespace skydda::web
