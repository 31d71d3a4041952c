// The letters pages in process (SQLite, the use cases and the Site, hand-built requests): the
// case file's section, the CSV upload's line errors in the error summary, the letter refused
// at finalising with each missing part linked, the template's placeholders, CSRF and roles.
#include <gtest/gtest.h>

#include <regex>

#include "app/app.hpp"
#include "app/letters/letters.hpp"
#include "doc/pdf_text.hpp"
#include "storage/migrations.hpp"
#include "web/site.hpp"
#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

class LettersPages : public SiteTest {
protected:
    LettersPages() : SiteTest(*parse_rfc3339("2026-03-10T10:00:00+01:00", "now")) {}

    void seed() override {
        m_org = *m_app->add_organisation(nullptr, {"Kulturförvaltningen", "", "public", "", "Dana DSO", "dso@example.se",
                                                   "08-1"});
        for (auto role : {"reporter", "handler", "dpo"})
            ASSERT_TRUE(m_app->add_user(nullptr, m_org, std::string(role) + "@example.se", role, role, std::string(k_password)));
        domain::IncidentFacts facts;
        facts.title = "Lista till fel mottagare";
        facts.what_happened = "disclosure_other";
        facts.description = "En lista skickades fel.";
        facts.consequences = "Någon kan se ditt namn.";
        facts.measures = "Vi bad mottagaren radera den.";
        facts.occurred_at = *parse_rfc3339("2026-03-09T08:00:00+01:00", "occurred_at");
        auto reporter = *m_app->load_actor(*user_id("reporter@example.se"));
        m_case = m_app->report_incident(reporter, m_org, facts)->id;
    }

    std::optional<std::string> user_id(const std::string& email) {
        auto login = m_app->login(email, k_password, "127.0.0.1");
        if (!login) return std::nullopt;
        return login->actor.user_id;
    }

    Session session(const std::string& email) {
        auto login = m_app->login(email, k_password, "127.0.0.1");
        EXPECT_TRUE(login);
        return {std::string(web::k_session_cookie) + "=" + login->session_token, login->csrf_token};
    }

    http::Response upload(const Session& session, std::string_view csv) {
        return SiteTest::upload("/cases/" + m_case + "/letters/recipients", session, "file", "mottagare.csv", csv);
    }

    // The harness's page check with this file's catalogue prefix.
    static void expect_labelled(const std::string& html) {
        static const std::regex k_raw_key(R"(>letters\.)");
        expect_clean_page(html, "letters", k_raw_key);
    }

    std::string m_org, m_case;
};

TEST_F(LettersPages, CaseFileShowsTheSectionToCaseWorkers) {
    auto dpo = session("dpo@example.se");
    auto page = send("GET", "/cases/" + m_case, {}, &dpo);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Information till de registrerade"), std::string::npos);
    EXPECT_NE(page.body.find("/cases/" + m_case + "/letter?lang=sv"), std::string::npos);
    EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
    EXPECT_NE(page.body.find("/organisations/" + m_org + "/letter-template"), std::string::npos);
    expect_labelled(page.body);
    auto reporter = session("reporter@example.se");
    auto own = send("GET", "/cases/" + m_case, {}, &reporter);
    ASSERT_EQ(own.status, 200);
    EXPECT_EQ(own.body.find("id=\"letters\""), std::string::npos);
}

