// The report form: one table of questions drives the form, its decoding into the API's JSON,
// the "check your answers" summary and the printable question list, so they cannot drift.
#include <boost/json.hpp>
#include <fmt/format.h>

#include "domain/codes.hpp"
#include "storage/facts_json.hpp"
#include "util/text.hpp"
#include "web/pages.hpp"

namespace skydda::web::pages {
namespace json = boost::json;
namespace codes = domain::codes;

namespace {

enum class Kind { text, textarea, radios, checkboxes, datetime, count, yes_no };

struct Question {
    std::string_view name;  // form field = API field ("effects.integrity")
    Kind kind;
    std::string_view list;  // code list for labels ("integrity")
    std::span<const std::string_view> (*codes)() = nullptr;
};

struct Section {
    std::string_view key;
    std::vector<Question> questions;
};

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
          {"aware_at", Kind::datetime, {}},
          {"ended_at", Kind::datetime, {}}}},
        {"data", {{"data", Kind::checkboxes, "data", codes::data}, {"records", Kind::count, {}}}},
        {"subjects",
         {{"subjects.count", Kind::count, {}}, {"subjects.groups", Kind::checkboxes, "groups", codes::groups}}},
        {"effects",
         {{"effects.confidentiality", Kind::radios, "confidentiality", codes::confidentiality},
          {"effects.integrity", Kind::radios, "integrity", codes::integrity},
          {"effects.availability", Kind::radios, "availability", codes::availability},
          {"recipients", Kind::count, {}},
          {"recipient_trusted", Kind::yes_no, {}}}},
        {"consequences", {{"consequences", Kind::textarea, {}}, {"measures", Kind::textarea, {}}}},
        {"processor", {{"processor_involved", Kind::yes_no, {}}, {"processor_name", Kind::text, {}}}},
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

// --- decoding ------------------------------------------------------------------------------

Result<std::optional<int64_t>> read_count(std::string_view name, std::string_view raw) {
    auto value = text::trim(raw);
    if (value.empty()) return std::optional<int64_t>();
    std::string digits;
    for (char c : value) {
        if (c == ' ' || c == '\xa0') continue; // "1 200"
        if (c < '0' || c > '9') return fail(Error::invalid(std::string(name), "must be a whole number >= 0"));
        digits += c;
    }
    if (digits.empty() || digits.size() > 13) return fail(Error::invalid(std::string(name), "must be a whole number >= 0"));
    return std::optional<int64_t>(std::stoll(digits));
}

Result<json::value> decode(const Question& question, const Form& form) {
    auto raw = form_value(form, question.name);
    switch (question.kind) {
    case Kind::text:
    case Kind::textarea:
    case Kind::radios:
        if (text::trim(raw).empty()) return json::value(nullptr);
        return json::value(question.kind == Kind::text ? std::string(text::trim(raw)) : raw);
    case Kind::checkboxes: {
        json::array out;
        for (const auto& value : form_values(form, question.name))
            if (!value.empty()) out.emplace_back(value);
        return json::value(std::move(out));
    }
    case Kind::datetime: {
        auto value = text::trim(raw);
        if (value.empty()) return json::value(nullptr);
        auto instant = TRY(parse_stockholm_local(value, question.name));
        return json::value(format_stockholm(instant));
    }
    case Kind::count: {
        auto count = TRY(read_count(question.name, raw));
        if (!count) return json::value(nullptr);
        return json::value(*count);
    }
    case Kind::yes_no:
        if (raw == "yes") return json::value(true);
        if (raw == "no") return json::value(false);
        if (raw.empty()) return json::value(nullptr);
        return fail(Error::invalid(std::string(question.name), "must be yes, no or don't know"));
    }
    return json::value(nullptr);
}

std::string time_input_value(const std::optional<Instant>& instant) {
    return instant ? format_stockholm_local_input(*instant) : std::string();
}

// --- rendering -----------------------------------------------------------------------------

std::string describedby(const Context& context, std::string_view name, const html::FieldError* error) {
    std::vector<std::string> ids;
    if (has_message(hint_key(name))) ids.push_back(html::field_id(name) + "-hint");
    if (error) ids.push_back(html::field_id(name) + "-error");
    (void)context;
    if (ids.empty()) return {};
    std::string joined;
    for (const auto& id : ids) joined += (joined.empty() ? "" : " ") + id;
    return fmt::format(R"( aria-describedby="{}")", joined);
}

