// The HTML pages end to end in process: a real SQLite database, the use cases and the Site,
// driven with hand-built requests (no sockets).
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "app/app.hpp"
#include "domain/codes.hpp"
#include "util/text.hpp"
#include "web/i18n.hpp"
#include "web/site.hpp"
#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

Instant at(int y, int mo, int d, int h, int mi = 0) {
    using namespace std::chrono;
    return sys_days{year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)}} + hours{h} + minutes{mi};
}

// The harness's page check with this file's catalogue prefixes, and every id unique.
void expect_clean_page(const http::Response& response, std::string_view name) {
    static const std::regex k_raw_key(R"(>\s*(report|case|cases|clock|home|my|inbox|login|check|receipt|questions|edit|page|common|layout)\.[a-z_.]+)");
    test::expect_clean_page(response.body, name, k_raw_key);
    test::expect_unique_ids(response.body, name);
}

class PagesTest : public test::SiteTest {
protected:
    PagesTest() : SiteTest(at(2026, 3, 10, 9)) {}

    void seed() override {
        app::OrganisationInput city{.name = "Kulturförvaltningen"};
        m_org = m_app->add_organisation(nullptr, city).value();
        app::OrganisationInput other{.name = "Miljöförvaltningen"};
        m_other_org = m_app->add_organisation(nullptr, other).value();
        m_reporter = add_user(m_org, "anna@example.se", "Anna Rapportör", "reporter");
        m_registrar = add_user(m_org, "rita@example.se", "Rita Registrator", "registrar");
        m_handler = add_user(m_org, "hans@example.se", "Hans Handläggare", "handler");
        add_user(m_other_org, "olle@example.se", "Olle Annan", "handler");
    }

    std::vector<std::pair<std::string, std::string>> report_fields(std::string title) {
        return {{"org", m_org},
                {"title", std::move(title)},
                {"description", "E-post med elevuppgifter skickades till fel vårdnadshavare."},
                {"what_happened", "misdirected_communication"},
                {"cause", "human_error"},
                {"aware_at", "2026-03-10T08:30"},
                {"data", "name"},
                {"data", "health"},
                {"subjects.count", "1"},
                {"subjects.groups", "pupils"},
                {"effects.confidentiality", "known_recipients"},
                {"recipient_trusted", "yes"}};
    }

    // Reports through the e-service; returns the incident id.
    std::string report(const Session& session, std::string title = "E-post till fel vårdnadshavare") {
        auto submitted = post("/report/submit", report_fields(std::move(title)), session);
        EXPECT_EQ(submitted.status, 303) << submitted.body;
        auto location = header_value(submitted, "Location");
        EXPECT_TRUE(location.starts_with("/report/receipt/")) << location;
        return location.substr(std::string("/report/receipt/").size());
    }

    std::string m_org, m_other_org, m_reporter, m_registrar, m_handler;
};