TEST_F(LettersPages, CsvErrorsAreListedByLineAndNothingIsImported) {
    auto handler = session("handler@example.se");
    auto refused = upload(handler, "name;email\nAnna;anna@example\nBo;\nAnna;anna@example\n");
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("error-summary"), std::string::npos);
    EXPECT_NE(refused.body.find("Rad 2: e-postadressen är inte giltig"), std::string::npos) << refused.body;
    EXPECT_NE(refused.body.find("Rad 3: varken postadress eller e-postadress"), std::string::npos);
    EXPECT_NE(refused.body.find("href=\"#field-letters-csv\""), std::string::npos);
    expect_labelled(refused.body);
    auto dpo = *m_app->load_actor(*user_id("dpo@example.se"));
    EXPECT_TRUE(app::letters_overview(*m_app, dpo, m_case)->recipients.empty());
    auto imported = upload(handler, "name,email\nAnna,anna@example.se\n");
    EXPECT_EQ(imported.status, 303);
    auto overview = *app::letters_overview(*m_app, dpo, m_case);
    ASSERT_EQ(overview.recipients.size(), 1u);
    // Told some other way, recorded by hand with a date.
    auto page = send("GET", "/cases/" + m_case + "/letters", {}, &handler);
    expect_labelled(page.body);
    auto rid = overview.recipients[0].id;
    EXPECT_EQ(post("/cases/" + m_case + "/letters/recipients/" + rid + "/informed", {{"how", "other"}, {"at", ""}}, handler).status,
              400);
    EXPECT_EQ(post("/cases/" + m_case + "/letters/recipients/" + rid + "/informed",
                   {{"how", "other"}, {"at", "2026-03-10"}}, handler).status,
              303);
    EXPECT_EQ(app::letters_overview(*m_app, dpo, m_case)->counts.informed_other, 1);
}

TEST_F(LettersPages, FinaliseRefusedListsEachMissingPart) {
    auto dpo = session("dpo@example.se");
    auto form = send("GET", "/cases/" + m_case + "/letter?lang=sv", {}, &dpo);
    ASSERT_EQ(form.status, 200);
    expect_labelled(form.body);
    auto actor = *m_app->load_actor(*user_id("dpo@example.se"));
    auto letter = *app::subject_letter(*m_app, actor, m_case, "sv");
    std::vector<std::pair<std::string, std::string>> fields{{"lang", "sv"}, {"version", "0"}, {"action", "finalise"}};
    for (auto part : domain::letter::k_parts)
        fields.emplace_back(std::string(domain::letter::part_name(part)), letter.parts[part]);
    auto refused = post("/cases/" + m_case + "/letter", fields, dpo);
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("href=\"#field-letters-mitigation\""), std::string::npos) << refused.body;
    // The prompt says what to write; nothing is copied from the case's description.
    EXPECT_EQ(refused.body.find("En lista skickades fel."), std::string::npos);
    EXPECT_NE(refused.body.find("Så här gör du"), std::string::npos);
    for (auto& [key, value] : fields) {
        if (key == "consequences") value = "Någon kan se ditt namn.";
        if (key == "measures_taken") value = "Vi bad mottagaren radera listan.";
        if (key == "mitigation") value = "Vi följer upp.";
        if (key == "version") value = "1";
    }
    auto done = post("/cases/" + m_case + "/letter", fields, dpo);
    EXPECT_EQ(done.status, 303) << done.body;
    auto shown = send("GET", "/cases/" + m_case + "/letter?lang=sv", {}, &dpo);
    EXPECT_NE(shown.body.find("Slutfört"), std::string::npos);
    EXPECT_EQ(shown.body.find("name=\"mitigation\""), std::string::npos); // frozen: no form
}

