// Attacks on accounts and sessions against the real binary on loopback (issue 11, part 5):
// the sign-in throttle cannot be used to lock people out, X-Forwarded-For counts only from
// trusted proxies, a password change or reset ends sessions and tokens, tokens expire, the
// password rules, the idle timeout, strict booleans and HSTS.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <ranges>
#include <thread>

#include "e2e_support.hpp"

using namespace skydda;
using namespace skydda::e2e;

namespace {

constexpr std::string_view k_pw = "correct horse battery";

// `skydda serve` with extra settings (e2e_support's ServerProcess takes none).
class Server {
public:
    Server(const std::string& db, std::vector<std::string> extra) : m_port(free_port()) {
        std::vector<std::string> args{SKYDDA_BINARY, "serve", "--db", db, "--listen",
                                      "127.0.0.1:" + std::to_string(m_port), "--threads", "2"};
        args.insert(args.end(), extra.begin(), extra.end());
        m_pid = fork();
        if (m_pid == 0) {
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 1);
            dup2(null, 2);
            std::vector<char*> argv;
            for (auto& arg : args) argv.push_back(arg.data());
            argv.push_back(nullptr);
            execv(SKYDDA_BINARY, argv.data());
            _exit(127);
        }
        for (int attempt = 0; attempt < 200; ++attempt) {
            try {
                if (http::request("127.0.0.1", m_port, "GET", "/healthz").status == 200) return;
            } catch (const std::exception&) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        throw std::runtime_error("the server did not start");
    }
    ~Server() {
        kill(m_pid, SIGTERM);
        int status = 0;
        waitpid(m_pid, &status, 0);
    }
    http::ClientResponse get(const std::string& target, const std::string& cookie = {},
                             const std::string& forwarded_for = {}) const {
        std::vector<std::pair<std::string, std::string>> headers;
        if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
        if (!forwarded_for.empty()) headers.emplace_back("X-Forwarded-For", forwarded_for);
        return http::request("127.0.0.1", m_port, "GET", target, {}, headers);
    }
    http::ClientResponse post(const std::string& target, const std::string& body, const std::string& cookie,
                              const std::string& forwarded_for = {}) const {
        std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/x-www-form-urlencoded"}};
        if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
        if (!forwarded_for.empty()) headers.emplace_back("X-Forwarded-For", forwarded_for);
        return http::request("127.0.0.1", m_port, "POST", target, body, headers);
    }
    http::ClientResponse api(const std::string& target, const std::string& token) const {
        return http::request("127.0.0.1", m_port, "GET", target, {}, {{"Authorization", "Bearer " + token}});
    }
    // The sign-in form: its CSRF cookie, then the post. 303 with a session cookie on success.
    http::ClientResponse login(const std::string& email, std::string_view password,
                               const std::string& forwarded_for = {}) const {
        auto form = get("/login", {}, forwarded_for);
        auto csrf = cookie(form, "skydda_login_csrf");
        return post("/login",
                    "email=" + http::percent_encode(email) + "&password=" + http::percent_encode(password) +
                        "&login_csrf=" + csrf + "&next=%2F",
                    "skydda_login_csrf=" + csrf, forwarded_for);
    }
    static std::string cookie(const http::ClientResponse& response, std::string_view name) {
        auto found = response.headers.find("set-cookie");
        if (found == response.headers.end()) return {};
        for (auto line : std::views::split(std::string_view(found->second), '\n')) {
            std::string_view text(line.begin(), line.end());
            if (!text.starts_with(std::string(name) + "=")) continue;
            text.remove_prefix(name.size() + 1);
            return std::string(text.substr(0, text.find(';')));
        }
        return {};
    }

private:
    uint16_t m_port;
    int m_pid = -1;
};

std::string header(const http::ClientResponse& response, const std::string& name) {
    auto found = response.headers.find(name);
    return found == response.headers.end() ? std::string() : found->second;
}

// The page's CSRF token (the first hidden csrf input).
std::string csrf_of(const std::string& html) {
    auto at = html.find(R"(name="csrf" value=")");
    if (at == std::string::npos) return {};
    at += 19;
    return html.substr(at, html.find('"', at) - at);
}

// Makes `count` failed sign-ins (401) with wrong passwords, waiting out each 429 as told by
// Retry-After, so the delay afterwards is known: 2^(count - free) seconds.
void fail_sign_ins(const Server& server, int count, const std::function<std::string(int)>& email,
                   const std::function<std::string(int)>& forwarded_for) {
    int failed = 0;
    for (int attempt = 0; failed < count && attempt < 4 * count; ++attempt) {
        auto response = server.login(email(failed), "wrong password " + std::to_string(attempt), forwarded_for(failed));
        if (response.status == 401) {
            ++failed;
        } else {
            ASSERT_EQ(response.status, 429) << response.body.substr(0, 200);
            std::this_thread::sleep_for(std::chrono::seconds(std::stoi(header(response, "retry-after"))));
        }
    }
    ASSERT_EQ(failed, count);
}

class AttackAccounts : public testing::Test {
protected:
    void SetUp() override {
        m_db = m_dir.db_url();
        m_org = id_from_json(run_skydda({"org", "add", "--db", m_db, "--name", "Exempelby kommun"}).out);
        m_victim = add_account(m_db, m_org, "victim", "handler");
        add_account(m_db, m_org, "other", "handler");
    }
    test_support::TempDir m_dir;
    std::string m_db, m_org;
    Account m_victim;
};

TEST_F(AttackAccounts, WrongPasswordsCannotLockTheOwnerOut) {
    Server server(m_db, {"--trusted-proxies", "127.0.0.1"});
    // 7 failures on the account from one client: it now waits 4 seconds.
    fail_sign_ins(server, 7, [](int) { return std::string("victim@example.se"); },
                  [](int) { return std::string("198.51.100.1"); });
    // The attacker's client waits (429 with Retry-After), even with the right password...
    auto attacker = server.login("victim@example.se", k_pw, "198.51.100.1");
    EXPECT_EQ(attacker.status, 429);
    ASSERT_FALSE(header(attacker, "retry-after").empty());
    EXPECT_GE(std::stoi(header(attacker, "retry-after")), 1);
    // ...but the owner, from another address, signs in at once.
    auto owner = server.login("victim@example.se", k_pw, "192.0.2.20");
    EXPECT_EQ(owner.status, 303) << owner.body.substr(0, 300);
    EXPECT_FALSE(Server::cookie(owner, "skydda_session").empty());
}

TEST_F(AttackAccounts, TwentyFailuresFromOneAddressDoNotStopOthersBehindTheProxy) {
    Server server(m_db, {"--trusted-proxies", "127.0.0.0/8"});
    // 22 failures from one address on 22 accounts: that address now waits 4 seconds.
    fail_sign_ins(server, 22, [](int i) { return "nobody" + std::to_string(i) + "@example.se"; },
                  [](int) { return std::string("198.51.100.2"); });
    EXPECT_EQ(server.login("other@example.se", k_pw, "198.51.100.2").status, 429);
    // A colleague behind the same TLS proxy is not affected.
    EXPECT_EQ(server.login("other@example.se", k_pw, "192.0.2.21").status, 303);
    // A client cannot escape its throttle by writing its own X-Forwarded-For: the proxy appends
    // the real address and the rightmost untrusted hop counts.
    EXPECT_EQ(server.login("other@example.se", k_pw, "192.0.2.99, 198.51.100.2").status, 429);
}

TEST_F(AttackAccounts, ForwardedForFromAnUntrustedPeerIsIgnored) {
    Server server(m_db, {}); // no trusted proxies: 127.0.0.1 is the client whatever it claims
    fail_sign_ins(server, 22, [](int i) { return "nobody" + std::to_string(i) + "@example.se"; },
                  [](int i) { return "10.0.0." + std::to_string(i + 1); });
    EXPECT_EQ(server.login("other@example.se", k_pw, "192.0.2.22").status, 429);
}

TEST_F(AttackAccounts, PasswordChangeEndsTheOtherSessionsAndTheTokens) {
    Server server(m_db, {});
    ASSERT_EQ(server.api("/api/v1/me", m_victim.token).status, 200);
    auto mine = "skydda_session=" + Server::cookie(server.login("victim@example.se", k_pw), "skydda_session");
    auto stolen = "skydda_session=" + Server::cookie(server.login("victim@example.se", k_pw), "skydda_session");
    ASSERT_EQ(server.get("/account", stolen).status, 200);
    auto page = server.get("/account", mine);
    ASSERT_EQ(page.status, 200);
    auto csrf = csrf_of(page.body);
    auto weak = server.post("/account/password",
                            "csrf=" + csrf + "&current_password=correct+horse+battery&new_password=qwerty123456"
                                             "&new_password_repeat=qwerty123456",
                            mine);
    EXPECT_EQ(weak.status, 400);
    EXPECT_EQ(server.get("/account", stolen).status, 200); // a refused change ends nothing
    auto changed = server.post("/account/password",
                               "csrf=" + csrf + "&current_password=correct+horse+battery&new_password=ett+nytt+l%C3%B6senord"
                                                "&new_password_repeat=ett+nytt+l%C3%B6senord",
                               mine);
    ASSERT_EQ(changed.status, 303) << changed.body.substr(0, 400);
    auto renewed = "skydda_session=" + Server::cookie(changed, "skydda_session");
    EXPECT_EQ(server.get("/account", renewed).status, 200);
    EXPECT_EQ(server.get("/account", stolen).status, 303); // to the sign-in page
    EXPECT_EQ(server.get("/account", mine).status, 303);
    EXPECT_EQ(server.api("/api/v1/me", m_victim.token).status, 401);
    EXPECT_EQ(server.login("victim@example.se", "ett nytt lösenord").status, 303);

    // The operator's reset ends the new sessions too.
    auto reset = run_skydda({"user", "password", "--db", m_db, "--email", "victim@example.se", "--password-stdin"},
                            "a reset passphrase\n");
    ASSERT_EQ(reset.exit_code, 0) << reset.err;
    EXPECT_EQ(server.get("/account", renewed).status, 303);
    EXPECT_EQ(server.login("victim@example.se", "a reset passphrase").status, 303);
}

TEST_F(AttackAccounts, AnExpiredTokenIsRefused) {
    Server server(m_db, {});
    auto path = m_db.substr(7);
    ASSERT_EQ(std::system(("sqlite3 '" + path + "' \"UPDATE api_tokens SET expires_at='2026-01-01T00:00:00Z'\"").c_str()), 0);
    auto refused = server.api("/api/v1/me", m_victim.token);
    EXPECT_EQ(refused.status, 401);
    EXPECT_NE(refused.body.find("expired"), std::string::npos) << refused.body;
}

TEST_F(AttackAccounts, TokenCliListsRevokesAndRecordsUse) {
    Server server(m_db, {});
    ASSERT_EQ(server.api("/api/v1/me", m_victim.token).status, 200);
    auto listed = run_skydda({"token", "list", "--db", m_db, "--email", "victim@example.se", "--json"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    auto items = boost::json::parse(listed.out).as_array();
    ASSERT_EQ(items.size(), 1u);
    auto& item = items[0].as_object();
    EXPECT_EQ(item.size(), 5u);
    for (auto key : {"id", "email", "created_at", "expires_at", "last_used_at"}) EXPECT_TRUE(item.contains(key)) << key;
    EXPECT_EQ(item["email"].as_string(), "victim@example.se");
    EXPECT_TRUE(item["last_used_at"].is_string()); // the use above was written
    auto created = std::string(item["created_at"].as_string()), expires = std::string(item["expires_at"].as_string());
    EXPECT_GT(expires, created);
    EXPECT_EQ(boost::json::parse(run_skydda({"token", "list", "--db", m_db, "--json"}).out).as_array().size(), 2u);
    EXPECT_EQ(run_skydda({"token", "list", "--db", m_db}).exit_code, 0);

    auto unknown_email = run_skydda({"token", "list", "--db", m_db, "--email", "nobody@example.se"});
    EXPECT_EQ(unknown_email.exit_code, 2);
    EXPECT_EQ(unknown_email.err.rfind("email:", 0), 0u) << unknown_email.err;
    auto no_id = run_skydda({"token", "revoke", "--db", m_db});
    EXPECT_EQ(no_id.exit_code, 2);
    EXPECT_EQ(no_id.err.rfind("id:", 0), 0u) << no_id.err;
    auto bad_id = run_skydda({"token", "revoke", "--db", m_db, "no-such-token"});
    EXPECT_EQ(bad_id.exit_code, 2);
    EXPECT_EQ(bad_id.err.rfind("id:", 0), 0u) << bad_id.err;

    // A fresh token, revoked before its first use: refused at once.
    auto fresh = run_skydda({"token", "create", "--db", m_db, "--email", "victim@example.se"});
    auto fresh_token = fresh.out.substr(fresh.out.rfind('\n', fresh.out.size() - 2) + 1);
    fresh_token.pop_back();
    auto fresh_items = boost::json::parse(run_skydda({"token", "list", "--db", m_db, "--email", "victim@example.se", "--json"}).out).as_array();
    ASSERT_EQ(fresh_items.size(), 2u);
    std::string fresh_id;
    for (auto& t : fresh_items)
        if (t.at("last_used_at").is_null()) fresh_id = std::string(t.at("id").as_string());
    auto revoked = run_skydda({"token", "revoke", "--db", m_db, fresh_id});
    ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
    EXPECT_EQ(server.api("/api/v1/me", fresh_token).status, 401);
    EXPECT_EQ(run_skydda({"token", "revoke", "--db", m_db, fresh_id}).exit_code, 2);

    auto no_stdin = run_skydda({"user", "password", "--db", m_db, "--email", "victim@example.se"});
    EXPECT_EQ(no_stdin.exit_code, 2);
    EXPECT_EQ(no_stdin.err.rfind("password:", 0), 0u) << no_stdin.err;
    auto no_email = run_skydda({"user", "password", "--db", m_db, "--password-stdin"}, "a fine passphrase\n");
    EXPECT_EQ(no_email.exit_code, 2);
    EXPECT_EQ(no_email.err.rfind("email:", 0), 0u) << no_email.err;
    auto unknown = run_skydda({"user", "password", "--db", m_db, "--email", "nobody@example.se", "--password-stdin"},
                              "a fine passphrase\n");
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_EQ(unknown.err.rfind("email:", 0), 0u) << unknown.err;
}

TEST_F(AttackAccounts, WeakPasswordsAreRefusedNamingPassword) {
    auto set = [&](const std::string& password) {
        return run_skydda({"user", "password", "--db", m_db, "--email", "victim@example.se", "--password-stdin"},
                          password + "\n");
    };
    for (std::string weak : {"qwerty123456", "QWERTY123456", "victim@example.se", "VICTIM@example.se", "abcdefghijk",
                             "åäöåäöåäöåä"}) {
        auto refused = set(weak);
        EXPECT_EQ(refused.exit_code, 2) << weak;
        EXPECT_EQ(refused.err.rfind("password:", 0), 0u) << weak << ": " << refused.err;
    }
    auto added = run_skydda({"user", "add", "--db", m_db, "--org", m_org, "--email", "new@example.se", "--name", "N",
                             "--role", "reporter", "--password-stdin"},
                            "1qaz2wsx3edc\n");
    EXPECT_EQ(added.exit_code, 2);
    EXPECT_EQ(added.err.rfind("password:", 0), 0u) << added.err;
    // Twelve Swedish letters are twelve characters (24 bytes), and sign in.
    auto swedish = set("åäöåäöåäöåäö");
    ASSERT_EQ(swedish.exit_code, 0) << swedish.err;
    Server server(m_db, {});
    EXPECT_EQ(server.login("victim@example.se", "åäöåäöåäöåäö").status, 303);
}

TEST_F(AttackAccounts, AnIdleSessionEnds) {
    // Times are kept to the second: 5 s idle leaves room on a busy machine.
    Server server(m_db, {"--session-idle-seconds", "5"});
    auto session = "skydda_session=" + Server::cookie(server.login("victim@example.se", k_pw), "skydda_session");
    ASSERT_EQ(server.get("/account", session).status, 200);
    std::this_thread::sleep_for(std::chrono::seconds(2));
    ASSERT_EQ(server.get("/account", session).status, 200); // activity moves the idle clock
    std::this_thread::sleep_for(std::chrono::seconds(7));
    auto after = server.get("/account", session);
    EXPECT_EQ(after.status, 303);
    EXPECT_EQ(header(after, "location").rfind("/login", 0), 0u);
    auto bad = run_skydda({"serve", "--db", m_db, "--session-idle-seconds", "soon"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.err.rfind("session_idle_seconds:", 0), 0u) << bad.err;
}

TEST_F(AttackAccounts, BooleanSettingsAreStrictAndSecureCookiesSendHsts) {
    auto maybe = run_skydda({"serve", "--db", m_db, "--secure-cookies", "maybe"});
    EXPECT_EQ(maybe.exit_code, 2);
    EXPECT_EQ(maybe.err.rfind("secure_cookies:", 0), 0u) << maybe.err;
    auto elsewhere = run_skydda({"migrate", "--db", m_db, "--secure-cookies", "ture"});
    EXPECT_EQ(elsewhere.exit_code, 2);
    EXPECT_NE(elsewhere.err.find("secure_cookies"), std::string::npos);
    auto proxies = run_skydda({"serve", "--db", m_db, "--trusted-proxies", "10.0.0.1, proxy.local"});
    EXPECT_EQ(proxies.exit_code, 2);
    EXPECT_EQ(proxies.err.rfind("trusted_proxies:", 0), 0u) << proxies.err;
    {
        Server plain(m_db, {"--secure-cookies", "no"});
        EXPECT_EQ(header(plain.get("/healthz"), "strict-transport-security"), "");
    }
    Server secure(m_db, {"--secure-cookies", "yes"});
    EXPECT_EQ(header(secure.get("/healthz"), "strict-transport-security"), "max-age=31536000");
    auto login = secure.login("victim@example.se", k_pw);
    EXPECT_EQ(header(login, "strict-transport-security"), "max-age=31536000");
    EXPECT_NE(header(login, "set-cookie").find("Secure"), std::string::npos);
}

TEST_F(AttackAccounts, APersonSeesCreatesAndRevokesTheirOwnTokensOnTheAccountPage) {
    Server server(m_db, {});
    auto session = "skydda_session=" + Server::cookie(server.login("victim@example.se", k_pw), "skydda_session");
    auto page = server.get("/account", session);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("href=\"/account\""), std::string::npos); // in the navigation
    EXPECT_NE(page.body.find("API-nycklar"), std::string::npos);
    EXPECT_EQ(page.body.find("<script"), std::string::npos);
    auto created = server.post("/account/tokens", "csrf=" + csrf_of(page.body), session);
    ASSERT_EQ(created.status, 201);
    auto at = created.body.find("value=\"sk_");
    ASSERT_NE(at, std::string::npos);
    auto token = created.body.substr(at + 7, created.body.find('"', at + 7) - at - 7);
    EXPECT_EQ(server.api("/api/v1/me", token).status, 200);
    // The account page is not for API tokens.
    EXPECT_EQ(server.api("/account", token).status, 403);
    page = server.get("/account", session);
    auto revoke_at = page.body.find("/account/tokens/");
    ASSERT_NE(revoke_at, std::string::npos);
    auto action = page.body.substr(revoke_at, page.body.find('"', revoke_at) - revoke_at);
    EXPECT_EQ(server.post(action, "csrf=" + csrf_of(page.body), session).status, 303);
    // Two tokens existed (the CLI's and the page's); one left.
    auto left = boost::json::parse(run_skydda({"token", "list", "--db", m_db, "--email", "victim@example.se", "--json"}).out);
    EXPECT_EQ(left.as_array().size(), 1u);
}

} // namespace
