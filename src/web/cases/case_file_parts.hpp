// Internal to web/cases/: what the case file's page (pages_case_file.cpp) and its work sections
// (case_file_sections.cpp: notes, tasks, questions, attachments) share.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "web/pages.hpp"

namespace skydda::web::pages::case_parts {

// "512 B", "3 kB", "1.2 MB".
std::string size_text(int64_t bytes);
// The hidden version field every change of the case posts (optimistic locking).
std::string version_field(const domain::Incident& incident);
// A labelled control with its error line; `control` gets the id and aria attributes via {attrs}.
std::string field(const Context& context, const CaseFormState& state, std::string_view name, std::string_view id,
                  std::string_view label_key, std::string_view hint_key, std::string_view control_format);
// <option>s for the people in `users`, `selected` chosen, `empty_key` the empty choice.
std::string user_options(const Context& context, const std::vector<domain::User>& users, std::string_view selected,
                         std::string_view empty_key);
// <section id="{id}"> with its heading.
std::string section(std::string_view id, const std::string& heading, const std::string& body);

// The case file's work sections, each with its form; the actor's rights decide what shows.
std::string notes_section(const Context& context, const app::CaseFile& file, const CaseFormState& state);
std::string tasks_section(const Context& context, const app::CaseFile& file, const CaseFormState& state);
std::string questions_section(const Context& context, const app::CaseFile& file, const CaseFormState& state);
std::string attachments_section(const Context& context, const app::CaseFile& file, const CaseFormState& state);

} // namespace skydda::web::pages::case_parts
