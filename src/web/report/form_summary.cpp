// What the reporter answered, read back ("check your answers" and the case file's facts), and
// the printable list of the reporter's questions; both from the table of questions
// (form_questions.hpp), so they ask and show what the form asks.
#include <fmt/format.h>

#include "util/text.hpp"
#include "web/report/form_questions.hpp"
#include "web/report/report.hpp"

namespace skydda::web::pages {
using namespace form_table;
using html::Html;

namespace {

Html yes_no_text(const Context& context, const std::optional<bool>& value) {
    if (!value) return html::text(context.t("common.dont_know"));
    return html::text(context.t(*value ? "common.yes" : "common.no"));
}

Html count_text(const Context& context, const std::optional<int64_t>& value) {
    return html::text(value ? number_text(context.lang, *value) : std::string(context.t("common.dont_know")));
}

// "2026-12-01 14:30 (CET)", or "2026-12-01, tid okänd" for a date alone.
Html time_text(const Context& context, const domain::IncidentFacts& facts, std::string_view field,
               const std::optional<Instant>& value) {
    if (!value) return html::text(context.t("common.dont_know"));
    if (domain::time_unknown(facts, field))
        return html::text(
            fmt::format(fmt::runtime(context.t("common.date_only")), fmt::arg("date", format_stockholm_date(*value))));
    return html::text(html::stockholm_time(*value));
}

Html free_text(const Context& context, const std::string& value) {
    if (text::trim(value).empty()) return html::text(context.t("common.not_given"));
    return html::format(R"(<span class="pre">{}</span>)", value);
}

Html code_list_text(const Context& context, std::string_view list, const std::vector<std::string>& values) {
    if (values.empty()) return html::text(context.t("common.dont_know"));
    Html items;
    for (const auto& value : values) items += html::format("<li>{}</li>", code_label(context, list, value));
    return html::format("<ul class=\"plain\">{}</ul>", items);
}

} // namespace

Html facts_summary(const Context& context, const domain::IncidentFacts& facts, std::string_view unit_name,
                   bool reporters_questions) {
    Html rows;
    auto row = [&](std::string_view name, const Html& value_html) {
        const auto* question = find_question(name);
        if (reporters_questions && question && question->asked == Asked::handler) return;
        rows += html::format("<div class=\"row\"><dt>{}</dt><dd>{}</dd></div>\n", question_label(context, name), value_html);
    };
    row("title", html::text(facts.title));
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
    row("effects.confidentiality", code_label(context, "confidentiality", facts.effects.confidentiality));
    row("effects.integrity", code_label(context, "integrity", facts.effects.integrity));
    row("effects.availability", code_label(context, "availability", facts.effects.availability));
    row("recipients", count_text(context, facts.recipients));
    row("recipient_trusted", yes_no_text(context, facts.recipient_trusted));
    row("consequences", free_text(context, facts.consequences));
    row("measures", free_text(context, facts.measures));
    row("processor_involved", yes_no_text(context, facts.processor_involved));
    if (!facts.processor_name.empty()) row("processor_name", free_text(context, facts.processor_name));
    rows += html::format("<div class=\"row\"><dt>{}</dt><dd>{}</dd></div>\n", context.t("report.q.unit"),
                         unit_name.empty() ? context.t("common.not_given") : unit_name);
    return html::format("<dl class=\"summary\">\n{}</dl>", rows);
}

// The reporter's questions, as the form asks them.
Html question_list(const Context& context) {
    Html out = html::format(R"(<p class="lead">{}</p>)", context.t("questions.intro"));
    int number = 0;
    out += html::format(R"(<h2>{}</h2><ol class="questions" start="{}"><li><p>{}</p><p class="hint">{}</p></li></ol>)",
                        context.t("report.section.where"), number + 1, context.t("report.q.unit"),
                        context.t("questions.org_note"));
    number += 1;
    for (const auto& section : sections()) {
        Html items;
        int first = number + 1;
        for (const auto& question : section.questions) {
            if (question.asked == Asked::handler) continue;
            ++number;
            Html item = html::format("<p>{}</p>", question_label(context, question.name));
            if (has_message(hint_key(question.name)))
                item += html::format(R"(<p class="hint">{}</p>)", context.t(hint_key(question.name)));
            Html options;
            if (question.kind == Kind::radios || question.kind == Kind::checkboxes) {
                for (auto code : question.codes()) {
                    std::string option_hint = key_of(std::string(question.list) + "_hint.", code);
                    options += Html("<li>") + label_with_plain(context, question.list, code);
                    if (has_message(option_hint))
                        options += html::format(R"( <span class="hint">{}</span>)", context.t(option_hint));
                    options += Html("</li>");
                }
            } else if (question.kind == Kind::yes_no) {
                options = html::format("<li>{}</li><li>{}</li>", context.t("common.yes"), context.t("common.no"));
            }
            if (question.kind == Kind::radios || question.kind == Kind::yes_no)
                options += html::format("<li>{}</li>", context.t("common.dont_know"));
            if (!options.empty())
                item += html::format(
                    R"(<p class="hint">{}</p><ul class="options">{}</ul>)",
                    context.t(question.kind == Kind::checkboxes ? "questions.choose_many" : "questions.choose_one"), options);
            else if (question.kind == Kind::datetime)
                item += html::format(R"(<p class="hint">{}</p>)", context.t("questions.time_format"));
            items += html::format("<li>{}</li>\n", item);
        }
        if (items.empty()) continue;
        out += html::format(R"(<h2>{}</h2><ol class="questions" start="{}">{}</ol>)",
                            section_legend(context, section.key, true), first, items);
    }
    return out;
}

} // namespace skydda::web::pages
