// Accounts and sessions: the sign-in throttle is a delay per client, never a lock on the
// account; a password change or reset ends every session and API token; tokens expire and
// record their use; sessions end after the idle timeout. Runs on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "domain/accounts.hpp"
#include "storage/repositories.hpp"
#include "support/app_test.hpp"

using namespace skydda;
using namespace skydda::app;

namespace {

const Instant k_start = *parse_rfc3339("2026-03-02T08:00:00+01:00", "start");
constexpr std::string_view k_pw = "correct horse battery";

class Accounts : public test_support::AppTest {
protected:
    Accounts() : AppTest(k_start) {}
    void SetUp() override {
        AppTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_org = *m_app->add_organisation(nullptr, {"Exempelby kommun", "212000-0001", "public"});
        m_user = *m_app->add_user(nullptr, m_org, "hanna@example.se", "Hanna", "handler", std::string(k_pw));
        m_app->add_user(nullptr, m_org, "olof@example.se", "Olof", "handler", std::string(k_pw)).value();
    }
    std::string m_org, m_user;
};

TEST_P(Accounts, FailuresOnAnAccountNeverRefuseTheRightPasswordFromAnotherClient) {
    for (int i = 0; i < 8; ++i) {
        m_clock.advance(std::chrono::seconds(300)); // slow enough to pass every delay
        auto wrong = m_app->login("hanna@example.se", "not the password", "198.51.100.1");
        ASSERT_EQ(wrong.error().code, ErrorCode::unauthenticated);
    }
    // The attacker's client now waits, even with the right password.
    std::chrono::seconds wait{0};
    auto throttled = m_app->login("hanna@example.se", std::string(k_pw), "198.51.100.1", &wait);
    ASSERT_FALSE(throttled);
    EXPECT_EQ(throttled.error().code, ErrorCode::too_many_requests);
    EXPECT_GT(wait.count(), 0);
    // Hanna, at her own desk, signs in.
    auto hanna = m_app->login("hanna@example.se", std::string(k_pw), "192.0.2.10");
    ASSERT_TRUE(hanna) << hanna.error().message;
}

TEST_P(Accounts, DelayGrowsAndEndsAfterTheWait) {
    for (int i = 0; i < domain::k_throttle_account_client.free; ++i)
        ASSERT_EQ(m_app->login("hanna@example.se", "wrong", "198.51.100.1").error().code, ErrorCode::unauthenticated);
    std::chrono::seconds wait{0};
    auto throttled = m_app->login("hanna@example.se", std::string(k_pw), "198.51.100.1", &wait);
    ASSERT_FALSE(throttled);
    EXPECT_EQ(throttled.error().code, ErrorCode::too_many_requests);
    EXPECT_EQ(wait.count(), 1);
    m_clock.advance(wait);
    EXPECT_EQ(m_app->login("hanna@example.se", "wrong", "198.51.100.1").error().code, ErrorCode::unauthenticated);
    ASSERT_FALSE(m_app->login("hanna@example.se", std::string(k_pw), "198.51.100.1", &wait));
    EXPECT_EQ(wait.count(), 2); // doubled
    m_clock.advance(wait);
    EXPECT_TRUE(m_app->login("hanna@example.se", std::string(k_pw), "198.51.100.1"));
}

TEST_P(Accounts, ManyFailuresFromOneAddressDoNotStopOtherAddresses) {
    for (int i = 0; i < domain::k_throttle_client.free; ++i)
        ASSERT_EQ(m_app->login("nobody" + std::to_string(i) + "@example.se", "wrong", "198.51.100.1").error().code,
                  ErrorCode::unauthenticated);
    EXPECT_EQ(m_app->login("olof@example.se", std::string(k_pw), "198.51.100.1").error().code,
              ErrorCode::too_many_requests);
    EXPECT_TRUE(m_app->login("olof@example.se", std::string(k_pw), "192.0.2.11"));
    EXPECT_TRUE(m_app->login("hanna@example.se", std::string(k_pw), "192.0.2.12"));
}

TEST_P(Accounts, PasswordChangeEndsEverySessionAndTokenAndReturnsANewSession) {
    auto first = *m_app->login("hanna@example.se", std::string(k_pw), "192.0.2.1");
    auto second = *m_app->login("hanna@example.se", std::string(k_pw), "192.0.2.2");
    auto token = *m_app->create_api_token(nullptr, "hanna@example.se");
    ASSERT_TRUE(m_app->resolve_api_token(token)); // cached now
    auto actor = *m_app->load_actor(m_user);

    auto refused = m_app->change_password(actor, "not my password", "a brand new passphrase");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "current_password");
    auto weak = m_app->change_password(actor, k_pw, "qwerty123456");
    ASSERT_FALSE(weak);
    EXPECT_EQ(weak.error().field, "password");
    EXPECT_TRUE(m_app->resolve_session(first.session_token)); // nothing ended by refused changes

