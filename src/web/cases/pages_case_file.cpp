// The case file (/cases/{id}): the full view for case workers, the reporter's view of their
// own report, the edit form and attachment downloads. The POST handlers are in
// pages_case_actions.cpp and come back here to re-render with errors.
#include <fmt/format.h>

#include "domain/duties.hpp"
#include "domain/workflow.hpp"
#include "util/text.hpp"
#include "web/cases/case_file_parts.hpp"
#include "web/pages.hpp"

namespace skydda::web::pages {
namespace {
using domain::Action;
using namespace case_parts;


// The top of the case for those who work it: what happened, the most urgent open duty, the
// status, the handler, and "Nästa steg".
std::string overview(const Context& context, const app::CaseFile& file) {
    const auto& incident = file.incident;
    auto row = [&](std::string_view key, const std::string& value) {
        return fmt::format(R"(<div class="row"><dt>{}</dt><dd>{}</dd></div>)", tx(context, key), value);
    };
    std::string what = incident.facts.what_happened.empty()
                           ? tx(context, "common.not_given")
                           : esc(label(context.lang, "what_happened", incident.facts.what_happened));
    std::string rows = row("case.number", esc(incident.case_number)) + row("overview.what", what) +
                       row("overview.duty", clock_cell(context, file.duties)) +
                       row("case.status", fmt::format(R"(<strong class="status">{}</strong>)", status_label(context, incident.status))) +
                       row("case.handler", file.handler_name.empty() ? tx(context, "cases.no_handler") : esc(file.handler_name)) +
                       row("case.organisation", esc(file.organisation.name)) +
                       row("report.q.unit", file.unit_name.empty() ? tx(context, "common.not_given") : esc(file.unit_name)) +
                       row("case.reporter", esc(file.reporter_name)) +
                       row("case.reported_at", esc(html::stockholm_time(incident.reported_at)));
    if (!incident.status_reason.empty())
        rows += row("case.status_reason", fmt::format(R"(<span class="pre">{}</span>)", esc(incident.status_reason)));
    std::string steps;
    for (const auto& step : next_steps(context, incident, file.duties))
        steps += fmt::format(R"(<li><a href="{}">{}</a></li>)", esc(step.href), esc(step.text));
    std::string next = steps.empty() ? fmt::format("<p>{}</p>", tx(context, "next.nothing"))
                                     : fmt::format(R"(<ul class="next-steps">{}</ul>)", steps);
    return fmt::format(
        R"(<section id="overview" aria-labelledby="overview-heading"><h2 id="overview-heading" class="visually-hidden">{}</h2><dl class="summary">{}</dl><div class="panel next"><h3>{}</h3>{}</div></section>)",
        tx(context, "sections.overview"), rows, tx(context, "next.heading"), next);
}

// Links to the parts of the case page (anchors: works without JavaScript).
std::string section_nav(const Context& context, const std::string& body) {
    std::string links;
    for (auto [id, key] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
             {"overview", "sections.overview"}, {"facts", "sections.facts"}, {"duties", "sections.assessment"},
             {"notification", "sections.notification"}, {"letters", "sections.letters"},
             {"tasks", "sections.tasks"}, {"audit", "sections.log"}})
        if (id == "overview" || body.find(fmt::format(R"(id="{}")", id)) != std::string::npos)
            links += fmt::format(R"(<li><a href="#{}">{}</a></li>)", id, tx(context, key));
    return fmt::format(R"(<nav class="case-sections" aria-label="{}"><ul>{}</ul></nav>)", tx(context, "sections.label"), links);
}

std::string header(const Context& context, const app::CaseFile& file) {
    const auto& incident = file.incident;
    auto row = [&](std::string_view key, const std::string& value) {
        return fmt::format(R"(<div class="row"><dt>{}</dt><dd>{}</dd></div>)", tx(context, key), value);
    };
    std::string rows = row("case.number", esc(incident.case_number)) +
                       row("case.status", fmt::format(R"(<strong class="status">{}</strong>)", status_label(context, incident.status))) +
                       row("case.organisation", esc(file.organisation.name)) +
                       row("report.q.unit", file.unit_name.empty() ? tx(context, "common.not_given") : esc(file.unit_name)) +
                       row("case.reporter", esc(file.reporter_name)) +
                       row("case.reported_at", esc(html::stockholm_time(incident.reported_at)));
    if (file.full_view)
        rows += row("case.handler", file.handler_name.empty() ? tx(context, "cases.no_handler") : esc(file.handler_name));
    if (!incident.status_reason.empty())
        rows += row("case.status_reason", fmt::format(R"(<span class="pre">{}</span>)", esc(incident.status_reason)));
    return R"(<dl class="summary">)" + rows + "</dl>";
}


std::string workflow_forms(const Context& context, const app::CaseFile& file, const CaseFormState& state) {
    const auto& incident = file.incident;
    const auto& actor = *context.actor;
    std::string url = case_url(incident.id);
    std::string out;
    if (incident.status == domain::CaseStatus::reported && actor.allows(incident.org_id, Action::register_case)) {
        std::string select = fmt::format(R"(<select {{attrs}} name="handler">{}</select>)",
                                         user_options(context, file.handlers, "", "case.handler_later"));
        // Kännedom is confirmed at registration: prefilled with the time the clock runs from now.
        auto aware_value = form_value(state.values, "aware_at");
        if (aware_value.empty() && !find_error(state.errors, "aware_at"))
            aware_value = format_stockholm_local_input(file.duties.aware.at);
        std::string aware_input = fmt::format(R"(<input type="datetime-local" {{attrs}} name="aware_at" value="{}">)",
                                              esc(aware_value));
        std::string aware_reason = fmt::format(R"(<textarea {{attrs}} name="aware_reason" rows="2">{}</textarea>)",
                                               esc(form_value(state.values, "aware_reason")));
        std::string source_key = file.duties.aware.source == domain::AwarenessSource::given      ? "register.aware_given"
                                 : file.duties.aware.source == domain::AwarenessSource::discovered ? "register.aware_discovered"
                                                                                                 : "register.aware_reported";
        out += section("register", tx(context, "case.register_heading"),
                       fmt::format(R"(<p>{}</p><form method="post" action="{}/register">{}{}<fieldset><legend>{}</legend><p>{}</p>{}{}</fieldset>{}<button type="submit" class="button">{}</button></form>)",
                                   tx(context, "case.register_text"), url, html::csrf_field(context), version_field(incident),
                                   tx(context, "register.aware_legend"), tx(context, source_key),
                                   field(context, state, "aware_at", "field-aware_at", "register.aware_at", "register.aware_at_hint", aware_input),
                                   field(context, state, "aware_reason", "field-aware_reason", "register.aware_reason", "register.aware_reason_hint", aware_reason),
                                   field(context, state, "register_handler", "field-register-handler", "case.handler_optional", "", select),
                                   tx(context, "case.register_button")));
    }
    if (incident.status != domain::CaseStatus::reported && actor.allows(incident.org_id, Action::assign)) {
        std::string select = fmt::format(R"(<select {{attrs}} name="handler">{}</select>)",
                                         user_options(context, file.handlers, incident.handler_id, "case.handler_choose"));
        out += section("assign", tx(context, "case.assign_heading"),
                       fmt::format(R"(<form method="post" action="{}/assign">{}{}<button type="submit" class="button secondary">{}</button></form>)",
                                   url, html::csrf_field(context),
                                   field(context, state, "handler", "field-handler", "case.handler", "", select),
                                   tx(context, "case.assign_button")));
    }
    if (actor.allows(incident.org_id, Action::change_status)) {
        std::string buttons;
        for (auto to : domain::next_statuses(incident.status)) {
            if (to == domain::CaseStatus::registered) continue;
            std::string key = fmt::format("case.to.{}", domain::status_name(to));
            if (!domain::is_open(incident.status)) key = "case.to.reopen";
            buttons += fmt::format(R"(<button type="submit" name="to" value="{}" class="button secondary">{}</button> )",
                                   domain::status_name(to), tx(context, key));
        }
        if (!buttons.empty()) {
            std::string textarea = fmt::format(R"(<textarea {{attrs}} name="reason" rows="3">{}</textarea>)",
                                               esc(form_value(state.values, "reason")));
            out += section("status", tx(context, "case.status_heading"),
                           fmt::format(R"(<form method="post" action="{}/status">{}{}{}<div class="actions">{}</div></form>)", url,
                                       html::csrf_field(context), version_field(incident),
                                       field(context, state, "reason", "field-reason", "case.reason", "case.reason_hint", textarea),
                                       buttons));
        }
    }
    return out;
}


http::Response show_case(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    return render_case_file(context, context.request.path_param("id"), 200, {});
}

http::Response show_edit(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto file = context.app.open_case(*context.actor, context.request.path_param("id"));
    if (!file) return error_page(context, file.error());
    if (!file->full_view || !context.actor->allows(file->incident.org_id, Action::edit_facts))
        return error_page(context, Error::denied());
    if (!domain::is_open(file->incident.status)) return error_page(context, Error::conflict("closed"));
    return render_edit_form(context, *file, 200, form_from_facts(file->incident.facts), {}, false);
}

http::Response download(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto attachment = context.app.get_attachment(*context.actor, context.request.path_param("aid"),
                                                 context.request.path_param("id"));
    if (!attachment) return error_page(context, attachment.error());
    auto response = http::Response::text(200, std::move(attachment->data), attachment->content_type);
    response.set_header("Content-Disposition",
                        "attachment; filename*=UTF-8''" + http::percent_encode(attachment->filename));
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("Cache-Control", "no-store");
    response.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
    return response;
}

} // namespace

std::string case_error_text(const Context& context, const Error& error) {
    if (error.code != ErrorCode::invalid_argument) return error_message(context, error);
    if (error.message.starts_with(text::k_control_character_error)) return std::string(context.t("page.error.control"));
    std::string field = error.field;
    if (field == "file" && error.message.starts_with("has a file name")) field = "file_name";
    if (field.starts_with("answer")) field = "answer";
    std::string key = "case.error." + field;
    if (has_message(key)) return std::string(context.t(key));
    return std::string(context.t("page.error.invalid"));
}

http::Response render_case_file(Context& context, std::string_view id, int status, const CaseFormState& state) {
    auto file = context.app.open_case(*context.actor, id);
    if (!file) return error_page(context, file.error());
    const auto& incident = file->incident;
    std::string body = html::error_summary(context, state.errors).str();
    body += done_notice(context, incident);
    std::string title = fmt::format("{} {}", incident.case_number, incident.facts.title);
    if (!file->full_view) {
        body += header(context, *file);
        body += fmt::format(R"(<p class="lead">{}</p>)", tx(context, "case.reporter_intro"));
        body += questions_section(context, *file, state);
        body += section("facts", tx(context, "case.your_report"), facts_summary(context, incident.facts, file->unit_name, true));
        body += attachments_section(context, *file, state);
        return html::page(context, status, {title, "", unconverted(body), "mine", false});
    }
    std::string parts = clock_box(context, incident, file->duties);
    parts += duties_section(context, incident, file->duties);
    parts += fmt::format(R"(<p><a class="button secondary" href="{}/assessment">{}</a></p>)", case_url(incident.id),
                         tx(context, "case.assessment_link"));
    body += overview(context, *file);
    std::string& rest = parts;
    rest += workflow_forms(context, *file, state);
    rest += notification_section(context, *file);
    std::string facts = facts_summary(context, incident.facts, file->unit_name);
    if (context.actor->allows(incident.org_id, Action::edit_facts) && domain::is_open(incident.status))
        facts += fmt::format(R"(<p><a class="button secondary" href="{}/edit">{}</a></p>)", case_url(incident.id),
                             tx(context, "case.edit_facts"));
    rest += section("facts", tx(context, "case.facts_heading"), facts);
    rest += questions_section(context, *file, state);
    rest += notes_section(context, *file, state);
    rest += tasks_section(context, *file, state);
    rest += attachments_section(context, *file, state);
    rest += scans_section(context, *file).str();
    rest += letters_section(context, *file);
    rest += processor_section(context, *file, state).str();
    rest += case_mail_section(context, *file).str();
    rest += recent_events_section(context, *file);
    body += section_nav(context, rest) + rest;
    return html::page(context, status, {title, "", unconverted(body), "cases", false});
}

http::Response render_edit_form(Context& context, const app::CaseFile& file, int status, const Form& values,
                                std::vector<html::FieldError> errors, bool stale) {
    const auto& incident = file.incident;
    auto units = context.app.units_of(*context.actor, incident.org_id);
    ReportFormView view;
    view.action = case_url(incident.id) + "/edit";
    view.submit_key = "edit.save";
    view.values = &values;
    view.errors = std::move(errors);
    view.orgs = {{file.organisation, units ? *units : std::vector<domain::Unit>{}}};
    view.choose_org = false;
    view.extra_hidden = version_field(incident);
    // Changing kännedom moves the clock: the reason goes into the log (App::update_facts).
    const auto* reason_error = find_error(view.errors, "aware_reason");
    view.extra_hidden += fmt::format(
        R"(<div class="field{}" id="aware-reason"><label for="field-aware_reason">{}</label><p class="hint" id="field-aware_reason-hint">{}</p>{}<textarea id="field-aware_reason" name="aware_reason" rows="2" aria-describedby="field-aware_reason-hint{}">{}</textarea></div>)",
        reason_error ? " error" : "", tx(context, "edit.aware_reason"), tx(context, "edit.aware_reason_hint"),
        reason_error ? field_error_line(context, "aware_reason", reason_error->message).str() : std::string(),
        reason_error ? " field-aware_reason-error" : "", esc(form_value(values, "aware_reason")));
    std::string body;
    if (stale) {
        body += html::error_summary(context, view.errors).str();
        view.errors.clear();
        body += fmt::format(R"(<section class="panel current" id="field-version" aria-labelledby="current-heading"><h2 id="current-heading">{}</h2><p>{}</p>{}</section>)",
                            tx(context, "edit.current_heading"), tx(context, "edit.current_text"),
                            facts_summary(context, incident.facts, file.unit_name));
        body += fmt::format(R"(<h2>{}</h2>)", tx(context, "edit.yours_heading"));
    }
    body += fmt::format(R"(<p><a href="{}">{}</a></p>)", case_url(incident.id), tx(context, "edit.back"));
    body += report_form(context, view);
    std::string title = fmt::format(fmt::runtime(context.t("edit.title")), fmt::arg("number", incident.case_number));
    return html::page(context, status, {title, "", unconverted(body), "cases", false});
}

void register_case_file(Site& site) {
    site.add("GET", "/cases/{id}", show_case);
    site.add("GET", "/cases/{id}/edit", show_edit);
    site.add("GET", "/cases/{id}/attachments/{aid}", download);
}

} // namespace skydda::web::pages
