// What the reporter answered, read back ("check your answers" and the case file's facts), and
// the printable list of the reporter's questions; both from the table of questions
// (form_questions.hpp), so they ask and show what the form asks.
#include <fmt/format.h>

#include "util/text.hpp"
#include "web/report/form_questions.hpp"

namespace skydda::web::pages {
using namespace form_table;

namespace {

std::string yes_no_text(const Context& context, const std::optional<bool>& value) {
    if (!value) return tx(context, "common.dont_know");
    return tx(context, *value ? "common.yes" : "common.no");
}

std::string count_text(const Context& context, const std::optional<int64_t>& value) {
    return value ? number_text(context.lang, *value) : tx(context, "common.dont_know");
}

// "2026-12-01 14:30 (CET)", or "2026-12-01, tid okänd" for a date alone.
std::string time_text(const Context& context, const domain::IncidentFacts& facts, std::string_view field,
                      const std::optional<Instant>& value) {
    if (!value) return tx(context, "common.dont_know");
    if (domain::time_unknown(facts, field))
        return fmt::format(fmt::runtime(tx(context, "common.date_only")), fmt::arg("date", format_stockholm_date(*value)));
    return esc(html::stockholm_time(*value));
}

std::string free_text(const Context& context, const std::string& value) {
    if (text::trim(value).empty()) return tx(context, "common.not_given");
    return fmt::format(R"(<span class="pre">{}</span>)", esc(value));
}

std::string code_list_text(const Context& context, std::string_view list, const std::vector<std::string>& values) {
    if (values.empty()) return tx(context, "common.dont_know");
    std::string items;
    for (const auto& value : values) items += "<li>" + code_label(context, list, value).str() + "</li>";
    return "<ul class=\"plain\">" + items + "</ul>";
}

} // namespace

std::string facts_summary(const Context& context, const domain::IncidentFacts& facts, std::string_view unit_name,
                          bool reporters_questions) {
    std::string rows;
    auto row = [&](std::string_view name, const std::string& value_html) {
        const auto* question = find_question(name);
        if (reporters_questions && question && question->asked == Asked::handler) return;
        rows += fmt::format("<div class=\"row\"><dt>{}</dt><dd>{}</dd></div>\n", esc(question_label(context, name)), value_html);
    };
    row("title", esc(facts.title));
    row("description", free_text(context, facts.description));
    row("what_happened", label_with_plain(context, "what_happened", facts.what_happened));
    row("cause", label_with_plain(context, "cause", facts.cause));
    if (!facts.cause_other.empty()) row("cause_other", free_text(context, facts.cause_other));
    row("discovered_by", label_with_plain(context, "discovered_by", facts.discovered_by));
    row("occurred_at", time_text(context, facts, "occurred_at", facts.occurred_at));
    row("discovered_at", time_text(context, facts, "discovered_at", facts.discovered_at));
    row("aware_at", time_text(context, facts, "aware_at", facts.aware_at));
    row("ended_at", time_text(context, facts, "ended_at", facts.ended_at));
    row("data", code_list_text(context, "data", facts.data));
    row("records", count_text(context, facts.records));
    row("subjects.count", count_text(context, facts.subjects_count));
    row("subjects.groups", code_list_text(context, "groups", facts.subject_groups));
    row("effects.confidentiality", code_label(context, "confidentiality", facts.effects.confidentiality).str());
    row("effects.integrity", code_label(context, "integrity", facts.effects.integrity).str());
    row("effects.availability", code_label(context, "availability", facts.effects.availability).str());
    row("recipients", count_text(context, facts.recipients));
    row("recipient_trusted", yes_no_text(context, facts.recipient_trusted));
    row("consequences", free_text(context, facts.consequences));
    row("measures", free_text(context, facts.measures));
    row("processor_involved", yes_no_text(context, facts.processor_involved));
    if (!facts.processor_name.empty()) row("processor_name", free_text(context, facts.processor_name));
    rows += fmt::format("<div class=\"row\"><dt>{}</dt><dd>{}</dd></div>\n", tx(context, "report.q.unit"),
                        unit_name.empty() ? tx(context, "common.not_given") : esc(unit_name));
    return "<dl class=\"summary\">\n" + rows + "</dl>";
}

// The reporter's questions, as the form asks them.
std::string question_list(const Context& context) {
    std::string out = fmt::format(R"(<p class="lead">{}</p>)", tx(context, "questions.intro"));
    int number = 0;
    out += fmt::format(R"(<h2>{}</h2><ol class="questions" start="{}"><li><p>{}</p><p class="hint">{}</p></li></ol>)",
                       tx(context, "report.section.where"), number + 1, tx(context, "report.q.unit"),
                       tx(context, "questions.org_note"));
    number += 1;
    for (const auto& section : sections()) {
        std::string items;
        int first = number + 1;
        for (const auto& question : section.questions) {
            if (question.asked == Asked::handler) continue;
            ++number;
            std::string item = fmt::format("<p>{}</p>", esc(question_label(context, question.name)));
            if (has_message(hint_key(question.name)))
                item += fmt::format(R"(<p class="hint">{}</p>)", tx(context, hint_key(question.name)));
            std::string options;
            if (question.kind == Kind::radios || question.kind == Kind::checkboxes) {
                for (auto code : question.codes()) {
                    std::string option_hint = key_of(std::string(question.list) + "_hint.", code);
                    options += "<li>" + label_with_plain(context, question.list, code);
                    if (has_message(option_hint)) options += fmt::format(R"( <span class="hint">{}</span>)", tx(context, option_hint));
                    options += "</li>";
                }
            } else if (question.kind == Kind::yes_no) {
                options = "<li>" + tx(context, "common.yes") + "</li><li>" + tx(context, "common.no") + "</li>";
            }
            if (question.kind == Kind::radios || question.kind == Kind::yes_no)
                options += "<li>" + tx(context, "common.dont_know") + "</li>";
            if (!options.empty())
                item += fmt::format(R"(<p class="hint">{}</p><ul class="options">{}</ul>)",
                                    tx(context, question.kind == Kind::checkboxes ? "questions.choose_many" : "questions.choose_one"),
                                    options);
            else if (question.kind == Kind::datetime)
                item += fmt::format(R"(<p class="hint">{}</p>)", tx(context, "questions.time_format"));
            items += "<li>" + item + "</li>\n";
        }
        if (items.empty()) continue;
        out += fmt::format(R"(<h2>{}</h2><ol class="questions" start="{}">{}</ol>)",
                           section_legend(context, section.key, true), first, items);
    }
    return out;
}

} // namespace skydda::web::pages
