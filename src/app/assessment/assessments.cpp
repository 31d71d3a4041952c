#include "app/assessment/assessments.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "app/assessment/assessment_json.hpp"
#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "domain/workflow.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"
#include "util/text.hpp"

namespace skydda::app {
namespace {

namespace json = boost::json;
namespace da = domain::assessment;
using domain::CaseStatus;
using storage::Connection;
using storage::TxMode;

// A fact's code goes into the input only when the engine knows it; anything else stays
// unknown rather than failing the whole assessment on an old or odd stored value.
template <class E> void put_code(json::object& out, std::string_view key, std::string_view code) {
    if (da::parse_code<E>(code)) out[key] = code;
}
template <class E> json::array known_codes(const std::vector<std::string>& codes) {
    json::array out;
    for (const auto& code : codes)
        if (da::parse_code<E>(code)) out.emplace_back(code);
    return out;
}
void put_time(json::object& out, std::string_view key, const std::optional<Instant>& at) {
    if (at) out[key] = format_stockholm(*at);
}

json::object effects_of(const domain::Effects& effects) {
    json::object out;
    put_code<da::Confidentiality>(out, "confidentiality", effects.confidentiality);
    put_code<da::Integrity>(out, "integrity", effects.integrity);
    put_code<da::Availability>(out, "availability", effects.availability);
    return out;
}

json::object subjects_of(const domain::IncidentFacts& facts) {
    json::object out;
    if (facts.subjects_count) out["count"] = *facts.subjects_count;
    auto groups = known_codes<da::Group>(facts.subject_groups);
    if (!groups.empty()) out["groups"] = std::move(groups);
    return out;
}

// Parses a stored JSON column; a broken one is an internal error, not the caller's.
Result<json::object> stored_object(const std::string& text, std::string_view what) {
    boost::system::error_code ec;
    auto value = json::parse(text, ec);
    if (ec || !value.is_object()) return fail(Error::internal(fmt::format("stored {} is not a JSON object", what)));
    return std::move(value.get_object());
}

Result<StoredAssessment> to_stored(storage::AssessmentRecord record, std::optional<storage::DecisionRecord> decision) {
    StoredAssessment out;
    out.input = TRY(stored_object(record.input_json, "assessment input"));
    out.output = TRY(stored_object(record.output_json, "assessment output"));
    out.record = std::move(record);
    out.decision = std::move(decision);
    return out;
}

std::string assessment_audit_json(const StoredAssessment& stored) {
    return json::serialize(json::object{{"assessment_id", stored.record.id},
                                        {"version", stored.record.version},
                                        {"ruleset", stored.record.ruleset},
                                        {"input", stored.input},
                                        {"risk", stored.output.at("risk")},
                                        {"notify_authority", stored.output.at("notify_authority")},
                                        {"notify_subjects", stored.output.at("notify_subjects")}});
}

std::string decision_audit_json(const storage::DecisionRecord& d, int64_t version) {
    return json::serialize(json::object{{"decision_id", d.id},
                                        {"assessment_id", d.assessment_id},
                                        {"version", version},
                                        {"agrees", d.agrees},
                                        {"risk", d.risk},
                                        {"notify_authority", d.notify_authority},
                                        {"notify_subjects", d.notify_subjects},
                                        {"reasons", d.reasons}});
}

Result<json::object> case_input(Connection& db, const domain::Incident& incident) {
    auto organisation = TRY(storage::find_organisation(db, incident.org_id));
    return prefill_input(incident, organisation.value_or(domain::Organisation{}));
}

bool is_controller(const json::object& input) {
    const auto* role = input.if_contains("role");
    return !role || !role->is_string() || role->get_string() == "controller";
}

// What the decision means: the engine's conclusion when the person agrees, else the chosen
// level with the engine's exemption for telling the data subjects still applying.
void conclude(storage::DecisionRecord& decision, const StoredAssessment& assessment, const DecisionInput& input) {
    const auto& output = assessment.output;
    decision.agrees = input.agrees;
    if (input.agrees) {
        decision.risk = std::string(output.at("risk").as_string());
        decision.notify_authority = output.at("notify_authority").as_bool();
        decision.notify_subjects = output.at("notify_subjects").as_bool();
        return;
    }
    bool controller = is_controller(assessment.input);
    decision.risk = std::string(da::risk_name(*input.risk));
    decision.notify_authority = controller && *input.risk != da::RiskLevel::unlikely;
    decision.notify_subjects = controller && *input.risk == da::RiskLevel::high && output.at("subjects_exemption").is_null();
}

Status check_decision_input(const DecisionInput& input) {
    if (input.assessment_id.empty()) return fail(Error::invalid("assessment_id", "is required"));
    if (!input.agrees && !input.risk)
        return fail(Error::invalid("risk", "is required when you do not agree: one of unlikely, risk, high"));
    return check_text_field("reasons", input.reasons, k_decision_reasons_max, false);
}

Status check_decidable(Connection& db, const domain::Incident& incident, const storage::AssessmentRecord& record) {
    if (incident.status != CaseStatus::assessing && incident.status != CaseStatus::decided)
        return fail(Error::conflict(fmt::format("a decision can be recorded while the case is assessing or decided; "
                                                "this case is {}",
                                                domain::status_name(incident.status))));
    if (TRY(storage::next_assessment_version(db, incident.id)) != record.version + 1)
        return fail(Error::conflict("a newer assessment of this case exists; decide on the latest one"));
    if (TRY(storage::find_decision_for(db, record.id)))
        return fail(Error::conflict("this assessment already has a decision; run a new assessment to decide again"));
    return {};
}

// assessing → decided, through the workflow's own check, with its audit entry.
Status move_to_decided(Connection& db, const Clock& clock, const Actor& actor, const domain::Incident& before) {
    if (before.status != CaseStatus::assessing) return {};
    TRY_STATUS(domain::check_transition(before.status, CaseStatus::decided, ""));
    domain::Incident after = before;
    after.status = CaseStatus::decided;
    after.updated_at = clock.now();
    if (!TRY(storage::update_incident(db, after, before.version)))
        return fail(Error{ErrorCode::failed_precondition, "the case was changed by someone else; reload it", "version"});
    after.version = before.version + 1;
    return audit_change(db, clock, &actor,
                        {"incident.status", "incident", after.id, after.org_id, incident_audit_json(before),
                         incident_audit_json(after)});
}

} // namespace

json::object prefill_input(const domain::Incident& incident, const domain::Organisation& organisation) {
    const auto& facts = incident.facts;
    json::object in;
    in["schema"] = da::k_input_schema;
    in["role"] = "controller";
    put_code<da::Sector>(in, "sector", organisation.sector);
    // The case treats the report as the latest possible moment of awareness (domain::awareness).
    in["aware_at"] = format_stockholm(domain::awareness(incident));
    put_time(in, "occurred_at", facts.occurred_at);
    put_time(in, "discovered_at", facts.discovered_at);
    put_time(in, "ended_at", facts.ended_at);
    put_code<da::WhatHappened>(in, "what_happened", facts.what_happened);
    put_code<da::Cause>(in, "cause", facts.cause);
    put_code<da::DiscoveredBy>(in, "discovered_by", facts.discovered_by);
    if (auto effects = effects_of(facts.effects); !effects.empty()) in["effects"] = std::move(effects);
    // An empty list in the facts means the reporter did not say; for the engine an empty list
    // would mean "no personal data", so it is left out.
    if (auto data = known_codes<da::DataType>(facts.data); !data.empty()) in["data"] = std::move(data);
    if (auto subjects = subjects_of(facts); !subjects.empty()) in["subjects"] = std::move(subjects);
    if (facts.records) in["records"] = *facts.records;
    if (facts.recipients) in["recipients"] = *facts.recipients;
    if (facts.recipient_trusted) in["recipient_trusted"] = *facts.recipient_trusted;
    return in;
}

json::object merge_input(json::object base, const json::object& overrides) {
    for (const auto& [key, value] : overrides) {
        bool nested = (key == "subjects" || key == "effects") && value.is_object();
        if (value.is_null()) {
            base.erase(key);
        } else if (nested && base.contains(key) && base.at(key).is_object()) {
            auto& target = base.at(key).get_object();
            for (const auto& [inner_key, inner_value] : value.get_object()) {
                if (inner_value.is_null()) target.erase(inner_key);
                else target[inner_key] = inner_value;
            }
        } else {
            base[key] = value;
        }
    }
    return base;
}

Result<json::object> prefilled_input(App& app, const Actor& actor, std::string_view incident_id) {
    std::string org_id;
    auto input = TRY(storage::transact_value<json::object>(app.database(), TxMode::read, [&](Connection& db) -> Result<json::object> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::change_status));
        org_id = incident.org_id;
        return case_input(db, incident);
    }));
    app.record_read(&actor, {org_id, "assessment.input.read", "incident", std::string(incident_id), {}});
    return input;
}

