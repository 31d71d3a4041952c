#include "app/assessment/assessment_json.hpp"
#include "util/json_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <istream>
#include <iterator>
#include <ostream>
#include <string>

namespace skydda::app {
namespace {

namespace json = boost::json;
namespace da = domain::assessment;

std::string join(std::string_view prefix, std::string_view key) {
    return prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
}

std::string codes_list(std::span<const std::string_view> codes) {
    return fmt::format("{}", fmt::join(codes, ", "));
}

// Reads typed fields from one JSON object and remembers which keys it saw, so that anything
// left over can be refused as an unknown field.
class ObjectReader {
public:
    ObjectReader(const json::object& object, std::string prefix) : m_object(object), m_prefix(std::move(prefix)) {}

    const json::value* find(std::string_view key) {
        m_known.emplace_back(key);
        const json::value* value = m_object.if_contains(key);
        return value && !value->is_null() ? value : nullptr; // null means "not known"
    }
    std::string path(std::string_view key) const { return join(m_prefix, key); }

    Result<std::optional<bool>> boolean(std::string_view key) {
        const json::value* v = find(key);
        if (!v) return std::optional<bool>{};
        if (!v->is_bool()) return fail(Error::invalid(path(key), "must be true or false"));
        return std::optional<bool>{v->get_bool()};
    }

    Result<std::optional<std::int64_t>> count(std::string_view key) { return whole(find(key), path(key)); }

    Result<std::optional<double>> non_negative(std::string_view key) {
        const json::value* v = find(key);
        if (!v) return std::optional<double>{};
        if (!v->is_number()) return fail(Error::invalid(path(key), "must be a number >= 0"));
        const double number = v->to_number<double>();
        if (!(number >= 0.0) || !std::isfinite(number)) return fail(Error::invalid(path(key), "must be a number >= 0"));
        return std::optional<double>{number};
    }

    Result<std::optional<Instant>> instant(std::string_view key) {
        const json::value* v = find(key);
        if (!v) return std::optional<Instant>{};
        if (!v->is_string()) return fail(Error::invalid(path(key), "must be an RFC 3339 timestamp with offset"));
        return std::optional<Instant>{TRY(parse_rfc3339(std::string_view(v->get_string()), path(key)))};
    }

    template <class E> Result<std::optional<E>> code(std::string_view key) {
        const json::value* v = find(key);
        if (!v) return std::optional<E>{};
        return std::optional<E>{TRY(code_value<E>(*v, path(key)))};
    }

    template <class E> Result<std::optional<std::vector<E>>> codes(std::string_view key) {
        const json::value* v = find(key);
        if (!v) return std::optional<std::vector<E>>{};
        if (!v->is_array()) return fail(Error::invalid(path(key), "must be an array of codes"));
        std::vector<E> out;
        const auto& array = v->get_array();
        for (std::size_t i = 0; i < array.size(); ++i) {
            const E value = TRY(code_value<E>(array[i], fmt::format("{}[{}]", path(key), i)));
            if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
        }
        return std::optional<std::vector<E>>{std::move(out)};
    }

    Status no_unknown_fields() const {
        for (const auto& [key, value] : m_object) {
            if (std::find(m_known.begin(), m_known.end(), std::string_view(key)) == m_known.end())
                return fail(Error::invalid(path(key), "is not a known field"));
        }
        return {};
    }

    static Result<std::optional<std::int64_t>> whole(const json::value* v, const std::string& where) {
        if (!v) return std::optional<std::int64_t>{};
        if (v->is_int64() && v->get_int64() >= 0) return std::optional<std::int64_t>{v->get_int64()};
        if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
            return std::optional<std::int64_t>{static_cast<std::int64_t>(v->get_uint64())};
        return fail(Error::invalid(where, "must be a whole number >= 0"));
    }

