// Issue 12, "the finish": defects found using the pages as their people would.
#include <gtest/gtest.h>

#include "app/assessment/assessments.hpp"
#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

class PageFinish : public SiteTest {
protected:
    PageFinish() : SiteTest(*parse_rfc3339("2026-11-30T08:00:00+01:00", "t")) {}
    void seed() override {
        m_org = *m_app->add_organisation(nullptr, app::OrganisationInput{.name = "Socialnämnden"});
        m_reporter = add_user(m_org, "anna@example.se", "Anna Rapportör", "reporter");
        m_handler = add_user(m_org, "hans@example.se", "Hans Handläggare", "handler");
    }
    std::string m_org, m_reporter, m_handler;
};

// "Reporters see only what they can use in the navigation (no Ärenden link that answers 403)".
TEST_F(PageFinish, AReporterHasNoCasesLinkAHandlerHas) {
    auto reporter = login("anna@example.se");
    auto home = send("GET", "/", {}, &reporter).body;
    auto nav = home.substr(0, home.find("</nav>"));
    EXPECT_EQ(nav.find(R"(href="/cases")"), std::string::npos);
    EXPECT_NE(nav.find(R"(href="/my")"), std::string::npos);
    auto handler = login("hans@example.se");
    auto worker = send("GET", "/", {}, &handler).body;
    EXPECT_NE(worker.substr(0, worker.find("</nav>")).find(R"(href="/cases")"), std::string::npos);
}

// "The one duplicate id on the assessment page (field-cause-unknown)".
TEST_F(PageFinish, TheAssessmentPageHasNoDuplicateIds) {
    domain::IncidentFacts f;
    f.title = "Förlorad USB-sticka";
    f.what_happened = "loss";
    f.aware_at = m_clock.now();
    auto incident = m_app->report_incident(*m_app->load_actor(m_reporter), m_org, f);
    ASSERT_TRUE(incident);
    auto handler = login("hans@example.se");
    auto page = send("GET", "/cases/" + incident->id + "/assessment", {}, &handler);
    ASSERT_EQ(page.status, 200);
    expect_unique_ids(page.body, "assessment");
}

} // namespace
