// The processor pages in process (SQLite, the Site, hand-built requests): the customer
// register with its CSV upload, and the case file's notices section with its forms.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "app/app.hpp"
#include "app/doc_labels.hpp"
#include "app/processor.hpp"
#include "domain/codes.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "web/i18n.hpp"
#include "web/site.hpp"

namespace {

using namespace skydda;
namespace fs = std::filesystem;

constexpr std::string_view k_password = "correct horse battery";

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [key, value] : fields) {
        if (!out.empty()) out += '&';
        out += http::percent_encode(key) + "=" + http::percent_encode(value);
    }
    return out;
}

std::string cookie_value(const http::Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
        if ((key != "Set-Cookie" && key != "set-cookie") || !value.starts_with(std::string(name) + "=")) continue;
        auto rest = value.substr(name.size() + 1);
        return rest.substr(0, rest.find(';'));
    }
    return {};
}

std::string input_value(const std::string& html, std::string_view name) {
    auto marker = "name=\"" + std::string(name) + "\" value=\"";
    auto at = html.find(marker);
    if (at == std::string::npos) return {};
    at += marker.size();
    return html.substr(at, html.find('"', at) - at);
}

// One h1, no catalogue key as text, every visible control with a label. Set
// SKYDDA_DUMP_PAGES=dir to keep the pages for an axe run.
void expect_clean(const http::Response& response, std::string_view name) {
    const std::string& html = response.body;
    if (const char* dir = std::getenv("SKYDDA_DUMP_PAGES")) std::ofstream(fs::path(dir) / (std::string(name) + ".html")) << html;
    EXPECT_EQ(html.find(">processor."), std::string::npos) << name;
    size_t h1 = 0;
    for (size_t at = html.find("<h1"); at != std::string::npos; at = html.find("<h1", at + 1)) ++h1;
    EXPECT_EQ(h1, 1u) << name;
    static const std::regex k_control(R"(<(input|select|textarea)\b[^>]*>)");
    static const std::regex k_id(R"re(\bid="([^"]+)")re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), k_control); it != std::sregex_iterator(); ++it) {
        std::string tag = it->str();
        if (tag.find("type=\"hidden\"") != std::string::npos) continue;
        std::smatch id;
        ASSERT_TRUE(std::regex_search(tag, id, k_id)) << name << ": control without id: " << tag;
        EXPECT_NE(html.find("<label for=\"" + id[1].str() + "\""), std::string::npos) << name << ": no label for " << id[1];
    }
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

struct Session {
    std::string cookie, csrf;
};

class ProcessorPages : public testing::Test {
protected:
    void SetUp() override {
        m_path = fs::temp_directory_path() / ("skydda_processor_pages_" + std::to_string(::getpid()) + "_" +
                                              testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
        fs::remove(m_path);
        m_db = std::move(*storage::open_sqlite(m_path.string()));
        ASSERT_TRUE(storage::migrate(*m_db));
        m_app = std::make_unique<app::App>(*m_db, m_clock);
        m_org = m_app->add_organisation(nullptr, {.name = "Skolplattform AB", .orgnr = "556016-0680", .sector = "private"}).value();
        m_other = m_app->add_organisation(nullptr, {.name = "Annan AB"}).value();
        for (auto [who, role] : {std::pair{"dora", "dpo"}, {"hans", "handler"}, {"anna", "reporter"}})
            m_users[who] = *m_app->add_user(nullptr, m_org, std::string(who) + "@example.se", who, role, std::string(k_password));
        m_app->add_user(nullptr, m_other, "olle@example.se", "Olle", "dpo", std::string(k_password)).value();
        m_site = std::make_unique<web::Site>(*m_app, web::WebConfig{});
    }
    void TearDown() override {
        m_site.reset();
        m_app.reset();
        m_db.reset();
        fs::remove(m_path);
    }

    http::Response send(std::string method, std::string target, std::string body = {}, const Session* session = nullptr,
                        std::string content_type = "application/x-www-form-urlencoded", std::string extra_cookie = {}) {
        http::Request request;
        request.method = std::move(method);
        request.target = target;
        auto question = target.find('?');
        request.path = target.substr(0, question);
        if (question != std::string::npos)
            request.query = http::parse_urlencoded(target.substr(question + 1)).value_or(decltype(request.query){});
        std::string cookies = session ? session->cookie : "";
        if (!extra_cookie.empty()) cookies += (cookies.empty() ? "" : "; ") + extra_cookie;
        if (!cookies.empty()) request.headers["cookie"] = cookies;
        if (!body.empty()) request.headers["content-type"] = content_type;
        request.body = std::move(body);
        request.remote_address = "127.0.0.1";
        return m_site->handle(request);
    }
    http::Response post(std::string target, std::vector<std::pair<std::string, std::string>> fields, const Session& session) {
        fields.emplace_back("csrf", session.csrf);
        return send("POST", std::move(target), form_encode(fields), &session);
    }
    http::Response upload(const std::string& target, const std::string& csv, const Session& session) {
        std::string boundary = "----skydda-test";
        std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + session.csrf +
                           "\r\n--" + boundary +
                           "\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"kunder.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
                           csv + "\r\n--" + boundary + "--\r\n";
        return send("POST", target, body, &session, "multipart/form-data; boundary=" + boundary);
    }
    Session login(const std::string& email) {
        auto form = send("GET", "/login");
        auto token = cookie_value(form, web::k_login_csrf_cookie);
        auto response = send("POST", "/login",
                             form_encode({{"email", email}, {"password", std::string(k_password)}, {"login_csrf", token}, {"next", "/"}}),
                             nullptr, "application/x-www-form-urlencoded", std::string(web::k_login_csrf_cookie) + "=" + token);
        EXPECT_EQ(response.status, 303);
        Session session{std::string(web::k_session_cookie) + "=" + cookie_value(response, web::k_session_cookie), {}};
        session.csrf = input_value(send("GET", "/", {}, &session).body, "csrf");
        return session;
    }
    int64_t count(const std::string& sql) {
        return *storage::transact_value<int64_t>(*m_db, storage::TxMode::read, [&](storage::Connection& db) -> Result<int64_t> {
            return TRY(db.query(sql)).at(0).integer(0);
        });
    }

    fs::path m_path;
    ManualClock m_clock{*parse_rfc3339("2026-03-10T09:00:00+01:00", "now")};
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<app::App> m_app;
    std::unique_ptr<web::Site> m_site;
    std::string m_org, m_other;
    std::map<std::string, std::string> m_users;
};

TEST_F(ProcessorPages, CustomerRegisterAddImportAndAccess) {
    auto dora = login("dora@example.se");
    std::string url = "/organisations/" + m_org + "/customers";
    EXPECT_NE(send("GET", "/", {}, &dora).body.find("href=\"" + url + "\""), std::string::npos); // from the home page
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

// The documents' code labels (app/doc_labels.cpp) are the catalogue's rows again, since app/
// cannot reach web/: this keeps the two the same for every list a document prints.
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
