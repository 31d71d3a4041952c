// "Mitt konto" in process: the password change form and its errors in both languages, the
// own API tokens, the throttled sign-in answer, and HSTS with secure cookies.
#include <gtest/gtest.h>

#include <regex>

#include "web/site.hpp"
#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

class AccountPages : public SiteTest {
protected:
    AccountPages() : SiteTest(*parse_rfc3339("2026-03-10T09:00:00+01:00", "start")) {}
    void seed() override {
        m_org = m_app->add_organisation(nullptr, app::OrganisationInput{.name = "Kulturförvaltningen"}).value();
        add_user(m_org, "hans@example.se", "Hans Handläggare", "handler");
    }
    void expect_clean(const http::Response& response, std::string_view name) {
        static const std::regex k_raw_key(R"(>\s*(account|layout|login|page)\.[a-z_.]+)");
        expect_clean_page(response.body, name, k_raw_key);
        expect_unique_ids(response.body, name);
    }
    std::string m_org;
};

TEST_F(AccountPages, ThePageShowsTheFormsInSwedishAndEnglish) {
    auto session = login("hans@example.se");
    auto page = send("GET", "/account", {}, &session);
    ASSERT_EQ(page.status, 200);
    expect_clean(page, "account_sv");
    EXPECT_NE(page.body.find("Byt lösenord"), std::string::npos);
    EXPECT_NE(page.body.find("Du har inga API-nycklar."), std::string::npos);
    EXPECT_NE(page.body.find(R"(<a href="/account" aria-current="page">Mitt konto</a>)"), std::string::npos);
    EXPECT_EQ(header_value(page, "Cache-Control"), "no-store");
    auto english = send("GET", "/account", {}, &session, "application/x-www-form-urlencoded", "skydda_lang=en");
    expect_clean(english, "account_en");
    EXPECT_NE(english.body.find("Change password"), std::string::npos);
    EXPECT_NE(english.body.find("You have no API tokens."), std::string::npos);
    EXPECT_EQ(send("GET", "/account").status, 303); // signed out: to the sign-in page
}

TEST_F(AccountPages, RefusedPasswordsNameTheField) {
    auto session = login("hans@example.se");
    auto wrong = post("/account/password",
                      {{"current_password", "nope"}, {"new_password", "en lång fras"}, {"new_password_repeat", "en lång fras"}},
                      session);
    EXPECT_EQ(wrong.status, 400);
    EXPECT_NE(wrong.body.find("Det nuvarande lösenordet stämmer inte"), std::string::npos);
    EXPECT_NE(wrong.body.find(R"(id="field-current-password-error")"), std::string::npos) << wrong.body;
    auto common = post("/account/password",
                       {{"current_password", std::string(k_password)}, {"new_password", "Qwerty123456"},
                        {"new_password_repeat", "Qwerty123456"}},
                       session);
    EXPECT_EQ(common.status, 400);
    EXPECT_NE(common.body.find("10 000 vanligaste"), std::string::npos);
    expect_clean(common, "account_error");
    auto repeat = post("/account/password",
                       {{"current_password", std::string(k_password)}, {"new_password", "en lång fras här"},
                        {"new_password_repeat", "en annan fras här"}},
                       session);
    EXPECT_EQ(repeat.status, 400);
    auto missing_csrf = post("/account/password", {{"current_password", std::string(k_password)}}, session, false);
    EXPECT_EQ(missing_csrf.status, 403);
    EXPECT_EQ(send("GET", "/account", {}, &session).status, 200); // nothing ended
}

TEST_F(AccountPages, TokensAreCreatedShownOnceAndRevoked) {
    auto session = login("hans@example.se");
    auto created = post("/account/tokens", {}, session);
    ASSERT_EQ(created.status, 201);
    EXPECT_NE(created.body.find("value=\"sk_"), std::string::npos);
    expect_clean(created, "account_token");
    auto page = send("GET", "/account", {}, &session);
    EXPECT_EQ(page.body.find("sk_"), std::string::npos); // never shown again
    auto tokens = *m_app->api_tokens(nullptr, "hans@example.se");
    ASSERT_EQ(tokens.size(), 1u);
    EXPECT_NE(page.body.find(tokens[0].id), std::string::npos);
    EXPECT_EQ(post("/account/tokens/" + tokens[0].id + "/revoke", {}, session).status, 303);
    EXPECT_TRUE(m_app->api_tokens(nullptr, "hans@example.se")->empty());
    EXPECT_EQ(post("/account/tokens/" + tokens[0].id + "/revoke", {}, session).status, 404);
}

TEST_F(AccountPages, ThrottledSignInAnswers429WithRetryAfter) {
    for (int i = 0; i < 5; ++i) ASSERT_FALSE(m_app->login("hans@example.se", "wrong", "127.0.0.1"));
    auto form = send("GET", "/login");
    auto token = cookie_value(form, web::k_login_csrf_cookie);
    auto response = send("POST", "/login",
                         form_encode({{"email", "hans@example.se"}, {"password", std::string(k_password)},
                                      {"login_csrf", token}, {"next", "/"}}),
                         nullptr, "application/x-www-form-urlencoded",
                         std::string(web::k_login_csrf_cookie) + "=" + token);
    EXPECT_EQ(response.status, 429);
    EXPECT_EQ(header_value(response, "Retry-After"), "1");
    EXPECT_NE(response.body.find("Vänta 1 sekunder"), std::string::npos);
}

TEST_F(AccountPages, SecureCookiesSendHstsOnEveryResponse) {
    EXPECT_EQ(header_value(send("GET", "/login"), "Strict-Transport-Security"), "");
    web::WebConfig secure;
    secure.secure_cookies = true;
    m_site = std::make_unique<web::Site>(*m_app, secure);
    EXPECT_EQ(header_value(send("GET", "/login"), "Strict-Transport-Security"), "max-age=31536000");
    EXPECT_EQ(header_value(send("GET", "/no-such-page"), "Strict-Transport-Security"), "max-age=31536000");
}

TEST_F(AccountPages, TrustedProxyNamesTheClient) {
    web::WebConfig config;
    config.trusted_proxies = *http::parse_address_ranges("127.0.0.1");
    m_site = std::make_unique<web::Site>(*m_app, config);
    // 5 failures "from" 198.51.100.1 through the proxy; a sign-in from 192.0.2.1 is not slowed.
    for (int i = 0; i < 5; ++i) ASSERT_FALSE(m_app->login("hans@example.se", "wrong", "198.51.100.1"));
    auto form = send("GET", "/login");
    auto token = cookie_value(form, web::k_login_csrf_cookie);
    http::Request request;
    request.method = "POST";
    request.target = request.path = "/login";
    request.headers["cookie"] = std::string(web::k_login_csrf_cookie) + "=" + token;
    request.headers["content-type"] = "application/x-www-form-urlencoded";
    request.headers["x-forwarded-for"] = "198.51.100.1";
    request.body = form_encode({{"email", "hans@example.se"}, {"password", std::string(k_password)},
                                {"login_csrf", token}, {"next", "/"}});
    request.remote_address = "127.0.0.1";
    auto copy = request;
    EXPECT_EQ(m_site->handle(request).status, 429);
    copy.headers["x-forwarded-for"] = "192.0.2.1";
    EXPECT_EQ(m_site->handle(copy).status, 303);
}

} // namespace
