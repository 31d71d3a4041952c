// The IMY notification in the browser, in process: the case file's section, the notification
// page with its missing items, personal data warning, draft form and recording form (CSRF,
// error summary naming the late reason), and who may open it.
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "app/app.hpp"
#include "web/site.hpp"
#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

const Instant k_start = *parse_rfc3339("2026-03-10T09:00:00+01:00", "start");

// One h1; every visible control has a label; no catalogue key as text.
void expect_labelled(const std::string& html) {
    static const std::regex k_raw_key(R"(>notify\.)");
    expect_clean_page(html, "notification", k_raw_key);
}

class NotificationPages : public SiteTest {
protected:
    NotificationPages() : SiteTest(k_start) {}

    void seed() override {
        app::OrganisationInput org{.name = "Kulturförvaltningen", .orgnr = "212000-0001", .address = "Box 1, Staden",
                                   .dpo_name = "Dana", .dpo_email = "dpo@example.se"};
        m_org = *m_app->add_organisation(nullptr, org);
        for (auto role : {"reporter", "handler", "dpo", "manager"})
            m_users[role] = *m_app->add_user(nullptr, m_org, std::string(role) + "@example.se", role, role,
                                             std::string(k_password));
    }
    Session login(const std::string& role) { return SiteTest::login(role + "@example.se"); }
    std::string report(std::string description) {
        domain::IncidentFacts facts;
        facts.title = "Mejl till fel vårdnadshavare";
        facts.description = std::move(description);
        facts.what_happened = "misdirected_communication";
        facts.aware_at = k_start - std::chrono::hours(1);
        auto reporter = *m_app->load_actor(m_users.at("reporter"));
        return m_app->report_incident(reporter, m_org, facts)->id;
    }

    std::string m_org;
    std::map<std::string, std::string> m_users;
};

} // namespace

TEST_F(NotificationPages, CaseFileShowsTheSectionWithMissingItems) {
    auto id = report("Ett omdöme skickades till fel vårdnadshavare.");
    auto dpo = login("dpo");
    auto page = send("GET", "/cases/" + id, {}, &dpo);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Anmälan till IMY"), std::string::npos);
    EXPECT_NE(page.body.find("Det här saknas innan anmälan kan skickas"), std::string::npos);
    EXPECT_NE(page.body.find("/cases/" + id + "/notification#field-contact-person"), std::string::npos);
    EXPECT_NE(page.body.find("/cases/" + id + "/edit#field-consequences"), std::string::npos);
    EXPECT_NE(page.body.find("/cases/" + id + "/documents/imy-notification?format=pdf"), std::string::npos);
    // The manager reads the case but does not notify: no section.
    auto manager = login("manager");
    EXPECT_EQ(send("GET", "/cases/" + id, {}, &manager).body.find("notification-heading"), std::string::npos);
    EXPECT_EQ(send("GET", "/cases/" + id + "/notification", {}, &manager).status, 403);
}

TEST_F(NotificationPages, DraftFormSavesWithCsrfAndShowsWarnings) {
    auto id = report("Omdömet om eleven 570428-9999 skickades fel.");
    auto dpo = login("dpo");
    auto page = send("GET", "/cases/" + id + "/notification", {}, &dpo);
    ASSERT_EQ(page.status, 200) << page.body;
    expect_labelled(page.body);
    EXPECT_NE(page.body.find("Personuppgifter i texten till IMY?"), std::string::npos);
    EXPECT_NE(page.body.find("Innehåller troligen: personnummer"), std::string::npos);
    EXPECT_EQ(page.body.find("570428"), std::string::npos) << "the number itself is never shown in the warning";
    EXPECT_EQ(post("/cases/" + id + "/notification/draft", {{"contact.person", "Kim"}}, dpo, false).status, 403);
    auto saved = post("/cases/" + id + "/notification/draft",
                      {{"phase", "0"}, {"version", "0"}, {"contact.person", "Kim Kontakt, 08-1"}, {"data.encrypted", "no"}},
                      dpo);
    ASSERT_EQ(saved.status, 303) << saved.body;
    auto after = send("GET", "/cases/" + id + "/notification?saved=1", {}, &dpo);
    EXPECT_NE(after.body.find("Utkastet är sparat."), std::string::npos);
    EXPECT_NE(after.body.find("Kim Kontakt, 08-1"), std::string::npos);
    auto stale = post("/cases/" + id + "/notification/draft", {{"phase", "0"}, {"version", "0"}, {"contact.person", "Lo"}}, dpo);
    EXPECT_EQ(stale.status, 409);
    EXPECT_NE(stale.body.find("Någon annan har ändrat utkastet"), std::string::npos);
}

