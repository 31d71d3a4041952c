// Issue 12, "the finish": the page shell names the organisation a page is about, the footer
// carries the DPO's contact, the privacy notice and the accessibility statement, error pages
// say what to do next, tables reflow on a narrow screen, numbers and plurals read as Swedish.
#include <gtest/gtest.h>

#include "web/site_harness.hpp"
#include "web/html.hpp"
#include "web/i18n.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

class PageShell : public SiteTest {
protected:
    PageShell() : SiteTest(*parse_rfc3339("2026-11-30T08:00:00+01:00", "t")) {}
    void seed() override {
        m_school = *m_app->add_organisation(nullptr, app::OrganisationInput{.name = "Barn- och utbildningsnämnden",
                                                                             .orgnr = "212000-0001",
                                                                             .address = "Box 100, 123 45 Exempelby",
                                                                             .dpo_name = "Dora Dataskyddsombud",
                                                                             .dpo_email = "dso@exempelby.se",
                                                                             .dpo_phone = "0123-45 67 00"});
        m_social = *m_app->add_organisation(nullptr, app::OrganisationInput{.name = "Socialnämnden",
                                                                             .dpo_name = "Sara Skydd",
                                                                             .dpo_email = "sara@exempelby.se"});
        m_reporter = add_user(m_school, "anna@example.se", "Anna Rapportör", "reporter");
        m_handler = add_user(m_school, "hans@example.se", "Hans Handläggare", "handler");
        add_user(m_social, "hans@example.se", "Hans Handläggare", "handler");
        domain::IncidentFacts facts;
        facts.title = "Förlorad USB-sticka";
        facts.what_happened = "loss";
        facts.aware_at = m_clock.now();
        auto incident = m_app->report_incident(*m_app->load_actor(m_reporter), m_school, facts);
        ASSERT_TRUE(incident);
        m_case = incident->id;
    }
    static std::string header(const std::string& page) {
        auto start = page.find("<header");
        return page.substr(start, page.find("</header>") - start);
    }
    static std::string footer(const std::string& page) { return page.substr(page.find("<footer")); }
    std::string m_school, m_social, m_reporter, m_handler, m_case;
};

TEST_F(PageShell, APersonOfOneOrganisationSeesItsNameInTheHeader) {
    auto anna = login("anna@example.se");
    auto page = send("GET", "/", {}, &anna).body;
    EXPECT_NE(header(page).find(R"(<p class="org">Barn- och utbildningsnämnden</p>)"), std::string::npos);
}

TEST_F(PageShell, ACasePageNamesTheCasesOrganisationForAPersonOfTwo) {
    auto hans = login("hans@example.se");
    // On the start page Hans works for two organisations: none is named alone.
    EXPECT_EQ(header(send("GET", "/", {}, &hans).body).find(R"(class="org")"), std::string::npos);
    auto page = send("GET", "/cases/" + m_case, {}, &hans);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(header(page.body).find("Barn- och utbildningsnämnden"), std::string::npos);
    EXPECT_EQ(header(page.body).find("Socialnämnden"), std::string::npos);
    // The case's DPO in the footer, not the other organisation's.
    EXPECT_NE(footer(page.body).find("mailto:dso@exempelby.se"), std::string::npos);
    EXPECT_EQ(footer(page.body).find("sara@exempelby.se"), std::string::npos);
    // A list filtered on one organisation names it.
    auto list = send("GET", "/cases?org=" + m_social, {}, &hans).body;
    EXPECT_NE(header(list).find("Socialnämnden"), std::string::npos);
}

TEST_F(PageShell, TheFooterHasTheDpoContactPrivacyNoticeAndAccessibilityStatement) {
    auto anna = login("anna@example.se");
    auto foot = footer(send("GET", "/", {}, &anna).body);
    EXPECT_NE(foot.find("Dora Dataskyddsombud"), std::string::npos);
    EXPECT_NE(foot.find(R"(<a href="mailto:dso@exempelby.se">dso@exempelby.se</a>)"), std::string::npos);
    EXPECT_NE(foot.find("0123-45 67 00"), std::string::npos);
    EXPECT_NE(foot.find(R"(href="/privacy?org=)" + m_school + "\""), std::string::npos);
    EXPECT_NE(foot.find(R"(href="/accessibility?org=)" + m_school + "\""), std::string::npos);
    // Signed out, each organisation's DPO.
    auto open = footer(send("GET", "/").body);
    EXPECT_NE(open.find("dso@exempelby.se"), std::string::npos);
    EXPECT_NE(open.find("sara@exempelby.se"), std::string::npos);
}

