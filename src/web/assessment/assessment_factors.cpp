// The assessment's factors on the page: the engine's input (skydda.assessment-input/1) as form
// fields, grouped as the engine reads them, each with "don't know"; the form read back into the
// input; and the HTML pieces the assessment page shares (assessment_pages.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "app/assessment/assessments.hpp"
#include "util/text.hpp"
#include "web/assessment/assessment_pages.hpp"

namespace skydda::web::pages::assessment_pages {
namespace json = boost::json;
namespace da = domain::assessment;

namespace {
using Codes = std::span<const std::string_view>;

// --- the factors -------------------------------------------------------------------------------

enum class Kind { choice, codes, when, count, number, yes_no };

struct Factor {
    std::string_view name; // the contract's path, also the form field's name
    Kind kind;
    std::string_view list = {}; // catalogue list for the codes' labels
    Codes codes = {};
    bool dont_know = true;
};

struct FactorGroup {
    std::string_view key;
    std::vector<Factor> factors;
};

const std::vector<FactorGroup>& factor_groups() {
    static const std::vector<FactorGroup> groups = {
        {"assess.group.organisation",
         {{"role", Kind::choice, "assess.role", da::k_role_codes, false},
          {"sector", Kind::choice, "sector", da::k_sector_codes},
          {"activity", Kind::choice, "assess.activity", da::k_activity_codes},
          {"controller_notice_hours", Kind::count}}},
        {"assess.group.times",
         {{"aware_at", Kind::when}, {"occurred_at", Kind::when}, {"discovered_at", Kind::when}, {"ended_at", Kind::when},
          {"notified_at", Kind::when}}},
        {"assess.group.incident",
         {{"what_happened", Kind::choice, "what_happened", da::k_what_happened_codes, false},
          {"cause", Kind::choice, "cause", da::k_cause_codes},
          {"discovered_by", Kind::choice, "discovered_by", da::k_discovered_by_codes},
          {"malicious", Kind::yes_no}}},
        {"assess.group.effects",
         {{"effects.confidentiality", Kind::choice, "confidentiality", da::k_confidentiality_codes},
          {"effects.integrity", Kind::choice, "integrity", da::k_integrity_codes},
          {"effects.availability", Kind::choice, "availability", da::k_availability_codes},
          {"outage_hours", Kind::number},
          {"service_impact", Kind::choice, "assess.service_impact", da::k_service_impact_codes}}},
        {"assess.group.data",
         {{"data", Kind::codes, "data", da::k_data_codes},
          {"records", Kind::count},
          {"subjects.count", Kind::count},
          {"subjects.groups", Kind::codes, "groups", da::k_group_codes},
          {"recipients", Kind::count},
          {"recipient_trusted", Kind::yes_no}}},
        {"assess.group.circumstances",
         {{"identifiability", Kind::choice, "assess.identifiability", da::k_identifiability_codes},
          {"protection", Kind::choice, "assess.protection", da::k_protection_codes},
          {"key_compromised", Kind::yes_no},
          {"data_recovered_or_deleted", Kind::yes_no},
          {"misuse_observed", Kind::yes_no},
          {"publicly_available", Kind::yes_no},
          {"mitigated_high_risk", Kind::yes_no},
          {"contact_disproportionate", Kind::yes_no}}},
        {"assess.group.other_rules",
         {{"nis2_entity", Kind::yes_no},
          {"significant_incident", Kind::yes_no},
          {"dora_entity", Kind::yes_no},
          {"major_ict_incident", Kind::yes_no},
          {"classified_at", Kind::when}}},
    };
    return groups;
}

const Factor* find_factor(std::string_view name) {
    for (const auto& group : factor_groups())
        for (const auto& factor : group.factors)
            if (factor.name == name) return &factor;
    return nullptr;
}

// "effects.integrity" → the object "effects" and the key "integrity"; else the top level.
std::pair<std::string_view, std::string_view> split_path(std::string_view name) {
    auto dot = name.find('.');
    if (dot == std::string_view::npos) return {{}, name};
    return {name.substr(0, dot), name.substr(dot + 1)};
}

const json::value* input_value(const json::object& input, std::string_view name) {
    auto [outer, key] = split_path(name);
    const json::object* object = &input;
    if (!outer.empty()) {
        const auto* nested = input.if_contains(outer);
        if (!nested || !nested->is_object()) return nullptr;
        object = &nested->get_object();
    }
    const auto* value = object->if_contains(key);
    return value && !value->is_null() ? value : nullptr;
}

std::string number_text(const json::value& value) {
    if (value.is_int64()) return std::to_string(value.get_int64());
    if (value.is_uint64()) return std::to_string(value.get_uint64());
    if (value.is_double()) return fmt::format("{}", value.get_double());
    return {};
}

} // namespace

Form form_from_input(const json::object& input) {
    Form form;
    for (const auto& group : factor_groups()) {
        for (const auto& factor : group.factors) {
            const auto* value = input_value(input, factor.name);
            if (!value) continue;
            std::string name(factor.name);
            if (factor.kind == Kind::codes && value->is_array()) {
                for (const auto& code : value->get_array())
                    if (code.is_string()) form.emplace_back(name, std::string(code.get_string()));
            } else if (factor.kind == Kind::yes_no && value->is_bool()) {
                form.emplace_back(name, value->get_bool() ? "true" : "false");
            } else if (factor.kind == Kind::when && value->is_string()) {
                if (auto at = parse_rfc3339(std::string_view(value->get_string()), name))
                    form.emplace_back(name, format_stockholm_local_input(*at));
            } else if (value->is_string()) {
                form.emplace_back(name, std::string(value->get_string()));
            } else if (value->is_number()) {
                form.emplace_back(name, number_text(*value));
            }
        }
    }
    return form;
}

namespace {

Result<json::value> factor_value(const Factor& factor, const Form& form) {
    std::string name(factor.name);
    if (factor.kind == Kind::codes) {
        json::array codes;
        for (const auto& code : form_values(form, name)) codes.emplace_back(code);
        // No box ticked reads as "don't know", as in the report form.
        return codes.empty() ? json::value(nullptr) : json::value(std::move(codes));
    }
    auto text = std::string(text::trim(form_value(form, name)));
    if (text.empty()) return json::value(nullptr);
    switch (factor.kind) {
    case Kind::yes_no: return json::value(text == "true");
    case Kind::when: return json::value(format_stockholm(TRY(parse_stockholm_local(text, name))));
    case Kind::count: {
        if (text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos)
            return fail(Error::invalid(name, "must be a whole number >= 0"));
        return json::value(static_cast<int64_t>(std::stoll(text)));
    }
    case Kind::number: {
        std::replace(text.begin(), text.end(), ',', '.'); // Swedish decimal comma
        if (text.size() > 15 || text.find_first_not_of("0123456789.") != std::string::npos)
            return fail(Error::invalid(name, "must be a number >= 0"));
        try {
            return json::value(std::stod(text));
        } catch (...) {
            return fail(Error::invalid(name, "must be a number >= 0"));
        }
    }
    default: return json::value(text);
    }
}


} // namespace

Result<json::object> input_from_form(const Form& form) {
    json::object out;
    for (const auto& group : factor_groups()) {
        for (const auto& factor : group.factors) {
            auto value = TRY(factor_value(factor, form));
            auto [outer, key] = split_path(factor.name);
            if (outer.empty()) {
                out[key] = std::move(value);
            } else {
                if (!out.contains(outer)) out[outer] = json::object{};
                out[outer].get_object()[key] = std::move(value);
            }
        }
    }
    return out;
}


namespace {

std::string dashed(std::string_view code) {
    std::string out(code);
    std::replace(out.begin(), out.end(), '_', '-');
    return out;
}

html::Html choice(std::string_view type, std::string_view name, const std::string& id, std::string_view value,
                  std::string_view label_text, bool checked) {
    return html::format(
        R"(<div class="choice"><input type="{}" name="{}" id="{}" value="{}"{}> <label for="{}">{}</label></div>)", type,
        name, id, value, checked ? html::Html(" checked") : html::Html(), id, label_text);
}

} // namespace

html::Html section(std::string_view id, const html::Html& heading, const html::Html& body) {
    return html::format(R"(<section id="{}" aria-labelledby="{}-heading"><h2 id="{}-heading">{}</h2>{}</section>)", id,
                        id, id, heading, body);
}

html::Html row(const Context& context, std::string_view key, const html::Html& value_html) {
    return html::format(R"(<div class="row"><dt>{}</dt><dd>{}</dd></div>)", context.t(key), value_html);
}

html::Html field_error(const Context& context, std::string_view name, const html::FieldError* error) {
    return error ? field_error_line(context, name, error->message) : html::Html();
}

html::Html choices(const Context& context, std::string_view name, std::string_view legend_key, std::string_view type,
                   const std::vector<std::pair<std::string, std::string>>& items, const std::vector<std::string>& selected,
                   std::string_view hint_key, const html::FieldError* error) {
    std::string base = html::field_id(name);
    html::Html body;
    for (size_t i = 0; i < items.size(); ++i) {
        bool checked = std::find(selected.begin(), selected.end(), items[i].first) != selected.end();
        std::string id = i == 0 ? base : base + "-" + (items[i].first.empty() ? "dont-know" : dashed(items[i].first));
        body += choice(type, name, id, items[i].first, items[i].second, checked);
    }
    html::Html hint = hint_key.empty() ? html::Html() : html::format(R"(<p class="hint">{}</p>)", context.t(hint_key));
    return html::format(R"(<div class="field{}"><fieldset><legend>{}</legend>{}{}<div class="{}">{}</div></fieldset></div>)",
                        error ? html::Html(" has-error") : html::Html(), context.t(legend_key), hint,
                        field_error(context, name, error), type == "radio" ? "radios" : "checkboxes", body);
}

namespace {

html::Html render_factor(const Context& context, const Factor& factor, const Form& values,
                         const std::vector<html::FieldError>& errors) {
    const auto* error = find_error(errors, factor.name);
    std::string label_key = fmt::format("assess.q.{}", factor.name);
    std::string name(factor.name);
    std::vector<std::pair<std::string, std::string>> items;
    auto selected = form_values(values, name);
    if (factor.kind == Kind::choice || factor.kind == Kind::codes) {
        for (auto code : factor.codes) items.emplace_back(code, std::string(label(context.lang, factor.list, code)));
    } else if (factor.kind == Kind::yes_no) {
        items = {{"true", std::string(context.t("common.yes"))}, {"false", std::string(context.t("common.no"))}};
    }
    if (factor.kind == Kind::codes)
        return choices(context, name, label_key, "checkbox", items, selected, "assess.hint.list", error);
    if (!items.empty()) {
        if (factor.dont_know) {
            items.emplace_back("", std::string(context.t("common.dont_know")));
            if (selected.empty()) selected.emplace_back();
        }
        return choices(context, name, label_key, "radio", items, selected, "", error);
    }
    std::string id = html::field_id(name);
    html::Html invalid = error ? html::Html(R"( aria-invalid="true")") : html::Html();
    html::Html control =
        factor.kind == Kind::when
            ? html::format(R"(<input type="datetime-local" name="{}" id="{}" value="{}"{}>)", name, id,
                           form_value(values, name), invalid)
            : html::format(R"(<input type="text" inputmode="{}" class="short" name="{}" id="{}" value="{}"{}>)",
                           factor.kind == Kind::number ? "decimal" : "numeric", name, id, form_value(values, name),
                           invalid);
    return html::format(R"(<div class="field{}"><label for="{}">{}</label><p class="hint">{}</p>{}{}</div>)",
                        error ? html::Html(" has-error") : html::Html(), id, context.t(label_key),
                        context.t("assess.hint.when"), field_error(context, name, error), control);
}

} // namespace

html::Html factors_form(const Context& context, std::string_view id, const Form& values,
                        const std::vector<html::FieldError>& errors) {
    html::Html groups;
    for (const auto& group : factor_groups()) {
        html::Html fields;
        for (const auto& factor : group.factors) fields += render_factor(context, factor, values, errors);
        groups += html::format(R"(<fieldset class="section"><legend>{}</legend>{}</fieldset>)", context.t(group.key),
                               fields);
    }
    return section("factors", html::text(context.t("assess.factors_heading")),
                   html::format(R"(<p>{}</p><form method="post" action="{}/assessment" novalidate>{}{}<button type="submit" class="button">{}</button></form>)",
                                context.t("assess.intro"), case_url(id), html::csrf_field(context), groups,
                                context.t("assess.compute")));
}

html::FieldError field_error_of(const Context& context, const Error& error) {
    std::string field = error.field.substr(0, error.field.find('['));
    std::string key = "assess.error." + field;
    if (has_message(key)) return {field, std::string(context.t(key))};
    const auto* factor = find_factor(field);
    if (!factor) return {field.empty() ? "factors" : field, std::string(context.t("page.error.invalid"))};
    switch (factor->kind) {
    case Kind::when: key = "assess.error.when"; break;
    case Kind::count: key = "assess.error.count"; break;
    case Kind::number: key = "assess.error.number"; break;
    default: key = "assess.error.choice"; break;
    }
    return {field, std::string(context.t(key))};
}

} // namespace skydda::web::pages::assessment_pages