TEST_F(LettersPages, PersonalDataInAPartIsWarnedBesideItAndFinalisedOnlyWithTheBoxTicked) {
    auto dpo = session("dpo@example.se");
    auto actor = *m_app->load_actor(*user_id("dpo@example.se"));
    auto letter = *app::subject_letter(*m_app, actor, m_case, "sv");
    std::vector<std::pair<std::string, std::string>> fields{{"lang", "sv"}, {"version", "0"}, {"action", "finalise"}};
    for (auto part : domain::letter::k_parts) {
        std::string value = letter.parts[part];
        if (part == domain::letter::Part::consequences) value = "Någon kan se ditt namn.";
        if (part == domain::letter::Part::measures_taken) value = "Vi mejlade anna.berg@exempel.se.";
        if (part == domain::letter::Part::mitigation) value = "Vi följer upp.";
        fields.emplace_back(std::string(domain::letter::part_name(part)), value);
    }
    auto refused = post("/cases/" + m_case + "/letter", fields, dpo);
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("error-summary"), std::string::npos);
    EXPECT_NE(refused.body.find("href=\"#field-ack-measures-taken\""), std::string::npos) << refused.body;
    EXPECT_NE(refused.body.find(R"(name="acknowledge_personal_data" value="measures_taken")"), std::string::npos);
    EXPECT_NE(refused.body.find("e-postadress"), std::string::npos);
    EXPECT_FALSE(app::subject_letter(*m_app, actor, m_case, "sv")->finalised_at);
    expect_labelled(refused.body);
    for (auto& [key, value] : fields)
        if (key == "version") value = "1";
    fields.emplace_back("acknowledge_personal_data", "measures_taken");
    auto done = post("/cases/" + m_case + "/letter", fields, dpo);
    EXPECT_EQ(done.status, 303) << done.body;
    EXPECT_TRUE(app::subject_letter(*m_app, actor, m_case, "sv")->finalised_at);
    // Sending asks again, beside the send button.
    ASSERT_EQ(upload(dpo, "name,email\nCia Ek,cia@example.se\n").status, 303);
    auto page = send("GET", "/cases/" + m_case + "/letters", {}, &dpo);
    EXPECT_NE(page.body.find(R"(name="acknowledge_personal_data" value="sv.measures_taken")"), std::string::npos);
    auto held = post("/cases/" + m_case + "/letters/emails", {}, dpo);
    EXPECT_EQ(held.status, 400);
    EXPECT_NE(held.body.find("href=\"#field-ack-sv-measures-taken\""), std::string::npos) << held.body;
    auto mailed = post("/cases/" + m_case + "/letters/emails", {{"acknowledge_personal_data", "sv.measures_taken"}}, dpo);
    EXPECT_EQ(mailed.status, 303) << mailed.body;
}

TEST_F(LettersPages, TemplatePageNamesTheUnknownPlaceholderAndIsForDpoOnly) {
    auto dpo = session("dpo@example.se");
    auto url = "/organisations/" + m_org + "/letter-template";
    auto page = send("GET", url + "?lang=en", {}, &dpo);
    ASSERT_EQ(page.status, 200);
    expect_labelled(page.body);
    std::vector<std::pair<std::string, std::string>> fields{{"lang", "en"}, {"version", "0"}};
    for (auto part : domain::letter::k_parts) fields.emplace_back(std::string(domain::letter::part_name(part)), "Text.");
    fields.emplace_back("closing", "");
    fields[3].second = "Call {dpo_nmae}.";
    auto refused = post(url, fields, dpo);
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("{dpo_nmae}"), std::string::npos);
    fields[3].second = "Call {dpo_name}.";
    EXPECT_EQ(post(url, fields, dpo).status, 303);
    auto handler = session("handler@example.se");
    EXPECT_EQ(send("GET", url, {}, &handler).status, 403);
}

TEST_F(LettersPages, FormsNeedTheCsrfTokenAndExemptionNeedsAReason) {
    auto dpo = session("dpo@example.se");
    EXPECT_EQ(post("/cases/" + m_case + "/letters/exemption", {{"ground", "encrypted"}, {"reason", "x"}}, dpo, false).status,
              403);
    auto refused = post("/cases/" + m_case + "/letters/exemption", {{"ground", "encrypted"}, {"reason", ""}}, dpo);
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("href=\"#field-letters-reason\""), std::string::npos);
    EXPECT_EQ(post("/cases/" + m_case + "/letters/exemption", {{"ground", "encrypted"}, {"reason", "Krypterat."}}, dpo).status,
              303);
    auto page = send("GET", "/cases/" + m_case + "/letters", {}, &dpo);
    EXPECT_NE(page.body.find("Registrerat undantag"), std::string::npos);
}