TEST_F(PagesTest, WelcomeAndStylesheetWithoutSignIn) {
    auto home = send("GET", "/");
    EXPECT_EQ(home.status, 200);
    EXPECT_NE(home.body.find("Rapportera en incident"), std::string::npos);
    EXPECT_NE(home.body.find("href=\"/login\""), std::string::npos);
    auto css = send("GET", "/static/skydda.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(header_value(css, "Cache-Control"), "public, max-age=3600");
    EXPECT_NE(css.body.find(".error-summary"), std::string::npos);
    EXPECT_NE(css.body.find("@media print"), std::string::npos);
}

TEST_F(PagesTest, LoginSetsSessionCookieAndRedirectsToSafeNext) {
    auto form = send("GET", "/login?next=%2Fmy");
    auto token = cookie_value(form, web::k_login_csrf_cookie);
    ASSERT_FALSE(token.empty());
    EXPECT_EQ(input_value(form.body, "login_csrf"), token);
    auto response = send("POST", "/login",
                         form_encode({{"email", "anna@example.se"}, {"password", std::string(k_password)},
                                      {"login_csrf", token}, {"next", "/my"}}),
                         nullptr, "application/x-www-form-urlencoded", "skydda_login_csrf=" + token);
    EXPECT_EQ(response.status, 303);
    EXPECT_EQ(header_value(response, "Location"), "/my");
    bool found = false;
    for (const auto& cookie : set_cookies(response)) {
        if (!cookie.starts_with("skydda_session=")) continue;
        found = true;
        EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
        EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    }
    EXPECT_TRUE(found);

    // An outside `next` is refused.
    auto sneaky = send("POST", "/login",
                       form_encode({{"email", "anna@example.se"}, {"password", std::string(k_password)},
                                    {"login_csrf", token}, {"next", "//evil.example/"}}),
                       nullptr, "application/x-www-form-urlencoded", "skydda_login_csrf=" + token);
    EXPECT_EQ(header_value(sneaky, "Location"), "/");
}

TEST_F(PagesTest, LoginRefusesWrongPasswordAndMissingToken) {
    auto form = send("GET", "/login");
    auto token = cookie_value(form, web::k_login_csrf_cookie);
    auto wrong = send("POST", "/login",
                      form_encode({{"email", "anna@example.se"}, {"password", "wrong password!"}, {"login_csrf", token}}),
                      nullptr, "application/x-www-form-urlencoded", "skydda_login_csrf=" + token);
    EXPECT_EQ(wrong.status, 401);
    EXPECT_NE(wrong.body.find("error-summary"), std::string::npos);
    EXPECT_NE(wrong.body.find("href=\"#field-password\""), std::string::npos);
    auto no_token = send("POST", "/login",
                         form_encode({{"email", "anna@example.se"}, {"password", std::string(k_password)}}));
    EXPECT_EQ(no_token.status, 403);
    EXPECT_TRUE(cookie_value(no_token, web::k_session_cookie).empty());
}

TEST_F(PagesTest, SignedOutReportRedirectsToLogin) {
    auto response = send("GET", "/report");
    EXPECT_EQ(response.status, 303);
    EXPECT_EQ(header_value(response, "Location"), "/login?next=%2Freport");
}

TEST_F(PagesTest, ReportCheckSubmitAndReceipt) {
    auto anna = login("anna@example.se");
    auto form = send("GET", "/report", {}, &anna);
    EXPECT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("name=\"discovered_at.date\""), std::string::npos);
    EXPECT_NE(form.body.find("<label for=\"field-title\">"), std::string::npos);

    auto check = post("/report/check", report_fields("E-post till fel vårdnadshavare"), anna);
    EXPECT_EQ(check.status, 200) << check.body;
    EXPECT_NE(check.body.find("Kontrollera dina svar"), std::string::npos);
    EXPECT_NE(check.body.find("formaction=\"/report\""), std::string::npos);
    EXPECT_NE(check.body.find("name=\"subjects.groups\" value=\"pupils\""), std::string::npos);
    EXPECT_NE(check.body.find("Elever"), std::string::npos);

    // "Ändra" brings back the filled form.
    auto change = post("/report", report_fields("E-post till fel vårdnadshavare"), anna);
    EXPECT_EQ(change.status, 200);
    EXPECT_NE(change.body.find("value=\"E-post till fel vårdnadshavare\""), std::string::npos);
    // aware_at is the handler's question: the reporter's answer sent anyway goes on unseen.
    EXPECT_NE(change.body.find("name=\"aware_at\" value=\"2026-03-10T08:30\""), std::string::npos);

    auto id = report(anna);
    auto receipt = send("GET", "/report/receipt/" + id, {}, &anna);
    EXPECT_EQ(receipt.status, 200);
    EXPECT_NE(receipt.body.find("PUI 2026/0001"), std::string::npos);
    EXPECT_NE(receipt.body.find("72"), std::string::npos);

    auto reader = m_app->load_actor(m_reporter).value();
    auto incident = m_app->get_incident(reader, id).value();
    EXPECT_EQ(incident.case_number, "PUI 2026/0001");
    EXPECT_EQ(incident.facts.what_happened, "misdirected_communication");
    EXPECT_EQ(incident.facts.subjects_count, 1);
    EXPECT_EQ(incident.facts.recipient_trusted, true);
    ASSERT_TRUE(incident.facts.aware_at);
    EXPECT_EQ(*incident.facts.aware_at, at(2026, 3, 10, 7, 30)); // 08:30 CET
}

TEST_F(PagesTest, MissingTitleShowsErrorSummary) {
    auto anna = login("anna@example.se");
    auto fields = report_fields("");
    auto response = post("/report/check", fields, anna);
    EXPECT_EQ(response.status, 400);
    EXPECT_NE(response.body.find("class=\"error-summary\""), std::string::npos);
    EXPECT_NE(response.body.find("href=\"#field-title\""), std::string::npos);
    EXPECT_NE(response.body.find("aria-invalid=\"true\""), std::string::npos);
    EXPECT_NE(response.body.find("id=\"field-title-error\""), std::string::npos);
    // The other answers are kept.
    EXPECT_NE(response.body.find("value=\"misdirected_communication\" checked"), std::string::npos);

    auto bad_time = report_fields("Stulen dator");
    for (auto& [key, value] : bad_time)
        if (key == "aware_at") value = "2027-01-01T10:00"; // in the future
    auto future = post("/report/check", bad_time, anna);
    EXPECT_EQ(future.status, 400);
    EXPECT_NE(future.body.find("href=\"#field-aware-at\""), std::string::npos);
}

