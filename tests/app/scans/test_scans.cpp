// Scan summaries on a case: stored by the CLI operator or a case worker, listed for those who
// see the whole case, applied to the facts only by those who may edit them; every step audited.
#include <gtest/gtest.h>

#include "app/app.hpp"
#include "storage/audit_log.hpp"
#include "storage/migrations.hpp"
#include "support/app_test.hpp"

using namespace skydda;
using namespace skydda::app;

namespace {

const Instant k_start = *parse_rfc3339("2026-03-02T10:00:00+01:00", "start");

class Scans : public test_support::AppTest {
protected:
    Scans() : AppTest(k_start) {}
    void SetUp() override {
        AppTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_org = *m_app->add_organisation(nullptr, {"Barn- och utbildningsnämnden", "212000-0001", "public"});
        auto other = *m_app->add_organisation(nullptr, {"Socialnämnden", "", "public"});
        for (auto role : {"reporter", "handler", "auditor"}) m_actors[role] = person(m_org, role);
        m_actors["outsider"] = person(other, "handler");
        domain::IncidentFacts facts;
        facts.title = "Elevlista på öppen webbsida";
        facts.what_happened = "disclosure_other";
        facts.data = {"name"};
        facts.subjects_count = 30;
        m_case = m_app->report_incident(m_actors["reporter"], m_org, facts)->id;
    }
    ScanAttachment summary() const {
        return {R"({"schema":"skydda.scan/1","files":3,"findings":{}})", {"personal_identity_number", "contact", "health"},
                412, "Exporten från lärplattformen"};
    }

    std::string m_org, m_case;
    std::map<std::string, Actor> m_actors;
};

INSTANTIATE_TEST_SUITE_P(Backends, Scans, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(Scans, OperatorAttachesAndTheCaseWorkerSeesIt) {
    auto stored = m_app->attach_scan(nullptr, m_case, summary());
    ASSERT_TRUE(stored) << stored.error().message;
    auto listed = m_app->scans(m_actors["handler"], m_case);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ((*listed)[0].subjects_estimate, 412);
    EXPECT_EQ((*listed)[0].data, (std::vector<std::string>{"personal_identity_number", "contact", "health"}));
    EXPECT_EQ((*listed)[0].label, "Exporten från lärplattformen");
    EXPECT_FALSE((*listed)[0].applied_at);
    auto file = m_app->open_case(m_actors["handler"], m_case);
    ASSERT_TRUE(file);
    EXPECT_EQ(file->scans.size(), 1u);
}

TEST_P(Scans, OnlyThoseWhoSeeTheWholeCaseListScans) {
    ASSERT_TRUE(m_app->attach_scan(nullptr, m_case, summary()));
    EXPECT_EQ(m_app->scans(m_actors["reporter"], m_case).error().code, ErrorCode::not_found);
    EXPECT_EQ(m_app->scans(m_actors["outsider"], m_case).error().code, ErrorCode::not_found);
    EXPECT_TRUE(m_app->scans(m_actors["auditor"], m_case));
}

TEST_P(Scans, PeopleNeedTheRightToEditToAttachOrApply) {
    EXPECT_EQ(m_app->attach_scan(&m_actors["outsider"], m_case, summary()).error().code, ErrorCode::not_found);
    EXPECT_EQ(m_app->attach_scan(&m_actors["auditor"], m_case, summary()).error().code, ErrorCode::permission_denied);
    auto stored = m_app->attach_scan(&m_actors["handler"], m_case, summary());
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->created_by, m_actors["handler"].user_id);
    EXPECT_EQ(m_app->apply_scan(&m_actors["auditor"], m_case, stored->id, {}).error().code,
              ErrorCode::permission_denied);
}

TEST_P(Scans, BadInputNamesTheField) {
    auto bad = summary();
    bad.data.push_back("shoe_size");
    EXPECT_EQ(m_app->attach_scan(nullptr, m_case, bad).error().field, "data");
    bad = summary();
    bad.subjects_estimate = -1;
    EXPECT_EQ(m_app->attach_scan(nullptr, m_case, bad).error().field, "subjects_estimate");
    EXPECT_EQ(m_app->attach_scan(nullptr, "no-such-case", summary()).error().code, ErrorCode::not_found);
}

TEST_P(Scans, ApplyingAddsCategoriesRaisesTheCountAndIsAudited) {
    auto stored = *m_app->attach_scan(nullptr, m_case, summary());
    auto before = *m_app->get_incident(m_actors["handler"], m_case);
    auto after = m_app->apply_scan(&m_actors["handler"], m_case, stored.id, before.version);
    ASSERT_TRUE(after) << after.error().message;
    EXPECT_EQ(after->facts.data, (std::vector<std::string>{"name", "contact", "personal_identity_number", "health"}));
    EXPECT_EQ(after->facts.subjects_count, 412);
    EXPECT_EQ(after->version, before.version + 1);
    EXPECT_TRUE((*m_app->scans(m_actors["handler"], m_case))[0].applied_at);
    std::vector<std::string> actions;
    for (const auto& entry : audit_of(m_case)) actions.push_back(entry.action);
    EXPECT_NE(std::find(actions.begin(), actions.end(), "scan.attach"), actions.end());
    EXPECT_NE(std::find(actions.begin(), actions.end(), "incident.update_from_scan"), actions.end());
}

TEST_P(Scans, AStaleVersionOrAnotherCasesScanIsRefused) {
    auto stored = *m_app->attach_scan(nullptr, m_case, summary());
    auto version = m_app->get_incident(m_actors["handler"], m_case)->version;
    EXPECT_EQ(m_app->apply_scan(&m_actors["handler"], m_case, stored.id, version - 1).error().code,
              ErrorCode::failed_precondition);
    domain::IncidentFacts facts;
    facts.title = "Annat ärende";
    facts.what_happened = "loss";
    auto other = m_app->report_incident(m_actors["reporter"], m_org, facts)->id;
    EXPECT_EQ(m_app->apply_scan(&m_actors["handler"], other, stored.id, {}).error().code, ErrorCode::not_found);
}

} // namespace
