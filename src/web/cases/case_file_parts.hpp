// Internal to web/cases/: what the case file's page (pages_case_file.cpp) and its work sections
// (case_file_sections.cpp: notes, tasks, questions, attachments) share.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "web/cases/cases.hpp"
#include "web/markup.hpp"

namespace skydda::web::pages {
// "Senaste händelser" on the case page: the latest changes in words and a link to the whole
// log; "" when the actor may not read the audit trail (pages_case_log.cpp).
html::Html recent_events_section(const Context& context, const app::CaseFile& file);
} // namespace skydda::web::pages

namespace skydda::web::pages::case_parts {

// "512 B", "3 kB", "1.2 MB" (plain text).
std::string size_text(int64_t bytes);
// The hidden version field every change of the case posts (optimistic locking).
html::Html version_field(const domain::Incident& incident);
// Makes a form control from the id and aria attributes `field` gives it (`id="…" aria-…`),
// which go right after the tag name: `html::format(R"(<textarea {} name="body">{}</textarea>)", attrs, value)`.
using Control = html::ControlMarkup;
// A labelled control with its hint and error line (html::labelled_control).
html::Html field(const Context& context, const CaseFormState& state, std::string_view name, std::string_view id,
                 std::string_view label_key, std::string_view hint_key, const Control& control);
// <option>s for the people in `users`, `selected` chosen, `empty_key` the empty choice.
html::Html user_options(const Context& context, const std::vector<domain::User>& users, std::string_view selected,
                        std::string_view empty_key);
// <section id="{id}"> with its heading (text).
html::Html section(std::string_view id, std::string_view heading, const html::Html& body);

// The case file's work sections, each with its form; the actor's rights decide what shows.
html::Html notes_section(const Context& context, const app::CaseFile& file, const CaseFormState& state);
html::Html tasks_section(const Context& context, const app::CaseFile& file, const CaseFormState& state);
html::Html questions_section(const Context& context, const app::CaseFile& file, const CaseFormState& state);
html::Html attachments_section(const Context& context, const app::CaseFile& file, const CaseFormState& state);

} // namespace skydda::web::pages::case_parts