TEST_F(PagesTest, PostWithoutCsrfIsForbidden) {
    auto anna = login("anna@example.se");
    auto response = post("/report/check", report_fields("Titel"), anna, false);
    EXPECT_EQ(response.status, 403);
    auto submit = post("/report/submit", report_fields("Titel"), anna, false);
    EXPECT_EQ(submit.status, 403);
    EXPECT_TRUE(m_app->list_cases(m_app->load_actor(m_reporter).value(), {.mine = true}).value().empty());
}

TEST_F(PagesTest, RegistrarSeesAndRegistersTheCase) {
    auto anna = login("anna@example.se");
    auto id = report(anna);
    auto rita = login("rita@example.se");
    auto inbox = send("GET", "/inbox", {}, &rita);
    EXPECT_EQ(inbox.status, 200);
    EXPECT_NE(inbox.body.find("Att registrera"), std::string::npos);
    EXPECT_NE(inbox.body.find("PUI 2026/0001"), std::string::npos);
    auto cases = send("GET", "/cases", {}, &rita);
    EXPECT_EQ(cases.status, 200);
    EXPECT_NE(cases.body.find("href=\"/cases/" + id + "\""), std::string::npos);
    EXPECT_NE(cases.body.find("urgency-"), std::string::npos);

    auto file = send("GET", "/cases/" + id, {}, &rita);
    EXPECT_EQ(file.status, 200);
    EXPECT_NE(file.body.find("action=\"/cases/" + id + "/register\""), std::string::npos);
    EXPECT_NE(file.body.find("id=\"clock\""), std::string::npos);
    auto version = input_value(file.body, "version");
    auto registered = post("/cases/" + id + "/register", {{"version", version}, {"handler", m_handler}}, rita);
    EXPECT_EQ(registered.status, 303) << registered.body;
    EXPECT_EQ(header_value(registered, "Location"), "/cases/" + id + "?done=registered#done");
    auto incident = m_app->get_incident(m_app->load_actor(m_registrar).value(), id).value();
    EXPECT_EQ(incident.status, domain::CaseStatus::registered);
    EXPECT_EQ(incident.handler_id, m_handler);

    auto filtered = send("GET", "/cases?status=registered", {}, &rita);
    EXPECT_NE(filtered.body.find("PUI 2026/0001"), std::string::npos);
    auto none = send("GET", "/cases?status=closed", {}, &rita);
    EXPECT_EQ(none.body.find("PUI 2026/0001"), std::string::npos);
}

TEST_F(PagesTest, OtherOrganisationGets404) {
    auto anna = login("anna@example.se");
    auto id = report(anna);
    auto olle = login("olle@example.se");
    EXPECT_EQ(send("GET", "/cases/" + id, {}, &olle).status, 404);
    EXPECT_EQ(post("/cases/" + id + "/notes", {{"body", "hej"}}, olle).status, 404);
    auto list = send("GET", "/cases", {}, &olle);
    EXPECT_EQ(list.body.find("PUI 2026/0001"), std::string::npos);
}

TEST_F(PagesTest, ReporterSeesOwnCaseAndAnswersQuestion) {
    auto anna = login("anna@example.se");
    auto id = report(anna);
    auto hans = login("hans@example.se");
    auto asked = post("/cases/" + id + "/questions", {{"question", "Vilken vårdnadshavare fick e-posten?"}}, hans);
    EXPECT_EQ(asked.status, 303) << asked.body;

    auto mine = send("GET", "/my", {}, &anna);
    EXPECT_EQ(mine.status, 200);
    EXPECT_NE(mine.body.find("PUI 2026/0001"), std::string::npos);
    EXPECT_NE(mine.body.find("Fråga väntar på ditt svar"), std::string::npos);

    auto file = send("GET", "/cases/" + id, {}, &anna);
    EXPECT_EQ(file.status, 200);
    EXPECT_NE(file.body.find("Vilken vårdnadshavare fick e-posten?"), std::string::npos);
    EXPECT_EQ(file.body.find("/register\""), std::string::npos); // no case-worker forms
    auto questions = m_app->open_case(m_app->load_actor(m_handler).value(), id).value().questions;
    ASSERT_EQ(questions.size(), 1u);
    auto qid = questions.front().id;

    auto empty = post("/cases/" + id + "/questions/" + qid + "/answer", {{"answer", ""}}, anna);
    EXPECT_EQ(empty.status, 400);
    EXPECT_NE(empty.body.find("href=\"#field-answer-" + qid + "\""), std::string::npos);

    auto answered = post("/cases/" + id + "/questions/" + qid + "/answer", {{"answer", "Fel Andersson i klass 4B."}}, anna);
    EXPECT_EQ(answered.status, 303) << answered.body;
    auto after = send("GET", "/cases/" + id, {}, &hans);
    EXPECT_NE(after.body.find("Fel Andersson i klass 4B."), std::string::npos);
}