// Issue 13 (the pages built as html::Html): names, texts and the exemption show as text.
TEST_F(LettersPages, TypedTextIsEscapedOnTheLettersPages) {
    auto dpo = session("dpo@example.se");
    ASSERT_EQ(upload(dpo, "name,email\n\"<b>Åsa & Co</b>\",asa@example.se\n").status, 303);
    ASSERT_EQ(post("/cases/" + m_case + "/letters/exemption",
                   {{"ground", "disproportionate_effort"}, {"reason", "<script>x</script>"}, {"public_text", "A & <B>"},
                    {"public_where", "<i>webben</i>"}, {"published_at", "2026-03-09"}},
                   dpo)
                  .status,
              303);
    auto page = send("GET", "/cases/" + m_case + "/letters", {}, &dpo);
    ASSERT_EQ(page.status, 200);
    for (std::string expected : {"scope=\"row\">&lt;b&gt;Åsa &amp; Co&lt;/b&gt;</th>", "&lt;script&gt;x&lt;/script&gt;",
                                 "A &amp; &lt;B&gt;", "&lt;i&gt;webben&lt;/i&gt;"})
        EXPECT_NE(page.body.find(expected), std::string::npos) << expected;
    for (std::string raw : {"<b>Åsa", "<script>x", "<B>", "<i>webben"}) EXPECT_EQ(page.body.find(raw), std::string::npos) << raw;
    // A part's draft text goes back into its box as text.
    auto actor = *m_app->load_actor(*user_id("dpo@example.se"));
    auto parts = app::subject_letter(*m_app, actor, m_case, "sv")->parts;
    parts[domain::letter::Part::consequences] = "</textarea><b>Någon</b>";
    ASSERT_TRUE(app::save_subject_letter(*m_app, actor, m_case, "sv", parts, 0));
    auto form = send("GET", "/cases/" + m_case + "/letter?lang=sv", {}, &dpo);
    EXPECT_NE(form.body.find("&lt;/textarea&gt;&lt;b&gt;Någon&lt;/b&gt;</textarea>"), std::string::npos) << form.body;
    EXPECT_EQ(form.body.find("<b>Någon"), std::string::npos);
}

TEST_F(LettersPages, PdfPerPersonAndOneMergedFileForPrinting) {
    auto dpo = session("dpo@example.se");
    ASSERT_EQ(upload(dpo, "name,address,email,language\n"
                          "Åsa Öberg,\"Vägen 2\n222 33 Byn\",,sv\n"
                          "Bo Berg,\"Gatan 1\n111 11 Staden\",,sv\n"
                          "Cia Ek,,cia@example.se,sv\n")
                  .status,
              303);
    auto actor = *m_app->load_actor(*user_id("dpo@example.se"));
    auto overview = *app::letters_overview(*m_app, actor, m_case);
    auto letter = *app::subject_letter(*m_app, actor, m_case, "sv");
    auto parts = letter.parts;
    parts[domain::letter::Part::consequences] = "Någon kan se ditt namn.";
    parts[domain::letter::Part::measures_taken] = "Vi bad mottagaren radera listan.";
    parts[domain::letter::Part::mitigation] = "Vi följer upp att listan är raderad.";
    ASSERT_TRUE(app::save_subject_letter(*m_app, actor, m_case, "sv", parts, 0));
    ASSERT_TRUE(app::finalise_subject_letter(*m_app, actor, m_case, "sv", 1));

    auto one = send("GET", "/cases/" + m_case + "/letters/recipients/" + overview.recipients[0].id + ".pdf", {}, &dpo);
    ASSERT_EQ(one.status, 200) << one.body.substr(0, 300);
    EXPECT_EQ(std::string(one.header("content-type")), "application/pdf");
    auto text = test_support::pdf_text(one.body);
    for (std::string expected : {"Åsa Öberg", "Vägen 2", "222 33 Byn", "Vad har hänt?", "radera listan",
                                 "Vi följer upp", "Dana DSO"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    EXPECT_EQ(text.find("En lista skickades fel."), std::string::npos) << "the case's description is internal";

    auto print = send("GET", "/cases/" + m_case + "/letters/print.pdf", {}, &dpo);
    ASSERT_EQ(print.status, 200) << print.body.substr(0, 300);
    // The two postal letters, each starting on a new page.
    int pages = test_support::pdf_pages(one.body);
    ASSERT_GE(pages, 1);
    EXPECT_EQ(test_support::pdf_pages(print.body), 2 * pages);
    EXPECT_NE(test_support::pdf_page_text(print.body, 1).find("Åsa Öberg"), std::string::npos);
    EXPECT_NE(test_support::pdf_page_text(print.body, pages + 1).find("Bo Berg"), std::string::npos);
    EXPECT_EQ(test_support::pdf_text(print.body).find("Cia Ek"), std::string::npos); // she gets e-mail
}

} // namespace
