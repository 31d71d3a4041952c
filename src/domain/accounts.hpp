// Account rules that need no storage: the password policy and the sign-in throttle's delay.
// Pure: the caller passes the facts and the time.
#pragma once
#include <chrono>
#include <cstdint>
#include <string_view>

#include "util/error.hpp"
#include "util/time.hpp"

namespace skydda::domain {

// Passwords: counted in characters (UTF-8 code points), not bytes.
inline constexpr size_t k_password_min_chars = 12;
inline constexpr size_t k_password_max_chars = 1024;

// Refuses (field "password") a password that is not valid UTF-8, shorter than 12 or longer
// than 1024 characters, one of the 10 000 most common passwords (data/passwords/, compared
// without regard to case), or the person's own e-mail address or its part before the @.
Status check_password(std::string_view password, std::string_view email);
// The embedded list, lower-cased (for tests and the documentation).
bool is_common_password(std::string_view password);
size_t common_password_count();

// The sign-in throttle: a progressive delay, never a lock. `count` failures were recorded,
// the last at `last`. Up to `free` failures cost nothing; from then on the next attempt must
// wait base × 2^(count − free), at most `cap`, counted from the last failure.
struct FailureTally {
    int64_t count = 0;
    Instant last{};
};
struct ThrottleRule {
    int64_t free;
    std::chrono::seconds base;
    std::chrono::seconds cap;
};
// Per (account, client address): 5 failures free, then 1 s, 2 s, 4 s ... up to 15 minutes.
inline constexpr ThrottleRule k_throttle_account_client{5, std::chrono::seconds(1), std::chrono::minutes(15)};
// Per client address, whatever the account: 20 free, then the same doubling.
inline constexpr ThrottleRule k_throttle_client{20, std::chrono::seconds(1), std::chrono::minutes(15)};
// Per account from every address: 5 free, then the doubling, but only for clients that failed
// on this account themselves; a client without a failure of its own is always heard.
inline constexpr ThrottleRule k_throttle_account{5, std::chrono::seconds(1), std::chrono::minutes(15)};
// Failures older than this are forgotten.
inline constexpr std::chrono::hours k_throttle_window{1};

std::chrono::seconds throttle_delay(int64_t count, const ThrottleRule& rule);
// How long the client must still wait at `now`; zero when it may try.
std::chrono::seconds throttle_wait(const FailureTally& tally, const ThrottleRule& rule, Instant now);

} // namespace skydda::domain