TEST_F(PagesTest, StaleEditShowsCurrentFacts) {
    auto anna = login("anna@example.se");
    auto id = report(anna);
    auto hans = login("hans@example.se");
    auto edit = send("GET", "/cases/" + id + "/edit", {}, &hans);
    ASSERT_EQ(edit.status, 200) << edit.body;
    auto version = input_value(edit.body, "version");
    ASSERT_FALSE(version.empty());

    // Someone else changes the case meanwhile.
    auto handler = m_app->load_actor(m_handler).value();
    auto current = m_app->get_incident(handler, id).value();
    auto facts = current.facts;
    facts.title = "Ändrad av någon annan";
    ASSERT_TRUE(m_app->update_facts(handler, id, facts, current.version));

    auto fields = report_fields("Min ändring");
    fields.emplace_back("version", version);
    auto stale = post("/cases/" + id + "/edit", fields, hans);
    EXPECT_EQ(stale.status, 412);
    EXPECT_NE(stale.body.find(std::string(web::t(web::Lang::sv, "error.stale"))), std::string::npos);
    EXPECT_NE(stale.body.find("Ändrad av någon annan"), std::string::npos); // the stored facts
    EXPECT_NE(stale.body.find("value=\"Min ändring\""), std::string::npos); // the user's values

    // Saving again with the new version works.
    auto again = post("/cases/" + id + "/edit",
                      [&] {
                          auto f = report_fields("Min ändring");
                          f.emplace_back("version", input_value(stale.body, "version"));
                          return f;
                      }(),
                      hans);
    EXPECT_EQ(again.status, 303) << again.body;
    EXPECT_EQ(m_app->get_incident(handler, id).value().facts.title, "Min ändring");
}

TEST_F(PagesTest, AttachmentUploadAndDownload) {
    auto anna = login("anna@example.se");
    auto id = report(anna);
    auto hans = login("hans@example.se");
    const std::string content = "Skärmbild\r\n--inte en gräns\r\n\x01\x02";
    const std::string boundary = "----skyddaboundary42";
    std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + hans.csrf + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"skärm bild.txt\"\r\n" +
            "Content-Type: text/plain\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
    auto uploaded = send("POST", "/cases/" + id + "/attachments", body, &hans,
                         "multipart/form-data; boundary=" + boundary);
    ASSERT_EQ(uploaded.status, 303) << uploaded.body;

    auto file = m_app->open_case(m_app->load_actor(m_handler).value(), id).value();
    ASSERT_EQ(file.attachments.size(), 1u);
    auto aid = file.attachments.front().id;
    auto page = send("GET", "/cases/" + id, {}, &hans);
    EXPECT_NE(page.body.find("/cases/" + id + "/attachments/" + aid), std::string::npos);
    EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);

    auto download = send("GET", "/cases/" + id + "/attachments/" + aid, {}, &hans);
    EXPECT_EQ(download.status, 200);
    EXPECT_EQ(download.body, content);
    EXPECT_EQ(header_value(download, "Content-Type"), "text/plain");
    EXPECT_EQ(header_value(download, "X-Content-Type-Options"), "nosniff");
    EXPECT_TRUE(header_value(download, "Content-Disposition").starts_with("attachment; filename*=UTF-8''"));

    // Without the token the upload is refused.
    std::string no_csrf = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nx\r\n--" +
                          boundary + "--\r\n";
    EXPECT_EQ(send("POST", "/cases/" + id + "/attachments", no_csrf, &hans, "multipart/form-data; boundary=" + boundary).status,
              403);
    // Another organisation cannot download it.
    auto olle = login("olle@example.se");
    EXPECT_EQ(send("GET", "/cases/" + id + "/attachments/" + aid, {}, &olle).status, 404);
}

