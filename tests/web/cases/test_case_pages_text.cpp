// Issue 13: the case pages (web/cases/, built as html::Html) show every text that comes from a
// person as text: a title, names, a note, a task, a question, a file name and the organisation's
// name with markup in them appear escaped on the case page, its log, the lists and the inbox,
// and never as markup.
#include <gtest/gtest.h>

#include "web/html.hpp"
#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

Instant at(int y, int mo, int d, int h) {
    using namespace std::chrono;
    return sys_days{year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)}} + hours{h};
}

// Text that is markup unless escaped (no "/" or '"': a file name keeps neither); `what` tells
// the places apart.
std::string hostile(const std::string& what) { return "<b class=" + what + ">" + what + " & 'co'<br>"; }

class CasePagesText : public SiteTest {
protected:
    CasePagesText() : SiteTest(at(2026, 11, 30, 8)) {}

    void seed() override {
        app::OrganisationInput org{.name = hostile("org"), .orgnr = "212000-0001", .address = "Box 1, Staden",
                                   .dpo_name = "Dora", .dpo_email = "dpo@example.se"};
        m_org = *m_app->add_organisation(nullptr, org);
        m_ids["reporter"] = add_user(m_org, "reporter@example.se", hostile("reporter"), "reporter");
        m_ids["dpo"] = add_user(m_org, "dpo@example.se", hostile("dpo"), "dpo");
        domain::IncidentFacts f;
        f.title = hostile("title");
        f.description = "Ett mejl gick till fel vårdnadshavare.";
        f.what_happened = "misdirected_communication";
        f.cause = "human_error";
        f.discovered_at = at(2026, 11, 30, 7);
        f.data = {"name"};
        f.subjects_count = 3;
        f.subject_groups = {"pupils"};
        f.effects.confidentiality = "known_recipients";
        auto incident = m_app->report_incident(as("reporter"), m_org, f);
        ASSERT_TRUE(incident) << incident.error().message;
        m_id = incident->id;
        auto dpo = as("dpo");
        ASSERT_TRUE(m_app->change_status(dpo, m_id, domain::CaseStatus::registered, "", incident->version));
        ASSERT_TRUE(m_app->assign(dpo, m_id, m_ids["dpo"]));
        ASSERT_TRUE(m_app->add_note(dpo, m_id, hostile("note")));
        ASSERT_TRUE(m_app->add_task(dpo, m_id, app::NewTask{hostile("task"), m_ids["dpo"], std::nullopt}));
        ASSERT_TRUE(m_app->ask_reporter(dpo, m_id, hostile("question")));
        auto file = m_app->add_attachment(dpo, m_id, app::NewAttachment{hostile("file") + ".txt", "text/plain", "x"});
        ASSERT_TRUE(file) << file.error().message;
        m_app->flush_audit();
    }

    app::Actor as(const std::string& role) { return *m_app->load_actor(m_ids.at(role)); }

    // Each text is on the page, escaped, and no markup from them is.
    static void expect_escaped(const std::string& page, std::string_view name, std::initializer_list<const char*> texts) {
        EXPECT_EQ(page.find("<b class="), std::string::npos) << name << ": text shown as markup";
        for (const char* what : texts)
            EXPECT_NE(page.find(web::html::escape(hostile(what))), std::string::npos) << name << ": " << what << " not shown";
    }

    std::string m_org, m_id;
    std::map<std::string, std::string> m_ids;
};

TEST_F(CasePagesText, TextWithMarkupIsShownAsTextOnEveryCasePage) {
    auto dpo = login("dpo@example.se");
    auto page = send("GET", "/cases/" + m_id, {}, &dpo);
    ASSERT_EQ(page.status, 200) << page.body;
    expect_escaped(page.body, "case", {"title", "org", "reporter", "dpo", "note", "task", "question", "file"});
    auto log = send("GET", "/cases/" + m_id + "/log", {}, &dpo);
    ASSERT_EQ(log.status, 200);
    expect_escaped(log.body, "log", {"reporter", "dpo", "task", "file"});
    expect_escaped(send("GET", "/cases", {}, &dpo).body, "cases", {"title", "org"});

    auto reporter = login("reporter@example.se");
    expect_escaped(send("GET", "/my", {}, &reporter).body, "my", {"title"});
    expect_escaped(send("GET", "/inbox", {}, &reporter).body, "inbox", {"title"});
    auto own = send("GET", "/cases/" + m_id, {}, &reporter);
    ASSERT_EQ(own.status, 200);
    expect_escaped(own.body, "reporter's case", {"title", "org", "reporter", "question"});
}

} // namespace