    template <class E> static Result<E> code_value(const json::value& v, const std::string& where) {
        const auto table = da::codes_of<E>();
        if (v.is_string()) {
            if (auto parsed = da::parse_code<E>(std::string_view(v.get_string()))) return *parsed;
        }
        return fail(Error::invalid(where, fmt::format("must be one of: {}", codes_list(table))));
    }

private:
    const json::object& m_object;
    std::string m_prefix;
    std::vector<std::string_view> m_known;
};

Result<const json::object*> object_at(const json::value* v, const std::string& where) {
    if (!v) return static_cast<const json::object*>(nullptr);
    if (!v->is_object()) return fail(Error::invalid(where, "must be an object"));
    return &v->get_object();
}

Status read_effects(ObjectReader& top, da::Input& in) {
    const json::object* effects = TRY(object_at(top.find("effects"), "effects"));
    if (!effects) return {};
    ObjectReader r(*effects, "effects");
    in.effects.confidentiality = TRY(r.code<da::Confidentiality>("confidentiality"));
    in.effects.integrity = TRY(r.code<da::Integrity>("integrity"));
    in.effects.availability = TRY(r.code<da::Availability>("availability"));
    return r.no_unknown_fields();
}

Status read_subjects(ObjectReader& top, da::Input& in) {
    const json::object* subjects = TRY(object_at(top.find("subjects"), "subjects"));
    if (!subjects) return {};
    ObjectReader r(*subjects, "subjects");
    in.subjects.count = TRY(r.count("count"));
    in.subjects.groups = TRY(r.codes<da::Group>("groups")).value_or(std::vector<da::Group>{});
    return r.no_unknown_fields();
}

Status read_header(ObjectReader& r, da::Input& in) {
    if (const json::value* schema = r.find("schema")) {
        if (!schema->is_string() || schema->get_string() != da::k_input_schema)
            return fail(Error::invalid("schema", fmt::format("must be \"{}\"", da::k_input_schema)));
    }
    in.role = TRY(r.code<da::Role>("role")).value_or(da::Role::controller);
    in.sector = TRY(r.code<da::Sector>("sector"));
    in.activity = TRY(r.code<da::Activity>("activity"));
    const auto what = TRY(r.code<da::WhatHappened>("what_happened"));
    if (!what)
        return fail(Error::invalid("what_happened", fmt::format("is required, one of: {}",
                                                                codes_list(da::codes_of<da::WhatHappened>()))));
    in.what_happened = *what;
    in.cause = TRY(r.code<da::Cause>("cause"));
    in.discovered_by = TRY(r.code<da::DiscoveredBy>("discovered_by"));
    return {};
}

Status read_times(ObjectReader& r, da::Input& in) {
    in.aware_at = TRY(r.instant("aware_at"));
    in.occurred_at = TRY(r.instant("occurred_at"));
    in.discovered_at = TRY(r.instant("discovered_at"));
    in.ended_at = TRY(r.instant("ended_at"));
    in.notified_at = TRY(r.instant("notified_at"));
    in.classified_at = TRY(r.instant("classified_at"));
    const auto hours = TRY(r.count("controller_notice_hours"));
    if (hours && *hours > 24 * 365) return fail(Error::invalid("controller_notice_hours", "must be at most 8760"));
    if (hours) in.controller_notice_hours = static_cast<int>(*hours);
    return {};
}

Status read_data(ObjectReader& r, da::Input& in) {
    in.outage_hours = TRY(r.non_negative("outage_hours"));
    in.service_impact = TRY(r.code<da::ServiceImpact>("service_impact"));
    in.data = TRY(r.codes<da::DataType>("data"));
    in.records = TRY(r.count("records"));
    in.identifiability = TRY(r.code<da::Identifiability>("identifiability"));
    in.protection = TRY(r.code<da::Protection>("protection"));
    in.recipients = TRY(r.count("recipients"));
    return {};
}

Status read_flags(ObjectReader& r, da::Input& in) {
    in.key_compromised = TRY(r.boolean("key_compromised"));
    in.recipient_trusted = TRY(r.boolean("recipient_trusted"));
    in.data_recovered_or_deleted = TRY(r.boolean("data_recovered_or_deleted"));
    in.malicious = TRY(r.boolean("malicious"));
    in.misuse_observed = TRY(r.boolean("misuse_observed"));
    in.publicly_available = TRY(r.boolean("publicly_available"));
    in.mitigated_high_risk = TRY(r.boolean("mitigated_high_risk"));
    in.contact_disproportionate = TRY(r.boolean("contact_disproportionate"));
    in.nis2_entity = TRY(r.boolean("nis2_entity"));
    in.significant_incident = TRY(r.boolean("significant_incident"));
    in.dora_entity = TRY(r.boolean("dora_entity"));
    in.major_ict_incident = TRY(r.boolean("major_ict_incident"));
    return {};
}

json::object severity_to_json(const da::Severity& s) {
    return {{"dpc", s.dpc},
            {"ei", s.ei},
            {"cb", s.cb},
            {"score", s.score},
            {"level", da::severity_level_name(s.level)},
            {"over_100_people", s.over_100_people},
            {"unintelligible", s.unintelligible}};
}

json::array deadlines_to_json(const std::vector<domain::Deadline>& deadlines) {
    json::array out;
    for (const auto& d : deadlines) {
        json::object item{{"duty", domain::duty_name(d.duty)}, {"regime", domain::regime_name(d.regime)}};
        item["due"] = d.due ? json::value(format_stockholm(*d.due)) : json::value(nullptr);
        item["basis"] = d.basis;
        out.push_back(std::move(item));
    }
    return out;
}

json::array reasons_to_json(const std::vector<da::Reason>& reasons) {
    json::array out;
    for (const auto& r : reasons)
        out.push_back(json::object{{"code", r.code},
                                   {"effect", da::effect_name(r.effect)},
                                   {"text", json::object{{"sv", r.text.sv}, {"en", r.text.en}}}});
    return out;
}

Result<json::value> parse_json(std::string_view text) {
    boost::system::error_code ec;
    json::value value = json::parse(text, ec);
    if (ec) return fail(Error::invalid("input", fmt::format("is not valid JSON ({})", ec.message())));
    return value;
}

std::string error_line(const Error& error) {
    return fmt::format("{}: {}", error.field.empty() ? "input" : error.field, error.message);
}

} // namespace

Result<da::Input> assessment_input_from_json(const json::value& value) {
    if (!value.is_object()) return fail(Error::invalid("input", "must be a JSON object"));
    ObjectReader r(value.get_object(), "");
    da::Input in;
    TRY_STATUS(read_header(r, in));
    TRY_STATUS(read_times(r, in));
    TRY_STATUS(read_effects(r, in));
    TRY_STATUS(read_subjects(r, in));
    TRY_STATUS(read_data(r, in));
    TRY_STATUS(read_flags(r, in));
    TRY_STATUS(r.no_unknown_fields());
    return in;
}

Result<da::Input> parse_assessment_input(std::string_view text) {
    const json::value value = TRY(parse_json(text));
    return assessment_input_from_json(value);
}

json::object assessment_to_json(const da::Assessment& a) {
    json::object out;
    out["schema"] = da::k_output_schema;
    out["ruleset"] = da::k_ruleset;
    out["risk"] = da::risk_name(a.risk);
    out["notify_authority"] = a.notify_authority;
    out["notify_subjects"] = a.notify_subjects;
    out["subjects_exemption"] =
        a.subjects_exemption ? json::value(da::exemption_name(*a.subjects_exemption)) : json::value(nullptr);
    out["severity"] = severity_to_json(a.severity);
    out["deadlines"] = deadlines_to_json(a.deadlines);
    out["reasons"] = reasons_to_json(a.reasons);
    return out;
}

json::object error_to_json(const Error& error) {
    return {{"field", error.field.empty() ? "input" : error.field}, {"message", error.message}};
}

int assess_document(std::istream& in, std::ostream& out, std::ostream& err) {
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto input = parse_assessment_input(text);
    if (!input) {
        err << error_line(input.error()) << '\n';
        return 2;
    }
    out << json_text(assessment_to_json(da::assess(*input))) << '\n';
    return 0;
}

int assess_lines(std::istream& in, std::ostream& out, std::ostream& err) {
    std::string line;
    int number = 0, failed = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto input = parse_assessment_input(line);
        if (!input) {
            ++failed;
            out << json::serialize(json::object{{"line", number}, {"error", error_to_json(input.error())}}) << '\n';
            continue;
        }
        out << json_text(assessment_to_json(da::assess(*input))) << '\n';
    }
    if (failed) err << fmt::format("input: {} of {} lines failed", failed, number) << '\n';
    return failed ? 2 : 0;
}

} // namespace skydda::app
