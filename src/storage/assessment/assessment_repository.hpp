// Stored risk assessments and the decisions taken on them (tables `assessments` and
// `assessment_decisions`). Both are append-only: there is no update or delete, so an old
// decision stays reproducible from the input, output and ruleset stored beside it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "util/time.hpp"

namespace skydda::storage {

struct AssessmentRecord {
    std::string id, incident_id;
    int64_t version = 0;       // 1, 2, ... per incident
    std::string ruleset;       // the engine's ruleset that produced output_json
    std::string input_json;    // skydda.assessment-input/1 as given to the engine
    std::string output_json;   // skydda.assessment/1 as the engine answered
    std::string created_by, created_by_name;
    Instant created_at{};
};

struct DecisionRecord {
    std::string id, assessment_id, incident_id;
    bool agrees = true;         // false: the person overrode the engine's risk
    std::string risk;           // the decided level: unlikely | risk | high
    bool notify_authority = false;
    bool notify_subjects = false;
    std::string reasons;
    std::string decided_by, decided_by_name;
    Instant decided_at{};
};

Status insert_assessment(Connection& db, const AssessmentRecord& record);
// The next version number for the incident's assessments (1 for the first).
Result<int64_t> next_assessment_version(Connection& db, std::string_view incident_id);
Result<std::optional<AssessmentRecord>> find_assessment(Connection& db, std::string_view id);
// Oldest first.
Result<std::vector<AssessmentRecord>> list_assessments(Connection& db, std::string_view incident_id);

Status insert_decision(Connection& db, const DecisionRecord& record);
Result<std::optional<DecisionRecord>> find_decision_for(Connection& db, std::string_view assessment_id);
// Oldest first.
Result<std::vector<DecisionRecord>> list_decisions(Connection& db, std::string_view incident_id);

} // namespace skydda::storage
