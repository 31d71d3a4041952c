// No answer that a signed-in person gets may be kept by a browser or a proxy: every API route
// and every page answers Cache-Control: no-store, errors and redirects included; only the
// stylesheet, the OpenAPI document and the health check may be cached.
#include <gtest/gtest.h>

#include "app/app.hpp"
#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

class CacheControl : public SiteTest {
protected:
    CacheControl() : SiteTest(*parse_rfc3339("2026-03-10T09:00:00+01:00", "now")) {}

    void seed() override {
        m_org = m_app->add_organisation(nullptr, {.name = "Kulturförvaltningen"}).value();
        auto dpo = add_user(m_org, "dana@example.se", "Dana Dataskydd", "dpo");
        add_user(m_org, "rita@example.se", "Rita Rapportör", "reporter");
        domain::IncidentFacts facts;
        facts.title = "Lista på fel ställe";
        facts.what_happened = "disclosure_other";
        facts.data = {"name"};
        facts.subjects_count = 3;
        auto actor = m_app->load_actor(dpo).value();
        m_case = m_app->report_incident(actor, m_org, facts).value().id;
        m_task = m_app->add_task(actor, m_case, {"Ring", "", std::nullopt}).value().id;
    }

    std::string expand(std::string route) const {
        for (auto [param, value] : {std::pair{"{id}", m_case}, {"{org}", m_org}, {"{tid}", m_task}})
            for (size_t at; (at = route.find(param)) != std::string::npos;) route.replace(at, std::string(param).size(), value);
        return route;
    }

    std::string m_org, m_case, m_task;
};

TEST_F(CacheControl, EveryApiRouteAndPageAnswersNoStore) {
    auto dpo = login("dana@example.se");
    const char* routes[] = {
        "/api/v1/me", "/api/v1/incidents", "/api/v1/incidents/{id}", "/api/v1/incidents/{id}/notes",
        "/api/v1/incidents/{id}/scans", "/api/v1/incidents/{id}/tasks", "/api/v1/incidents/{id}/questions",
        "/api/v1/incidents/{id}/assessments", "/api/v1/incidents/{id}/documents/internal-report?format=json",
        "/api/v1/incidents/{id}/letters", "/api/v1/incidents/{id}/notifications",
        "/api/v1/incidents/{id}/notifications/draft", "/api/v1/incidents/{id}/processor-notices",
        "/api/v1/organisations/{org}/customers", "/api/v1/organisations/{org}/customers/nope", "/api/v1/outbox",
        "/api/v1/incidents/no-such-case", "/api/v1/no-such-route",
        // pages
        "/", "/my", "/cases", "/inbox", "/cases/{id}", "/cases/{id}/edit", "/cases/{id}/attachments/nope",
        "/report/receipt/{id}", "/report/questions", "/outbox", "/cases/{id}/documents/internal-report",
        "/cases/{id}/notification", "/cases/{id}/letters", "/cases/{id}/letter", "/cases/{id}/assessment",
        "/organisations/{org}/customers", "/organisations/{org}/letter-template", "/cases/no-such-case", "/no-such-page"};
    for (const char* route : routes) {
        auto response = send("GET", expand(route), {}, &dpo);
        EXPECT_EQ(header_value(response, "Cache-Control"), "no-store") << route << " (" << response.status << ")";
    }
    // Changes and their errors too, signed in or not.
    auto done = post(expand("/cases/{id}/tasks/{tid}/done"), {{"done", "1"}}, dpo);
    EXPECT_EQ(header_value(done, "Cache-Control"), "no-store");
    auto anonymous = send("GET", expand("/api/v1/incidents/{id}"));
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(header_value(anonymous, "Cache-Control"), "no-store");
}

TEST_F(CacheControl, SharedResourcesMayBeCached) {
    EXPECT_EQ(header_value(send("GET", "/static/skydda.css"), "Cache-Control"), "public, max-age=3600");
    EXPECT_EQ(header_value(send("GET", "/api/v1/openapi.json"), "Cache-Control"), "");
    EXPECT_EQ(header_value(send("GET", "/healthz"), "Cache-Control"), "");
}

} // namespace
