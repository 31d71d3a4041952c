// The case file (/cases/{id}): the full view for case workers, the reporter's view of their
// own report, the edit form and attachment downloads. The POST handlers are in
// pages_case_actions.cpp and come back here to re-render with errors. Built as html::Html
// (web/markup.hpp): every text is escaped by construction.
#include <fmt/format.h>

#include "domain/duties.hpp"
#include "domain/workflow.hpp"
#include "util/text.hpp"
#include "web/cases/case_file_parts.hpp"
#include "web/cases/cases.hpp"
#include "web/letters/letters.hpp"
#include "web/mail/mail.hpp"
#include "web/notify/notify.hpp"
#include "web/processor/processor.hpp"
#include "web/report/report.hpp"
#include "web/scans/scans.hpp"

namespace skydda::web::pages {
namespace {
using domain::Action;
using html::Html;
using namespace case_parts;

Html row(const Context& context, std::string_view key, const Html& value) {
    return html::format(R"(<div class="row"><dt>{}</dt><dd>{}</dd></div>)", context.t(key), value);
}

// The text, or the catalogue's `empty_key` (e.g. "common.not_given") when it is empty.
Html text_or(const Context& context, const std::string& text, std::string_view empty_key) {
    return html::text(text.empty() ? context.t(empty_key) : std::string_view(text));
}

Html status_row(const Context& context, const domain::Incident& incident) {
    return row(context, "case.status",
               html::format(R"(<strong class="status">{}</strong>)", status_label(context, incident.status)));
}

Html reason_row(const Context& context, const domain::Incident& incident) {
    if (incident.status_reason.empty()) return {};
    return row(context, "case.status_reason", html::format(R"(<span class="pre">{}</span>)", incident.status_reason));
}

// The top of the case for those who work it: what happened, the most urgent open duty, the
// status, the handler, and "Nästa steg".
Html overview(const Context& context, const app::CaseFile& file) {
    const auto& incident = file.incident;
    Html what = incident.facts.what_happened.empty()
                    ? html::text(context.t("common.not_given"))
                    : html::text(label(context.lang, "what_happened", incident.facts.what_happened));
    Html rows = row(context, "case.number", html::text(incident.case_number)) + row(context, "overview.what", what) +
                row(context, "overview.duty", clock_cell(context, file.duties)) + status_row(context, incident) +
                row(context, "case.handler", text_or(context, file.handler_name, "cases.no_handler")) +
                row(context, "case.organisation", html::text(file.organisation.name)) +
                row(context, "report.q.unit", text_or(context, file.unit_name, "common.not_given")) +
                row(context, "case.reporter", html::text(file.reporter_name)) +
                row(context, "case.reported_at", html::text(html::stockholm_time(incident.reported_at)));
    rows += reason_row(context, incident);
    Html steps;
    for (const auto& step : next_steps(context, incident, file.duties))
        steps += html::format(R"(<li><a href="{}">{}</a></li>)", step.href, step.text);
    Html next = steps.empty() ? html::format("<p>{}</p>", context.t("next.nothing"))
                              : html::format(R"(<ul class="next-steps">{}</ul>)", steps);
    return html::format(
        R"(<section id="overview" aria-labelledby="overview-heading"><h2 id="overview-heading" class="visually-hidden">{}</h2><dl class="summary">{}</dl><div class="panel next"><h3>{}</h3>{}</div></section>)",
        context.t("sections.overview"), rows, context.t("next.heading"), next);
}

// Links to the parts of the case page (anchors: works without JavaScript).
Html section_nav(const Context& context, const Html& body) {
    Html links;
    for (auto [id, key] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
             {"overview", "sections.overview"}, {"facts", "sections.facts"}, {"duties", "sections.assessment"},
             {"notification", "sections.notification"}, {"letters", "sections.letters"},
             {"tasks", "sections.tasks"}, {"audit", "sections.log"}}) {
        std::string marker = "id=\"";
        marker.append(id).append("\"");
        if (id == "overview" || body.str().find(marker) != std::string::npos)
            links += html::format(R"(<li><a href="#{}">{}</a></li>)", id, context.t(key));
    }
    return html::format(R"(<nav class="case-sections" aria-label="{}"><ul>{}</ul></nav>)", context.t("sections.label"), links);
}

Html header(const Context& context, const app::CaseFile& file) {
    const auto& incident = file.incident;
    Html rows = row(context, "case.number", html::text(incident.case_number)) + status_row(context, incident) +
                row(context, "case.organisation", html::text(file.organisation.name)) +
                row(context, "report.q.unit", text_or(context, file.unit_name, "common.not_given")) +
                row(context, "case.reporter", html::text(file.reporter_name)) +
                row(context, "case.reported_at", html::text(html::stockholm_time(incident.reported_at)));
    if (file.full_view) rows += row(context, "case.handler", text_or(context, file.handler_name, "cases.no_handler"));
    rows += reason_row(context, incident);
    return html::format(R"(<dl class="summary">{}</dl>)", rows);
}

Html workflow_forms(const Context& context, const app::CaseFile& file, const CaseFormState& state) {
    const auto& incident = file.incident;
    const auto& actor = *context.actor;
    std::string url = case_url(incident.id);
    Html out;
    if (incident.status == domain::CaseStatus::reported && actor.allows(incident.org_id, Action::register_case)) {
        auto select = [&](const Html& attrs) {
            return html::format(R"(<select {} name="handler">{}</select>)", attrs,
                                user_options(context, file.handlers, "", "case.handler_later"));
        };
        // Kännedom is confirmed at registration: prefilled with the time the clock runs from now.
        auto aware_value = form_value(state.values, "aware_at");
        if (aware_value.empty() && !find_error(state.errors, "aware_at"))
            aware_value = format_stockholm_local_input(file.duties.aware.at);
        auto aware_input = [&](const Html& attrs) {
            return html::format(R"(<input type="datetime-local" {} name="aware_at" value="{}">)", attrs, aware_value);
        };
        auto aware_reason = [&](const Html& attrs) {
            return html::format(R"(<textarea {} name="aware_reason" rows="2">{}</textarea>)", attrs,
                                form_value(state.values, "aware_reason"));
        };
        std::string_view source_key = file.duties.aware.source == domain::AwarenessSource::given ? "register.aware_given"
                                      : file.duties.aware.source == domain::AwarenessSource::discovered
                                          ? "register.aware_discovered"
                                          : "register.aware_reported";
        out += section("register", context.t("case.register_heading"),
                       html::format(R"(<p>{}</p><form method="post" action="{}/register">{}{}<fieldset><legend>{}</legend><p>{}</p>{}{}</fieldset>{}<button type="submit" class="button">{}</button></form>)",
                                    context.t("case.register_text"), url, html::csrf_field(context), version_field(incident),
                                    context.t("register.aware_legend"), context.t(source_key),
                                    field(context, state, "aware_at", html::field_id("aware_at"), "register.aware_at", "register.aware_at_hint", aware_input),
                                    field(context, state, "aware_reason", html::field_id("aware_reason"), "register.aware_reason", "register.aware_reason_hint", aware_reason),
                                    field(context, state, "register_handler", "field-register-handler", "case.handler_optional", "", select),
                                    context.t("case.register_button")));
    }
    if (incident.status != domain::CaseStatus::reported && actor.allows(incident.org_id, Action::assign)) {
        auto select = [&](const Html& attrs) {
            return html::format(R"(<select {} name="handler">{}</select>)", attrs,
                                user_options(context, file.handlers, incident.handler_id, "case.handler_choose"));
        };
        out += section("assign", context.t("case.assign_heading"),
                       html::format(R"(<form method="post" action="{}/assign">{}{}<button type="submit" class="button secondary">{}</button></form>)",
                                    url, html::csrf_field(context),
                                    field(context, state, "handler", "field-handler", "case.handler", "", select),
                                    context.t("case.assign_button")));
    }
    if (actor.allows(incident.org_id, Action::change_status)) {
        Html buttons;
        for (auto to : domain::next_statuses(incident.status)) {
            if (to == domain::CaseStatus::registered) continue;
            std::string key = fmt::format("case.to.{}", domain::status_name(to));
            if (!domain::is_open(incident.status)) key = "case.to.reopen";
            buttons += html::format(R"(<button type="submit" name="to" value="{}" class="button secondary">{}</button> )",
                                    domain::status_name(to), context.t(key));
        }
        if (!buttons.empty()) {
            auto textarea = [&](const Html& attrs) {
                return html::format(R"(<textarea {} name="reason" rows="3">{}</textarea>)", attrs,
                                    form_value(state.values, "reason"));
            };
            out += section("status", context.t("case.status_heading"),
                           html::format(R"(<form method="post" action="{}/status">{}{}{}<div class="actions">{}</div></form>)", url,
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
    Html body = html::error_summary(context, state.errors);
    body += done_notice(context, incident);
    std::string title = fmt::format("{} {}", incident.case_number, incident.facts.title);
    if (!file->full_view) {
        body += header(context, *file);
        body += html::format(R"(<p class="lead">{}</p>)", context.t("case.reporter_intro"));
        body += questions_section(context, *file, state);
        body += section("facts", context.t("case.your_report"),
                        facts_summary(context, incident.facts, file->unit_name, true));
        body += attachments_section(context, *file, state);
        return html::page(context, status, {title, "", std::move(body), "mine", false});
    }
    Html rest = clock_box(context, incident, file->duties);
    rest += duties_section(context, incident, file->duties);
    rest += html::format(R"(<p><a class="button secondary" href="{}/assessment">{}</a></p>)", case_url(incident.id),
                         context.t("case.assessment_link"));
    body += overview(context, *file);
    rest += workflow_forms(context, *file, state);
    rest += notification_section(context, *file);
    Html facts = facts_summary(context, incident.facts, file->unit_name);
    if (context.actor->allows(incident.org_id, Action::edit_facts) && domain::is_open(incident.status))
        facts += html::format(R"(<p><a class="button secondary" href="{}/edit">{}</a></p>)", case_url(incident.id),
                              context.t("case.edit_facts"));
    rest += section("facts", context.t("case.facts_heading"), facts);
    rest += questions_section(context, *file, state);
    rest += notes_section(context, *file, state);
    rest += tasks_section(context, *file, state);
    rest += attachments_section(context, *file, state);
    rest += scans_section(context, *file);
    rest += letters_section(context, *file);
    rest += processor_section(context, *file, state);
    rest += case_mail_section(context, *file);
    rest += recent_events_section(context, *file);
    body += section_nav(context, rest) + rest;
    return html::page(context, status, {title, "", std::move(body), "cases", false});
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
    // Changing kännedom moves the clock: the reason goes into the log (App::update_facts).
    Html hidden = version_field(incident);
    hidden += html::labelled_control(
        context, {html::field_id("aware_reason"), context.t("edit.aware_reason"), context.t("edit.aware_reason_hint"),
                  find_error(view.errors, "aware_reason")},
        [&](const Html& attrs) {
            return html::format(R"(<textarea {} name="aware_reason" rows="2">{}</textarea>)", attrs,
                                form_value(values, "aware_reason"));
        });
    view.extra_hidden = std::move(hidden);
    Html body;
    if (stale) {
        body += html::error_summary(context, view.errors);
        view.errors.clear();
        body += html::format(R"(<section class="panel current" id="field-version" aria-labelledby="current-heading"><h2 id="current-heading">{}</h2><p>{}</p>{}</section>)",
                             context.t("edit.current_heading"), context.t("edit.current_text"),
                             facts_summary(context, incident.facts, file.unit_name));
        body += html::format(R"(<h2>{}</h2>)", context.t("edit.yours_heading"));
    }
    body += html::format(R"(<p><a href="{}">{}</a></p>)", case_url(incident.id), context.t("edit.back"));
    body += report_form(context, view);
    std::string title = fmt::format(fmt::runtime(context.t("edit.title")), fmt::arg("number", incident.case_number));
    return html::page(context, status, {title, "", std::move(body), "cases", false});
}

void register_case_file(Site& site) {
    site.add("GET", "/cases/{id}", show_case);
    site.add("GET", "/cases/{id}/edit", show_edit);
    site.add("GET", "/cases/{id}/attachments/{aid}", download);
}

} // namespace skydda::web::pages