TEST_F(PagesTest, CaseWorkerFormsNotesTasksAndStatus) {
    auto anna = login("anna@example.se");
    auto id = report(anna);
    auto hans = login("hans@example.se");
    EXPECT_EQ(post("/cases/" + id + "/notes", {{"body", "Ringde skolan."}}, hans).status, 303);
    auto empty_note = post("/cases/" + id + "/notes", {{"body", "  "}}, hans);
    EXPECT_EQ(empty_note.status, 400);
    EXPECT_NE(empty_note.body.find("href=\"#field-body\""), std::string::npos);
    EXPECT_EQ(post("/cases/" + id + "/tasks", {{"title", "Be mottagaren radera"}, {"assignee", m_handler}, {"due_at", "2026-03-11T12:00"}}, hans)
                  .status,
              303);
    auto page = send("GET", "/cases/" + id, {}, &hans);
    EXPECT_NE(page.body.find("Ringde skolan."), std::string::npos);
    EXPECT_NE(page.body.find("Be mottagaren radera"), std::string::npos);
    // Closing as not a breach needs a reason.
    auto rita = login("rita@example.se");
    auto registered = send("GET", "/cases/" + id, {}, &rita);
    ASSERT_EQ(post("/cases/" + id + "/register", {{"version", input_value(registered.body, "version")}}, rita).status, 303);
    auto no_reason = post("/cases/" + id + "/status", {{"to", "not_a_breach"}, {"reason", ""}}, hans);
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_NE(no_reason.body.find("href=\"#field-reason\""), std::string::npos);
    EXPECT_EQ(post("/cases/" + id + "/status", {{"to", "assessing"}}, hans).status, 303);
    EXPECT_EQ(m_app->get_incident(m_app->load_actor(m_handler).value(), id).value().status, domain::CaseStatus::assessing);
}

TEST_F(PagesTest, QuestionListNamesEveryOption) {
    auto response = send("GET", "/report/questions");
    EXPECT_EQ(response.status, 200);
    for (auto code : domain::codes::what_happened())
        EXPECT_NE(response.body.find(text::html_escape(web::label(web::Lang::sv, "what_happened", code))),
                  std::string::npos)
            << code;
    for (auto code : domain::codes::data())
        EXPECT_NE(response.body.find(text::html_escape(web::label(web::Lang::sv, "data", code))), std::string::npos)
            << code;
}

TEST_F(PagesTest, EnglishWhenAsked) {
    auto response = send("GET", "/lang/en?next=%2Freport%2Fquestions");
    EXPECT_EQ(response.status, 303);
    EXPECT_EQ(header_value(response, "Location"), "/report/questions");
    EXPECT_NE(cookie_value(response, web::k_lang_cookie), "");
    EXPECT_EQ(header_value(send("GET", "/lang/en?next=https://evil.example"), "Location"), "/");
}

// Every catalogue, the shared ones and each capability's: both languages, and a key in one table only.
TEST(PageMessages, EveryKeyHasSwedishAndEnglish) {
    std::set<std::string_view> keys;
    for (auto table : {web::core_messages(), web::finish_messages(), web::home_messages(), web::about_messages(),
                       web::report_messages(), web::form_messages(), web::cases_messages(), web::statistics_messages(), web::duties_messages(),
                       web::logg_messages(), web::assessment_messages(), web::notification_messages(),
                       web::document_messages(), web::mail_messages(), web::processor_messages(),
                       web::letters_messages(), web::account_messages()})
        for (const auto& message : table) {
            EXPECT_FALSE(message.sv.empty()) << message.key;
            EXPECT_FALSE(message.en.empty()) << message.key;
            EXPECT_TRUE(keys.insert(message.key).second) << "in two tables: " << message.key;
        }
}

} // namespace

