// The report form's table of questions (form_questions.hpp).
#include "web/report/form_questions.hpp"

#include "domain/codes.hpp"

namespace skydda::web::pages::form_table {
namespace codes = domain::codes;

const std::vector<Section>& sections() {
    static const std::vector<Section> k_sections = {
        {"about",
         {{"title", Kind::text, {}},
          {"description", Kind::textarea, {}},
          {"what_happened", Kind::radios, "what_happened", codes::what_happened},
          {"cause", Kind::radios, "cause", codes::cause},
          {"cause_other", Kind::text, {}},
          {"discovered_by", Kind::radios, "discovered_by", codes::discovered_by}}},
        {"times",
         {{"occurred_at", Kind::datetime, {}},
          {"discovered_at", Kind::datetime, {}},
          {"aware_at", Kind::datetime, {}, nullptr, k_handler}, // kännedom: the registrar confirms it
          {"ended_at", Kind::datetime, {}}}},
        {"data", {{"data", Kind::checkboxes, "data", codes::data}, {"records", Kind::count, {}, nullptr, k_handler}}},
        {"subjects",
         {{"subjects.count", Kind::count, {}}, {"subjects.groups", Kind::checkboxes, "groups", codes::groups}}},
        {"effects",
         {{"effects.confidentiality", Kind::radios, "confidentiality", codes::confidentiality, k_handler},
          {"effects.integrity", Kind::radios, "integrity", codes::integrity, k_handler},
          {"effects.availability", Kind::radios, "availability", codes::availability, k_handler},
          {"recipients", Kind::count, {}, nullptr, k_handler},
          {"recipient_trusted", Kind::yes_no, {}, nullptr, k_handler}}},
        {"consequences", {{"consequences", Kind::textarea, {}, nullptr, k_handler}, {"measures", Kind::textarea, {}}}},
        {"processor",
         {{"processor_involved", Kind::yes_no, {}, nullptr, k_handler},
          {"processor_name", Kind::text, {}, nullptr, k_handler}}},
    };
    return k_sections;
}

const Question* find_question(std::string_view name) {
    for (const auto& section : sections())
        for (const auto& question : section.questions)
            if (question.name == name) return &question;
    return nullptr;
}

std::string key_of(std::string_view prefix, std::string_view name) {
    return std::string(prefix) + std::string(name);
}

std::string question_label(const Context& context, std::string_view name) {
    return std::string(context.t(key_of("report.q.", name)));
}

std::string hint_key(std::string_view name) { return key_of("report.hint.", name); }

std::string dash(std::string_view code) {
    std::string out(code);
    for (auto& c : out)
        if (c == '_' || c == '.') c = '-';
    return out;
}
std::string time_part(std::string_view name, std::string_view part) { return std::string(name) + "." + std::string(part); }

// The boxes as typed, for showing them again.
TimeBoxes typed_boxes(const Form& form, std::string_view name) {
    TimeBoxes boxes{form_value(form, time_part(name, "date")), form_value(form, time_part(name, "time"))};
    if (boxes.date.empty() && boxes.time.empty()) {
        // One "2026-12-01T14:30" field (a script, or the form before the boxes were split).
        std::string whole = form_value(form, name);
        auto split = whole.find_first_of("Tt ");
        boxes.date = whole.substr(0, split);
        if (split != std::string::npos) boxes.time = whole.substr(split + 1);
    }
    return boxes;
}

namespace {

std::string plain_key(std::string_view list, std::string_view code) {
    return "plain." + std::string(list) + "." + std::string(code);
}

} // namespace

std::string plain_words(const Context& context, std::string_view list, std::string_view code) {
    if (list.empty() || code.empty() || !has_message(plain_key(list, code))) return {};
    return std::string(context.t(plain_key(list, code)));
}

// The label of a code with its plain words, as HTML.
html::Html label_with_plain(const Context& context, std::string_view list, std::string_view code) {
    auto plain = plain_words(context, list, code);
    html::Html out = code_label(context, list, code);
    if (!plain.empty()) out += html::format(R"( <span class="plain">– {}</span>)", plain);
    return out;
}

html::Html section_legend(const Context& context, std::string_view key, bool reporter) {
    std::string reporter_key = key_of("form.reporter_section.", key);
    if (reporter && has_message(reporter_key)) return html::text(context.t(reporter_key));
    return html::text(context.t(key_of("report.section.", key)));
}

} // namespace skydda::web::pages::form_table
