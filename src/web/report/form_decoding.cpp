// The report form decoded into the API's facts JSON, the facts put back into form fields, and
// the form's errors in words for people; driven by the table of questions (form_questions.hpp).
#include <boost/json.hpp>
#include <fmt/format.h>

#include "domain/facts_json.hpp"
#include "util/text.hpp"
#include "web/report/form_questions.hpp"
#include "web/report/report.hpp"

namespace skydda::web::pages {
namespace json = boost::json;
using namespace form_table;

namespace {

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
    auto facts = TRY(domain::facts_from_json(object));
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

} // namespace skydda::web::pages
