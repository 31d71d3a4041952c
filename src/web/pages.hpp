// What every page of the web layer shares (web/<capability>/ includes it): the decoded form,
// code and status labels, the case's URL, error pages and field error lines, the cookie
// options, and the case page's form state that each capability's section receives.
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

namespace skydda::web::pages {

// A decoded form or query: name/value pairs in order; a name may repeat (checkboxes).
using Form = std::vector<std::pair<std::string, std::string>>;

void register_static(Site& site); // static_assets.cpp: the stylesheet, the icons

// What a failed POST on the case page hands back to its forms, every capability's section
// among them: the errors and the values to keep.
struct CaseFormState {
    std::vector<html::FieldError> errors;
    Form values;
};

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

// HttpOnly, SameSite=Strict, Secure when configured.
http::CookieOptions cookie_options(const Context& context, std::optional<std::chrono::seconds> max_age,
                                   std::string path = "/");

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

} // namespace skydda::web::pages
