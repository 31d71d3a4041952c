#include "domain/accounts.hpp"

#include <string>
#include <unordered_set>

#include "util/text.hpp"

namespace skydda::domain {
namespace {

// data/passwords/common-10000.txt, compiled in (cmake/EmbedPasswords.cmake).
#include "common_passwords.inc"

const std::unordered_set<std::string>& common_passwords() {
    static const std::unordered_set<std::string> set = [] {
        std::unordered_set<std::string> out;
        std::string_view rest = k_common_passwords_text;
        while (!rest.empty()) {
            auto end = rest.find('\n');
            auto line = text::trim(rest.substr(0, end));
            if (!line.empty()) out.insert(text::lower_latin(line));
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        }
        return out;
    }();
    return set;
}

} // namespace

bool is_common_password(std::string_view password) { return common_passwords().contains(text::lower_latin(password)); }

size_t common_password_count() { return common_passwords().size(); }

Status check_password(std::string_view password, std::string_view email) {
    if (!text::valid_utf8(password)) return fail(Error::invalid("password", "must be text (UTF-8)"));
    auto length = text::code_points(password);
    if (length < k_password_min_chars)
        return fail(Error::invalid("password", "must be at least 12 characters (" + std::to_string(length) + " given)"));
    if (length > k_password_max_chars) return fail(Error::invalid("password", "must be at most 1024 characters"));
    if (is_common_password(password))
        return fail(Error::invalid("password", "is one of the 10 000 most common passwords; choose another"));
    auto lowered = text::lower_latin(text::trim(password));
    auto address = text::lower_latin(text::trim(email));
    auto at = address.find('@');
    if (!address.empty() && (lowered == address || (at != std::string::npos && at > 0 && lowered == address.substr(0, at))))
        return fail(Error::invalid("password", "must not be your e-mail address or its part before the @"));
    return {};
}

std::chrono::seconds throttle_delay(int64_t count, const ThrottleRule& rule) {
    if (count < rule.free) return std::chrono::seconds(0);
    auto doublings = count - rule.free;
    if (doublings >= 30) return rule.cap;
    auto delay = rule.base * (int64_t{1} << doublings);
    return delay < rule.cap ? delay : rule.cap;
}

std::chrono::seconds throttle_wait(const FailureTally& tally, const ThrottleRule& rule, Instant now) {
    auto delay = throttle_delay(tally.count, rule);
    if (delay.count() == 0) return delay;
    auto until = tally.last + delay;
    return until > now ? std::chrono::duration_cast<std::chrono::seconds>(until - now) : std::chrono::seconds(0);
}

} // namespace skydda::domain
