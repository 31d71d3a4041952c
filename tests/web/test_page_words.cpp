// Issue 12, "the finish": the words staff see. No command lines or configuration keys, Swedish
// throughout the Swedish interface (the legal basis of each deadline too), numbers and plurals
// as Swedish writes them, the e-mail's delivery detail for the DPO and the administrator only,
// and the processor's customer register only where the organisation is a processor.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "app/processor/processor.hpp"
#include "web/site_harness.hpp"
#include "web/i18n.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

std::string read_source(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Every text of the catalogues, read from their sources: no command line ("skydda scan --attach",
// "--db"), no configuration key (smtp_url, key_dir) and no environment variable.
TEST(PageWords, NoCatalogueTextShowsACommandLineOrAConfigurationKey) {
    static const std::regex k_developer(R"re("[^"]*(skydda [a-z-]+ --|--[a-z]{2,}|smtp_[a-z]+|key_dir|SKYDDA_[A-Z_]+|config show)[^"]*")re");
    std::vector<std::filesystem::path> files{std::filesystem::path(SKYDDA_SOURCE_DIR) / "src/app/documents/doc_labels.cpp"};
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(SKYDDA_SOURCE_DIR) / "src/web"))
        if (entry.path().filename().string().starts_with("messages_")) files.push_back(entry.path());
    ASSERT_GT(files.size(), 5u);
    for (const auto& file : files) {
        auto text = read_source(file);
        std::smatch found;
        EXPECT_FALSE(std::regex_search(text, found, k_developer)) << file.filename() << ": " << found.str();
    }
}

TEST(PageWords, EveryLegalBasisOfADeadlineHasSwedishWords) {
    for (std::string_view basis : {"GDPR art. 33(1)", "GDPR art. 34(1): without undue delay",
                                   "GDPR art. 34(3)(c): without undue delay", "GDPR art. 33(4); IMY practice: 4 weeks",
                                   "NIS2 art. 23(4)(d): one month after the notification"}) {
        auto key = "basis." + std::string(basis);
        ASSERT_TRUE(web::has_message(key)) << basis;
        auto swedish = std::string(web::t(web::Lang::sv, key));
        EXPECT_EQ(swedish.find("without"), std::string::npos) << swedish;
        EXPECT_EQ(swedish.find("month"), std::string::npos) << swedish;
        EXPECT_EQ(web::t(web::Lang::en, key), basis);
    }
}

TEST(PageWords, PluralsFollowTheCount) {
    EXPECT_EQ(web::count_text(web::Lang::sv, "letters.summary", 1, {{"post", 1}, {"email", 0}}),
              "1 person: 1 med postadress, 0 med e-postadress.");
    EXPECT_EQ(web::count_text(web::Lang::sv, "letters.summary", 1200, {{"post", 1000}, {"email", 200}}),
              "1\u00a0200 personer: 1\u00a0000 med postadress, 200 med e-postadress.");
    EXPECT_EQ(web::count_text(web::Lang::en, "processor.send_intro", 1).substr(0, 22), "1 notice is not sent. ");
    EXPECT_EQ(web::count_text(web::Lang::en, "letters.csv.count", 1).find("errors"), std::string::npos);
}

class PageWordsSite : public SiteTest {
protected:
    PageWordsSite() : SiteTest(*parse_rfc3339("2026-11-30T08:00:00+01:00", "t")) {}
    void seed() override {
        m_org = *m_app->add_organisation(nullptr, app::OrganisationInput{.name = "Socialnämnden", .dpo_email = "dso@example.se"});
        m_reporter = add_user(m_org, "anna@example.se", "Anna Rapportör", "reporter");
        add_user(m_org, "hans@example.se", "Hans Handläggare", "handler");
        add_user(m_org, "reg@example.se", "Rebecka Registrator", "registrar");
        m_dpo = add_user(m_org, "dora@example.se", "Dora Dataskyddsombud", "dpo");
        domain::IncidentFacts facts;
        facts.title = "Förlorad USB-sticka";
        facts.what_happened = "loss";
        facts.aware_at = m_clock.now();
        facts.subjects_count = 1234;
        auto incident = m_app->report_incident(*m_app->load_actor(m_reporter), m_org, facts);
        ASSERT_TRUE(incident);
        m_case = incident->id;
    }
    std::string m_org, m_reporter, m_dpo, m_case;
};

