// The processor pages in process (SQLite, the Site, hand-built requests): the customer
// register with its CSV upload, and the case file's notices section with its forms.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <regex>

#include "app/app.hpp"
#include "app/documents/doc_labels.hpp"
#include "app/processor/processor.hpp"
#include "domain/codes.hpp"
#include "storage/database.hpp"
#include "web/i18n.hpp"
#include "web/site.hpp"
#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

// The harness's page check with this file's catalogue prefix.
void expect_clean(const http::Response& response, std::string_view name) {
    static const std::regex k_raw_key(R"(>processor\.)");
    expect_clean_page(response.body, name, k_raw_key);
}

// A valid organisation number for `n` (Luhn digit computed).
std::string orgnr(int n) {
    std::string digits = fmt::format("556{:06d}", n);
    int sum = 0;
    for (size_t i = 0; i < digits.size(); ++i) {
        int d = digits[i] - '0';
        if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    digits += static_cast<char>('0' + (10 - sum % 10) % 10);
    return digits.substr(0, 6) + "-" + digits.substr(6);
}

class ProcessorPages : public SiteTest {
protected:
    ProcessorPages() : SiteTest(*parse_rfc3339("2026-03-10T09:00:00+01:00", "now")) {}

    void seed() override {
        m_org = m_app->add_organisation(nullptr, {.name = "Skolplattform AB", .orgnr = "556016-0680", .sector = "private"}).value();
        m_other = m_app->add_organisation(nullptr, {.name = "Annan AB"}).value();
        for (auto [who, role] : {std::pair{"dora", "dpo"}, {"hans", "handler"}, {"anna", "reporter"}})
            m_users[who] = *m_app->add_user(nullptr, m_org, std::string(who) + "@example.se", who, role, std::string(k_password));
        m_app->add_user(nullptr, m_other, "olle@example.se", "Olle", "dpo", std::string(k_password)).value();
    }
    http::Response upload(const std::string& target, const std::string& csv, const Session& session) {
        return SiteTest::upload(target, session, "csv", "kunder.csv", csv);
    }
    int64_t count(const std::string& sql) {
        return *storage::transact_value<int64_t>(*m_db, storage::TxMode::read, [&](storage::Connection& db) -> Result<int64_t> {
            return TRY(db.query(sql)).at(0).integer(0);
        });
    }

    std::string m_org, m_other;
    std::map<std::string, std::string> m_users;
};

TEST_F(ProcessorPages, CustomerRegisterAddImportAndAccess) {
    auto dora = login("dora@example.se");
    std::string url = "/organisations/" + m_org + "/customers";
    // Issue 12: processor features only where the organisation is a processor (it has customers).
    EXPECT_EQ(send("GET", "/", {}, &dora).body.find("href=\"" + url + "\""), std::string::npos);
    auto empty = send("GET", url, {}, &dora);
    ASSERT_EQ(empty.status, 200);
    EXPECT_NE(empty.body.find("Inga kunder är registrerade ännu."), std::string::npos);
    expect_clean(empty, "customers-empty");

    auto bad = post(url, {{"name", "Kommun 1"}, {"orgnr", "556016-0681"}, {"emails", "dpo@kommun1.se"}}, dora);
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("kontrollsiffran"), std::string::npos);
    EXPECT_NE(bad.body.find("href=\"#field-orgnr\""), std::string::npos);
    EXPECT_NE(bad.body.find("value=\"Kommun 1\""), std::string::npos); // the text is kept
    expect_clean(bad, "customers-error");
    EXPECT_EQ(post(url, {{"name", "Kommun 1"}, {"orgnr", orgnr(1)}, {"emails", "dpo@kommun1.se\nreg@kommun1.se"}, {"notice_hours", "24"}}, dora)
                  .status, 303);
    EXPECT_NE(send("GET", "/", {}, &dora).body.find("href=\"" + url + "\""), std::string::npos); // from the home page
    EXPECT_EQ(send("POST", url, form_encode({{"name", "X"}}), &dora).status, 403); // no CSRF token

    auto failed = upload(url + "/import", "namn;orgnr;epost;timmar\nKommun 2;" + orgnr(2) + ";b@kommun2.se;36\nKommun 3;123;c@kommun3.se;\n", dora);
    EXPECT_EQ(failed.status, 400);
    EXPECT_NE(failed.body.find("Rad 3"), std::string::npos);
    EXPECT_NE(failed.body.find("Ingenting importerades"), std::string::npos);
    expect_clean(failed, "customers-import-error");
    EXPECT_EQ(count("SELECT COUNT(*) FROM processor_customers"), 1);
    auto imported = upload(url + "/import", "Kommun 2;" + orgnr(2) + ";b@kommun2.se;36\nKommun 3;" + orgnr(3) + ";c@kommun3.se;\n", dora);
    ASSERT_EQ(imported.status, 303);
    auto listed = send("GET", std::string(imported.header("Location")), {}, &dora);
    EXPECT_NE(listed.body.find("2 nya och 0 uppdaterade"), std::string::npos);
    EXPECT_NE(listed.body.find("Kommun 3"), std::string::npos);
    expect_clean(listed, "customers-list");

    EXPECT_EQ(send("GET", url, {}, nullptr).status, 303); // to sign-in
    auto hans = login("hans@example.se");
    EXPECT_EQ(post(url, {{"name", "Kommun 9"}, {"orgnr", orgnr(9)}, {"emails", "a@b.se"}}, hans).status, 403);
    auto olle = login("olle@example.se");
    EXPECT_EQ(send("GET", url, {}, &olle).status, 404);
}

