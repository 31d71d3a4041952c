// web/report/: the reporting e-service (/report) and its form, which the case's edit page reuses.
#pragma once

#include "web/pages.hpp"

namespace skydda::web::pages {

void register_report(Site& site); // pages_report.cpp: /report, its check page and the question list

// Decodes the form's fields into the API's JSON shape (times from datetime-local in
// Europe/Stockholm). Errors name the field.
Result<boost::json::object> facts_json_from_form(const Form& form);
// facts_json_from_form + domain::facts_from_json + domain::validate_facts.
Result<domain::IncidentFacts> facts_from_form(const Context& context, const Form& form);
// The form fields that show `facts` (for editing).
Form form_from_facts(const domain::IncidentFacts& facts);
// The user's words for an invalid field, from the catalogue.
std::string report_error_text(const Context& context, const Error& error);

struct OrgUnits {
    domain::Organisation organisation;
    std::vector<domain::Unit> units;
};

struct ReportFormView {
    std::string action;          // where the form posts
    std::string submit_key;      // catalogue key of the button
    const Form* values = nullptr;
    std::vector<html::FieldError> errors;
    std::vector<OrgUnits> orgs;  // the reporter's: every organisation's units, grouped
    // true: the reporter's form (/report): the unit chosen decides the organisation and only the
    // questions an employee can answer are asked; false when editing: the org is fixed and the
    // handler is asked everything.
    bool choose_org = true;
    html::Html extra_hidden;     // e.g. the version when editing
};
html::Html report_form(const Context& context, const ReportFormView& view);
// Everything the reporter answered, as a <dl>.
// `reporters_questions`: only what the reporter's form asks (the check page), not the handler's.
html::Html facts_summary(const Context& context, const domain::IncidentFacts& facts, std::string_view unit_name,
                         bool reporters_questions = false);
// The printable question list: every question and every option.
html::Html question_list(const Context& context);
// The organisations and units the actor may report in.
Result<std::vector<OrgUnits>> report_orgs(Context& context);

} // namespace skydda::web::pages
