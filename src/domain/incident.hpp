// A personal data breach case: the facts as reported and edited, its place in the workflow,
// and the checks that keep an invalid case from existing.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/error.hpp"
#include "util/time.hpp"

namespace skydda::domain {

enum class CaseStatus { reported, registered, assessing, decided, notified, closed, not_a_breach };
std::string_view status_name(CaseStatus status);
std::optional<CaseStatus> parse_status(std::string_view text);
bool is_open(CaseStatus status);

// Limits on free text, stated in the API documentation and error messages.
inline constexpr size_t k_title_max = 200;
inline constexpr size_t k_text_max = 20000;  // description, consequences, measures
inline constexpr size_t k_short_text_max = 500; // processor name, "other" cause
inline constexpr int64_t k_count_max = 1'000'000'000'000;

// Codes follow the assessment contract; an empty string means "don't know".
struct Effects {
    std::string confidentiality;
    std::string integrity;
    std::string availability;
    bool operator==(const Effects&) const = default;
};

struct IncidentFacts {
    std::string title;
    std::string description;
    std::string what_happened;
    std::string cause;
    std::string cause_other;
    std::string discovered_by;
    std::optional<Instant> occurred_at;
    std::optional<Instant> discovered_at;
    std::optional<Instant> aware_at;   // kännedom: starts the 72-hour clock
    std::optional<Instant> ended_at;
    std::vector<std::string> data;     // data codes
    std::optional<int64_t> subjects_count;
    std::vector<std::string> subject_groups;
    std::optional<int64_t> records;
    Effects effects;
    std::optional<int64_t> recipients;
    std::optional<bool> recipient_trusted;
    std::string consequences;
    std::string measures;
    std::optional<bool> processor_involved;
    std::string processor_name;
    std::string unit_id;
    // The processing activities of the register (GDPR art. 30) the breach touches: ids of the
    // organisation's activities, which the facts and the assessment are prefilled from.
    std::vector<std::string> processing_activities;
    // The times above given as a date alone, the time of day unknown ("tid okänd"), by field
    // name ("occurred_at", "discovered_at", "aware_at", "ended_at"), sorted. Each such time is held
    // as 00:00 Europe/Stockholm of its date: the earliest moment it can have been, so a clock that
    // runs from a discovery or a kännedom never starts later than the truth.
    std::vector<std::string> time_unknown;
    bool operator==(const IncidentFacts&) const = default;
};

// The four times of the facts, by their field names, in the order the form asks them.
inline constexpr std::string_view k_fact_times[] = {"occurred_at", "discovered_at", "aware_at", "ended_at"};
// Whether `field` (one of k_fact_times) was given as a date alone.
bool time_unknown(const IncidentFacts& facts, std::string_view field);
// Marks `field` as given with or without its time of day, keeping time_unknown sorted.
void set_time_unknown(IncidentFacts& facts, std::string_view field, bool unknown);

// Checks codes, limits and the order of the timestamps (to the day where one of the two is a date
// alone); `now` refuses times in the future.
Status validate_facts(const IncidentFacts& facts, Instant now);

struct Incident {
    std::string id;
    std::string org_id;
    std::string case_number;
    CaseStatus status = CaseStatus::reported;
    int64_t version = 1;
    IncidentFacts facts;
    Instant reported_at{};
    std::optional<Instant> registered_at;
    std::string reporter_id;
    std::string handler_id;
    std::string status_reason; // why closed as "not a breach", or why reopened
    Instant updated_at{};
};

// --- kännedom --------------------------------------------------------------------------------

// Where the clock's start comes from: the time given as kännedom, or, while it is unknown, the
// earliest time anyone in the organisation knew: the discovery, or the report.
enum class AwarenessSource { given, discovered, reported };
std::string_view awareness_source_name(AwarenessSource source); // "given" | "discovered" | "reported"

struct Awareness {
    Instant at{};
    AwarenessSource source = AwarenessSource::reported;
};
// Never later than the report: whoever reported it knew then.
Awareness awareness_of(const Incident& incident);

// awareness_of(incident).at
Instant awareness(const Incident& incident);

} // namespace skydda::domain
