// The internal report: the whole case file in one document, in Swedish or English, read only by
// those who see the whole case, and the read is audited.
#include <gtest/gtest.h>

#include "app/app.hpp"
#include "support/app_test.hpp"

using namespace skydda;
using namespace skydda::app;

namespace {

const Instant k_start = *parse_rfc3339("2026-03-02T10:00:00+01:00", "start");

class InternalReport : public test_support::AppTest {
protected:
    InternalReport() : AppTest(k_start) {}
    void SetUp() override {
        AppTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_org = *m_app->add_organisation(nullptr, {"Barn- och utbildningsnämnden", "212000-0001", "public"});
        m_reporter = person(m_org, "reporter");
        m_handler = person(m_org, "handler");
        domain::IncidentFacts facts;
        facts.title = "Elevlista på öppen webbsida";
        facts.description = "Listan låg öppen i två dagar.";
        facts.what_happened = "disclosure_other";
        facts.data = {"name", "health"};
        facts.subjects_count = 30;
        m_case = m_app->report_incident(m_reporter, m_org, facts)->id;
        ASSERT_TRUE(m_app->add_note(m_handler, m_case, "Ringde skolan <b>kl. 9</b>"));
    }

    doc::Document report(const std::string& language = "sv") {
        DocumentRequest request{DocumentKind::internal_report, language, 0, ""};
        auto document = m_app->document(&m_handler, m_case, request);
        EXPECT_TRUE(document) << document.error().message;
        return document ? *document : doc::Document{};
    }
    static const doc::Section* section(const doc::Document& document, const std::string& heading) {
        for (const auto& s : document.sections)
            if (s.heading == heading) return &s;
        return nullptr;
    }
    static const doc::Field* field(const doc::Document& document, const std::string& key) {
        for (const auto& s : document.sections)
            for (const auto& block : s.blocks)
                if (const auto* f = std::get_if<doc::Field>(&block); f && f->key == key) return f;
        return nullptr;
    }

    std::string m_org, m_case;
    Actor m_reporter, m_handler;
};

INSTANTIATE_TEST_SUITE_P(Backends, InternalReport, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(InternalReport, HoldsTheFactsWithTheirLabels) {
    auto document = report();
    EXPECT_EQ(document.kind, "internal-report");
    EXPECT_EQ(document.title, "Ärendeakt: personuppgiftsincident");
    EXPECT_EQ(document.organisation, "Barn- och utbildningsnämnden");
    EXPECT_TRUE(document.complete());
    ASSERT_NE(field(document, "facts.what_happened"), nullptr);
    EXPECT_EQ(field(document, "facts.what_happened")->value, "Obehörigt röjande: Övrigt");
    EXPECT_EQ(field(document, "facts.what_happened")->label, "Vilken typ av incident är det?");
    EXPECT_EQ(field(document, "facts.data")->value, "Namn\nHälsa (t.ex. diagnoser, sjukskrivning, mediciner)");
    EXPECT_EQ(field(document, "facts.subjects_count")->value, "30");
    EXPECT_EQ(field(document, "case.status")->value, "Rapporterad");
    // The 72-hour deadline counts from the report when no awareness time was given.
    EXPECT_EQ(field(document, "timeline.deadline")->value.substr(0, 22), "2026-03-05 10:00 (CET)");
}

TEST_P(InternalReport, ListsNotesAndSummarisesTheAuditTrail) {
    auto document = report();
    const auto* notes = section(document, "Anteckningar");
    ASSERT_NE(notes, nullptr);
    const auto& table = std::get<doc::Table>(notes->blocks.at(0));
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.rows[0][2], "Ringde skolan <b>kl. 9</b>");
    const auto* audit = section(document, "Händelselogg (sammanfattning)");
    ASSERT_NE(audit, nullptr);
    const auto& counts = std::get<doc::Table>(audit->blocks.at(2));
    bool reported = false;
    for (const auto& row : counts.rows) reported = reported || (row[0] == "incident.report" && row[1] == "1");
    EXPECT_TRUE(reported);
    EXPECT_NE(section(document, "Bilagor"), nullptr);
    EXPECT_NE(section(document, "Beslut"), nullptr);
}

TEST_P(InternalReport, SpeaksEnglishOnRequest) {
    auto document = report("en");
    EXPECT_EQ(document.language, "en");
    EXPECT_EQ(document.title, "Case file: personal data breach");
    EXPECT_EQ(field(document, "facts.what_happened")->value, "Unauthorised disclosure: other");
    EXPECT_NE(section(document, "Notes"), nullptr);
}

TEST_P(InternalReport, ReadsAreAuditedAndLimitedToCaseWorkers) {
    report();
    m_app->flush_audit();
    bool audited = false;
    for (const auto& entry : audit_of(m_case)) audited = audited || entry.action == "document.read:internal-report";
    EXPECT_TRUE(audited);
    DocumentRequest request{DocumentKind::internal_report, "sv", 0, ""};
    auto denied = m_app->document(&m_reporter, m_case, request);
    ASSERT_FALSE(denied);
    EXPECT_NE(denied.error().code, ErrorCode::internal);
    auto renders = doc::render_pdf(report());
    EXPECT_TRUE(renders);
}

} // namespace
