// The reporting e-service: the form, "check your answers", submit, the receipt and the
// printable question list (the routine's "bilaga").
#include <fmt/format.h>

#include "web/pages.hpp"

namespace skydda::web::pages {
namespace {

http::Response render_form(Context& context, int status, const Form& values, std::vector<html::FieldError> errors) {
    auto orgs = report_orgs(context);
    if (!orgs) return error_page(context, orgs.error());
    if (orgs->empty()) return error_page(context, Error::denied());
    ReportFormView view;
    view.action = "/report/check";
    view.submit_key = "report.continue";
    view.values = &values;
    view.errors = std::move(errors);
    view.orgs = std::move(*orgs);
    std::string body = fmt::format(R"(<p>{} <a href="/report/questions">{}</a></p>)", tx(context, "report.intro"),
                                   tx(context, "report.questions_link"));
    body += report_form(context, view);
    std::string title = std::string(context.t("report.title"));
    if (!view.errors.empty()) title = std::string(context.t("page.error.title_prefix")) + title;
    return html::page(context, status, {title, std::string(context.t("report.title")), body, "report", true});
}

// Re-renders the form with the field at fault marked.
http::Response form_with_error(Context& context, const Form& values, const Error& error) {
    if (error.code != ErrorCode::invalid_argument) return error_page(context, error);
    std::string field = error.field.empty() ? "title" : error.field;
    return render_form(context, 400, values, {{field, report_error_text(context, error)}});
}

std::string org_of(const Context& context, const Form& form) {
    auto org = form_value(form, "org");
    if (!org.empty()) return org;
    auto ids = context.actor->org_ids();
    return ids.size() == 1 ? ids.front() : std::string();
}

std::string unit_name_in(const std::vector<OrgUnits>& orgs, std::string_view unit_id) {
    for (const auto& org : orgs)
        for (const auto& unit : org.units)
            if (unit.id == unit_id) return unit.name;
    return {};
}

// Guards every POST: signed in and the session's CSRF token.
std::optional<http::Response> post_guard(Context& context, const Form& form) {
    if (auto redirect = require_sign_in(context)) return redirect;
    if (!csrf_ok(context, form_value(form, "csrf"))) return csrf_failed(context);
    return std::nullopt;
}

http::Response show_form(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    return render_form(context, 200, {}, {});
}

// "Ändra" from the check page: the form again, filled in.
http::Response change_answers(Context& context) {
    auto form = read_form(context);
    if (auto stop = post_guard(context, form)) return *stop;
    return render_form(context, 200, form, {});
}

http::Response check_answers(Context& context) {
    auto form = read_form(context);
    if (auto stop = post_guard(context, form)) return *stop;
    auto facts = facts_from_form(context, form);
    if (!facts) return form_with_error(context, form, facts.error());
    auto org_id = org_of(context, form);
    if (org_id.empty() || !context.actor->member_of(org_id))
        return form_with_error(context, form, Error::invalid("org", "choose an organisation"));
    auto orgs = report_orgs(context);
    if (!orgs) return error_page(context, orgs.error());
    std::string org_name;
    for (const auto& org : *orgs)
        if (org.organisation.id == org_id) org_name = org.organisation.name;
    if (!facts->unit_id.empty()) {
        bool unit_in_org = false;
        for (const auto& org : *orgs)
            for (const auto& unit : org.units)
                if (org.organisation.id == org_id && unit.id == facts->unit_id) unit_in_org = true;
        if (!unit_in_org) return form_with_error(context, form, Error::invalid("unit", "not in that organisation"));
    }
    std::string body = fmt::format(R"(<p>{}</p>)", tx(context, "check.intro"));
    body += fmt::format(R"(<dl class="summary"><div class="row"><dt>{}</dt><dd>{}</dd></div></dl>)",
                        tx(context, "report.q.org"), esc(org_name));
    body += facts_summary(context, *facts, unit_name_in(*orgs, facts->unit_id));
    body += fmt::format(R"(<h2>{}</h2><p>{}</p>)", tx(context, "check.send_heading"), tx(context, "check.send_text"));
    body += fmt::format(R"(<form method="post" action="/report/submit">{}{}<div class="actions"><button type="submit" class="button">{}</button> <button type="submit" class="button secondary" formaction="/report">{}</button></div></form>)",
                        html::csrf_field(context), hidden_fields(form), tx(context, "check.submit"),
                        tx(context, "check.change"));
    return html::page(context, 200, {std::string(context.t("check.title")), "", body, "report", true});
}

http::Response submit_report(Context& context) {
    auto form = read_form(context);
    if (auto stop = post_guard(context, form)) return *stop;
    auto facts = facts_from_form(context, form);
    if (!facts) return form_with_error(context, form, facts.error());
    auto org_id = org_of(context, form);
    auto incident = context.app.report_incident(*context.actor, org_id, std::move(*facts));
    if (!incident) return form_with_error(context, form, incident.error());
    return http::Response::redirect("/report/receipt/" + http::percent_encode(incident->id));
}

http::Response receipt(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto file = context.app.open_case(*context.actor, context.request.path_param("id"));
    if (!file) return error_page(context, file.error());
    const auto& incident = file->incident;
    std::string body = fmt::format(
        R"(<div class="panel confirmation"><p>{}</p><p class="case-number"><strong>{}</strong></p></div>)",
        tx(context, "receipt.case_number"), esc(incident.case_number));
    body += fmt::format(R"(<p>{}</p>)", tx(context, "receipt.saved"));
    body += fmt::format(R"(<h2>{}</h2><ol class="steps"><li>{}</li><li>{}</li><li>{}</li><li>{}</li></ol>)",
                        tx(context, "receipt.next_heading"), tx(context, "receipt.next_registrar"),
                        tx(context, "receipt.next_dpo"), tx(context, "receipt.next_clock"),
                        tx(context, "receipt.next_questions"));
    body += fmt::format(R"(<p><a class="button" href="/cases/{}">{}</a> <a href="/my">{}</a></p>)",
                        http::percent_encode(incident.id), tx(context, "receipt.follow"), tx(context, "receipt.all_mine"));
    return html::page(context, 200, {std::string(context.t("receipt.title")), "", body, "report", true});
}

http::Response questions(Context& context) {
    std::string body = question_list(context);
    body += fmt::format(R"(<p class="no-print"><a href="/report">{}</a></p>)", tx(context, "questions.to_form"));
    return html::page(context, 200, {std::string(context.t("questions.title")), "", body, "report", true});
}

} // namespace

void register_report(Site& site) {
    site.add("GET", "/report", show_form);
    site.add("POST", "/report", change_answers);
    site.add("POST", "/report/check", check_answers);
    site.add("POST", "/report/submit", submit_report);
    site.add("GET", "/report/receipt/{id}", receipt);
    site.add("GET", "/report/questions", questions);
}

} // namespace skydda::web::pages