namespace {

TEST_F(PagesTest, PagesAreCleanForEveryRole) {
    expect_clean_page(send("GET", "/"), "home");
    expect_clean_page(send("GET", "/login"), "login");
    expect_clean_page(send("GET", "/report/questions"), "questions");
    auto anna = login("anna@example.se");
    auto id = report(anna);
    auto hans = login("hans@example.se");
    ASSERT_EQ(post("/cases/" + id + "/questions", {{"question", "Vem fick e-posten?"}}, hans).status, 303);
    ASSERT_EQ(post("/cases/" + id + "/notes", {{"body", "Anteckning"}}, hans).status, 303);
    ASSERT_EQ(post("/cases/" + id + "/tasks", {{"title", "Uppgift"}, {"assignee", m_handler}}, hans).status, 303);
    expect_clean_page(send("GET", "/", {}, &anna), "dashboard-reporter");
    expect_clean_page(send("GET", "/report", {}, &anna), "report");
    expect_clean_page(post("/report/check", report_fields("Titel"), anna), "check");
    expect_clean_page(post("/report/check", report_fields(""), anna), "report-error");
    expect_clean_page(send("GET", "/report/receipt/" + id, {}, &anna), "receipt");
    expect_clean_page(send("GET", "/my", {}, &anna), "my");
    expect_clean_page(send("GET", "/cases/" + id, {}, &anna), "case-reporter");
    auto rita = login("rita@example.se");
    expect_clean_page(send("GET", "/", {}, &rita), "dashboard-registrar");
    expect_clean_page(send("GET", "/inbox", {}, &rita), "inbox");
    expect_clean_page(send("GET", "/cases", {}, &rita), "cases");
    expect_clean_page(send("GET", "/cases/" + id, {}, &rita), "case-registrar");
    expect_clean_page(send("GET", "/cases/" + id, {}, &hans), "case-handler");
    expect_clean_page(send("GET", "/cases/" + id + "/edit", {}, &hans), "edit");
    auto old = report_fields("Upptäckt sent");
    for (auto& [key, value] : old)
        if (key == "aware_at") value = "2026-03-06T08:00";
    ASSERT_EQ(post("/report/submit", old, anna).status, 303);
    auto overdue = send("GET", "/cases", {}, &hans);
    expect_clean_page(overdue, "cases-overdue");
    EXPECT_NE(overdue.body.find("urgency-overdue"), std::string::npos);
    EXPECT_LT(overdue.body.find("Upptäckt sent"), overdue.body.find("E-post till fel")); // most urgent first
    auto english = send("GET", "/report/questions", {}, nullptr, "", std::string(web::k_lang_cookie) + "=en");
    expect_clean_page(english, "questions-en");
    EXPECT_NE(english.body.find("lang=\"en\""), std::string::npos);
}

} // namespace

TEST_F(PagesTest, ScanSummaryOnTheCaseOffersTheUpdate) {
    auto anna = login("anna@example.se");
    auto id = report(anna);
    auto hans = login("hans@example.se");
    auto empty = send("GET", "/cases/" + id, {}, &hans);
    // Staff never see a command line (issue 12): the way to a scan in words, with the case number.
    EXPECT_EQ(empty.body.find("skydda scan"), std::string::npos);
    EXPECT_NE(empty.body.find("Skyddas skanner"), std::string::npos);
    app::ScanAttachment scan{
        R"({"schema":"skydda.scan/1","files":2,"bytes":2048,"documents":2,"unreadable":1,"findings":{"personal_identity_number":{"matches":40,"distinct":31,"files":2}}})",
        {"personal_identity_number", "health"}, 31, "Exporten"};
    auto stored = m_app->attach_scan(nullptr, id, scan);
    ASSERT_TRUE(stored);
    auto page = send("GET", "/cases/" + id, {}, &hans);
    EXPECT_NE(page.body.find("Skanningar av läckta data"), std::string::npos);
    EXPECT_NE(page.body.find("Personnummer och samordningsnummer"), std::string::npos);
    EXPECT_NE(page.body.find("Personnummer eller samordningsnummer"), std::string::npos); // proposed category
    EXPECT_NE(page.body.find("1 → 31"), std::string::npos);
    auto action = "/cases/" + id + "/scans/" + stored->id + "/apply";
    ASSERT_NE(page.body.find(action), std::string::npos);
    // The reporter neither sees the section nor may apply it.
    EXPECT_EQ(send("GET", "/cases/" + id, {}, &anna).body.find("Skanningar av läckta data"), std::string::npos);
    EXPECT_EQ(post(action, {{"version", input_value(page.body, "version")}}, anna).status, 403);
    EXPECT_EQ(post(action, {{"version", input_value(page.body, "version")}}, hans).status, 303);
    auto incident = m_app->get_incident(m_app->load_actor(m_handler).value(), id).value();
    EXPECT_EQ(incident.facts.subjects_count, 31);
    auto after = send("GET", "/cases/" + id, {}, &hans);
    EXPECT_NE(after.body.find("Siffrorna fördes in i ärendet"), std::string::npos);
}
