// Internal to web/report/: the table of questions that drives the report form
// (pages_form.cpp: rendering, the summary and the printable list) and its decoding
// (form_decoding.cpp), so the two cannot drift apart.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "web/pages.hpp"

namespace skydda::web::pages::form_table {

enum class Kind { text, textarea, radios, checkboxes, datetime, count, yes_no };

// Who is asked: the reporter's form asks what an employee can know; the handler's facts form
// (/cases/{id}/edit) asks everything, including the assessments a reporter cannot make.
enum class Asked { everyone, handler };

struct Question {
    std::string_view name;  // form field = API field ("effects.integrity")
    Kind kind;
    std::string_view list;  // code list for labels ("integrity")
    std::span<const std::string_view> (*codes)() = nullptr;
    Asked asked = Asked::everyone;
};

constexpr auto k_handler = Asked::handler;

struct Section {
    std::string_view key;
    std::vector<Question> questions;
};

const std::vector<Section>& sections();
const Question* find_question(std::string_view name);
std::string key_of(std::string_view prefix, std::string_view name);
std::string question_label(const Context& context, std::string_view name);
std::string hint_key(std::string_view name);
// "effects.integrity" → "effects-integrity", for ids.
std::string dash(std::string_view code);
// The name of a time question's box: time_part("occurred_at", "date") = "occurred_at.date".
std::string time_part(std::string_view name, std::string_view part);

// What the reporter typed in a time question's two boxes ("occurred_at.date", "occurred_at.time");
// a form from before the boxes were split, or a script, may send "occurred_at" as
// "2026-12-01T14:30" or "2026-12-01". A date typed with its time in the date box is split.
struct TimeBoxes {
    std::string date;
    std::string time;
};
// The plain words of a code ("plain.<list>.<code>"), or "" when it has none.
std::string plain_words(const Context& context, std::string_view list, std::string_view code);
// The label of a code with its plain words, as HTML.
html::Html label_with_plain(const Context& context, std::string_view list, std::string_view code);
// A section's legend; the reporter's form words some sections for the reporter.
html::Html section_legend(const Context& context, std::string_view key, bool reporter);

// The boxes as typed, for showing them again.
TimeBoxes typed_boxes(const Form& form, std::string_view name);

} // namespace skydda::web::pages::form_table