std::string hint_and_error(const Context& context, std::string_view name, const html::FieldError* error) {
    std::string out;
    if (has_message(hint_key(name)))
        out += fmt::format(R"(<p class="hint" id="{}-hint">{}</p>)", html::field_id(name), tx(context, hint_key(name)));
    if (error) out += field_error_line(context, name, error->message);
    return out;
}

std::string option(const Context& context, std::string_view type, std::string_view name, std::string_view id,
                   std::string_view value, std::string_view label_text, bool checked, std::string_view hint) {
    std::string hint_html, hint_attr;
    if (!hint.empty()) {
        hint_html = fmt::format(R"(<span class="hint" id="{}-hint">{}</span>)", id, esc(hint));
        hint_attr = fmt::format(R"( aria-describedby="{}-hint")", id);
    }
    (void)context;
    return fmt::format(R"(<div class="choice"><input type="{}" name="{}" id="{}" value="{}"{}{}> <label for="{}">{}</label>{}</div>)",
                       type, esc(name), id, esc(value), checked ? " checked" : "", hint_attr, id, esc(label_text),
                       hint_html);
}

std::string render_choices(const Context& context, const Question& question, const Form& values,
                           const html::FieldError* error) {
    const bool radios = question.kind != Kind::checkboxes;
    const std::string type = radios ? "radio" : "checkbox";
    auto selected = form_values(values, question.name);
    auto is_selected = [&](std::string_view code) {
        return std::find(selected.begin(), selected.end(), code) != selected.end();
    };
    std::string base = html::field_id(question.name);
    std::string legend = esc(question_label(context, question.name));
    std::string error_class = error ? " has-error" : "";

    std::vector<std::pair<std::string, std::string>> items; // code, label
    if (question.kind == Kind::yes_no) {
        items = {{"yes", std::string(context.t("common.yes"))}, {"no", std::string(context.t("common.no"))}};
    } else {
        for (auto code : question.codes()) items.emplace_back(code, std::string(label(context.lang, question.list, code)));
    }

    auto render_items = [&](auto filter, bool& first) {
        std::string out;
        for (const auto& [code, text] : items) {
            if (!filter(code)) continue;
            std::string id = first ? base : base + "--" + dash(code);
            first = false;
            std::string hint_text;
            std::string option_hint = key_of(std::string(question.list) + "_hint.", code);
            if (!question.list.empty() && has_message(option_hint)) hint_text = context.t(option_hint);
            out += option(context, type, question.name, id, code, text, is_selected(code), hint_text) + "\n";
        }
        return out;
    };

    bool first = true;
    std::string body;
    if (question.name == "data") {
        // The special categories get their own group with an explanation.
        auto ordinary = render_items([](std::string_view code) { return !codes::contains(codes::special_data(), code); }, first);
        auto special = render_items([](std::string_view code) { return codes::contains(codes::special_data(), code); }, first);
        body = ordinary + fmt::format(R"(<fieldset class="nested"><legend>{}</legend><p class="hint" id="{}-special-hint">{}</p>{}</fieldset>)",
                                      tx(context, "report.data_special"), base, tx(context, "report.data_special_hint"),
                                      special);
    } else {
        body = render_items([](std::string_view) { return true; }, first);
    }
    if (radios) {
        bool none = selected.empty() || selected.front().empty();
        body += option(context, type, question.name, base + "--dont-know", "", context.t("common.dont_know"), none, "");
    }
    return fmt::format(R"(<div class="field{}"><fieldset{}><legend>{}</legend>{}<div class="{}">{}</div></fieldset></div>)",
                       error_class, describedby(context, question.name, error), legend,
                       hint_and_error(context, question.name, error), radios ? "radios" : "checkboxes", body);
}

