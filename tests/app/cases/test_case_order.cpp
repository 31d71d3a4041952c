// The urgency order of the case lists over every matching case (issue 14's defect, on issue
// 12's duties): the lists took the latest cases by report time and only then sorted them, so an
// open case close to its deadline fell out of a long list. The order is stored with each case
// (migration 14) and kept by every change; on both backends.
#include <gtest/gtest.h>

#include "app/assessment/assessments.hpp"
#include "storage/cases/duty_repository.hpp"
#include "support/app_test.hpp"

using namespace skydda;
using namespace skydda::app;
using std::chrono::hours;

namespace {

const Instant k_start = *parse_rfc3339("2026-11-30T10:00:00+01:00", "start");

class CaseOrder : public test_support::AppTest {
protected:
    CaseOrder() : AppTest(k_start) {}
    void SetUp() override {
        AppTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_org = *m_app->add_organisation(nullptr, {"Nämnd A", "212000-0001", "public"});
        for (auto role : {"reporter", "registrar", "handler", "dpo"}) m_actors[role] = person(m_org, role);
    }
    const Actor& as(const std::string& who) { return m_actors.at(who); }
    std::string report(std::string title, Instant aware) {
        domain::IncidentFacts f;
        f.title = std::move(title);
        f.what_happened = "misdirected_communication";
        f.aware_at = aware;
        auto incident = m_app->report_incident(as("reporter"), m_org, f);
        EXPECT_TRUE(incident) << incident.error().message;
        return incident ? incident->id : "";
    }
    std::vector<std::string> listed(size_t limit) {
        auto cases = m_app->list_cases(as("dpo"), {m_org, std::nullopt, false, limit});
        EXPECT_TRUE(cases);
        std::vector<std::string> ids;
        for (const auto& c : *cases) ids.push_back(c.incident.id);
        return ids;
    }
    std::string m_org;
    std::map<std::string, Actor> m_actors;
};

TEST_P(CaseOrder, TheMostUrgentCaseIsListedHoweverManyAreNewer) {
    auto urgent = report("Nära fristen", k_start - hours(70)); // 2 hours left
    for (int i = 0; i < 12; ++i) {
        m_clock.advance(std::chrono::minutes(1));
        report("Nyare " + std::to_string(i), m_clock.now());
    }
    auto top = listed(5);
    ASSERT_EQ(top.size(), 5u);
    EXPECT_EQ(top.front(), urgent);
}

TEST_P(CaseOrder, EveryChangeKeepsTheOrderAndNotifyingMovesTheCaseDown) {
    auto first = report("Först", k_start - hours(60));
    m_clock.advance(hours(1));
    auto second = report("Sedan", k_start - hours(30));
    EXPECT_EQ(listed(1), std::vector<std::string>{first});
    // "Not required" for the first case: it no longer drives the work.
    ASSERT_TRUE(m_app->change_status(as("registrar"), first, domain::CaseStatus::registered, "", std::nullopt));
    ASSERT_TRUE(m_app->change_status(as("handler"), first, domain::CaseStatus::assessing, "", std::nullopt));
    auto assessment = run_assessment(*m_app, as("handler"), first, {});
    ASSERT_TRUE(assessment);
    DecisionInput decision{assessment->record.id, false, domain::assessment::RiskLevel::unlikely,
                           "Mottagaren är en kollega som raderade mejlet."};
    ASSERT_TRUE(record_decision(*m_app, as("dpo"), first, decision));
    EXPECT_EQ(listed(1), std::vector<std::string>{second});
    // Kännedom corrected to earlier on the second case keeps it first.
    auto incident = *m_app->get_incident(as("dpo"), second);
    auto f = incident.facts;
    f.aware_at = k_start - hours(65);
    ASSERT_TRUE(m_app->update_facts(as("handler"), second, f, std::nullopt, "Skolan visste tidigare."));
    EXPECT_EQ(listed(1), std::vector<std::string>{second});
}

TEST_P(CaseOrder, MigrateFillsAnOrderThatIsMissing) {
    auto urgent = report("Nära fristen", k_start - hours(70));
    for (int i = 0; i < 3; ++i) report("Nyare " + std::to_string(i), m_clock.now());
    ASSERT_TRUE(m_db->transact(storage::TxMode::write, [](storage::Connection& db) -> Status {
        TRY(db.execute("UPDATE incidents SET due_rank = NULL, due_at = NULL, due_decided = NULL"));
        return {};
    }));
    ASSERT_TRUE(storage::migrate(*m_db));
    auto rows = *storage::transact_value<std::vector<storage::Row>>(*m_db, storage::TxMode::read, [](storage::Connection& db) {
        return db.query("SELECT COUNT(*) FROM incidents WHERE due_rank IS NULL");
    });
    EXPECT_EQ(rows.front().integer(0), 0);
    EXPECT_EQ(listed(1), std::vector<std::string>{urgent});
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseOrder, testing::Values("sqlite", "postgresql"), test_support::backend_name);

} // namespace