TEST_F(ProcessorPages, CaseFileSectionSelectSendAcknowledgeAndAsk) {
    auto dora = login("dora@example.se");
    std::string url = "/organisations/" + m_org + "/customers";
    std::string csv;
    for (int n = 1; n <= 60; ++n) csv += fmt::format("Kommun {:02d},{},dpo@kommun{}.se,24\n", n, orgnr(n), n);
    ASSERT_EQ(upload(url + "/import", csv, dora).status, 303);
    domain::IncidentFacts facts;
    facts.title = "Intrång i skolplattformen";
    facts.what_happened = "unauthorised_access";
    auto reporter = *m_app->load_actor(m_users["anna"]);
    auto id = m_app->report_incident(reporter, m_org, facts)->id;
    auto hans = login("hans@example.se");
    auto page = send("GET", "/cases/" + id, {}, &hans);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Underrättelser till personuppgiftsansvariga"), std::string::npos);
    EXPECT_NE(page.body.find("Kunder som inte är valda (60)"), std::string::npos);
    expect_clean(page, "case-processor-empty");
    // The reporter sees none of it.
    auto anna = login("anna@example.se");
    EXPECT_EQ(send("GET", "/cases/" + id, {}, &anna).body.find("Underrättelser till personuppgiftsansvariga"), std::string::npos);

    auto none = post("/cases/" + id + "/processor-notices", {}, hans);
    EXPECT_EQ(none.status, 400);
    EXPECT_NE(none.body.find("Välj minst en kund."), std::string::npos);
    expect_clean(none, "case-processor-error");
    ASSERT_EQ(post("/cases/" + id + "/processor-notices", {{"all", "1"}}, hans).status, 303);
    page = send("GET", "/cases/" + id, {}, &hans);
    EXPECT_NE(page.body.find("Alla aktiva kunder är valda."), std::string::npos);
    EXPECT_NE(page.body.find("Sida 1 av 2"), std::string::npos); // 60 notices, 50 a page
    EXPECT_NE(page.body.find("/documents/processor-notice?recipient="), std::string::npos);
    EXPECT_NE(page.body.find("60 underrättelser är inte skickade"), std::string::npos);
    expect_clean(page, "case-processor-selected");
    auto second = send("GET", "/cases/" + id + "?pn_status=all&pn_page=2", {}, &hans);
    EXPECT_NE(second.body.find("Kommun 60"), std::string::npos);
    EXPECT_EQ(second.body.find("Kommun 01"), std::string::npos);

    std::smatch first;
    ASSERT_TRUE(std::regex_search(page.body, first, std::regex("/cases/[^/]+/processor-notices/([0-9a-f-]+)\">")));
    std::string first_url = "/cases/" + id + "/processor-notices/" + first[1].str();
    auto bad_figures = post(first_url + "/figures", {{"subjects_count", "många"}, {"records", ""}}, hans);
    EXPECT_EQ(bad_figures.status, 400);
    EXPECT_NE(bad_figures.body.find("value=\"många\""), std::string::npos);
    EXPECT_EQ(post(first_url + "/figures", {{"subjects_count", "40"}, {"records", ""}}, hans).status, 303);
    EXPECT_NE(send("GET", first_url, {}, &hans).body.find("<dd>40</dd>"), std::string::npos);
    ASSERT_EQ(post("/cases/" + id + "/processor-notices/send", {}, hans).status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE kind = 'processor.notice'"), 60);
    page = send("GET", "/cases/" + id + "?pn_status=sent", {}, &hans);
    EXPECT_NE(page.body.find("Alla valda kunder har fått sin underrättelse."), std::string::npos);

    std::smatch match;
    ASSERT_TRUE(std::regex_search(page.body, match, std::regex("/cases/[^/]+/processor-notices/([0-9a-f-]+)\">")));
    std::string notice_url = "/cases/" + id + "/processor-notices/" + match[1].str();
    auto notice = send("GET", notice_url, {}, &hans);
    ASSERT_EQ(notice.status, 200);
    std::smatch pdf;
    ASSERT_TRUE(std::regex_search(notice.body, pdf, std::regex("href=\"(/cases/[^\"]+/documents/processor-notice\\?[^\"]+)\"")));
    auto document = send("GET", std::regex_replace(pdf[1].str(), std::regex("&amp;"), "&"), {}, &hans);
    EXPECT_EQ(document.status, 200);
    EXPECT_TRUE(document.body.starts_with("%PDF-"));
    expect_clean(notice, "notice");
    auto missing = post(notice_url + "/acknowledge", {{"acknowledged_by", ""}, {"acknowledged_at", ""}}, hans);
    EXPECT_EQ(missing.status, 400);
    EXPECT_NE(missing.body.find("Skriv vem hos kunden som bekräftade."), std::string::npos);
    expect_clean(missing, "notice-error");
    EXPECT_EQ(post(notice_url + "/acknowledge", {{"acknowledged_by", "Kim Kontakt"}, {"acknowledged_at", "2026-03-10T09:00"}}, hans)
                  .status, 303);
    EXPECT_EQ(post(notice_url + "/questions", {{"question", "Gäller det förskolan?"}, {"asked_at", ""}, {"new_answer", ""}}, hans)
                  .status, 303);
    notice = send("GET", notice_url, {}, &hans);
    EXPECT_NE(notice.body.find("Gäller det förskolan?"), std::string::npos);
    EXPECT_NE(notice.body.find("Obesvarad"), std::string::npos);
    EXPECT_NE(notice.body.find("Kim Kontakt"), std::string::npos);
    page = send("GET", "/cases/" + id + "?pn_status=questions", {}, &hans);
    EXPECT_NE(page.body.find("<dt>Med öppna frågor</dt><dd>1</dd>"), std::string::npos);

    auto olle = login("olle@example.se");
    EXPECT_EQ(send("GET", notice_url, {}, &olle).status, 404);
    EXPECT_EQ(post("/cases/" + id + "/processor-notices/send", {}, olle).status, 404);
}

TEST_F(ProcessorPages, TheTextForTheControllersIsWrittenOnThePageAndAFindingNeedsTheBoxTicked) {
    auto dora = login("dora@example.se");
    ASSERT_EQ(upload("/organisations/" + m_org + "/customers/import", "Kommun 01," + orgnr(1) + ",dpo@kommun1.se,24\n", dora).status,
              303);
    domain::IncidentFacts facts;
    facts.title = "Intrång i skolplattformen";
    facts.what_happened = "unauthorised_access";
    facts.description = "Eleven Anna Berg 570428-9999 syntes för andra.";
    auto id = m_app->report_incident(*m_app->load_actor(m_users["anna"]), m_org, facts)->id;
    auto hans = login("hans@example.se");
    ASSERT_EQ(post("/cases/" + id + "/processor-notices", {{"all", "1"}}, hans).status, 303);
    auto page = send("GET", "/cases/" + id, {}, &hans);
    EXPECT_NE(page.body.find("Texten till de personuppgiftsansvariga"), std::string::npos);
    EXPECT_NE(page.body.find("Texten till kunderna är inte skriven än"), std::string::npos);
    expect_clean(page, "case-processor-text");
    ASSERT_EQ(post("/cases/" + id + "/processor-notices/text",
                   {{"pn_description", "Eleven 570428-9999 syntes för andra."}, {"pn_consequences", "Spridning."},
                    {"pn_measures", "Rättat."}},
                   hans)
                  .status,
              303);
    page = send("GET", "/cases/" + id, {}, &hans);
    EXPECT_NE(page.body.find(R"(name="acknowledge_personal_data" value="description")"), std::string::npos);
    auto held = post("/cases/" + id + "/processor-notices/send", {}, hans);
    EXPECT_EQ(held.status, 400);
    EXPECT_NE(held.body.find("error-summary"), std::string::npos);
    EXPECT_NE(held.body.find("href=\"#field-ack-description\""), std::string::npos) << held.body;
    expect_clean(held, "case-processor-held");
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE kind = 'processor.notice'"), 0);
    ASSERT_EQ(post("/cases/" + id + "/processor-notices/send", {{"acknowledge_personal_data", "description"}}, hans).status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE kind = 'processor.notice'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE kind = 'processor.notice' AND body LIKE '%Anna Berg%'"), 0);
}

// Issue 13: a customer's name and a question with markup characters are text wherever they are
// shown (the register, the case's section, the notice page).
TEST_F(ProcessorPages, NamesAndQuestionsWithMarkupCharactersAreShownAsText) {
    auto dora = login("dora@example.se");
    std::string url = "/organisations/" + m_org + "/customers";
    const std::string name = R"(<b>Kommun</b> & "Söner")", escaped = "&lt;b&gt;Kommun&lt;/b&gt; &amp; &quot;Söner&quot;";
    ASSERT_EQ(post(url, {{"name", name}, {"orgnr", orgnr(1)}, {"emails", "dpo@kommun1.se"}}, dora).status, 303);
    auto listed = send("GET", url, {}, &dora);
    EXPECT_NE(listed.body.find(escaped), std::string::npos);
    EXPECT_EQ(listed.body.find("<b>Kommun"), std::string::npos);
    domain::IncidentFacts facts;
    facts.title = "Intrång";
    facts.what_happened = "unauthorised_access";
    auto id = m_app->report_incident(*m_app->load_actor(m_users["anna"]), m_org, facts)->id;
    auto hans = login("hans@example.se");
    ASSERT_EQ(post("/cases/" + id + "/processor-notices", {{"all", "1"}}, hans).status, 303);
    auto page = send("GET", "/cases/" + id, {}, &hans);
    EXPECT_NE(page.body.find(escaped), std::string::npos);
    EXPECT_EQ(page.body.find("<b>Kommun"), std::string::npos);
    std::smatch match;
    ASSERT_TRUE(std::regex_search(page.body, match, std::regex("/cases/[^/]+/processor-notices/([0-9a-f-]+)\">")));
    std::string notice_url = "/cases/" + id + "/processor-notices/" + match[1].str();
    ASSERT_EQ(post(notice_url + "/questions", {{"question", "<i>Gäller</i> det & mer?"}, {"asked_at", ""}, {"new_answer", ""}}, hans)
                  .status, 303);
    auto notice = send("GET", notice_url, {}, &hans);
    EXPECT_NE(notice.body.find(escaped), std::string::npos);
    EXPECT_NE(notice.body.find("&lt;i&gt;Gäller&lt;/i&gt; det &amp; mer?"), std::string::npos);
    EXPECT_EQ(notice.body.find("<i>Gäller"), std::string::npos);
    expect_clean(notice, "notice-markup-text");
}

// The pages and the documents label codes from one table (app/documents/doc_labels.cpp, included in the
// web catalogue): a row added to a web catalogue with other words would win on the pages and
// fail here.
TEST(DocumentLabels, CodeLabelsMatchTheCatalogue) {
    struct List {
        std::string_view name;
        std::span<const std::string_view> codes;
    };
    for (const auto& list : {List{"data", domain::codes::data()}, List{"groups", domain::codes::groups()},
                             List{"what_happened", domain::codes::what_happened()}})
        for (auto code : list.codes) {
            EXPECT_EQ(app::code_label(list.name, code, "sv"), web::label(web::Lang::sv, list.name, code)) << code;
            EXPECT_EQ(app::code_label(list.name, code, "en"), web::label(web::Lang::en, list.name, code)) << code;
        }
}

} // namespace
