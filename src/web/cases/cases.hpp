// web/cases/: case lists, the case file, its actions and log, the duties' clocks, the incident API.
#pragma once

#include <map>

#include "domain/duties.hpp"
#include "web/pages.hpp"

namespace skydda::web {
void register_api(Site& site); // api.cpp: /api/v1/incidents

// The case register's filters from a query string (case_query.cpp), for the API and the
// /cases form alike: `org`, `status`, `mine`, `limit`, `q`, `open`, `unit`, `what_happened`,
// `cause`, `risk`, `notified`, `overdue`, `aware_from`/`aware_to`, `reported_from`/
// `reported_to` (RFC 3339 or a date, the end inclusive), `sort`, `cursor`. An empty value is no
// filter; an unknown name (unless `ignore_unknown`), a repeated one or a bad value is
// invalid_argument naming the parameter.
Result<app::CaseQuery> case_query(const std::vector<std::pair<std::string, std::string>>& params,
                                  bool ignore_unknown = false);
// A parameter that is an RFC 3339 time or a date (the first moment of that day in
// Europe/Stockholm; with `end`, of the day after, so that a date ends a range inclusively).
// Empty: nullopt. Else invalid_argument naming `name`.
Result<std::optional<Instant>> query_moment(const std::string& name, const std::string& value, bool end);
void register_statistics_api(Site& site); // api_statistics.cpp: /api/v1/statistics
// The statistics as the API answers them (the page's data tables show the same numbers).
boost::json::object statistics_json(const app::CaseStatistics& statistics);
}

namespace skydda::web::pages {

void register_case_lists(Site& site);   // pages_cases.cpp: /my, /inbox
void register_case_register(Site& site); // pages_case_register.cpp: /cases
// The names of the organisations the signed-in person belongs to, by id (pages_cases.cpp).
std::map<std::string, std::string> organisation_names(Context& context);
void register_statistics_pages(Site& site); // pages_statistics.cpp: /statistics
void register_case_file(Site& site);    // pages_case_file.cpp: /cases/{id}, /cases/{id}/edit
void register_case_actions(Site& site); // pages_case_actions.cpp: the case page's forms
void register_case_log(Site& site);     // pages_case_log.cpp: /cases/{id}/log

// The confirmation after an action on a case ("Ärendet är registrerat. Nästa steg: …"): the
// known `key` (from ?done=), else "" (pages_case_notice.cpp). The second form reads ?done=.
html::Html done_notice(const Context& context, std::string_view key, const domain::Incident& incident);
html::Html done_notice(const Context& context, const domain::Incident& incident);

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

// --- the case file -------------------------------------------------------------------------
// The case page with `state` (a failed POST's errors and values) on its forms.
http::Response render_case_file(Context& context, std::string_view id, int status, const CaseFormState& state);
// The report form for editing a case's facts; `stale` shows the stored facts beside.
http::Response render_edit_form(Context& context, const app::CaseFile& file, int status, const Form& values,
                                std::vector<html::FieldError> errors, bool stale);
// The user's words for an app error on one of the case page's forms.
std::string case_error_text(const Context& context, const Error& error);

} // namespace skydda::web::pages
