// HTML building blocks shared by the pages: the page shell with navigation and language
// switch, an error summary that links to each field (GOV.UK pattern), and form
// controls with labels. Everything works without JavaScript.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"
#include "web/markup.hpp"
#include "web/site.hpp"

namespace skydda::web::html {

struct PageOptions {
    std::string title;         // <title> and the <h1> unless `heading` is given
    std::string heading;
    Html body;                 // inner HTML of <main> after the heading
    std::string active;        // nav item to mark: "report", "cases", "mine", "inbox"
    bool narrow = false;       // a reading-width column for forms
    // The organisation the page is about, when the shell cannot tell from the path (a case's,
    // /organisations/{id}/..., ?org=) or the person (one organisation): html_shell.cpp.
    std::string org_id;
};
http::Response page(const Context& context, int status, const PageOptions& options);

// --- the shell's organisation parts and narrow-screen tables (html_shell.cpp) ---------------
// The organisation(s) a page is about: the one named by options.org_id, the case's on case
// pages, /organisations/{id}/..., a chosen ?org= the person belongs to; else the person's (all
// when signed out). One organisation is named in the header; each DPO is in the footer.
std::vector<domain::Organisation> page_organisations(const Context& context, const PageOptions& options);
Html header_organisation(const Context& context, const std::vector<domain::Organisation>& organisations);
// The DPO contact, and links to the privacy notice and the accessibility statement.
Html footer(const Context& context, const std::vector<domain::Organisation>& organisations);
// Gives every body cell of a table with a <thead> its column's header as data-label (unless it
// has one), so the stylesheet can show tables as labelled stacked rows on a narrow screen.
Html label_table_cells(const Html& html);
// What an error page offers next: the start page, reporting, signing in (when signed out) and
// the DPO's contact.
Html error_next_steps(const Context& context);
// The legal basis of a deadline in the person's language: the domain words it in English
// ("GDPR art. 34(1): without undue delay"); the catalogue has "basis.<that text>".
std::string basis_text(const Context& context, std::string_view basis);

// An error summary at the top of a form; each entry links to "#field-<name>".
struct FieldError {
    std::string field;
    std::string message;
};
Html error_summary(const Context& context, const std::vector<FieldError>& errors);
// Message for an Error from app, in the user's language where we have one.
std::string error_text(const Context& context, const Error& error);

// The error line of a field, under its label: <p class="error-message" id="{id}-error">, with a
// hidden "Fel:" for screen readers. `id` is the control's id (field_id of its name).
Html error_line(const Context& context, std::string_view id, std::string_view message);

// A labelled control, the one shape every form field has: <div class="field"> (" has-error"
// when `error`), the <label>, the hint, the error line and the control. `control` builds the
// control's markup and puts `attrs` (its id, aria-describedby naming the hint and the error,
// aria-invalid) in its tag. `label` and `hint` are text; `hint` "" for none.
struct LabelledField {
    std::string_view id;
    std::string_view label;
    std::string_view hint;
    const FieldError* error = nullptr;
};
using ControlMarkup = std::function<Html(const Html& attrs)>;
Html labelled_control(const Context& context, const LabelledField& field, const ControlMarkup& control);

// The organisation's logo for the page header (web/accounts/pages_logo.cpp): an <img> whose alt text is
// the organisation's name, or "" when it has no logo or the person is not a member. The header
// shows it beside the page's organisation (page_organisations) when the page is about one.
Html organisation_logo(const Context& context, std::string_view org_id);

// The hidden input with the session's CSRF token, for every form that posts.
Html csrf_field(const Context& context);
// The id every control gets, so error links land on it: "field-" + name with '.' → '-'.
std::string field_id(std::string_view name);
std::string stockholm_time(const Instant& instant); // "2026-10-23 09:00 (CEST)"
// "1 d 4 h", "3 h 20 min", or "-2 h" when overdue.
std::string duration_text(const Context& context, std::chrono::seconds remaining);

} // namespace skydda::web::html
