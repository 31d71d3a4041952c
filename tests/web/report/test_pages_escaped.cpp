// Issue 13: the report form, its check page and receipt, the case's facts, the assessment page,
// the start page and the privacy and accessibility pages are built as html::Html: every name and
// answer typed by a person is shown escaped, never as markup.
#include <gtest/gtest.h>

#include "app/assessment/assessments.hpp"
#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

constexpr std::string_view k_raw = "<x-evil>";              // must never reach a page as a tag
constexpr std::string_view k_escaped = "&lt;x-evil&gt;";   // what it must be shown as

bool has(const std::string& html, std::string_view text) { return html.find(text) != std::string::npos; }

void expect_escaped(const http::Response& response, std::string_view page) {
    EXPECT_FALSE(has(response.body, k_raw)) << page << ": text became markup";
    EXPECT_TRUE(has(response.body, k_escaped)) << page << ": the text is not shown";
}

class PagesEscaped : public SiteTest {
protected:
    PagesEscaped() : SiteTest(*parse_rfc3339("2026-11-30T08:00:00+01:00", "t")) {}
    void seed() override {
        m_org = *m_app->add_organisation(nullptr, app::OrganisationInput{.name = "Nämnd <x-evil> & \"B\"",
                                                                        .address = "Gatan 1 <x-evil>",
                                                                        .dpo_name = "Dora <x-evil>",
                                                                        .dpo_email = "dpo@example.se"});
        m_other = *m_app->add_organisation(nullptr, app::OrganisationInput{.name = "Andra <x-evil>"});
        m_unit = *m_app->add_unit(nullptr, m_org, "Skola <x-evil> & co");
        m_reporter = add_user(m_org, "anna@example.se", "Anna <x-evil>", "reporter");
        ASSERT_TRUE(m_app->add_user(nullptr, m_other, "anna@example.se", "Anna <x-evil>", "reporter", std::nullopt));
        m_registrar = add_user(m_org, "rut@example.se", "Rut Registrator", "registrar");
        m_handler = add_user(m_org, "hans@example.se", "Hans <x-evil>", "handler");
        m_dpo = add_user(m_org, "dora@example.se", "Dora Dataskyddsombud", "dpo");
    }
    Fields facts() const {
        return {{"title", "Fel mottagare <x-evil>"}, {"description", "Rad 1 <x-evil>\nRad 2"},
                {"what_happened", "misdirected_communication"}, {"cause_other", "Annat <x-evil>"},
                {"occurred_at.date", "2026-11-29"}, {"data", "name"}, {"measures", "Ringt <x-evil>"},
                {"unit", m_unit}};
    }
    std::string m_org, m_other, m_unit, m_reporter, m_registrar, m_handler, m_dpo;
};

TEST_F(PagesEscaped, TheReportFormAndWhatWasAnswered) {
    auto anna = login("anna@example.se");
    expect_escaped(send("GET", "/", {}, &anna), "start page");
    expect_escaped(send("GET", "/report", {}, &anna), "report form");
    expect_escaped(post("/report", facts(), anna), "report form, filled in");
    auto bad = facts();
    bad.emplace_back("records", "x<x-evil>");
    expect_escaped(post("/report/check", bad, anna), "report form with errors");
    auto check = post("/report/check", facts(), anna);
    ASSERT_EQ(check.status, 200);
    expect_escaped(check, "check page");
    EXPECT_TRUE(has(check.body, R"(<span class="pre">Rad 1 &lt;x-evil&gt;)"));
    auto submitted = post("/report/submit", facts(), anna);
    ASSERT_EQ(submitted.status, 303);
    auto id = header_value(submitted, "Location").substr(std::string("/report/receipt/").size());
    expect_escaped(send("GET", "/cases/" + id, {}, &anna), "the reporter's case page");

    auto hans = login("hans@example.se");
    expect_escaped(send("GET", "/", {}, &hans), "dashboard with urgent cases");
    expect_escaped(send("GET", "/cases/" + id + "/edit", {}, &hans), "the handler's facts form");
}

TEST_F(PagesEscaped, TheAssessmentPage) {
    auto anna = login("anna@example.se");
    auto submitted = post("/report/submit", facts(), anna);
    ASSERT_EQ(submitted.status, 303);
    auto id = header_value(submitted, "Location").substr(std::string("/report/receipt/").size());
    app::App::AwarenessInput confirm{m_clock.now(), "Bekräftat"};
    ASSERT_TRUE(m_app->change_status(*m_app->load_actor(m_registrar), id, domain::CaseStatus::registered, "",
                                     std::nullopt, &confirm));
    ASSERT_TRUE(m_app->change_status(*m_app->load_actor(m_handler), id, domain::CaseStatus::assessing, "", std::nullopt));
    auto run = app::run_assessment(*m_app, *m_app->load_actor(m_handler), id, {});
    ASSERT_TRUE(run) << run.error().message;
    auto dora = login("dora@example.se");
    expect_escaped(send("GET", "/cases/" + id + "/assessment", {}, &dora), "assessment page"); // by Hans <x-evil>
    auto decided = post("/cases/" + id + "/decision",
                        {{"assessment_id", run->record.id}, {"agrees", "no"}, {"risk", "high"}, {"reasons", "Skäl <x-evil>"}},
                        dora);
    ASSERT_EQ(decided.status, 303);
    auto page = send("GET", "/cases/" + id + "/assessment", {}, &dora);
    expect_escaped(page, "assessment page with the decision");
    EXPECT_TRUE(has(page.body, R"(<span class="pre">Skäl &lt;x-evil&gt;</span>)"));
}

TEST_F(PagesEscaped, ThePrivacyNoticeAndTheAccessibilityStatement) {
    for (const auto* path : {"/privacy", "/accessibility"}) {
        expect_escaped(send("GET", path), path);
        auto anna = login("anna@example.se");
        auto page = send("GET", path, {}, &anna);
        expect_escaped(page, path);
        EXPECT_TRUE(has(page.body, "Nämnd &lt;x-evil&gt; &amp; &quot;B&quot;")) << path;
    }
}

} // namespace
