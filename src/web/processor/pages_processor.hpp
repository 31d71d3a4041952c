// Internal to web/processor/: what the processor pages (pages_processor.cpp,
// pages_processor_notices.cpp) share: a labelled form control with its hint and error line, and
// the user's words for a use case's error. Markup is html::Html (web/markup.hpp).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/processor/processor.hpp"
#include "web/processor/processor.hpp"

namespace skydda::web::pages {
// The two halves of register_processor_pages: the customer register (pages_processor.cpp) and
// the notices to the controllers (pages_processor_notices.cpp, pages_processor_notice.cpp).
void register_customer_pages(Site& site);
void register_processor_notice_pages(Site& site);
} // namespace skydda::web::pages

namespace skydda::web::pages::processor {

struct Control {
    std::string_view name;      // form name; the control's id is html::field_id(name)
    std::string_view label_key;
    std::string_view hint_key;  // "" for none
    html::Html open;            // the control up to where id and aria go: `<input `
    html::Html rest;            // and after them: ` type="text" name="x" value="…">`
};
html::Html control(const Context& context, const std::vector<html::FieldError>& errors, const Control& control);
// processor.error.<field> from the catalogue, else the generic text for the error.
std::string error_text(const Context& context, const Error& error);
// "2026-03-02T10:00" from a datetime-local input; empty means now.
Result<Instant> local_time(const Context& context, std::string_view text, std::string_view field);

// What the section of notices (pages_processor_notices.cpp) and the page of one notice
// (pages_processor_notice.cpp) share.
std::string notices_url(std::string_view id); // "/cases/{id}/processor-notices"
html::Html state_text(const Context& context, const app::NoticeView& view);
html::Html time_or(const Context& context, const std::optional<Instant>& at, std::string_view none_key);
// The notice as a PDF, in the customer's language (an href, its & written &amp;).
html::Html pdf_link(std::string_view incident_id, const app::CustomerRecord& customer);
// Sign-in and the CSRF token of a POST; the response to send when either fails.
std::optional<http::Response> guard(Context& context, const Form& form);
// The page of one notice and its POSTs (pages_processor_notice.cpp).
void register_notice_page(Site& site);

} // namespace skydda::web::pages::processor
