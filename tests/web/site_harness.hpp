// The shared harness for the in-process page tests: a real SQLite database in a temp file, the
// use cases and the Site on a manual clock, driven with hand-built requests (no sockets), plus
// the helpers that read cookies and form values back and check a page's accessibility basics.
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/app.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"
#include "support/test_keys.hpp"
#include "web/site.hpp"

namespace skydda::test {

inline constexpr std::string_view k_password = "correct horse battery";

using Fields = std::vector<std::pair<std::string, std::string>>;

inline std::string form_encode(const Fields& fields) {
    std::string out;
    for (const auto& [key, value] : fields) {
        if (!out.empty()) out += '&';
        out += http::percent_encode(key) + "=" + http::percent_encode(value);
    }
    return out;
}

inline std::string header_value(const http::Response& response, std::string_view name) {
    return std::string(response.header(name));
}

inline std::vector<std::string> set_cookies(const http::Response& response) {
    std::vector<std::string> out;
    for (const auto& [key, value] : response.headers)
        if (key == "Set-Cookie" || key == "set-cookie") out.push_back(value);
    return out;
}

inline std::string cookie_value(const http::Response& response, std::string_view name) {
    for (const auto& cookie : set_cookies(response)) {
        if (!cookie.starts_with(std::string(name) + "=")) continue;
        auto value = cookie.substr(name.size() + 1);
        return value.substr(0, value.find(';'));
    }
    return {};
}

// The value of the first hidden/text input called `name` in the page.
inline std::string input_value(const std::string& html, std::string_view name) {
    auto marker = "name=\"" + std::string(name) + "\" value=\"";
    auto at = html.find(marker);
    if (at == std::string::npos) return {};
    at += marker.size();
    return html.substr(at, html.find('"', at) - at);
}

// Every id on the page appears once (a label or an error summary link must not point at
// another form's box).
inline void expect_unique_ids(const std::string& html, std::string_view name = {}) {
    std::map<std::string, int> seen;
    for (size_t at = 0; (at = html.find(" id=\"", at)) != std::string::npos;) {
        at += 5;
        auto end = html.find('"', at);
        ++seen[html.substr(at, end - at)];
    }
    for (const auto& [id, count] : seen) EXPECT_EQ(count, 1) << name << ": id " << id << " appears " << count << " times";
}

// Every in-page link (href="#x"), label (for="x") and aria-describedby names an id on the page:
// an error summary's link lands on its control, a control's hint and error line are read out.
inline void expect_anchors_land(const std::string& html, std::string_view name = {}) {
    std::set<std::string> ids;
    static const std::regex k_id(R"re(\sid="([^"]+)")re");
    for (std::sregex_iterator it(html.begin(), html.end(), k_id), end; it != end; ++it) ids.insert((*it)[1]);
    static const std::regex k_ref(R"re(\s(href="#|for="|aria-describedby=")([^"]+)")re");
    for (std::sregex_iterator it(html.begin(), html.end(), k_ref), end; it != end; ++it) {
        std::istringstream tokens((*it)[2]);
        for (std::string token; tokens >> token;)
            EXPECT_TRUE(ids.contains(token)) << name << ": " << (*it)[0] << " names no id on the page";
    }
}

// One h1, no catalogue key shown as text (`raw_key` matches one, e.g. R"(>\s*notify\.[a-z_.]+)"),
// every visible control has an id and a label. Set SKYDDA_DUMP_PAGES=dir to keep the pages for
// an axe run.
inline void expect_clean_page(const std::string& html, std::string_view name, const std::regex& raw_key) {
    if (const char* dir = std::getenv("SKYDDA_DUMP_PAGES"))
        std::ofstream(std::filesystem::path(dir) / (std::string(name) + ".html")) << html;
    EXPECT_FALSE(std::regex_search(html, raw_key)) << name << ": a catalogue key shows as text";
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
    expect_anchors_land(html, name);
}

struct Session {
    std::string cookie; // "skydda_session=..."
    std::string csrf;
};

// Owns the temp database, the clock, the App and the Site. A fixture passes its start time and
// overrides seed() to add its organisations, users and reports before the Site is built.
class SiteTest : public testing::Test {
protected:
    explicit SiteTest(Instant now) : m_clock{now} {}

    virtual void seed() {}

    void SetUp() override {
        m_path = std::filesystem::temp_directory_path() /
                 ("skydda_site_" + std::to_string(::getpid()) + "_" +
                  testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "_" +
                  testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
        std::filesystem::remove(m_path);
        auto db = storage::open_sqlite(m_path.string());
        ASSERT_TRUE(db) << db.error().message;
        m_db = test_support::with_test_keys(std::move(*db));
        ASSERT_TRUE(storage::migrate(*m_db));
        m_app = std::make_unique<app::App>(*m_db, m_clock);
        seed();
        if (HasFatalFailure()) return;
        m_site = std::make_unique<web::Site>(*m_app, web::WebConfig{});
    }

    void TearDown() override {
        m_site.reset();
        m_app.reset();
        m_db.reset();
        std::filesystem::remove(m_path);
    }

    std::string add_user(const std::string& org, std::string email, std::string name, std::string role) {
        auto id = m_app->add_user(nullptr, org, email, name, role, std::string(k_password));
        EXPECT_TRUE(id) << id.error().message;
        return id.value_or("");
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

    http::Response post(std::string target, Fields fields, const Session& session, bool with_csrf = true) {
        if (with_csrf) fields.emplace_back("csrf", session.csrf);
        return send("POST", std::move(target), form_encode(fields), &session);
    }

    // A multipart upload of one file in form field `field`, with the session's CSRF token.
    http::Response upload(std::string target, const Session& session, std::string_view field, std::string_view filename,
                          std::string_view content, std::string_view content_type = "text/csv") {
        const std::string boundary = "----skydda-test";
        std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + session.csrf + "\r\n";
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + std::string(field) + "\"; filename=\"" +
                std::string(filename) + "\"\r\nContent-Type: " + std::string(content_type) + "\r\n\r\n" +
                std::string(content) + "\r\n--" + boundary + "--\r\n";
        return send("POST", std::move(target), body, &session, "multipart/form-data; boundary=" + boundary);
    }

    // Signs in through the login form (its CSRF cookie and token) and reads the page's CSRF token.
    Session login(std::string_view email) {
        auto form = send("GET", "/login?next=%2Fmy");
        EXPECT_EQ(form.status, 200);
        auto token = cookie_value(form, web::k_login_csrf_cookie);
        EXPECT_FALSE(token.empty());
        auto response = send("POST", "/login",
                             form_encode({{"email", std::string(email)}, {"password", std::string(k_password)},
                                          {"login_csrf", token}, {"next", "/my"}}),
                             nullptr, "application/x-www-form-urlencoded",
                             std::string(web::k_login_csrf_cookie) + "=" + token);
        EXPECT_EQ(response.status, 303);
        Session session;
        session.cookie = std::string(web::k_session_cookie) + "=" + cookie_value(response, web::k_session_cookie);
        session.csrf = input_value(send("GET", "/", {}, &session).body, "csrf");
        EXPECT_FALSE(session.csrf.empty());
        return session;
    }

    std::filesystem::path m_path;
    ManualClock m_clock;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<app::App> m_app;
    std::unique_ptr<web::Site> m_site;
};

} // namespace skydda::test
