// Internal to web/letters/: what the letters pages (pages_letters.cpp: the case file's section,
// the letters page, its POSTs and PDFs) and the letter's and the template's edit pages
// (pages_letter_edit.cpp) share.
#pragma once
#include <fmt/format.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/letters/letters.hpp"
#include "web/pages.hpp"

namespace skydda::web::pages::letter_pages {

// The language asked for (?lang=), else the person's.
std::string language_of(const Context& context);
std::optional<int64_t> number(std::string_view text);
inline std::string fmt_t(const Context& context, std::string_view key, auto&&... args) {
    return fmt::format(fmt::runtime(context.t(key)), std::forward<decltype(args)>(args)...);
}
// A labelled control with its hint and error line; `control` makes the control's markup with
// `attrs` (its id, aria-describedby, aria-invalid) in its tag. `label` and `hint` are text.
// The id is that of "letters.<name>". html::labelled_control builds it.
using Control = html::ControlMarkup;
html::Html labelled(const Context& context, const std::vector<html::FieldError>& errors, std::string_view name,
                    std::string_view label, std::string_view hint, const Control& control);
// The part's name (plain text).
std::string part_label(const Context& context, domain::letter::Part part);
// "cause" → "Vad har hänt?"; "sv.cause" → "Svenska: Vad har hänt?" (plain text).
std::string field_label(const Context& context, std::string_view field);
bool personal_data_refusal(const Error& error);
// The user's words for a refused part: an unknown placeholder (named) or a text too long.
std::string part_error(const Context& context, const Error& error);
// The letter's state in words: finalised (when), the parts still missing, or a draft (plain text).
std::string letter_status(const Context& context, const app::SubjectLetter& letter);
// Sign-in and the CSRF token of a POST; a response when either fails.
std::optional<http::Response> guard(Context& context, std::string_view csrf);
std::string error_for(const Context& context, const Error& error);

// The letter's edit page (/cases/{id}/letter) and the organisation's template
// (/organisations/{id}/letter-template): pages_letter_edit.cpp.
http::Response show_letter(Context& context);
http::Response save_letter(Context& context);
http::Response show_template(Context& context);
http::Response save_template(Context& context);

// A PDF download: no-store, attachment, `filename`; an error page when `pdf` failed.
http::Response pdf_response(Context& context, Result<std::string> pdf, std::string_view filename);
// GET /cases/{id}/letter.pdf and /cases/{id}/letters/recipients/{rid}.pdf: letters_pdf.cpp.
http::Response blank_pdf(Context& context);
http::Response recipient_pdf(Context& context);

} // namespace skydda::web::pages::letter_pages
