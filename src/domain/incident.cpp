#include "domain/incident.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "domain/codes.hpp"
#include "util/text.hpp"

namespace skydda::domain {
namespace {

constexpr std::array<std::string_view, 7> k_status_names = {"reported", "registered", "assessing", "decided",
                                                             "notified", "closed",     "not_a_breach"};

Status check_text(std::string_view field, std::string_view value, size_t max) {
    return text::check_free_text(field, value, max);
}

Status check_code(std::string_view field, const std::string& value, std::span<const std::string_view> list) {
    if (value.empty() || codes::contains(list, value)) return {};
    return fail(Error::invalid(std::string(field), "unknown code '" + value + "'"));
}

Status check_codes(std::string_view field, const std::vector<std::string>& values,
                   std::span<const std::string_view> list) {
    std::set<std::string_view> seen;
    for (const auto& value : values) {
        if (!codes::contains(list, value)) return fail(Error::invalid(std::string(field), "unknown code '" + value + "'"));
        if (!seen.insert(value).second) return fail(Error::invalid(std::string(field), "lists '" + value + "' twice"));
    }
    return {};
}

Status check_count(std::string_view field, const std::optional<int64_t>& value) {
    if (value && (*value < 0 || *value > k_count_max))
        return fail(Error::invalid(std::string(field), "must be a whole number >= 0"));
    return {};
}

Status check_times(const IncidentFacts& facts, Instant now) {
    // A few minutes of tolerance for clocks that disagree.
    const auto latest = now + std::chrono::minutes(5);
    const std::pair<const char*, const std::optional<Instant>*> all[] = {
        {"occurred_at", &facts.occurred_at}, {"discovered_at", &facts.discovered_at},
        {"aware_at", &facts.aware_at}, {"ended_at", &facts.ended_at}};
    for (auto [field, value] : all)
        if (*value && **value > latest) return fail(Error::invalid(field, "must not be in the future"));
    if (facts.occurred_at && facts.discovered_at && *facts.discovered_at < *facts.occurred_at)
        return fail(Error::invalid("discovered_at", "must not be before occurred_at"));
    if (facts.occurred_at && facts.aware_at && *facts.aware_at < *facts.occurred_at)
        return fail(Error::invalid("aware_at", "must not be before occurred_at"));
    if (facts.occurred_at && facts.ended_at && *facts.ended_at < *facts.occurred_at)
        return fail(Error::invalid("ended_at", "must not be before occurred_at"));
    return {};
}

} // namespace

std::string_view status_name(CaseStatus status) { return k_status_names[static_cast<size_t>(status)]; }

std::optional<CaseStatus> parse_status(std::string_view text) {
    for (size_t i = 0; i < k_status_names.size(); ++i)
        if (k_status_names[i] == text) return static_cast<CaseStatus>(i);
    return std::nullopt;
}

bool is_open(CaseStatus status) { return status != CaseStatus::closed && status != CaseStatus::not_a_breach; }

Status validate_facts(const IncidentFacts& facts, Instant now) {
    if (text::trim(facts.title).empty()) return fail(Error::invalid("title", "is required"));
    TRY_STATUS(check_text("title", facts.title, k_title_max));
    TRY_STATUS(check_text("description", facts.description, k_text_max));
    TRY_STATUS(check_text("consequences", facts.consequences, k_text_max));
    TRY_STATUS(check_text("measures", facts.measures, k_text_max));
    TRY_STATUS(check_text("cause_other", facts.cause_other, k_short_text_max));
    TRY_STATUS(check_text("processor_name", facts.processor_name, k_short_text_max));
    TRY_STATUS(check_code("what_happened", facts.what_happened, codes::what_happened()));
    TRY_STATUS(check_code("cause", facts.cause, codes::cause()));
    TRY_STATUS(check_code("discovered_by", facts.discovered_by, codes::discovered_by()));
    TRY_STATUS(check_code("effects.confidentiality", facts.effects.confidentiality, codes::confidentiality()));
    TRY_STATUS(check_code("effects.integrity", facts.effects.integrity, codes::integrity()));
    TRY_STATUS(check_code("effects.availability", facts.effects.availability, codes::availability()));
    TRY_STATUS(check_codes("data", facts.data, codes::data()));
    TRY_STATUS(check_codes("subjects.groups", facts.subject_groups, codes::groups()));
    TRY_STATUS(check_count("subjects.count", facts.subjects_count));
    TRY_STATUS(check_count("records", facts.records));
    TRY_STATUS(check_count("recipients", facts.recipients));
    return check_times(facts, now);
}

std::string_view awareness_source_name(AwarenessSource source) {
    switch (source) {
    case AwarenessSource::given: return "given";
    case AwarenessSource::discovered: return "discovered";
    case AwarenessSource::reported: return "reported";
    }
    return "reported";
}

Awareness awareness_of(const Incident& incident) {
    const auto& f = incident.facts;
    // A kännedom given as later than the report cannot hold: the organisation knew at the report.
    if (f.aware_at) {
        if (*f.aware_at <= incident.reported_at) return {*f.aware_at, AwarenessSource::given};
        return {incident.reported_at, AwarenessSource::reported};
    }
    if (f.discovered_at && *f.discovered_at < incident.reported_at)
        return {*f.discovered_at, AwarenessSource::discovered};
    return {incident.reported_at, AwarenessSource::reported};
}

Instant awareness(const Incident& incident) { return awareness_of(incident).at; }

} // namespace skydda::domain
