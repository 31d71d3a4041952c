// Risk assessments in the case file: prefill from the facts, stored versions that reproduce,
// decisions with their reasons, the workflow step and who may do what.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/assessment/assessment_json.hpp"
#include "app/assessment/assessments.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories.hpp"
#include "support/app_test.hpp"

using namespace skydda;
using namespace skydda::app;
namespace json = boost::json;
namespace da = domain::assessment;

namespace {

const Instant k_start = *parse_rfc3339("2026-01-05T10:00:00+01:00", "start");

// Runs on SQLite and on PostgreSQL.
class Assessments : public test_support::AppTest {
protected:
    Assessments() : AppTest(k_start) {}
    void SetUp() override {
        AppTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_org = *m_app->add_organisation(nullptr, {"Nämnd A", "212000-0001", "public"});
        m_other_org = *m_app->add_organisation(nullptr, {"Nämnd B", "", "private"});
        for (auto role : {"reporter", "registrar", "handler", "dpo", "auditor", "admin"}) m_actors[role] = person(m_org, role);
        m_actors["outsider"] = person(m_other_org, "handler");
    }
    const Actor& as(const std::string& who) { return m_actors.at(who); }

    // A misdirected e-mail with health data about one pupil, moved to `assessing`.
    std::string report_case(bool to_assessing = true) {
        domain::IncidentFacts facts;
        facts.title = "Mejl till fel vårdnadshavare";
        facts.what_happened = "misdirected_communication";
        facts.cause = "human_error";
        facts.aware_at = k_start - std::chrono::hours(1);
        facts.data = {"name", "health"};
        facts.subjects_count = 1;
        facts.subject_groups = {"pupils"};
        facts.effects.confidentiality = "known_recipients";
        facts.recipients = 1;
        auto incident = m_app->report_incident(as("reporter"), m_org, facts);
        EXPECT_TRUE(incident) << incident.error().message;
        if (to_assessing) {
            EXPECT_TRUE(m_app->change_status(as("registrar"), incident->id, domain::CaseStatus::registered, "", {}));
            EXPECT_TRUE(m_app->change_status(as("handler"), incident->id, domain::CaseStatus::assessing, "", {}));
        }
        return incident->id;
    }