std::string render_question(const Context& context, const Question& question, const Form& values,
                            const std::vector<html::FieldError>& errors) {
    const auto* error = find_error(errors, question.name);
    if (question.kind == Kind::radios || question.kind == Kind::checkboxes || question.kind == Kind::yes_no)
        return render_choices(context, question, values, error);
    std::string id = html::field_id(question.name);
    std::string label_html = esc(question_label(context, question.name));
    if (question.name == "title") label_html += " " + fmt::format(R"(<span class="required">({})</span>)", tx(context, "report.required"));
    std::string attrs = describedby(context, question.name, error) + (error ? R"( aria-invalid="true")" : "");
    std::string value = esc(form_value(values, question.name));
    std::string control;
    switch (question.kind) {
    case Kind::textarea:
        control = fmt::format(R"(<textarea id="{}" name="{}" rows="5"{}>{}</textarea>)", id, question.name, attrs, value);
        break;
    case Kind::datetime:
        control = fmt::format(R"(<input type="datetime-local" id="{}" name="{}" value="{}"{}>)", id, question.name, value, attrs);
        break;
    case Kind::count:
        control = fmt::format(R"(<input type="text" inputmode="numeric" class="short" id="{}" name="{}" value="{}"{}>)",
                              id, question.name, value, attrs);
        break;
    default:
        control = fmt::format(R"(<input type="text" id="{}" name="{}" value="{}"{}{}>)", id, question.name, value,
                              question.name == "title" ? R"( required maxlength="200")" : "", attrs);
    }
    return fmt::format(R"(<div class="field{}"><label for="{}">{}</label>{}{}</div>)", error ? " has-error" : "", id,
                       label_html, hint_and_error(context, question.name, error), control);
}

std::string render_where(const Context& context, const ReportFormView& view, const Form& values) {
    std::string out;
    bool many = view.orgs.size() > 1;
    std::string chosen_org = form_value(values, "org");
    if (view.choose_org) {
        if (many) {
            const auto* error = find_error(view.errors, "org");
            std::string options;
            for (const auto& org : view.orgs)
                options += fmt::format(R"(<option value="{}"{}>{}</option>)", esc(org.organisation.id),
                                       org.organisation.id == chosen_org ? " selected" : "", esc(org.organisation.name));
            out += fmt::format(R"(<div class="field{}"><label for="{}">{}</label>{}<select id="{}" name="org"{}>{}</select></div>)",
                               error ? " has-error" : "", html::field_id("org"), tx(context, "report.q.org"),
                               hint_and_error(context, "org", error), html::field_id("org"),
                               describedby(context, "org", error) + (error ? R"( aria-invalid="true")" : ""), options);
        } else if (!view.orgs.empty()) {
            out += fmt::format(R"(<input type="hidden" name="org" value="{}">)", esc(view.orgs.front().organisation.id));
            out += fmt::format(R"(<p>{} <strong>{}</strong></p>)", tx(context, "report.reporting_for"),
                               esc(view.orgs.front().organisation.name));
        }
    }
    bool any_units = false;
    for (const auto& org : view.orgs) any_units = any_units || !org.units.empty();
    if (any_units) {
        const auto* error = find_error(view.errors, "unit");
        std::string chosen = form_value(values, "unit");
        std::string options = fmt::format(R"(<option value="">{}</option>)", tx(context, "common.dont_know"));
        for (const auto& org : view.orgs) {
            std::string group;
            for (const auto& unit : org.units)
                group += fmt::format(R"(<option value="{}"{}>{}</option>)", esc(unit.id), unit.id == chosen ? " selected" : "",
                                     esc(unit.name));
            options += many ? fmt::format(R"(<optgroup label="{}">{}</optgroup>)", esc(org.organisation.name), group) : group;
        }
        out += fmt::format(R"(<div class="field{}"><label for="{}">{}</label>{}<select id="{}" name="unit"{}>{}</select></div>)",
                           error ? " has-error" : "", html::field_id("unit"), tx(context, "report.q.unit"),
                           hint_and_error(context, "unit", error), html::field_id("unit"),
                           describedby(context, "unit", error) + (error ? R"( aria-invalid="true")" : ""), options);
    }
    if (out.empty()) return {};
    return fmt::format(R"(<fieldset class="section"><legend>{}</legend>{}</fieldset>)", tx(context, "report.section.where"), out);
}

std::string yes_no_text(const Context& context, const std::optional<bool>& value) {
    if (!value) return tx(context, "common.dont_know");
    return tx(context, *value ? "common.yes" : "common.no");
}

std::string count_text(const Context& context, const std::optional<int64_t>& value) {
    return value ? number_text(context.lang, *value) : tx(context, "common.dont_know");
}

