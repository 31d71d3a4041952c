// Internal helpers shared by the HTML pages (pages_*.cpp): form decoding, the report form and
// its summary (used by /report and /cases/{id}/edit), code labels and the 72-hour clock cell.
// Not part of the web layer's interface: only the page files include this.
#pragma once
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/app.hpp"
#include "domain/incident.hpp"
#include "domain/records.hpp"
#include "web/html.hpp"
#include "web/markup.hpp"
#include "web/site.hpp"

namespace skydda::web {
void register_assessment_pages(Site& site); // pages_assessment.cpp
}

namespace skydda::web::pages {

// A decoded form or query: name/value pairs in order; a name may repeat (checkboxes).
using Form = std::vector<std::pair<std::string, std::string>>;

// Per-file registration; register_pages (pages_home.cpp) calls each.
void register_home(Site& site);
void register_report(Site& site);
void register_case_lists(Site& site);
void register_case_file(Site& site);
void register_case_actions(Site& site);
void register_case_log(Site& site); // pages_case_log.cpp: /cases/{id}/log
// "Senaste händelser" on the case page: the latest changes in words and a link to the whole
// log; "" when the actor may not read the audit trail (pages_case_log.cpp).
html::Html recent_events_section(const Context& context, const app::CaseFile& file);
// The confirmation after an action on a case ("Ärendet är registrerat. Nästa steg: …"): the
// known `key` (from ?done=), else "" (pages_case_notice.cpp). The second form reads ?done=.
html::Html done_notice(const Context& context, std::string_view key, const domain::Incident& incident);
html::Html done_notice(const Context& context, const domain::Incident& incident);
void register_static(Site& site); // static_assets.cpp
void register_about(Site& site);  // pages_about.cpp: /privacy and /accessibility
// The scans of the leaked data stored on the case (pages_scans.cpp).
html::Html scans_section(const Context& context, const app::CaseFile& file);
// The notification to IMY (pages_notifications.cpp): the 72-hour status, what is missing, the
// personal data warnings and what was sent; "" when the actor may not notify.
html::Html notification_section(Context& context, const app::CaseFile& file);
// "E-post om ärendet": the case's e-mail and its delivery status (pages_outbox.cpp); "" when
// the actor may not see it.
html::Html case_mail_section(const Context& context, const app::CaseFile& file);
struct CaseFormState;
// Processor duties (pages_processor*.cpp): the customer register and the notices to the
// controllers; the case file's section is "" unless the organisation has customers.
void register_customer_pages(Site& site);
void register_processor_notice_pages(Site& site);
html::Html processor_section(Context& context, const app::CaseFile& file, const CaseFormState& state);
// Links to the customer registers the actor manages, as <li> items for the home page's list.
html::Html processor_home_links(Context& context);
// Communication to the data subjects (pages_letters.cpp): "" when the actor may not see it.
html::Html letters_section(Context& context, const app::CaseFile& file);

// --- small helpers -------------------------------------------------------------------------
// A case's page, "/cases/{id}" with the id percent-encoded; its sub-pages append to it.
std::string case_url(std::string_view id);
html::Html code_label(const Context& context, std::string_view list, std::string_view code);
html::Html status_label(const Context& context, domain::CaseStatus status);

// Body of a urlencoded POST; an empty form when the body is malformed.
Form read_form(const Context& context);
std::string form_value(const Form& form, std::string_view name);
std::vector<std::string> form_values(const Form& form, std::string_view name);
bool form_has(const Form& form, std::string_view name);
html::Html hidden_fields(const Form& form); // every pair but csrf, as hidden inputs

// HttpOnly, SameSite=Strict, Secure when configured (pages_home.cpp).
http::CookieOptions cookie_options(const Context& context, std::optional<std::chrono::seconds> max_age,
                                   std::string path = "/");
void register_account(Site& site); // pages_account.cpp: the person's password and API tokens

// A local path to return to after sign-in or a language switch; "/" when unsafe.
std::string safe_next(std::string_view next);

// 403 page with error.csrf.
http::Response csrf_failed(Context& context);
// Error page for an app error, with messages for conflict and throttling.
http::Response error_page(Context& context, const Error& error);
std::string error_message(const Context& context, const Error& error);

// Shows an attribute text in error messages: the field's visible error line.
html::Html field_error_line(const Context& context, std::string_view field, std::string_view message);
const html::FieldError* find_error(const std::vector<html::FieldError>& errors, std::string_view field);

// --- the duties of a case (pages_duties.cpp, from domain/duties.hpp) -----------------------
// The most urgent open duty: <span class="urgency urgency-…">label · duty · time</span>, words
// not colour only; "Inga öppna frister" when none is open.
html::Html clock_cell(const Context& context, const domain::CaseDuties& duties);
// The case page's clock box: when the clock runs from and why, the due time, the state.
html::Html clock_box(const Context& context, const domain::Incident& incident, const domain::CaseDuties& duties);
// "Tidsfrister": every duty with its due time, state and basis, linking to where it is done.
html::Html duties_section(const Context& context, const domain::Incident& incident, const domain::CaseDuties& duties);
struct NextStep {
    std::string text;
    std::string href;
};
// "Nästa steg": the one or two things the actor can do now, the most urgent first.
std::vector<NextStep> next_steps(const Context& context, const domain::Incident& incident,
                                 const domain::CaseDuties& duties);

// --- the report form -----------------------------------------------------------------------
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

// --- the case file -------------------------------------------------------------------------
// What a failed POST on the case page hands back: the errors and the values to keep.
struct CaseFormState {
    std::vector<html::FieldError> errors;
    Form values;
};
http::Response render_case_file(Context& context, std::string_view id, int status, const CaseFormState& state);
// The report form for editing a case's facts; `stale` shows the stored facts beside.
http::Response render_edit_form(Context& context, const app::CaseFile& file, int status, const Form& values,
                                std::vector<html::FieldError> errors, bool stale);
// The user's words for an app error on one of the case page's forms.
std::string case_error_text(const Context& context, const Error& error);

} // namespace skydda::web::pages