TEST_F(NotificationPages, RecordingLateNeedsAReasonThenListsIt) {
    auto id = report("Ett omdöme skickades till fel vårdnadshavare.");
    m_clock.advance(std::chrono::hours(80));
    auto dpo = login("dpo");
    auto page = send("GET", "/cases/" + id + "/notification", {}, &dpo);
    EXPECT_NE(page.body.find("Fristen har gått ut"), std::string::npos);
    EXPECT_NE(page.body.find("name=\"late_reason\""), std::string::npos);
    auto refused = post("/cases/" + id + "/notification/record",
                        {{"phase", "0"}, {"submitted_at", "2026-03-13T16:00"}, {"authority_reference", "IMY-2026-77"},
                         {"supplement_promised", "yes"}},
                        dpo);
    ASSERT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("error-summary"), std::string::npos);
    // The summary links to the record form's own box, not the draft's late.reason.
    EXPECT_NE(refused.body.find("href=\"#field-record-late-reason\""), std::string::npos);
    EXPECT_NE(refused.body.find("id=\"field-record-late-reason\""), std::string::npos);
    expect_unique_ids(refused.body);
    EXPECT_NE(refused.body.find("Anmälan är sen."), std::string::npos);
    auto recorded = post("/cases/" + id + "/notification/record",
                         {{"phase", "0"}, {"submitted_at", "2026-03-13T16:00"}, {"authority_reference", "IMY-2026-77"},
                          {"supplement_promised", "yes"}, {"late_reason", "Helgen."}},
                         dpo);
    ASSERT_EQ(recorded.status, 303) << recorded.body;
    auto after = send("GET", "/cases/" + id + "/notification?recorded=1", {}, &dpo);
    EXPECT_NE(after.body.find("Anmälan är registrerad."), std::string::npos);
    EXPECT_NE(after.body.find("IMY-2026-77"), std::string::npos);
    EXPECT_NE(after.body.find(">sen<"), std::string::npos);
    EXPECT_NE(after.body.find("Registrera att kompletteringen har skickats"), std::string::npos);
    EXPECT_NE(after.body.find("imy-supplement?format=pdf"), std::string::npos);
    expect_labelled(after.body);
    expect_unique_ids(after.body);
}

// Regression: the draft form and the record form both printed id="field-supplement-reason"
// (and, when late, id="field-late-reason"), so a label pointed at the other form's box.
TEST_F(NotificationPages, EveryIdOnThePageIsUnique) {
    auto id = report("Ett omdöme skickades till fel vårdnadshavare.");
    m_clock.advance(std::chrono::hours(80)); // late: the late reason shows in both forms
    auto dpo = login("dpo");
    auto page = send("GET", "/cases/" + id + "/notification", {}, &dpo);
    ASSERT_EQ(page.status, 200);
    expect_unique_ids(page.body);
}

// Issue 13 (the page built as html::Html): what people type shows as text, in the draft's boxes
// and in the table of what was sent, never as markup.
TEST_F(NotificationPages, TypedTextIsEscapedInTheFormsAndTheSentTable) {
    auto id = report("Ett omdöme skickades till fel vårdnadshavare.");
    auto dpo = login("dpo");
    ASSERT_EQ(post("/cases/" + id + "/notification/draft",
                   {{"phase", "0"}, {"version", "0"}, {"contact.person", "<b>Kim & \"Co\"</b>"}, {"supplement.reason", "Mer."}},
                   dpo)
                  .status,
              303);
    ASSERT_EQ(post("/cases/" + id + "/notification/record",
                   {{"phase", "0"}, {"submitted_at", "2026-03-10T08:30"}, {"authority_reference", "<i>IMY&1</i>"},
                    {"supplement_promised", "yes"}, {"supplement_reason", "Mer."}},
                   dpo)
                  .status,
              303);
    auto page = send("GET", "/cases/" + id + "/notification", {}, &dpo);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("&lt;b&gt;Kim &amp; &quot;Co&quot;&lt;/b&gt;</textarea>"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find(">&lt;i&gt;IMY&amp;1&lt;/i&gt;</td>"), std::string::npos);
    EXPECT_EQ(page.body.find("<b>Kim"), std::string::npos);
    EXPECT_EQ(page.body.find("<i>IMY"), std::string::npos);
    auto file = send("GET", "/cases/" + id, {}, &dpo);
    EXPECT_NE(file.body.find(">&lt;i&gt;IMY&amp;1&lt;/i&gt;</td>"), std::string::npos);
    EXPECT_EQ(file.body.find("<i>IMY"), std::string::npos);
}
