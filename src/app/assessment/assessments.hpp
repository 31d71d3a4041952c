// Risk assessments in the case file: the engine (domain/assessment) run on a case's facts,
// stored as numbered versions with the input, the output and the ruleset, and the decision a
// handler or DPO takes on one version. Free functions over App so that app.hpp stays as is.
#pragma once
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "domain/assessment/assessment.hpp"
#include "storage/assessment/assessment_repository.hpp"

namespace skydda::app {
// The rows this capability hands to the web layer, under app's name (web never names storage).
using storage::DecisionRecord;

struct StoredAssessment {
    storage::AssessmentRecord record;
    boost::json::object input;  // skydda.assessment-input/1
    boost::json::object output; // skydda.assessment/1
    std::optional<storage::DecisionRecord> decision;
};

struct DecisionInput {
    std::string assessment_id;
    bool agrees = true;
    std::optional<domain::assessment::RiskLevel> risk; // required when agrees is false
    std::string reasons;
};

struct RecordedDecision {
    storage::DecisionRecord decision;
    domain::CaseStatus case_status = domain::CaseStatus::decided;
};

inline constexpr size_t k_decision_reasons_max = 20000;

// The engine's input from what the case already knows: the facts, the organisation's sector
// and the controller role; everything else stays "don't know" (absent).
boost::json::object prefill_input(const domain::Incident& incident, const domain::Organisation& organisation);
// `overrides` in the input's shape, merged over `base`: keys replace, "effects" and "subjects"
// merge one level deep, null makes a fact unknown again.
boost::json::object merge_input(boost::json::object base, const boost::json::object& overrides);

// The prefilled input for the case (for the form); needs Action::change_status.
Result<boost::json::object> prefilled_input(App& app, const Actor& actor, std::string_view incident_id);
// Runs the engine on the prefilled input with `overrides` and stores it as the next version.
// Needs Action::change_status and an open case; audited.
Result<StoredAssessment> run_assessment(App& app, const Actor& actor, std::string_view incident_id,
                                        const boost::json::object& overrides);
// Records the decision on the case's latest assessment (immutable; one per version) and moves
// a case that is being assessed to decided. Reasons are required when overriding the engine
// or when the decision means not notifying IMY (GDPR art. 33(5)). Audited.
Result<RecordedDecision> record_decision(App& app, const Actor& actor, std::string_view incident_id,
                                         const DecisionInput& input);
struct AssessmentHistory {
    domain::Incident incident;
    std::vector<StoredAssessment> items; // oldest first, each with its decision
};
// Every version of the case's assessment. Needs Action::read_all_cases; the read is audited.
Result<AssessmentHistory> list_assessments(App& app, const Actor& actor, std::string_view incident_id);
// The latest version, for a page that has already audited its read of the case (open_case).
Result<std::optional<StoredAssessment>> latest_assessment(App& app, const Actor& actor, std::string_view incident_id);

} // namespace skydda::app