    auto changed = m_app->change_password(actor, k_pw, "a brand new passphrase");
    ASSERT_TRUE(changed) << changed.error().message;
    EXPECT_FALSE(m_app->resolve_session(first.session_token));
    EXPECT_FALSE(m_app->resolve_session(second.session_token));
    EXPECT_FALSE(m_app->resolve_api_token(token));
    EXPECT_TRUE(m_app->resolve_session(changed->session_token));
    EXPECT_FALSE(m_app->login("hanna@example.se", std::string(k_pw), "192.0.2.3"));
    EXPECT_TRUE(m_app->login("hanna@example.se", "a brand new passphrase", "192.0.2.3"));
}

TEST_P(Accounts, OperatorResetEndsEverySessionAndTokenWithAnAuditEntry) {
    auto session = *m_app->login("hanna@example.se", std::string(k_pw), "192.0.2.1");
    auto token = *m_app->create_api_token(nullptr, "hanna@example.se");
    auto weak = m_app->reset_password(nullptr, "hanna@example.se", "hanna");
    ASSERT_FALSE(weak);
    EXPECT_EQ(weak.error().field, "password");
    EXPECT_EQ(m_app->reset_password(nullptr, "nobody@example.se", "a brand new passphrase").error().field, "email");
    ASSERT_TRUE(m_app->reset_password(nullptr, "hanna@example.se", "a brand new passphrase"));
    EXPECT_FALSE(m_app->resolve_session(session.session_token));
    EXPECT_FALSE(m_app->resolve_api_token(token));
    auto audit = *storage::transact_value<std::vector<domain::AuditEntry>>(
        *m_db, storage::TxMode::read,
        [&](storage::Connection& db) { return storage::audit_for_entity(db, "user", m_user, 50); });
    bool found = false;
    for (const auto& entry : audit) found = found || entry.action == "user.password_reset";
    EXPECT_TRUE(found);
}

TEST_P(Accounts, TokensExpireAndRecordTheirUse) {
    m_app->set_account_options({std::chrono::minutes(30), std::chrono::days(2)});
    auto token = *m_app->create_api_token(nullptr, "hanna@example.se");
    auto listed = *m_app->api_tokens(nullptr, "hanna@example.se");
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(*listed[0].expires_at, k_start + std::chrono::days(2));
    EXPECT_FALSE(listed[0].last_used_at);
    m_clock.advance(std::chrono::hours(1));
    ASSERT_TRUE(m_app->resolve_api_token(token));
    listed = *m_app->api_tokens(nullptr, "");
    ASSERT_TRUE(listed[0].last_used_at);
    EXPECT_EQ(*listed[0].last_used_at, k_start + std::chrono::hours(1));
    m_clock.advance(std::chrono::days(2));
    auto expired = m_app->resolve_api_token(token);
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().code, ErrorCode::unauthenticated);
}

TEST_P(Accounts, PeopleRevokeOnlyTheirOwnTokens) {
    auto token = *m_app->create_api_token(nullptr, "hanna@example.se");
    auto id = m_app->api_tokens(nullptr, "hanna@example.se")->at(0).id;
    auto olof = *m_app->login("olof@example.se", std::string(k_pw), "192.0.2.1");
    EXPECT_TRUE(m_app->api_tokens(&olof.actor, "")->empty());
    EXPECT_EQ(m_app->revoke_api_token(&olof.actor, id).error().field, "id");
    ASSERT_TRUE(m_app->resolve_api_token(token));
    auto hanna = *m_app->load_actor(m_user);
    ASSERT_TRUE(m_app->revoke_api_token(&hanna, id));
    EXPECT_FALSE(m_app->resolve_api_token(token)); // the cache forgets it at once
    EXPECT_EQ(m_app->revoke_api_token(nullptr, id).error().field, "id");
}

TEST_P(Accounts, SessionsEndAfterTheIdleTimeoutButActivityKeepsThemOpen) {
    m_app->set_account_options({std::chrono::minutes(30), std::chrono::days(90)});
    auto login = *m_app->login("hanna@example.se", std::string(k_pw), "192.0.2.1");
    for (int i = 0; i < 12; ++i) { // six hours of work, a request every 29 minutes
        m_clock.advance(std::chrono::minutes(29));
        ASSERT_TRUE(m_app->resolve_session(login.session_token)) << i;
    }
    m_clock.advance(std::chrono::minutes(30));
    EXPECT_FALSE(m_app->resolve_session(login.session_token));
    m_clock.advance(std::chrono::minutes(-30)); // the idle session was removed, not just refused
    EXPECT_FALSE(m_app->resolve_session(login.session_token));
}

TEST_P(Accounts, TheAbsoluteLifetimeHoldsDespiteActivity) {
    auto login = *m_app->login("hanna@example.se", std::string(k_pw), "192.0.2.1");
    for (int i = 0; i < 20; ++i) {
        m_clock.advance(std::chrono::minutes(29));
        ASSERT_TRUE(m_app->resolve_session(login.session_token)) << i;
    }
    m_clock.advance(std::chrono::minutes(29)); // 10 h 29 min after sign-in
    EXPECT_FALSE(m_app->resolve_session(login.session_token));
}

INSTANTIATE_TEST_SUITE_P(Backends, Accounts, testing::Values("sqlite", "postgresql"), test_support::backend_name);

} // namespace
