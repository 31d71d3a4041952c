// The reporting e-service: the form, "check your answers", submit, the receipt and the
// printable question list (the routine's "bilaga").
#include "web/report/report.hpp"

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
    html::Html body = html::format(R"(<p>{}</p><p>{} <a href="/report/questions">{}</a></p>)", context.t("form.what_is"),
                                   context.t("report.intro"), context.t("report.questions_link"));
    body += report_form(context, view);
    std::string title = std::string(context.t("report.title"));
    if (!view.errors.empty()) title = std::string(context.t("page.error.title_prefix")) + title;
    return html::page(context, status, {title, std::string(context.t("report.title")), std::move(body), "report", true});
}

// Re-renders the form with the fields at fault marked.
http::Response form_with_errors(Context& context, const Form& values, const std::vector<Error>& errors) {
    std::vector<html::FieldError> fields;
    for (const auto& error : errors) {
        if (error.code != ErrorCode::invalid_argument) return error_page(context, error);
        std::string field = error.field.empty() ? "title" : error.field;
        // The unit box decides the organisation: an error about the organisation lands there.
        fields.push_back({field == "org" ? "unit" : field, report_error_text(context, error)});
    }
    return render_form(context, 400, values, std::move(fields));
}

http::Response form_with_error(Context& context, const Form& values, const Error& error) {
    return form_with_errors(context, values, {error});
}

// Where the report belongs: the organisation follows from the unit chosen ("unit" is a unit's
// id, or "org:<id>" for "another unit, or I don't know" in that organisation). An explicit "org"
// (a single-organisation form, or a script) must agree with the unit. With several
// organisations and nothing chosen the reporter is asked: none is taken by default.
struct Place {
    std::string org_id, org_name, unit_id, unit_name;
};

Result<Place> place_of(const std::vector<OrgUnits>& orgs, const Form& form) {
    std::string unit = form_value(form, "unit"), org = form_value(form, "org");
    auto find_org = [&](std::string_view id) -> const OrgUnits* {
        for (const auto& candidate : orgs)
            if (candidate.organisation.id == id) return &candidate;
        return nullptr;
    };
    const OrgUnits* found = nullptr;
    Place place;
    if (unit.starts_with("org:")) {
        found = find_org(std::string_view(unit).substr(4));
        if (!found) return fail(Error::invalid("unit", "is not an organisation you may report in"));
    } else if (!unit.empty()) {
        for (const auto& candidate : orgs)
            for (const auto& known : candidate.units)
                if (known.id == unit) {
                    found = &candidate;
                    place.unit_id = known.id;
                    place.unit_name = known.name;
                }
        if (!found) return fail(Error::invalid("unit", "is not a unit of your organisations"));
    } else if (!org.empty()) {
        found = find_org(org);
        if (!found) return fail(Error::invalid("org", "you are not a member of that organisation"));
    } else if (orgs.size() == 1) {
        found = &orgs.front(); // its name is on the form: "Du rapporterar för …"
    } else {
        return fail(Error::invalid("unit", "choose the unit (or the organisation) where it happened"));
    }
    if (!org.empty() && org != found->organisation.id)
        return fail(Error::invalid("unit", "is not in the organisation chosen"));
    place.org_id = found->organisation.id;
    place.org_name = found->organisation.name;
    return place;
}

// The form with the place resolved, for decoding the facts ("unit" a unit id or absent).
Form with_place(Form form, const Place& place) {
    std::erase_if(form, [](const auto& pair) { return pair.first == "unit" || pair.first == "org"; });
    form.emplace_back("org", place.org_id);
    if (!place.unit_id.empty()) form.emplace_back("unit", place.unit_id);
    return form;
}

struct Report {
    Place place;
    domain::IncidentFacts facts;
};

// The place and the facts of a posted report. The place's error and the facts' first error come
// back together in `errors`, so the reporter sees both at once.
Result<Report> read_report(Context& context, const Form& form, std::vector<Error>& errors) {
    auto orgs = report_orgs(context);
    if (!orgs) return fail(orgs.error());
    auto place = place_of(*orgs, form);
    if (!place) errors.push_back(place.error());
    auto facts = facts_from_form(context, place ? with_place(form, *place) : form);
    if (!facts) errors.push_back(facts.error());
    if (!errors.empty()) return fail(errors.front());
    return Report{std::move(*place), std::move(*facts)};
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
    std::vector<Error> errors;
    auto report = read_report(context, form, errors);
    if (!report) return errors.empty() ? error_page(context, report.error()) : form_with_errors(context, form, errors);
    html::Html body = html::format(R"(<p>{}</p>)", context.t("check.intro"));
    body += html::format(R"(<dl class="summary"><div class="row"><dt>{}</dt><dd>{}</dd></div></dl>)",
                         context.t("report.q.org"), report->place.org_name);
    body += facts_summary(context, report->facts, report->place.unit_name, true);
    body += html::format(R"(<h2>{}</h2><p>{}</p>)", context.t("check.send_heading"), context.t("check.send_text"));
    body += html::format(R"(<form method="post" action="/report/submit">{}{}<div class="actions"><button type="submit" class="button">{}</button> <button type="submit" class="button secondary" formaction="/report">{}</button></div></form>)",
                         html::csrf_field(context), hidden_fields(form), context.t("check.submit"),
                         context.t("check.change"));
    return html::page(context, 200, {std::string(context.t("check.title")), "", std::move(body), "report", true});
}

http::Response submit_report(Context& context) {
    auto form = read_form(context);
    if (auto stop = post_guard(context, form)) return *stop;
    std::vector<Error> errors;
    auto report = read_report(context, form, errors);
    if (!report) return errors.empty() ? error_page(context, report.error()) : form_with_errors(context, form, errors);
    auto incident = context.app.report_incident(*context.actor, report->place.org_id, std::move(report->facts));
    if (!incident) return form_with_error(context, form, incident.error());
    return http::Response::redirect("/report/receipt/" + http::percent_encode(incident->id));
}

http::Response receipt(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto file = context.app.open_case(*context.actor, context.request.path_param("id"));
    if (!file) return error_page(context, file.error());
    const auto& incident = file->incident;
    html::Html body = html::format(
        R"(<div class="panel confirmation"><p>{}</p><p class="case-number"><strong>{}</strong></p></div>)",
        context.t("receipt.case_number"), incident.case_number);
    body += html::format(R"(<p>{}</p>)", context.t("receipt.saved"));
    body += html::format(R"(<h2>{}</h2><ol class="steps"><li>{}</li><li>{}</li><li>{}</li><li>{}</li></ol>)",
                         context.t("receipt.next_heading"), context.t("receipt.next_registrar"),
                         context.t("receipt.next_dpo"), context.t("receipt.next_clock"),
                         context.t("receipt.next_questions"));
    body += html::format(R"(<p><a class="button" href="/cases/{}">{}</a> <a href="/my">{}</a></p>)",
                         http::percent_encode(incident.id), context.t("receipt.follow"), context.t("receipt.all_mine"));
    return html::page(context, 200, {std::string(context.t("receipt.title")), "", std::move(body), "report", true});
}

http::Response questions(Context& context) {
    html::Html body = question_list(context);
    body += html::format(R"(<p class="no-print"><a href="/report">{}</a></p>)", context.t("questions.to_form"));
    return html::page(context, 200, {std::string(context.t("questions.title")), "", std::move(body), "report", true});
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
