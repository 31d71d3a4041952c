// The IMY notification in the browser, in process: the case file's section, the notification
// page with its missing items, personal data warning, draft form and recording form (CSRF,
// error summary naming the late reason), and who may open it.
#include <gtest/gtest.h>

#include <map>

#include <filesystem>
#include <regex>

#include "app/app.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "web/site.hpp"

namespace {

using namespace skydda;
namespace fs = std::filesystem;

constexpr std::string_view k_password = "correct horse battery";
const Instant k_start = *parse_rfc3339("2026-03-10T09:00:00+01:00", "start");

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [key, value] : fields) out += (out.empty() ? "" : "&") + http::percent_encode(key) + "=" + http::percent_encode(value);
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

// One h1; every visible control has a label.
void expect_labelled(const std::string& html) {
    size_t h1 = 0;
    for (size_t at = html.find("<h1"); at != std::string::npos; at = html.find("<h1", at + 1)) ++h1;
    EXPECT_EQ(h1, 1u);
    static const std::regex k_control(R"(<(input|select|textarea)\b[^>]*>)");
    static const std::regex k_id(R"re(\bid="([^"]+)")re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), k_control); it != std::sregex_iterator(); ++it) {
        std::string tag = it->str();
        if (tag.find("type=\"hidden\"") != std::string::npos) continue;
        std::smatch id;
        ASSERT_TRUE(std::regex_search(tag, id, k_id)) << tag;
        EXPECT_NE(html.find("<label for=\"" + id[1].str() + "\""), std::string::npos) << "no label for " << id[1];
    }
    EXPECT_EQ(html.find(">notify."), std::string::npos) << "a catalogue key shows as text";
}

struct Session {
    std::string cookie, csrf;
};

class NotificationPages : public testing::Test {
protected:
    void SetUp() override {
        m_path = fs::temp_directory_path() / ("skydda_notify_pages_" + std::to_string(::getpid()) + "_" +
                                              testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
        fs::remove(m_path);
        m_db = std::move(*storage::open_sqlite(m_path.string()));
        ASSERT_TRUE(storage::migrate(*m_db));
        m_app = std::make_unique<app::App>(*m_db, m_clock);
        app::OrganisationInput org{.name = "Kulturförvaltningen", .orgnr = "212000-0001", .address = "Box 1, Staden",
                                   .dpo_name = "Dana", .dpo_email = "dpo@example.se"};
        m_org = *m_app->add_organisation(nullptr, org);
        for (auto role : {"reporter", "handler", "dpo", "manager"})
            m_users[role] = *m_app->add_user(nullptr, m_org, std::string(role) + "@example.se", role, role,
                                             std::string(k_password));
        m_site = std::make_unique<web::Site>(*m_app, web::WebConfig{});
    }
    void TearDown() override {
        m_site.reset();
        m_app.reset();
        m_db.reset();
        fs::remove(m_path);
    }

    http::Response send(std::string method, std::string target, std::string body = {}, const Session* session = nullptr,
                        std::string extra_cookie = {}) {
        http::Request request;
        request.method = std::move(method);
        auto question = target.find('?');
        request.path = target.substr(0, question);
        if (question != std::string::npos)
            request.query = http::parse_urlencoded(target.substr(question + 1)).value_or(decltype(request.query){});
        request.target = std::move(target);
        std::string cookies = session ? session->cookie : "";
        if (!extra_cookie.empty()) cookies += (cookies.empty() ? "" : "; ") + extra_cookie;
        if (!cookies.empty()) request.headers["cookie"] = cookies;
        if (!body.empty()) request.headers["content-type"] = "application/x-www-form-urlencoded";
        request.body = std::move(body);
        request.remote_address = "127.0.0.1";
        return m_site->handle(request);
    }
    http::Response post(std::string target, std::vector<std::pair<std::string, std::string>> fields, const Session& session,
                        bool with_csrf = true) {
        if (with_csrf) fields.emplace_back("csrf", session.csrf);
        return send("POST", std::move(target), form_encode(fields), &session);
    }
    Session login(const std::string& role) {
        auto form = send("GET", "/login");
        auto token = cookie_value(form, web::k_login_csrf_cookie);
        auto response = send("POST", "/login",
                             form_encode({{"email", role + "@example.se"}, {"password", std::string(k_password)},
                                          {"login_csrf", token}, {"next", "/my"}}),
                             nullptr, std::string(web::k_login_csrf_cookie) + "=" + token);
        EXPECT_EQ(response.status, 303);
        Session session{std::string(web::k_session_cookie) + "=" + cookie_value(response, web::k_session_cookie), {}};
        session.csrf = input_value(send("GET", "/", {}, &session).body, "csrf");
        EXPECT_FALSE(session.csrf.empty());
        return session;
    }
    std::string report(std::string description) {
        domain::IncidentFacts facts;
        facts.title = "Mejl till fel vårdnadshavare";
        facts.description = std::move(description);
        facts.what_happened = "misdirected_communication";
        facts.aware_at = k_start - std::chrono::hours(1);
        auto reporter = *m_app->load_actor(m_users.at("reporter"));
        return m_app->report_incident(reporter, m_org, facts)->id;
    }

    fs::path m_path;
    ManualClock m_clock{k_start};
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<app::App> m_app;
    std::unique_ptr<web::Site> m_site;
    std::string m_org;
    std::map<std::string, std::string> m_users;
};

} // namespace

void expect_unique_ids(const std::string& html) {
    std::map<std::string, int> seen;
    for (size_t at = 0; (at = html.find(" id=\"", at)) != std::string::npos;) {
        at += 5;
        auto end = html.find('"', at);
        ++seen[html.substr(at, end - at)];
    }
    for (const auto& [name, count] : seen) EXPECT_EQ(count, 1) << "id " << name << " appears " << count << " times";
}

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
