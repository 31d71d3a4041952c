// The case's risk assessment page (/cases/{id}/assessment): the engine's factors prefilled
// from the case, every one editable with "don't know"; "Beräkna" stores a new version and
// shows the recommendation with its severity, reasons and deadlines; then the handler's or
// DPO's decision on it. Works without JavaScript.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "app/assessment/assessments.hpp"
#include "util/text.hpp"
#include "web/assessment/assessment.hpp"
#include "web/assessment/assessment_pages.hpp"
#include "web/cases/cases.hpp"

namespace skydda::web {

namespace pages {

namespace {
namespace json = boost::json;
namespace da = domain::assessment;
using namespace assessment_pages;

// --- the recommendation ------------------------------------------------------------------------

std::string json_text(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

using html::Html;

Html yes_no(const Context& context, bool value) { return html::text(context.t(value ? "common.yes" : "common.no")); }

Html number(double value) { return html::text(fmt::format("{:g}", value)); }

// The deadlines as the engine computed them at this version: a snapshot for the history. The
// case's duties as they stand now (pages_duties.cpp) are on the case page.
Html deadline_rows(const Context& context, const json::array& deadlines) {
    Html rows;
    for (const auto& item : deadlines) {
        const auto& deadline = item.as_object();
        std::string duty = json_text(deadline, "duty");
        std::string due(context.t("assess.deadline.undue_delay"));
        if (auto at = parse_rfc3339(json_text(deadline, "due"), "due")) due = html::stockholm_time(*at);
        rows += html::format(R"(<tr><th scope="row" data-label="{}">{}</th><td data-label="{}">{}</td><td data-label="{}">{}</td></tr>)",
                             context.t("assess.deadline.duty"), label(context.lang, "assess.duty", duty),
                             context.t("assess.deadline.due"), due, context.t("assess.deadline.basis"),
                             html::basis_text(context, json_text(deadline, "basis")));
    }
    return rows;
}

Html deadlines_table(const Context& context, const json::object& output, std::string_view incident_id) {
    const auto* deadlines = output.if_contains("deadlines");
    Html link = html::format(R"(<p class="hint">{} <a href="{}#duties">{}</a></p>)", context.t("duties.snapshot_hint"),
                             case_url(incident_id), context.t("duties.snapshot_link"));
    if (!deadlines || !deadlines->is_array() || deadlines->get_array().empty())
        return html::format("<p>{}</p>", context.t("assess.no_deadlines")) + link;
    return html::format(R"(<table class="stack"><caption class="visually-hidden">{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
                        context.t("duties.snapshot_heading"), context.t("assess.deadline.duty"),
                        context.t("assess.deadline.due"), context.t("assess.deadline.basis"),
                        deadline_rows(context, deadlines->get_array())) + link;
}

Html severity_list(const Context& context, const json::object& severity) {
    return Html(R"(<dl class="summary">)") + row(context, "assess.dpc", number(severity.at("dpc").to_number<double>())) +
           row(context, "assess.ei", number(severity.at("ei").to_number<double>())) +
           row(context, "assess.cb", number(severity.at("cb").to_number<double>())) +
           row(context, "assess.score", number(severity.at("score").to_number<double>())) +
           row(context, "assess.level", html::text(label(context.lang, "assess.severity", json_text(severity, "level")))) +
           Html("</dl>");
}

Html reasons_list(const Context& context, const json::object& output) {
    Html items;
    for (const auto& reason : output.at("reasons").as_array()) {
        const auto& text = reason.as_object().at("text").as_object();
        items += html::format("<li>{}</li>", json_text(text, context.lang == Lang::en ? "en" : "sv"));
    }
    return html::format("<ol>{}</ol>", items);
}

Html result_section(const Context& context, const app::StoredAssessment& stored) {
    const auto& output = stored.output;
    const auto& r = stored.record;
    std::string meta = fmt::format(fmt::runtime(context.t("assess.version_meta")), fmt::arg("version", r.version),
                                   fmt::arg("time", html::stockholm_time(r.created_at)), fmt::arg("name", r.created_by_name),
                                   fmt::arg("ruleset", r.ruleset));
    Html rows = row(context, "assess.risk",
                    html::format("<strong>{}</strong>", label(context.lang, "assess.risk", json_text(output, "risk")))) +
                row(context, "assess.notify_authority", yes_no(context, output.at("notify_authority").as_bool())) +
                row(context, "assess.notify_subjects", yes_no(context, output.at("notify_subjects").as_bool()));
    if (auto exemption = json_text(output, "subjects_exemption"); !exemption.empty())
        rows += row(context, "assess.exemption", html::text(label(context.lang, "assess.exemption", exemption)));
    Html body = html::format(R"(<p class="meta">{}</p><dl class="summary">{}</dl><h3>{}</h3>{}<h3>{}</h3>{}<h3>{}</h3>{})",
                             meta, rows, context.t("assess.severity_heading"),
                             severity_list(context, output.at("severity").as_object()),
                             context.t("assess.reasons_heading"), reasons_list(context, output),
                             context.t("duties.snapshot_heading"), deadlines_table(context, output, r.incident_id));
    return section("result", html::text(context.t("assess.result_heading")), body);
}

// --- the decision ------------------------------------------------------------------------------

Html decision_summary(const Context& context, const app::DecisionRecord& d) {
    Html rows = row(context, "assess.decision_heading",
                    html::text(context.t(d.agrees ? "assess.decision.agrees" : "assess.decision.overrides"))) +
                row(context, "assess.risk", html::text(label(context.lang, "assess.risk", d.risk))) +
                row(context, "assess.notify_authority", yes_no(context, d.notify_authority)) +
                row(context, "assess.notify_subjects", yes_no(context, d.notify_subjects));
    if (!d.reasons.empty()) rows += row(context, "assess.reasons", html::format(R"(<span class="pre">{}</span>)", d.reasons));
    std::string by = fmt::format(fmt::runtime(context.t("assess.decided_by")), fmt::arg("name", d.decided_by_name),
                                 fmt::arg("time", html::stockholm_time(d.decided_at)));
    return html::format(R"(<dl class="summary">{}</dl><p class="meta">{}</p><p class="hint">{}</p>)", rows, by,
                        context.t("assess.decision_final"));
}

Html decision_form(const Context& context, std::string_view id, const app::StoredAssessment& stored,
                   const Form& values, const std::vector<html::FieldError>& errors) {
    std::vector<std::pair<std::string, std::string>> agree_items = {
        {"yes", std::string(context.t("assess.agrees.yes"))}, {"no", std::string(context.t("assess.agrees.no"))}};
    std::vector<std::pair<std::string, std::string>> risk_items;
    for (auto level : {da::RiskLevel::unlikely, da::RiskLevel::risk, da::RiskLevel::high})
        risk_items.emplace_back(da::risk_name(level), std::string(label(context.lang, "assess.risk", da::risk_name(level))));
    const auto* reasons_error = find_error(errors, "reasons");
    Html reasons = html::format(
        R"(<div class="field{}"><label for="field-reasons">{}</label><p class="hint" id="field-reasons-hint">{}</p>{}<textarea id="field-reasons" name="reasons" rows="5" aria-describedby="field-reasons-hint"{}>{}</textarea></div>)",
        reasons_error ? Html(" has-error") : Html(), context.t("assess.reasons"), context.t("assess.reasons_hint"),
        field_error(context, "reasons", reasons_error), reasons_error ? Html(R"( aria-invalid="true")") : Html(),
        form_value(values, "reasons"));
    return html::format(R"(<form method="post" action="{}/decision" id="field-assessment-id">{}<input type="hidden" name="assessment_id" value="{}">{}{}{}<button type="submit" class="button">{}</button></form>)",
                        case_url(id), html::csrf_field(context), stored.record.id,
                        choices(context, "agrees", "assess.agrees", "radio", agree_items, form_values(values, "agrees"), "",
                                find_error(errors, "agrees")),
                        choices(context, "risk", "assess.decided_risk", "radio", risk_items, form_values(values, "risk"),
                                "assess.decided_risk_hint", find_error(errors, "risk")),
                        reasons, context.t("assess.decide"));
}

Html decision_section(const Context& context, const domain::Incident& incident, const app::StoredAssessment& shown,
                      bool latest, const Form& values, const std::vector<html::FieldError>& errors) {
    Html body;
    if (shown.decision) body = decision_summary(context, *shown.decision);
    else if (!context.actor->allows(incident.org_id, domain::Action::change_status))
        body = html::format("<p>{}</p>", context.t("assess.not_decided"));
    else if (!latest) body = html::format("<p>{}</p>", context.t("assess.decision_on_latest"));
    else if (incident.status != domain::CaseStatus::assessing && incident.status != domain::CaseStatus::decided)
        body = html::format("<p>{}</p>", context.t("assess.decision_needs_status"));
    else body = decision_form(context, incident.id, shown, values, errors);
    return section("decision", html::text(context.t("assess.decision_heading")), body);
}

Html history_section(const Context& context, std::string_view id, const std::vector<app::StoredAssessment>& items) {
    Html heading = html::text(context.t("assess.history_heading"));
    if (items.empty()) return section("history", heading, html::format("<p>{}</p>", context.t("assess.no_history")));
    Html rows;
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
        const auto& r = it->record;
        Html decision = it->decision
                            ? html::format("{} · {}", label(context.lang, "assess.risk", it->decision->risk),
                                           context.t(it->decision->agrees ? "assess.decision.agrees"
                                                                          : "assess.decision.overrides"))
                            : html::text(context.t("assess.not_decided"));
        rows += html::format(R"(<tr><th scope="row"><a href="{}/assessment?v={}#result">v{}</a></th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
                             case_url(id), r.version, r.version, html::stockholm_time(r.created_at), r.created_by_name,
                             label(context.lang, "assess.risk", json_text(it->output, "risk")), decision);
    }
    return section("history", heading,
                   html::format(R"(<table><caption class="visually-hidden">{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
                                heading, context.t("assess.col.version"), context.t("assess.col.when"),
                                context.t("assess.col.who"), context.t("assess.col.recommended"),
                                context.t("assess.col.decision"), rows));
}

// --- the page ----------------------------------------------------------------------------------

struct PageState {
    std::vector<html::FieldError> errors;
    std::optional<Form> factors; // nullopt: prefilled from the case
    Form decision;
    std::string shown_id;        // the assessment to show; empty: the latest
    std::optional<int64_t> shown_version;
    std::string done; // the confirmation to show (pages_case_notice.cpp); empty: from ?done=
};

const app::StoredAssessment* pick(const std::vector<app::StoredAssessment>& items, const PageState& state) {
    for (const auto& item : items)
        if (item.record.id == state.shown_id || (state.shown_version && item.record.version == *state.shown_version))
            return &item;
    return items.empty() ? nullptr : &items.back();
}


http::Response render(Context& context, int status, PageState state) {
    std::string id(context.request.path_param("id"));
    auto history = app::list_assessments(context.app, *context.actor, id);
    if (!history) return error_page(context, history.error());
    const auto& incident = history->incident;
    const auto* shown = pick(history->items, state);
    Html body = html::error_summary(context, state.errors);
    body += state.done.empty() ? done_notice(context, incident) : done_notice(context, state.done, incident);
    body += html::format(R"(<p><a href="{}">{}</a></p>)", case_url(id), context.t("assess.back"));
    if (shown) {
        body += result_section(context, *shown);
        body += decision_section(context, incident, *shown, shown == &history->items.back(), state.decision, state.errors);
    }
    if (context.actor->allows(incident.org_id, domain::Action::change_status) && domain::is_open(incident.status)) {
        if (!state.factors) {
            auto input = app::prefilled_input(context.app, *context.actor, id);
            if (!input) return error_page(context, input.error());
            state.factors = form_from_input(*input);
        }
        body += factors_form(context, id, *state.factors, state.errors);
    }
    body += history_section(context, id, history->items);
    std::string title = fmt::format(fmt::runtime(context.t("assess.title")), fmt::arg("number", incident.case_number));
    return html::page(context, status, {title, "", std::move(body), "cases", false});
}

// Every POST: signed in (else to sign-in and back) and the form's CSRF token.
std::optional<http::Response> guard(Context& context, const Form& form) {
    if (!context.actor) {
        auto back = case_url(context.request.path_param("id")) + "/assessment";
        return http::Response::redirect("/login?next=" + http::percent_encode(back));
    }
    if (!csrf_ok(context, form_value(form, "csrf"))) return csrf_failed(context);
    return std::nullopt;
}

http::Response show(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    PageState state;
    if (auto v = context.request.query_param("v"); v && !v->empty() && v->size() < 10 &&
                                                   v->find_first_not_of("0123456789") == std::string::npos)
        state.shown_version = std::stoll(*v);
    return render(context, 200, std::move(state));
}

http::Response compute(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form)) return *stop;
    auto overrides = input_from_form(form);
    Result<app::StoredAssessment> stored = overrides ? app::run_assessment(context.app, *context.actor,
                                                                           context.request.path_param("id"), *overrides)
                                                     : std::unexpected(overrides.error());
    if (stored) {
        PageState state;
        state.factors = form_from_input(stored->input);
        state.shown_id = stored->record.id;
        state.done = "assessed";
        return render(context, 200, std::move(state));
    }
    if (stored.error().code != ErrorCode::invalid_argument) return error_page(context, stored.error());
    PageState state;
    state.errors = {field_error_of(context, stored.error())};
    state.factors = std::move(form);
    return render(context, 400, std::move(state));
}

Result<app::DecisionInput> decision_from_form(const Form& form) {
    app::DecisionInput input;
    input.assessment_id = form_value(form, "assessment_id");
    auto agrees = form_value(form, "agrees");
    if (agrees != "yes" && agrees != "no") return fail(Error::invalid("agrees", "is required"));
    input.agrees = agrees == "yes";
    if (!input.agrees) {
        auto risk = form_value(form, "risk");
        for (auto level : {da::RiskLevel::unlikely, da::RiskLevel::risk, da::RiskLevel::high})
            if (da::risk_name(level) == risk) input.risk = level;
    }
    input.reasons = form_value(form, "reasons");
    return input;
}

http::Response decide(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form)) return *stop;
    std::string id(context.request.path_param("id"));
    auto input = decision_from_form(form);
    auto recorded = input ? app::record_decision(context.app, *context.actor, id, *input)
                          : Result<app::RecordedDecision>(std::unexpected(input.error()));
    if (recorded) return http::Response::redirect(case_url(id) + "/assessment?done=decided#done");
    if (recorded.error().code != ErrorCode::invalid_argument) return error_page(context, recorded.error());
    PageState state;
    state.errors = {field_error_of(context, recorded.error())};
    state.decision = form;
    state.shown_id = form_value(form, "assessment_id");
    return render(context, 400, std::move(state));
}

} // namespace

} // namespace pages

void register_assessment_pages(Site& site) {
    site.add("GET", "/cases/{id}/assessment", pages::show);
    site.add("POST", "/cases/{id}/assessment", pages::compute);
    site.add("POST", "/cases/{id}/decision", pages::decide);
}

} // namespace skydda::web
