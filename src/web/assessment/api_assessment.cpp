// The risk assessment endpoints of the JSON API (/api/v1/incidents/{id}/assessment,
// .../assessments, .../decisions). Same conventions as api.cpp: errors as
// {"error":{code,message,field}}, checks of who may do what in app/.
#include <boost/json.hpp>

#include "app/assessment/assessments.hpp"
#include "util/text.hpp"
#include "web/api_json.hpp"
#include "web/assessment/assessment.hpp"
#include "web/site.hpp"

namespace skydda::web {

namespace {
namespace json = boost::json;
namespace da = domain::assessment;

json::value decision_json(const std::optional<app::DecisionRecord>& decision) {
    if (!decision) return nullptr;
    const auto& d = *decision;
    return json::object{{"id", d.id},
                        {"assessment_id", d.assessment_id},
                        {"agrees", d.agrees},
                        {"risk", d.risk},
                        {"notify_authority", d.notify_authority},
                        {"notify_subjects", d.notify_subjects},
                        {"reasons", d.reasons},
                        {"decided_by", json::object{{"id", d.decided_by}, {"name", d.decided_by_name}}},
                        {"decided_at", format_stockholm(d.decided_at)}};
}

json::object assessment_item_json(const app::StoredAssessment& stored) {
    const auto& r = stored.record;
    return json::object{{"assessment_id", r.id},
                        {"version", r.version},
                        {"ruleset", r.ruleset},
                        {"created_by", json::object{{"id", r.created_by}, {"name", r.created_by_name}}},
                        {"created_at", format_stockholm(r.created_at)},
                        {"input", stored.input},
                        {"output", stored.output},
                        {"decision", decision_json(stored.decision)}};
}

// The body is optional: no body means "run on the case's facts as they stand".
Result<json::object> optional_body(std::string_view body) {
    if (text::trim(body).empty()) return json::object{};
    return parse_body(body);
}

Result<http::Response> post_assessment(Context& context) {
    auto overrides = TRY(optional_body(context.request.body));
    auto id = context.request.path_param("id");
    auto stored = TRY(app::run_assessment(context.app, *context.actor, id, overrides));
    json::object out = stored.output;
    out["assessment_id"] = stored.record.id;
    out["version"] = stored.record.version;
    auto response = json_response(201, out);
    response.set_header("Location", "/api/v1/incidents/" + std::string(id) + "/assessments");
    return response;
}

Result<http::Response> list_assessments(Context& context) {
    json::array items;
    auto history = TRY(app::list_assessments(context.app, *context.actor, context.request.path_param("id")));
    for (const auto& stored : history.items)
        items.emplace_back(assessment_item_json(stored));
    return json_response(200, json::object{{"items", std::move(items)}});
}

Result<app::DecisionInput> decision_input(const json::object& body) {
    for (const auto& [key, value] : body)
        if (key != "assessment_id" && key != "agrees" && key != "risk" && key != "reasons")
            return fail(Error::invalid(std::string(key), "is not a known field"));
    auto text = [&](std::string_view key) -> Result<std::string> {
        const auto* value = body.if_contains(key);
        if (!value || value->is_null()) return std::string();
        if (!value->is_string()) return fail(Error::invalid(std::string(key), "must be a string"));
        return std::string(value->get_string());
    };
    app::DecisionInput input;
    input.assessment_id = TRY(text("assessment_id"));
    const auto* agrees = body.if_contains("agrees");
    if (!agrees || !agrees->is_bool()) return fail(Error::invalid("agrees", "is required: true or false"));
    input.agrees = agrees->get_bool();
    if (auto risk = TRY(text("risk")); !risk.empty() && !input.agrees) {
        for (auto level : {da::RiskLevel::unlikely, da::RiskLevel::risk, da::RiskLevel::high})
            if (da::risk_name(level) == risk) input.risk = level;
        if (!input.risk) return fail(Error::invalid("risk", "must be one of: unlikely, risk, high"));
    }
    input.reasons = TRY(text("reasons"));
    return input;
}

Result<http::Response> post_decision(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    auto input = TRY(decision_input(body));
    auto recorded = TRY(app::record_decision(context.app, *context.actor, context.request.path_param("id"), input));
    auto out = decision_json(recorded.decision).as_object();
    out["case_status"] = domain::status_name(recorded.case_status);
    return json_response(201, out);
}

} // namespace

void register_assessment_api(Site& site) {
    site.add("POST", "/api/v1/incidents/{id}/assessment", api_handler(post_assessment));
    site.add("GET", "/api/v1/incidents/{id}/assessments", api_handler(list_assessments));
    site.add("POST", "/api/v1/incidents/{id}/decisions", api_handler(post_decision));
}

} // namespace skydda::web