std::string time_text(const Context& context, const std::optional<Instant>& value) {
    return value ? esc(html::stockholm_time(*value)) : tx(context, "common.dont_know");
}

std::string free_text(const Context& context, const std::string& value) {
    if (text::trim(value).empty()) return tx(context, "common.not_given");
    return fmt::format(R"(<span class="pre">{}</span>)", esc(value));
}

std::string code_list_text(const Context& context, std::string_view list, const std::vector<std::string>& values) {
    if (values.empty()) return tx(context, "common.dont_know");
    std::string items;
    for (const auto& value : values) items += "<li>" + code_label(context, list, value) + "</li>";
    return "<ul class=\"plain\">" + items + "</ul>";
}

} // namespace

Result<json::object> facts_json_from_form(const Form& form) {
    json::object out, subjects, effects;
    for (const auto& section : sections()) {
        for (const auto& question : section.questions) {
            auto value = TRY(decode(question, form));
            std::string_view name = question.name;
            if (name.starts_with("subjects.")) subjects[name.substr(9)] = std::move(value);
            else if (name.starts_with("effects.")) effects[name.substr(8)] = std::move(value);
            else out[name] = std::move(value);
        }
    }
    out["subjects"] = std::move(subjects);
    out["effects"] = std::move(effects);
    auto unit = form_value(form, "unit");
    if (!unit.empty()) out["unit"] = unit;
    return out;
}

Result<domain::IncidentFacts> facts_from_form(const Context& context, const Form& form) {
    auto object = TRY(facts_json_from_form(form));
    auto facts = TRY(storage::facts_from_json(object));
    TRY_STATUS(domain::validate_facts(facts, context.app.clock().now()));
    return facts;
}

Form form_from_facts(const domain::IncidentFacts& facts) {
    Form form;
    auto put = [&](std::string_view name, std::string value) {
        if (!value.empty()) form.emplace_back(std::string(name), std::move(value));
    };
    auto put_count = [&](std::string_view name, const std::optional<int64_t>& value) {
        if (value) put(name, std::to_string(*value));
    };
    auto put_bool = [&](std::string_view name, const std::optional<bool>& value) {
        if (value) put(name, *value ? "yes" : "no");
    };
    put("title", facts.title);
    put("description", facts.description);
    put("what_happened", facts.what_happened);
    put("cause", facts.cause);
    put("cause_other", facts.cause_other);
    put("discovered_by", facts.discovered_by);
    put("occurred_at", time_input_value(facts.occurred_at));
    put("discovered_at", time_input_value(facts.discovered_at));
    put("aware_at", time_input_value(facts.aware_at));
    put("ended_at", time_input_value(facts.ended_at));
    for (const auto& code : facts.data) put("data", code);
    put_count("records", facts.records);
    put_count("subjects.count", facts.subjects_count);
    for (const auto& code : facts.subject_groups) put("subjects.groups", code);
    put("effects.confidentiality", facts.effects.confidentiality);
    put("effects.integrity", facts.effects.integrity);
    put("effects.availability", facts.effects.availability);
    put_count("recipients", facts.recipients);
    put_bool("recipient_trusted", facts.recipient_trusted);
    put("consequences", facts.consequences);
    put("measures", facts.measures);
    put_bool("processor_involved", facts.processor_involved);
    put("processor_name", facts.processor_name);
    put("unit", facts.unit_id);
    return form;
}

std::string report_error_text(const Context& context, const Error& error) {
    std::string field = error.field;
    if (field == "org") return std::string(context.t("report.error.org"));
    if (field == "unit") return std::string(context.t("report.error.unit"));
    const auto* question = find_question(field);
    if (!question) return std::string(context.t("page.error.invalid"));
    if (field == "title" && error.message.find("required") != std::string::npos)
        return std::string(context.t("report.error.title"));
    std::string_view key;
    switch (question->kind) {
    case Kind::text:
    case Kind::textarea: key = "report.error.too_long"; break;
    case Kind::datetime: key = "report.error.time"; break;
    case Kind::count: key = "report.error.count"; break;
    default: key = "report.error.choice"; break;
    }
    return fmt::format(fmt::runtime(context.t(key)), fmt::arg("label", question_label(context, field)));
}