Result<StoredAssessment> run_assessment(App& app, const Actor& actor, std::string_view incident_id,
                                        const json::object& overrides) {
    const Clock& clock = app.clock();
    return storage::transact_value<StoredAssessment>(app.database(), TxMode::write, [&](Connection& db) -> Result<StoredAssessment> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::change_status));
        if (!domain::is_open(incident.status)) return fail(Error::conflict("reopen the case before assessing it again"));
        auto input = merge_input(TRY(case_input(db, incident)), overrides);
        auto parsed = TRY(assessment_input_from_json(input));
        auto version = TRY(storage::next_assessment_version(db, incident.id)); // not inside the braces
        storage::AssessmentRecord record{crypto::new_id(), incident.id, version,
                                         std::string(da::k_ruleset), json::serialize(input),
                                         json::serialize(assessment_to_json(da::assess(parsed))), actor.user_id,
                                         actor.name, clock.now()};
        TRY_STATUS(storage::insert_assessment(db, record));
        auto stored = TRY(to_stored(std::move(record), std::nullopt));
        TRY_STATUS(audit_change(db, clock, &actor,
                                {"assessment.run", "incident", incident.id, incident.org_id, "", assessment_audit_json(stored)}));
        return stored;
    });
}

Result<RecordedDecision> record_decision(App& app, const Actor& actor, std::string_view incident_id,
                                         const DecisionInput& input) {
    TRY_STATUS(check_decision_input(input));
    const Clock& clock = app.clock();
    return storage::transact_value<RecordedDecision>(app.database(), TxMode::write, [&](Connection& db) -> Result<RecordedDecision> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::change_status));
        auto record = TRY(storage::find_assessment(db, input.assessment_id));
        if (!record || record->incident_id != incident.id)
            return fail(Error::invalid("assessment_id", "is not an assessment of this case"));
        auto assessment = TRY(to_stored(std::move(*record), std::nullopt));
        storage::DecisionRecord decision{crypto::new_id(), assessment.record.id, incident.id};
        conclude(decision, assessment, input);
        bool not_notifying = is_controller(assessment.input) && !decision.notify_authority;
        if (text::trim(input.reasons).empty() && (!input.agrees || not_notifying))
            return fail(Error::invalid("reasons", input.agrees ? "are required when deciding not to notify IMY (GDPR art. 33(5))"
                                                               : "are required when you do not agree with the assessment"));
        TRY_STATUS(check_decidable(db, incident, assessment.record));
        decision.reasons = input.reasons;
        decision.decided_by = actor.user_id;
        decision.decided_by_name = actor.name;
        decision.decided_at = clock.now();
        TRY_STATUS(storage::insert_decision(db, decision));
        TRY_STATUS(audit_change(db, clock, &actor,
                                {"assessment.decide", "incident", incident.id, incident.org_id, "",
                                 decision_audit_json(decision, assessment.record.version)}));
        TRY_STATUS(move_to_decided(db, clock, actor, incident));
        return RecordedDecision{std::move(decision), CaseStatus::decided};
    });
}