    std::string m_org, m_other_org;
    std::map<std::string, Actor> m_actors;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, Assessments, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST(AssessmentPrefill, MapsTheFactsAndLeavesTheRestUnknown) {
    domain::Incident incident;
    incident.reported_at = k_start;
    auto& f = incident.facts;
    f.what_happened = "loss";
    f.cause = "external_attack";
    f.discovered_by = "employee";
    f.occurred_at = k_start - std::chrono::hours(30);
    f.discovered_at = k_start - std::chrono::hours(5);
    f.ended_at = k_start - std::chrono::hours(4);
    f.data = {"name", "personal_identity_number", "no_such_code"};
    f.subjects_count = 120;
    f.subject_groups = {"patients"};
    f.records = 300;
    f.effects = {"unknown_recipients", "", "temporary"};
    f.recipients = 2;
    f.recipient_trusted = false;
    domain::Organisation org;
    org.sector = "private";
    auto in = prefill_input(incident, org);
    EXPECT_EQ(in.at("role"), "controller");
    EXPECT_EQ(in.at("sector"), "private");
    // No awareness given: the discovery, the earliest anyone knew (issue 12), not the report.
    EXPECT_EQ(in.at("aware_at"), json::value(format_stockholm(*f.discovered_at)));
    EXPECT_EQ(in.at("occurred_at"), json::value(format_stockholm(*f.occurred_at)));
    EXPECT_EQ(in.at("what_happened"), "loss");
    EXPECT_EQ(in.at("cause"), "external_attack");
    EXPECT_EQ(in.at("discovered_by"), "employee");
    EXPECT_EQ(in.at("data"), (json::array{"name", "personal_identity_number"}));
    EXPECT_EQ(in.at("subjects"), (json::object{{"count", 120}, {"groups", json::array{"patients"}}}));
    EXPECT_EQ(in.at("records"), 300);
    EXPECT_EQ(in.at("effects"), (json::object{{"confidentiality", "unknown_recipients"}, {"availability", "temporary"}}));
    EXPECT_EQ(in.at("recipients"), 2);
    EXPECT_EQ(in.at("recipient_trusted"), false);
    for (auto unknown : {"activity", "protection", "identifiability", "malicious", "nis2_entity", "outage_hours"})
        EXPECT_FALSE(in.contains(unknown)) << unknown;
    EXPECT_TRUE(assessment_input_from_json(in)) << "the prefilled input is valid input/1";
}

TEST(AssessmentPrefill, MergeReplacesNestsAndClears) {
    json::object base{{"what_happened", "loss"}, {"subjects", json::object{{"count", 3}, {"groups", json::array{"pupils"}}}},
                      {"records", 5}};
    auto merged = merge_input(base, json::object{{"subjects", json::object{{"count", 10}, {"groups", nullptr}}},
                                                 {"records", nullptr},
                                                 {"protection", "encrypted"}});
    EXPECT_EQ(merged.at("subjects"), (json::object{{"count", 10}}));
    EXPECT_FALSE(merged.contains("records"));
    EXPECT_EQ(merged.at("protection"), "encrypted");
}

TEST_P(Assessments, EachRunIsANewVersionThatReproduces) {
    auto id = report_case();
    auto first = run_assessment(*m_app, as("handler"), id, {});
    ASSERT_TRUE(first) << first.error().field << ": " << first.error().message;
    EXPECT_EQ(first->record.version, 1);
    EXPECT_EQ(first->record.ruleset, da::k_ruleset);
    EXPECT_EQ(first->output.at("schema"), json::value(da::k_output_schema));
    m_clock.advance(std::chrono::minutes(5));
    auto second = run_assessment(*m_app, as("dpo"), id, json::object{{"protection", "encrypted"}, {"records", nullptr}});
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(second->record.version, 2);
    EXPECT_EQ(second->input.at("protection"), "encrypted");

    auto history = list_assessments(*m_app, as("auditor"), id);
    ASSERT_TRUE(history) << history.error().message;
    ASSERT_EQ(history->items.size(), 2u);
    for (const auto& stored : history->items) {
        // Reproducible: the stored input through the engine gives the stored output.
        auto input = assessment_input_from_json(stored.input);
        ASSERT_TRUE(input);
        EXPECT_EQ(json::value(assessment_to_json(da::assess(*input))), json::value(stored.output));
        EXPECT_FALSE(stored.decision);
    }
    int runs = 0;
    for (const auto& entry : audit_of(id)) runs += entry.action == "assessment.run";
    EXPECT_EQ(runs, 2);
}

TEST_P(Assessments, BadOverridesNameTheField) {
    auto id = report_case();
    auto bad = run_assessment(*m_app, as("handler"), id, json::object{{"subjects", json::object{{"count", -1}}}});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().field, "subjects.count");
    auto unknown = run_assessment(*m_app, as("handler"), id, json::object{{"colour", "red"}});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().field, "colour");
    auto cleared = run_assessment(*m_app, as("handler"), id, json::object{{"what_happened", nullptr}});
    ASSERT_FALSE(cleared);
    EXPECT_EQ(cleared.error().field, "what_happened");
}