std::string report_form(const Context& context, const ReportFormView& view) {
    static const Form k_empty;
    const Form& values = view.values ? *view.values : k_empty;
    std::string out = html::error_summary(context, view.errors);
    out += fmt::format(R"(<form method="post" action="{}" novalidate>{}{})", esc(view.action), html::csrf_field(context),
                       view.extra_hidden);
    out += fmt::format(R"(<p class="lead">{}</p>)", tx(context, "report.form_intro"));
    out += render_where(context, view, values);
    for (const auto& section : sections()) {
        std::string fields;
        for (const auto& question : section.questions) fields += render_question(context, question, values, view.errors) + "\n";
        std::string section_hint_key = key_of("report.section_hint.", section.key);
        std::string hint = has_message(section_hint_key)
                               ? fmt::format(R"(<p class="hint">{}</p>)", tx(context, section_hint_key))
                               : std::string();
        out += fmt::format(R"(<fieldset class="section"><legend>{}</legend>{}{}</fieldset>)",
                           tx(context, key_of("report.section.", section.key)), hint, fields);
    }
    out += fmt::format(R"(<div class="actions"><button type="submit" class="button">{}</button></div></form>)",
                       tx(context, view.submit_key));
    return out;
}

std::string facts_summary(const Context& context, const domain::IncidentFacts& facts, std::string_view unit_name) {
    std::string rows;
    auto row = [&](std::string_view name, const std::string& value_html) {
        rows += fmt::format("<div class=\"row\"><dt>{}</dt><dd>{}</dd></div>\n", esc(question_label(context, name)), value_html);
    };
    row("title", esc(facts.title));
    row("description", free_text(context, facts.description));
    row("what_happened", code_label(context, "what_happened", facts.what_happened));
    row("cause", code_label(context, "cause", facts.cause));
    if (!facts.cause_other.empty()) row("cause_other", free_text(context, facts.cause_other));
    row("discovered_by", code_label(context, "discovered_by", facts.discovered_by));
    row("occurred_at", time_text(context, facts.occurred_at));
    row("discovered_at", time_text(context, facts.discovered_at));
    row("aware_at", time_text(context, facts.aware_at));
    row("ended_at", time_text(context, facts.ended_at));
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
    rows += fmt::format("<div class=\"row\"><dt>{}</dt><dd>{}</dd></div>\n", tx(context, "report.q.unit"),
                        unit_name.empty() ? tx(context, "common.not_given") : esc(unit_name));
    return "<dl class=\"summary\">\n" + rows + "</dl>";
}

std::string question_list(const Context& context) {
    std::string out = fmt::format(R"(<p class="lead">{}</p>)", tx(context, "questions.intro"));
    int number = 0;
    out += fmt::format(R"(<h2>{}</h2><ol class="questions" start="{}"><li><p>{}</p><p class="hint">{}</p></li><li><p>{}</p></li></ol>)",
                       tx(context, "report.section.where"), number + 1, tx(context, "report.q.org"),
                       tx(context, "questions.org_note"), tx(context, "report.q.unit"));
    number += 2;
    for (const auto& section : sections()) {
        std::string items;
        for (const auto& question : section.questions) {
            ++number;
            std::string item = fmt::format("<p>{}</p>", esc(question_label(context, question.name)));
            if (has_message(hint_key(question.name)))
                item += fmt::format(R"(<p class="hint">{}</p>)", tx(context, hint_key(question.name)));
            std::string options;
            if (question.kind == Kind::radios || question.kind == Kind::checkboxes) {
                for (auto code : question.codes()) {
                    std::string option_hint = key_of(std::string(question.list) + "_hint.", code);
                    options += "<li>" + code_label(context, question.list, code);
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
        out += fmt::format(R"(<h2>{}</h2><ol class="questions" start="{}">{}</ol>)",
                           tx(context, key_of("report.section.", section.key)),
                           number - static_cast<int>(section.questions.size()) + 1, items);
    }
    return out;
}

Result<std::vector<OrgUnits>> report_orgs(Context& context) {
    std::vector<OrgUnits> out;
    for (auto& org : TRY(context.app.organisations_of(*context.actor))) {
        if (!context.actor->allows(org.id, domain::Action::report)) continue;
        auto units = TRY(context.app.units_of(*context.actor, org.id));
        out.push_back({std::move(org), std::move(units)});
    }
    return out;
}

} // namespace skydda::web::pages