static Result<std::vector<StoredAssessment>> with_decisions(Connection& db, std::string_view incident_id) {
    auto decisions = TRY(storage::list_decisions(db, incident_id));
    std::vector<StoredAssessment> out;
    for (auto& record : TRY(storage::list_assessments(db, incident_id))) {
        std::optional<storage::DecisionRecord> decision;
        for (const auto& d : decisions)
            if (d.assessment_id == record.id) decision = d;
        out.push_back(TRY(to_stored(std::move(record), std::move(decision))));
    }
    return out;
}

Result<AssessmentHistory> list_assessments(App& app, const Actor& actor, std::string_view incident_id) {
    auto history = TRY(storage::transact_value<AssessmentHistory>(
        app.database(), TxMode::read, [&](Connection& db) -> Result<AssessmentHistory> {
            AssessmentHistory out{TRY(load_for(db, actor, incident_id, domain::Action::read_all_cases)), {}};
            out.items = TRY(with_decisions(db, out.incident.id));
            return out;
        }));
    // The case with every assessment's input and output.
    app.record_read(&actor, {history.incident.org_id, "assessment.read", "incident", history.incident.id,
                             read_count("assessments", history.items.size())});
    return history;
}

Result<std::optional<StoredAssessment>> latest_assessment(App& app, const Actor& actor, std::string_view incident_id) {
    using Latest = std::optional<StoredAssessment>;
    std::string org_id;
    auto latest = TRY(storage::transact_value<Latest>(app.database(), TxMode::read, [&](Connection& db) -> Result<Latest> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::read_all_cases));
        org_id = incident.org_id;
        auto items = TRY(with_decisions(db, incident.id));
        if (items.empty()) return Latest();
        return Latest(std::move(items.back()));
    }));
    if (latest) app.record_read(&actor, {org_id, "assessment.read", "incident", std::string(incident_id), read_count("assessments", 1)});
    return latest;
}

} // namespace skydda::app
