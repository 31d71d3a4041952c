// HTML building blocks shared by the pages: the page shell with navigation and language
// switch, escaping, an error summary that links to each field (GOV.UK pattern), and form
// controls with labels. Everything works without JavaScript.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"
#include "web/site.hpp"

namespace skydda::web::html {

std::string escape(std::string_view text);

struct PageOptions {
    std::string title;         // <title> and the <h1> unless `heading` is given
    std::string heading;
    std::string body;          // inner HTML of <main> after the heading
    std::string active;        // nav item to mark: "report", "cases", "mine", "inbox"
    bool narrow = false;       // a reading-width column for forms
};
http::Response page(const Context& context, int status, const PageOptions& options);

// An error summary at the top of a form; each entry links to "#field-<name>".
struct FieldError {
    std::string field;
    std::string message;
};
std::string error_summary(const Context& context, const std::vector<FieldError>& errors);
// Message for an Error from app, in the user's language where we have one.
std::string error_text(const Context& context, const Error& error);

// The organisation's logo for the page header (web/pages_logo.cpp): an <img> whose alt text is
// the organisation's name, or "" when it has no logo or the person is not a member. The header
// shows it for header_organisation(): the person's organisation when they belong to one only.
std::string organisation_logo(const Context& context, std::string_view org_id);
std::string header_organisation(const Context& context);

std::string csrf_field(const Context& context);
// The id every control gets, so error links land on it: "field-" + name with '.' → '-'.
std::string field_id(std::string_view name);
std::string stockholm_time(const Instant& instant); // "2026-10-23 09:00 (CEST)"
// "1 d 4 h", "3 h 20 min", or "-2 h" when overdue.
std::string duration_text(const Context& context, std::chrono::seconds remaining);

} // namespace skydda::web::html
