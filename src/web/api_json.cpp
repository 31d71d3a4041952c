#include "web/api_json.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <functional>

#include "domain/duties.hpp"
#include "domain/facts_json.hpp"
#include "util/text.hpp"

namespace skydda::web {
namespace json = boost::json;

json::value time_or_null(const std::optional<Instant>& value) {
    if (!value) return nullptr;
    return json::value(format_stockholm(*value));
}

json::object duty_json(const domain::CaseDuty& duty) {
    json::object out{{"duty", domain::duty_name(duty.duty)},
                     {"regime", domain::regime_name(duty.regime)},
                     {"due", time_or_null(duty.due)},
                     {"basis", duty.basis},
                     {"state", domain::duty_state_name(duty.state)},
                     {"done_at", time_or_null(duty.done_at)},
                     {"decided", duty.decided},
                     {"urgency", domain::urgency_name(duty.state == domain::DutyState::open ? duty.urgency
                                                                                           : domain::Urgency::stopped)}};
    if (duty.duty == domain::Duty::supplement_authority || duty.regime != domain::Regime::gdpr) out["phase"] = duty.phase;
    if (duty.state == domain::DutyState::open && duty.due) out["remaining_seconds"] = duty.remaining.count();
    return out;
}

json::object incident_json(const domain::Incident& incident, const domain::CaseDuties& duties) {
    json::object out;
    out["id"] = incident.id;
    out["org"] = incident.org_id;
    out["case_number"] = incident.case_number;
    out["status"] = domain::status_name(incident.status);
    out["version"] = incident.version;
    out["reported_at"] = format_stockholm(incident.reported_at);
    out["registered_at"] = time_or_null(incident.registered_at);
    out["updated_at"] = format_stockholm(incident.updated_at);
    out["reporter"] = incident.reporter_id;
    out["handler"] = incident.handler_id.empty() ? json::value(nullptr) : json::value(incident.handler_id);
    out["status_reason"] = incident.status_reason.empty() ? json::value(nullptr) : json::value(incident.status_reason);
    for (auto& [key, value] : domain::facts_to_json(incident.facts)) out[key] = value;
    // "clock": the first duty (IMY, or the controller when the organisation is a processor),
    // "next_duty": the most urgent open one; both from the one computation the pages show.
    const auto& first = duties.items.front();
    auto clock = duty_json(first);
    clock["aware_at"] = format_stockholm(duties.aware.at);
    clock["aware_source"] = domain::awareness_source_name(duties.aware.source);
    if (!clock.contains("remaining_seconds") && first.due)
        clock["remaining_seconds"] = std::chrono::duration_cast<std::chrono::seconds>(*first.due - duties.now).count();
    out["clock"] = std::move(clock);
    json::array items;
    for (const auto& duty : duties.items) items.emplace_back(duty_json(duty));
    out["duties"] = std::move(items);
    out["next_duty"] = duties.most_urgent() ? json::value(duty_json(*duties.most_urgent())) : json::value(nullptr);
    return out;
}

json::object note_json(const domain::Note& note) {
    return {{"id", note.id}, {"author", note.author_id}, {"author_name", note.author_name}, {"body", note.body},
            {"created_at", format_stockholm(note.created_at)}};
}

json::object task_json(const domain::Task& task) {
    return {{"id", task.id},
            {"title", task.title},
            {"assignee", task.assignee_id.empty() ? json::value(nullptr) : json::value(task.assignee_id)},
            {"due_at", time_or_null(task.due_at)},
            {"done_at", time_or_null(task.done_at)},
            {"created_at", format_stockholm(task.created_at)}};
}

json::object question_json(const domain::Question& question) {
    return {{"id", question.id},
            {"asked_by", question.asked_by},
            {"question", question.question},
            {"asked_at", format_stockholm(question.asked_at)},
            {"answer", question.answered_at ? json::value(question.answer) : json::value(nullptr)},
            {"answered_at", time_or_null(question.answered_at)}};
}

std::string etag_of(const domain::Incident& incident) { return "\"v" + std::to_string(incident.version) + "\""; }

std::string etag_of(const domain::Incident& incident, const domain::CaseDuties& duties) {
    // The duties change without the case's version (a letter delivered, a supplement recorded):
    // their states are part of the representation, so a conditional GET never hides them.
    std::string states;
    for (const auto& duty : duties.items)
        states += fmt::format("{}{}{};", static_cast<int>(duty.state), duty.decided ? 'd' : '-',
                              duty.done_at ? duty.done_at->time_since_epoch().count() : 0);
    return fmt::format("\"v{}.{:x}\"", incident.version, std::hash<std::string>{}(states));
}

namespace {

// CRLF in any string of a body becomes LF, as in HTML forms, so stored text has one kind of
// line break.
void normalise_newlines(json::value& value) {
    if (auto* string = value.if_string()) {
        if (string->find('\r') != json::string::npos) *string = text::normalise_newlines(*string);
    } else if (auto* array = value.if_array()) {
        for (auto& item : *array) normalise_newlines(item);
    } else if (auto* object = value.if_object()) {
        for (auto& item : *object) normalise_newlines(item.value());
    }
}

} // namespace

Result<json::object> parse_body(std::string_view body) {
    boost::system::error_code ec;
    json::parse_options options;
    options.max_depth = 16;
    auto value = json::parse(body, ec, {}, options);
    if (ec) return fail(Error::invalid("body", "must be valid JSON (" + ec.message() + ")"));
    if (!value.is_object()) return fail(Error::invalid("body", "must be a JSON object"));
    normalise_newlines(value);
    return std::move(value.get_object());
}

Result<std::vector<std::string>> acknowledged_fields(const json::object& body) {
    std::vector<std::string> out;
    const auto* value = body.if_contains("acknowledge_personal_data");
    if (!value || value->is_null()) return out;
    auto refuse = [] {
        return fail(Error::invalid("acknowledge_personal_data",
                                   "must be an array naming each field whose personal data is to be sent, e.g. [\"cause\"]"));
    };
    if (!value->is_array()) return refuse();
    for (const auto& item : value->get_array()) {
        if (!item.is_string()) return refuse();
        out.emplace_back(item.get_string());
    }
    return out;
}

json::array warnings_json(const std::vector<app::PersonalDataWarning>& warnings) {
    json::array out;
    for (const auto& warning : warnings) {
        json::array kinds;
        for (const auto& kind : warning.kinds) kinds.emplace_back(kind);
        out.emplace_back(json::object{{"field", warning.key}, {"kinds", std::move(kinds)}});
    }
    return out;
}

} // namespace skydda::web
