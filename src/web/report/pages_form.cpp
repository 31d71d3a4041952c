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

// The messages the form's own time checks give (report_error_text words them for people).
constexpr std::string_view k_date_format = "must be a date such as 2026-12-01";
constexpr std::string_view k_clock_format = "must be a time of day such as 14:30, or empty when not known";
constexpr std::string_view k_date_missing = "has a time of day but no date";

std::string time_part(std::string_view name, std::string_view part) { return std::string(name) + "." + std::string(part); }

// "14:30", "14.30", "1430", "9:05" or "14" (the hour alone); nullopt when it is none of them.
std::optional<std::pair<int, int>> read_clock(std::string_view text) {
    std::string digits;
    size_t separators = 0, before = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9') digits += c;
        else if ((c == ':' || c == '.') && separators == 0 && !digits.empty()) separators = 1, before = digits.size();
        else return std::nullopt;
    }
    int hour = 0, minute = 0;
    if (separators) {
        if (before > 2 || digits.size() - before != 2) return std::nullopt;
        hour = std::stoi(digits.substr(0, before));
        minute = std::stoi(digits.substr(before));
    } else if (digits.size() == 4) {
        hour = std::stoi(digits.substr(0, 2));
        minute = std::stoi(digits.substr(2));
    } else if (!digits.empty() && digits.size() <= 2) {
        hour = std::stoi(digits);
    } else {
        return std::nullopt;
    }
    if (hour > 23 || minute > 59) return std::nullopt;
    return std::pair{hour, minute};
}

// What the reporter typed in a time question's two boxes ("occurred_at.date", "occurred_at.time");
// a form from before the boxes were split, or a script, may send "occurred_at" as
// "2026-12-01T14:30" or "2026-12-01". A date typed with its time in the date box is split.
struct TimeBoxes {
    std::string date;
    std::string time;
};

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

// The boxes as read: trimmed, and "2026-12-01 14:30" typed in the date box (time box empty) split.
TimeBoxes time_boxes(const Form& form, std::string_view name) {
    auto typed = typed_boxes(form, name);
    TimeBoxes boxes{std::string(text::trim(typed.date)), std::string(text::trim(typed.time))};
    if (boxes.time.empty()) {
        auto split = boxes.date.find_first_of("Tt ");
        if (split != std::string::npos && parse_stockholm_date(boxes.date.substr(0, split), name)) {
            boxes.time = std::string(text::trim(std::string_view(boxes.date).substr(split + 1)));
            boxes.date = boxes.date.substr(0, split);
        }
    }
    return boxes;
}