TEST_F(PageWordsSite, TheCasePageIsInSwedishWithSwedishNumbers) {
    auto hans = login("hans@example.se");
    auto page = send("GET", "/cases/" + m_case, {}, &hans);
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("GDPR art. 33(1)"), std::string::npos);
    EXPECT_NE(page.body.find("Dataskyddsförordningen art. 33.1"), std::string::npos);
    EXPECT_EQ(page.body.find("without undue delay"), std::string::npos);
    EXPECT_NE(page.body.find("1\u00a0234"), std::string::npos) << "the number of people, grouped";
    EXPECT_EQ(page.body.find("skydda scan"), std::string::npos);
}

TEST_F(PageWordsSite, TheEmailsDeliveryDetailIsForTheDpoOnly) {
    auto dora = *m_app->load_actor(m_dpo);
    auto mail = m_app->case_mail(dora, m_case);
    ASSERT_TRUE(mail);
    ASSERT_FALSE(mail->empty()) << "the report's alert is queued for the case";
    auto hans = login("hans@example.se");
    auto handler_page = send("GET", "/cases/" + m_case, {}, &hans).body;
    ASSERT_NE(handler_page.find(R"(id="mail")"), std::string::npos) << "the handler sees what was sent";
    EXPECT_EQ(handler_page.find("Senaste fel"), std::string::npos);
    EXPECT_EQ(handler_page.find("Nästa försök"), std::string::npos);
    auto dpo = login("dora@example.se");
    auto dpo_page = send("GET", "/cases/" + m_case, {}, &dpo).body;
    EXPECT_NE(dpo_page.find("Senaste fel"), std::string::npos);
    // The outbox itself answers a handler with an error page that says what to do next.
    auto outbox = send("GET", "/outbox", {}, &hans);
    EXPECT_EQ(outbox.status, 403);
    EXPECT_NE(outbox.body.find("Gå till startsidan"), std::string::npos);
    EXPECT_NE(outbox.body.find("mailto:dso@example.se"), std::string::npos);
}

TEST_F(PageWordsSite, EachRolesNavigationLeadsOnlyWhereTheRoleMayGo) {
    for (auto email : {"anna@example.se", "hans@example.se", "reg@example.se", "dora@example.se"}) {
        auto session = login(email);
        auto home = send("GET", "/", {}, &session).body;
        auto nav = home.substr(home.find("<nav"), home.find("</nav>") - home.find("<nav"));
        static const std::regex k_link(R"re(<li><a href="([^"]+)")re");
        for (auto it = std::sregex_iterator(nav.begin(), nav.end(), k_link); it != std::sregex_iterator(); ++it)
            EXPECT_EQ(send("GET", (*it)[1].str(), {}, &session).status, 200) << email << " " << (*it)[1].str();
    }
}

} // namespace

namespace {

// The W3C checker's one error in issue 12's run: the letters page went from h1 to h3.
TEST_F(PageWordsSite, TheLettersPageSkipsNoHeadingLevel) {
    auto dora = login("dora@example.se");
    auto page = send("GET", "/cases/" + m_case + "/letters", {}, &dora);
    ASSERT_EQ(page.status, 200);
    auto main = page.body.substr(page.body.find("<main"));
    auto h2 = main.find("<h2"), h3 = main.find("<h3");
    ASSERT_NE(h3, std::string::npos);
    EXPECT_LT(h2, h3);
}

} // namespace