TEST_P(Assessments, WhoMayAssessAndRead) {
    auto id = report_case();
    EXPECT_EQ(run_assessment(*m_app, as("reporter"), id, {}).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(run_assessment(*m_app, as("auditor"), id, {}).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(run_assessment(*m_app, as("outsider"), id, {}).error().code, ErrorCode::not_found);
    EXPECT_EQ(run_assessment(*m_app, as("admin"), id, {}).error().code, ErrorCode::not_found);
    ASSERT_TRUE(run_assessment(*m_app, as("dpo"), id, {}));
    EXPECT_TRUE(list_assessments(*m_app, as("registrar"), id));
    EXPECT_EQ(list_assessments(*m_app, as("reporter"), id).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(list_assessments(*m_app, as("outsider"), id).error().code, ErrorCode::not_found);
    EXPECT_EQ(record_decision(*m_app, as("auditor"), id, {"x", true, {}, "r"}).error().code, ErrorCode::permission_denied);
}

TEST_P(Assessments, DecisionNeedsReasonsWhenOverridingOrNotNotifying) {
    auto id = report_case();
    auto stored = *run_assessment(*m_app, as("handler"), id, {});
    ASSERT_NE(stored.output.at("risk"), "unlikely") << "health data about a pupil to the wrong person";
    auto override_without = record_decision(*m_app, as("handler"), id, {stored.record.id, false, da::RiskLevel::high, " "});
    ASSERT_FALSE(override_without);
    EXPECT_EQ(override_without.error().field, "reasons");
    auto no_risk = record_decision(*m_app, as("handler"), id, {stored.record.id, false, std::nullopt, "why"});
    EXPECT_EQ(no_risk.error().field, "risk");
    auto unknown = record_decision(*m_app, as("handler"), id, {"no-such-id", true, std::nullopt, ""});
    EXPECT_EQ(unknown.error().field, "assessment_id");

    // Overriding down to "unlikely" means not notifying IMY: reasons are required (art. 33(5)).
    auto decided = record_decision(*m_app, as("dpo"), id,
                                   {stored.record.id, false, da::RiskLevel::unlikely, "Mottagaren är kollega och raderade."});
    ASSERT_TRUE(decided) << decided.error().message;
    EXPECT_FALSE(decided->decision.notify_authority);
    EXPECT_EQ(decided->decision.risk, "unlikely");
    EXPECT_EQ(m_app->get_incident(as("dpo"), id)->status, domain::CaseStatus::decided);

    // Immutable: one decision per version; a new version may be decided again.
    EXPECT_EQ(record_decision(*m_app, as("dpo"), id, {stored.record.id, true, std::nullopt, "again"}).error().code,
              ErrorCode::conflict);
    auto again = *run_assessment(*m_app, as("handler"), id, {});
    EXPECT_EQ(record_decision(*m_app, as("dpo"), id, {stored.record.id, true, std::nullopt, "old"}).error().code,
              ErrorCode::conflict);
    auto agreed = record_decision(*m_app, as("handler"), id, {again.record.id, true, std::nullopt, ""});
    ASSERT_TRUE(agreed) << agreed.error().message;
    EXPECT_TRUE(agreed->decision.agrees);
    EXPECT_TRUE(agreed->decision.notify_authority);

    auto history = *list_assessments(*m_app, as("auditor"), id);
    ASSERT_EQ(history.items.size(), 2u);
    ASSERT_TRUE(history.items[0].decision);
    EXPECT_EQ(history.items[0].decision->reasons, "Mottagaren är kollega och raderade.");
    int decisions = 0, moves = 0;
    for (const auto& entry : audit_of(id)) {
        decisions += entry.action == "assessment.decide";
        moves += entry.action == "incident.status" && entry.after_json.find("\"decided\"") != std::string::npos;
    }
    EXPECT_EQ(decisions, 2);
    EXPECT_EQ(moves, 1);
}

TEST_P(Assessments, AgreeingNotToNotifyStillNeedsReasons) {
    auto id = report_case();
    auto stored = *run_assessment(*m_app, as("handler"), id,
                                  json::object{{"data", json::array{"name"}}, {"recipient_trusted", true},
                                               {"data_recovered_or_deleted", true}, {"subjects", json::object{{"groups", nullptr}}}});
    if (stored.output.at("risk") != "unlikely") GTEST_SKIP() << "ruleset judges this " << stored.output.at("risk");
    auto without = record_decision(*m_app, as("handler"), id, {stored.record.id, true, std::nullopt, ""});
    ASSERT_FALSE(without);
    EXPECT_EQ(without.error().field, "reasons");
    EXPECT_TRUE(record_decision(*m_app, as("handler"), id, {stored.record.id, true, std::nullopt, "Känd mottagare."}));
}

TEST_P(Assessments, DecisionsNeedACaseBeingAssessed) {
    auto id = report_case(false);
    auto stored = run_assessment(*m_app, as("handler"), id, {});
    ASSERT_TRUE(stored);
    auto refused = record_decision(*m_app, as("handler"), id, {stored->record.id, true, std::nullopt, "x"});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
    EXPECT_NE(refused.error().message.find("assessing"), std::string::npos);
    auto latest = latest_assessment(*m_app, as("auditor"), id);
    ASSERT_TRUE(latest && *latest);
    EXPECT_EQ((*latest)->record.version, 1);
}