// Nothing typed is dropped: a time without a date, or a half-typed date or time, is an error
// naming the box at fault, never an empty answer. A date alone is an answer: "time unknown",
// sent on as the date alone ("2026-12-01"), which facts_from_json reads as 00:00 that day.
Result<json::value> decode_time(std::string_view name, const Form& form) {
    auto boxes = time_boxes(form, name);
    if (boxes.date.empty() && boxes.time.empty()) return json::value(nullptr);
    if (boxes.date.empty()) return fail(Error::invalid(std::string(name), std::string(k_date_missing)));
    auto day = parse_stockholm_date(boxes.date, name);
    if (!day) return fail(Error::invalid(std::string(name), std::string(k_date_format)));
    if (boxes.time.empty()) return json::value(format_stockholm_date(*day));
    auto clock = read_clock(boxes.time);
    if (!clock) return fail(Error::invalid(time_part(name, "time"), std::string(k_clock_format)));
    auto local = fmt::format("{}T{:02}:{:02}", format_stockholm_date(*day), clock->first, clock->second);
    auto instant = parse_stockholm_local(local, time_part(name, "time"));
    if (!instant) return fail(instant.error());
    return json::value(format_stockholm(*instant));
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
    case Kind::datetime: return decode_time(question.name, form);
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

// IMY's term for a code comes with plain words beside it ("Obehörigt röjande … – uppgifterna har
// kommit till någon som inte skulle ha dem"), where the catalogue has them.
std::string plain_key(std::string_view list, std::string_view code) {
    return "plain." + std::string(list) + "." + std::string(code);
}

std::string plain_words(const Context& context, std::string_view list, std::string_view code) {
    if (list.empty() || code.empty() || !has_message(plain_key(list, code))) return {};
    return std::string(context.t(plain_key(list, code)));
}

// The label of a code with its plain words, as HTML.
std::string label_with_plain(const Context& context, std::string_view list, std::string_view code) {
    auto plain = plain_words(context, list, code);
    std::string out = code_label(context, list, code);
    if (!plain.empty()) out += fmt::format(R"( <span class="plain">– {}</span>)", esc(plain));
    return out;
}

std::string option(const Context& context, std::string_view type, std::string_view name, std::string_view id,
                   std::string_view value, std::string_view label_text, bool checked, std::string_view hint,
                   std::string_view plain = {}) {
    std::string hint_html, hint_attr;
    if (!hint.empty()) {
        hint_html = fmt::format(R"(<span class="hint" id="{}-hint">{}</span>)", id, esc(hint));
        hint_attr = fmt::format(R"( aria-describedby="{}-hint")", id);
    }
    (void)context;
    std::string label_html = esc(label_text);
    if (!plain.empty()) label_html += fmt::format(R"( <span class="plain">– {}</span>)", esc(plain));
    return fmt::format(R"(<div class="choice"><input type="{}" name="{}" id="{}" value="{}"{}{}> <label for="{}">{}</label>{}</div>)",
                       type, esc(name), id, esc(value), checked ? " checked" : "", hint_attr, id, label_html,
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
            out += option(context, type, question.name, id, code, text, is_selected(code), hint_text,
                          plain_words(context, question.list, code)) + "\n";
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

// A time question: a date box and a time box as text, so that what is typed reaches the server
// as typed (a browser's date picker sends "" for a half-typed date, which would be dropped).
// The date box carries the question's id, so an error about the time as a whole lands on it.
std::string render_time_question(const Context& context, const Question& question, const Form& values,
                                 const std::vector<html::FieldError>& errors) {
    const std::string name(question.name);
    const auto* date_error = find_error(errors, name);
    const auto* time_error = find_error(errors, time_part(name, "time"));
    const std::string id = html::field_id(name), time_id = html::field_id(time_part(name, "time"));
    auto boxes = typed_boxes(values, name);
    std::string hints;
    std::string described;
    if (has_message(hint_key(name))) {
        hints += fmt::format(R"(<p class="hint" id="{}-hint">{}</p>)", id, tx(context, hint_key(name)));
        described += id + "-hint ";
    }
    hints += fmt::format(R"(<p class="hint" id="{}-format">{}</p>)", id, tx(context, "form.time.format_hint"));
    described += id + "-format";
    std::string error_lines;
    if (date_error) error_lines += field_error_line(context, name, date_error->message);
    if (time_error) error_lines += field_error_line(context, time_part(name, "time"), time_error->message);
    auto box = [&](const std::string& box_id, std::string_view part, std::string_view label_key, const std::string& value,
                   const html::FieldError* error) {
        std::string attrs = fmt::format(R"( aria-describedby="{}{}")", described, error ? " " + box_id + "-error" : "");
        if (error) attrs += R"( aria-invalid="true")";
        return fmt::format(R"(<div class="part"><label for="{}">{}</label><input type="text" class="{}" id="{}" name="{}" value="{}" autocomplete="off" spellcheck="false"{}></div>)",
                           box_id, tx(context, label_key), part, box_id, esc(time_part(name, part)), esc(value), attrs);
    };
    std::string parts = box(id, "date", "form.time.date", boxes.date, date_error) +
                        box(time_id, "time", "form.time.clock", boxes.time, time_error);
    return fmt::format(R"(<div class="field{}"><fieldset><legend>{}</legend>{}{}<div class="date-time">{}</div></fieldset></div>)",
                       date_error || time_error ? " has-error" : "", esc(question_label(context, name)), hints,
                       error_lines, parts);
}

std::string render_question(const Context& context, const Question& question, const Form& values,
                            const std::vector<html::FieldError>& errors) {
    const auto* error = find_error(errors, question.name);
    if (question.kind == Kind::datetime) return render_time_question(context, question, values, errors);
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

std::string select_field(const Context& context, const ReportFormView& view, std::string_view label_key,
                         std::string_view hint_message_key, const std::string& options) {
    const auto* error = find_error(view.errors, "unit");
    if (!error) error = find_error(view.errors, "org");
    std::string id = html::field_id("unit");
    std::string hint, described;
    if (!hint_message_key.empty()) {
        hint = fmt::format(R"(<p class="hint" id="{}-hint">{}</p>)", id, tx(context, hint_message_key));
        described = id + "-hint";
    }
    if (error) described += (described.empty() ? "" : " ") + id + "-error";
    std::string attrs = described.empty() ? std::string() : fmt::format(R"( aria-describedby="{}")", described);
    if (error) attrs += R"( aria-invalid="true")";
    return fmt::format(R"(<div class="field{}"><label for="{}">{}</label>{}{}<select id="{}" name="unit"{}>{}</select></div>)",
                       error ? " has-error" : "", id, tx(context, label_key), hint,
                       error ? field_error_line(context, "unit", error->message) : std::string(), id, attrs, options);
}

std::string unit_option(const storage::Unit& unit, std::string_view chosen) {
    return fmt::format(R"(<option value="{}"{}>{}</option>)", esc(unit.id), unit.id == chosen ? " selected" : "",
                       esc(unit.name));
}

// Where it happened, on the reporter's form. The reporter picks the unit and the organisation
// follows from it: one select with the units of all the reporter's organisations, grouped by
// organisation, each group ending with "Annan enhet eller vet inte" for that organisation
// (value "org:<id>"). With several organisations nothing is chosen beforehand: the first
// organisation is never a silent default. With one, its name is shown.
std::string render_place(const Context& context, const ReportFormView& view, const Form& values) {
    if (view.orgs.empty()) return {};
    std::string chosen = form_value(values, "unit"), chosen_org = form_value(values, "org");
    std::string out;
    if (view.orgs.size() == 1) {
        const auto& only = view.orgs.front();
        out += fmt::format(R"(<input type="hidden" name="org" value="{}">)", esc(only.organisation.id));
        out += fmt::format(R"(<p>{} <strong>{}</strong></p>)", tx(context, "report.reporting_for"), esc(only.organisation.name));
        if (!only.units.empty()) {
            std::string options = fmt::format(R"(<option value="">{}</option>)", tx(context, "form.place.other_or_unknown"));
            for (const auto& unit : only.units) options += unit_option(unit, chosen);
            out += select_field(context, view, "report.q.unit", "form.place.hint_one", options);
        }
        return out;
    }
    bool any_units = false;
    for (const auto& org : view.orgs) any_units = any_units || !org.units.empty();
    bool nothing_chosen = chosen.empty() && chosen_org.empty();
    std::string options = fmt::format(R"(<option value=""{}>{}</option>)", nothing_chosen ? " selected" : "",
                                      tx(context, any_units ? "form.place.choose_unit" : "form.place.choose_org"));
    for (const auto& org : view.orgs) {
        std::string group;
        for (const auto& unit : org.units) group += unit_option(unit, chosen);
        std::string org_value = "org:" + org.organisation.id;
        bool org_chosen = chosen == org_value || (chosen.empty() && chosen_org == org.organisation.id);
        std::string other = org.units.empty() ? esc(org.organisation.name)
                                              : fmt::format(fmt::runtime(tx(context, "form.place.other_in")),
                                                            fmt::arg("org", esc(org.organisation.name)));
        group += fmt::format(R"(<option value="{}"{}>{}</option>)", esc(org_value), org_chosen ? " selected" : "", other);
        options += fmt::format(R"(<optgroup label="{}">{}</optgroup>)", esc(org.organisation.name), group);
    }
    return select_field(context, view, any_units ? "report.q.unit" : "report.q.org",
                        any_units ? "form.place.hint_many" : "form.place.hint_many_orgs", options);
}

// Where it happened, on the handler's facts form: the organisation is fixed, the unit may change.
std::string render_unit(const Context& context, const ReportFormView& view, const Form& values) {
    std::string chosen = form_value(values, "unit");
    std::string options = fmt::format(R"(<option value="">{}</option>)", tx(context, "form.place.other_or_unknown"));
    bool any = false;
    for (const auto& org : view.orgs)
        for (const auto& unit : org.units) {
            options += unit_option(unit, chosen);
            any = true;
        }
    return any ? select_field(context, view, "report.q.unit", "", options) : std::string();
}

std::string render_where(const Context& context, const ReportFormView& view, const Form& values) {
    std::string out = view.choose_org ? render_place(context, view, values) : render_unit(context, view, values);
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
    auto put_time = [&](std::string_view name, const std::optional<Instant>& value) {
        if (!value) return;
        put(time_part(name, "date"), format_stockholm_date(*value));
        if (!domain::time_unknown(facts, name)) put(time_part(name, "time"), format_stockholm_clock(*value));
    };
    put_time("occurred_at", facts.occurred_at);
    put_time("discovered_at", facts.discovered_at);
    put_time("aware_at", facts.aware_at);
    put_time("ended_at", facts.ended_at);
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

// What to type in a time question, from the error the decoder or validate_facts gave.
std::string_view time_error_key(const Error& error) {
    const auto& message = error.message;
    if (error.field.ends_with(".time"))
        return message.find("does not exist") != std::string::npos ? "form.time.error_gap" : "form.time.error_clock";
    if (message == k_date_missing) return "form.time.error_date_missing";
    if (message == k_date_format) return "form.time.error_date";
    if (message.find("future") != std::string::npos) return "form.time.error_future";
    if (message.find("before occurred_at") != std::string::npos) return "form.time.error_before_occurred";
    if (message.find("does not exist") != std::string::npos) return "form.time.error_gap";
    return "form.time.error_date";
}

std::string report_error_text(const Context& context, const Error& error) {
    std::string field = error.field;
    if (field == "org") return std::string(context.t("report.error.org"));
    if (field == "unit")
        return std::string(context.t(error.message.starts_with("choose") ? "form.place.error_choose" : "report.error.unit"));
    if (field.ends_with(".time")) field.resize(field.size() - 5);
    const auto* question = find_question(field);
    if (question && question->kind == Kind::datetime)
        return fmt::format(fmt::runtime(context.t(time_error_key(error))), fmt::arg("label", question_label(context, field)));
    if (!question) return std::string(context.t("page.error.invalid"));
    if (field == "title" && error.message.find("required") != std::string::npos)
        return std::string(context.t("report.error.title"));
    std::string_view key;
    switch (question->kind) {
    case Kind::text:
    case Kind::textarea: key = "report.error.too_long"; break;
    case Kind::count: key = "report.error.count"; break;
    default: key = "report.error.choice"; break;
    }
    return fmt::format(fmt::runtime(context.t(key)), fmt::arg("label", question_label(context, field)));
}

// The form fields of a question, as the form posts them.
std::vector<std::string> field_names(const Question& question) {
    if (question.kind == Kind::datetime)
        return {std::string(question.name), time_part(question.name, "date"), time_part(question.name, "time")};
    return {std::string(question.name)};
}

// A question the reporter is not asked may still have an answer in the form (a script, or a
// value handed on): it goes on as a hidden field, so nothing given is dropped.
std::string carried_answers(const Question& question, const Form& values) {
    std::string out;
    for (const auto& name : field_names(question))
        for (const auto& value : form_values(values, name))
            if (!value.empty())
                out += fmt::format(R"(<input type="hidden" name="{}" value="{}">)", esc(name), esc(value));
    return out;
}

std::string section_legend(const Context& context, std::string_view key, bool reporter) {
    std::string reporter_key = key_of("form.reporter_section.", key);
    if (reporter && has_message(reporter_key)) return tx(context, reporter_key);
    return tx(context, key_of("report.section.", key));
}

std::string report_form(const Context& context, const ReportFormView& view) {
    static const Form k_empty;
    const Form& values = view.values ? *view.values : k_empty;
    const bool reporter = view.choose_org;
    std::string out = html::error_summary(context, view.errors);
    out += fmt::format(R"(<form method="post" action="{}" novalidate>{}{})", esc(view.action), html::csrf_field(context),
                       view.extra_hidden);
    out += fmt::format(R"(<p class="lead">{}</p>)", tx(context, "report.form_intro"));
    out += render_where(context, view, values);
    for (const auto& section : sections()) {
        std::string fields;
        for (const auto& question : section.questions) {
            // A handler's question is shown to the reporter only when an answer to it sent anyway
            // needs correcting; otherwise that answer goes on unseen.
            bool at_fault = false;
            for (const auto& name : field_names(question)) at_fault = at_fault || find_error(view.errors, name);
            if (reporter && question.asked == Asked::handler && !at_fault) out += carried_answers(question, values);
            else fields += render_question(context, question, values, view.errors) + "\n";
        }
        if (fields.empty()) continue;
        std::string section_hint_key = key_of(reporter ? "form.reporter_section_hint." : "report.section_hint.", section.key);
        if (!has_message(section_hint_key)) section_hint_key = key_of("report.section_hint.", section.key);
        std::string hint = has_message(section_hint_key)
                               ? fmt::format(R"(<p class="hint">{}</p>)", tx(context, section_hint_key))
                               : std::string();
        out += fmt::format(R"(<fieldset class="section"><legend>{}</legend>{}{}</fieldset>)",
                           section_legend(context, section.key, reporter), hint, fields);
    }
    out += fmt::format(R"(<div class="actions"><button type="submit" class="button">{}</button></div></form>)",
                       tx(context, view.submit_key));
    return out;
}

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
