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

const std::optional<Instant>* time_of(const IncidentFacts& facts, std::string_view field) {
    if (field == "occurred_at") return &facts.occurred_at;
    if (field == "discovered_at") return &facts.discovered_at;
    if (field == "aware_at") return &facts.aware_at;
    if (field == "ended_at") return &facts.ended_at;
    return nullptr;
}

// A time given as a date alone is held as the first moment of its day and must be one.
Status check_time_unknown(const IncidentFacts& facts) {
    std::set<std::string_view> seen;
    for (const auto& field : facts.time_unknown) {
        const auto* value = time_of(facts, field);
        if (!value) return fail(Error::invalid("time_unknown", "lists '" + field + "', which is not one of the times"));
        if (!seen.insert(field).second) return fail(Error::invalid("time_unknown", "lists '" + field + "' twice"));
        if (!*value) return fail(Error::invalid("time_unknown", "lists '" + field + "', which is not given"));
        if (stockholm_start_of_day(**value) != **value)
            return fail(Error::invalid(field, "has a time of day but time_unknown says it is a date alone; give the date "
                                              "alone (2026-12-01) or leave it out of time_unknown"));
    }
    return {};
}

// `later` must not be before `earlier`; to the day when either is a date alone, since a date
// alone says only which day (discovered "2026-12-01" is not before occurred 2026-12-01 14:00).
bool in_order(const IncidentFacts& facts, std::string_view earlier, std::string_view later) {
    const auto& from = *time_of(facts, earlier);
    const auto& to = *time_of(facts, later);
    if (!from || !to) return true;
    if (time_unknown(facts, earlier) || time_unknown(facts, later))
        return stockholm_start_of_day(*to) >= stockholm_start_of_day(*from);
    return *to >= *from;
}

Status check_times(const IncidentFacts& facts, Instant now) {
    TRY_STATUS(check_time_unknown(facts));
    // A few minutes of tolerance for clocks that disagree.
    const auto latest = now + std::chrono::minutes(5);
    for (auto field : k_fact_times) {
        const auto& value = *time_of(facts, field);
        if (value && *value > latest) return fail(Error::invalid(std::string(field), "must not be in the future"));
    }
    for (std::string_view later : {"discovered_at", "aware_at", "ended_at"})
        if (!in_order(facts, "occurred_at", later))
            return fail(Error::invalid(std::string(later), "must not be before occurred_at"));
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

bool time_unknown(const IncidentFacts& facts, std::string_view field) {
    return std::find(facts.time_unknown.begin(), facts.time_unknown.end(), field) != facts.time_unknown.end();
}

void set_time_unknown(IncidentFacts& facts, std::string_view field, bool unknown) {
    auto& list = facts.time_unknown;
    list.erase(std::remove(list.begin(), list.end(), field), list.end());
    if (unknown) {
        list.emplace_back(field);
        std::sort(list.begin(), list.end());
    }
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
