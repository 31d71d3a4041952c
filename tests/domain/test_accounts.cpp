#include <gtest/gtest.h>

#include "domain/accounts.hpp"

namespace skydda::domain {
namespace {

void expect_refused(std::string_view password, std::string_view email, std::string_view words) {
    auto status = check_password(password, email);
    ASSERT_FALSE(status) << password;
    EXPECT_EQ(status.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(status.error().field, "password");
    EXPECT_NE(status.error().message.find(words), std::string::npos) << status.error().message;
}

TEST(PasswordPolicy, CountsCharactersNotBytes) {
    EXPECT_TRUE(check_password("åäöåäöåäöåäö", "anna@example.se")); // 12 characters, 24 bytes
    expect_refused("åäöåäöåäöåä", "anna@example.se", "at least 12");  // 11 characters, 22 bytes
    expect_refused("abcdefghijk", "anna@example.se", "at least 12");
    EXPECT_TRUE(check_password("abcdefghijkl-not-common", "anna@example.se"));
    expect_refused(std::string(1025, 'x'), "anna@example.se", "at most 1024");
    EXPECT_TRUE(check_password(std::string(1024, 'x'), "anna@example.se"));
    expect_refused("\xff\xfe not text at all", "anna@example.se", "UTF-8");
}

TEST(PasswordPolicy, RefusesTheCommonPasswordsWithoutRegardToCase) {
    EXPECT_EQ(common_password_count(), 10000u);
    EXPECT_TRUE(is_common_password("password"));
    expect_refused("qwerty123456", "anna@example.se", "common");
    expect_refused("QWERTY123456", "anna@example.se", "common");
    expect_refused("1qaz2wsx3edc", "anna@example.se", "common");
    expect_refused("LeaveMeAlone", "anna@example.se", "common");
}

TEST(PasswordPolicy, RefusesTheOwnEmailAddressAndItsLocalPart) {
    expect_refused("anna.rapportor@exempelby.se", "anna.rapportor@exempelby.se", "e-mail");
    expect_refused("Anna.Rapportor@Exempelby.se", "anna.rapportor@exempelby.se", "e-mail");
    expect_refused("anna.rapportor", "anna.rapportor@exempelby.se", "e-mail");
    EXPECT_TRUE(check_password("anna.rapportor!2026", "anna.rapportor@exempelby.se"));
    EXPECT_TRUE(check_password("anna.rapportor", "someone.else@exempelby.se"));
}

TEST(SignInThrottle, DelayDoublesAfterTheFreeFailuresUpToTheCap) {
    const ThrottleRule rule{5, std::chrono::seconds(1), std::chrono::seconds(900)};
    EXPECT_EQ(throttle_delay(0, rule).count(), 0);
    EXPECT_EQ(throttle_delay(4, rule).count(), 0);
    EXPECT_EQ(throttle_delay(5, rule).count(), 1);
    EXPECT_EQ(throttle_delay(6, rule).count(), 2);
    EXPECT_EQ(throttle_delay(9, rule).count(), 16);
    EXPECT_EQ(throttle_delay(15, rule).count(), 900);
    EXPECT_EQ(throttle_delay(1000, rule).count(), 900);
}

TEST(SignInThrottle, WaitCountsFromTheLastFailure) {
    const ThrottleRule rule{5, std::chrono::seconds(1), std::chrono::seconds(900)};
    Instant last{std::chrono::seconds(1'800'000'000)};
    EXPECT_EQ(throttle_wait({7, last}, rule, last).count(), 4);
    EXPECT_EQ(throttle_wait({7, last}, rule, last + std::chrono::seconds(3)).count(), 1);
    EXPECT_EQ(throttle_wait({7, last}, rule, last + std::chrono::seconds(4)).count(), 0);
    EXPECT_EQ(throttle_wait({4, last}, rule, last).count(), 0);
}

} // namespace
} // namespace skydda::domain