TEST_F(PageShell, ThePrivacyNoticeIsGeneratedFromTheOrganisationSignedOut) {
    auto page = send("GET", "/privacy?org=" + m_school);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Barn- och utbildningsnämnden är personuppgiftsansvarig"), std::string::npos);
    EXPECT_NE(page.body.find("212000-0001"), std::string::npos);
    EXPECT_NE(page.body.find("artikel 33.5"), std::string::npos);
    EXPECT_NE(page.body.find("Misslyckade inloggningsförsök raderas efter en timme"), std::string::npos);
    EXPECT_NE(page.body.find("mailto:dso@exempelby.se"), std::string::npos);
    EXPECT_EQ(page.body.find("Socialnämnden är personuppgiftsansvarig"), std::string::npos);
    // Without a choice: every organisation, each under its own heading.
    auto all = send("GET", "/privacy").body;
    EXPECT_NE(all.find("Socialnämnden är personuppgiftsansvarig"), std::string::npos);
    EXPECT_NE(all.find("Barn- och utbildningsnämnden är personuppgiftsansvarig"), std::string::npos);
    // And in English.
    auto english = send("GET", "/privacy?org=" + m_school, {}, nullptr, "", "skydda_lang=en").body;
    EXPECT_NE(english.find("Barn- och utbildningsnämnden is the controller"), std::string::npos);
    expect_unique_ids(all, "privacy");
}

TEST_F(PageShell, TheAccessibilityStatementFollowsDiggsModel) {
    auto page = send("GET", "/accessibility?org=" + m_school);
    ASSERT_EQ(page.status, 200);
    for (std::string_view part : {"lagen (2018:1937) om tillgänglighet till digital offentlig service",
                                  "Barn- och utbildningsnämnden står bakom", "WCAG 2.1 nivå AA",
                                  "Innehåll som inte är tillgängligt", "Myndigheten för digital förvaltning (Digg)",
                                  "https://www.digg.se/tdosanmalan", "axe-core", "sidlägen", "mailto:dso@exempelby.se",
                                  "Redogörelsen uppdaterades senast"})
        EXPECT_NE(page.body.find(part), std::string::npos) << part;
}

TEST_F(PageShell, NotFoundPagesSayWhatToDoNextAndKeepThePersonsNavigation) {
    auto anna = login("anna@example.se");
    auto page = send("GET", "/no-such-page", {}, &anna);
    EXPECT_EQ(page.status, 404);
    EXPECT_NE(page.body.find(R"(action="/logout")"), std::string::npos) << "signed in on the 404 page too";
    EXPECT_NE(page.body.find(R"(<a href="/report">)"), std::string::npos);
    EXPECT_NE(page.body.find("mailto:dso@exempelby.se"), std::string::npos);
    auto signed_out = send("GET", "/no-such-page");
    EXPECT_NE(signed_out.body.find(R"(href="/login?next=%2Fno-such-page")"), std::string::npos);
    // Two organisations with different DPOs: the way to their contacts.
    EXPECT_NE(signed_out.body.find(R"(<li><a href="/privacy">)"), std::string::npos);
}

TEST_F(PageShell, TableCellsAreLabelledByTheirColumnHeader) {
    auto html = web::html::label_table_cells(web::html::Html(
        R"(<p>x</p><table><thead><tr><th scope="col">Ärende</th><th scope="col" colspan="2">Tid <span class="hint">"CET"</span></th><th></th></tr></thead>)"
        R"(<tbody><tr><th scope="row"><a href="/c">1</a></th><td>a</td><td class="num">b</td><td>c</td></tr>)"
        R"(<tr><td data-label="Eget">x</td><td colspan="2">y</td><td>z</td></tr></tbody></table><table><tr><td>no head</td></tr></table>)"));
    EXPECT_EQ(html.str(),
              R"(<p>x</p><table><thead><tr><th scope="col">Ärende</th><th scope="col" colspan="2">Tid <span class="hint">"CET"</span></th><th></th></tr></thead>)"
              R"(<tbody><tr><th data-label="Ärende" scope="row"><a href="/c">1</a></th><td data-label="Tid &quot;CET&quot;">a</td><td data-label="Tid &quot;CET&quot;" class="num">b</td><td>c</td></tr>)"
              R"(<tr><td data-label="Eget">x</td><td data-label="Tid &quot;CET&quot;" colspan="2">y</td><td>z</td></tr></tbody></table><table><tr><td>no head</td></tr></table>)");
}

TEST_F(PageShell, EveryTableOnTheCaseListIsLabelledForANarrowScreen) {
    auto hans = login("hans@example.se");
    auto page = send("GET", "/cases", {}, &hans).body;
    ASSERT_NE(page.find("<tbody>"), std::string::npos);
    EXPECT_NE(page.find(R"(<td data-label="Rubrik">Förlorad USB-sticka)"), std::string::npos) << page;
    auto css = send("GET", "/static/skydda.css").body;
    EXPECT_NE(css.find("content: attr(data-label)"), std::string::npos);
}

TEST(Numbers, SwedishGroupsDigitsWithANoBreakSpaceAndPluralsFollowTheCount) {
    EXPECT_EQ(web::number_text(web::Lang::sv, 1234567), "1\u00a0234\u00a0567");
    EXPECT_EQ(web::number_text(web::Lang::sv, 999), "999");
    EXPECT_EQ(web::number_text(web::Lang::en, 1234), "1,234");
    EXPECT_EQ(web::count_text(web::Lang::sv, "notify.missing_count", 1), "1 uppgift saknas.");
    EXPECT_EQ(web::count_text(web::Lang::sv, "notify.missing_count", 2), "2 uppgifter saknas.");
    EXPECT_EQ(web::count_text(web::Lang::en, "notify.missing_count", 1), "1 item is missing.");
    EXPECT_EQ(web::count_text(web::Lang::sv, "notify.missing_count", 1500), "1\u00a0500 uppgifter saknas.");
}

} // namespace
