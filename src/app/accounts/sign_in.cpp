// Sign-in: the password login (throttled, timing-safe), sessions with their idle and absolute
// limits, API tokens resolved to their person, and sign-out.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "app/accounts/accounts_internal.hpp"
#include "app/app.hpp"
#include "app/audit_support.hpp"
#include "domain/accounts.hpp"
#include "domain/codes.hpp"
#include "domain/registry_number.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"
#include "util/text.hpp"

namespace skydda::app {
using storage::Connection;
using storage::TxMode;

namespace {

using namespace account_parts;

std::chrono::seconds touch_interval(std::chrono::seconds idle) {
    auto quarter = idle / 4;
    if (quarter < std::chrono::seconds(1)) return std::chrono::seconds(1);
    return quarter < std::chrono::seconds(60) ? quarter : std::chrono::seconds(60);
}

} // namespace

Result<LoginResult> App::login(std::string_view email, std::string_view password, std::string_view remote_address,
                               std::chrono::seconds* retry_after) {
    auto address = normalise_email(email);
    const std::string client = remote_address.empty() ? std::string("unknown") : std::string(remote_address);
    const auto now = m_clock.now();
    const auto since = now - domain::k_throttle_window;
    // A progressive delay, never a lock (domain/accounts.hpp): this client waits when it failed
    // too often on this account, or from its address on any account, or when the account is
    // under attack and this client failed on it too. A client that failed nowhere is heard.
    auto wait = TRY(storage::transact_value<std::chrono::seconds>(
        m_database, TxMode::read, [&](Connection& db) -> Result<std::chrono::seconds> {
            auto tally = [](const storage::LoginFailures& f) {
                return domain::FailureTally{f.count, f.last.value_or(Instant{})};
            };
            auto pair = TRY(storage::count_login_failures(db, address, client, since));
            auto from_client = TRY(storage::count_login_failures(db, "", client, since));
            auto longest = std::max(domain::throttle_wait(tally(pair), domain::k_throttle_account_client, now),
                                    domain::throttle_wait(tally(from_client), domain::k_throttle_client, now));
            if (pair.count > 0) {
                auto account = TRY(storage::count_login_failures(db, address, "", since));
                longest = std::max(longest, domain::throttle_wait(tally(account), domain::k_throttle_account, now));
            }
            return longest;
        }));
    if (wait.count() > 0) {
        if (retry_after) *retry_after = wait;
        return fail(Error{ErrorCode::too_many_requests,
                          fmt::format("too many failed sign-ins; try again in {} seconds", wait.count()), {}});
    }
    auto user = TRY(storage::transact_value<std::optional<domain::User>>(
        m_database, TxMode::read, [&](Connection& db) { return storage::find_user_by_email(db, address); }));
    // Verify even for unknown users so that timing does not reveal who has an account.
    static const std::string k_dummy = crypto::password_hash("not-a-real-password-0");
    bool ok = crypto::password_verify(user && !user->password_hash.empty() ? user->password_hash : k_dummy, password) &&
              user && !user->password_hash.empty();
    LoginResult result;
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        if (!ok) {
            TRY_STATUS(storage::delete_login_failures_before(db, since));
            return storage::record_login_failure(db, address, client, now);
        }
        // This client's own failures on the account are forgiven; the account's others stay.
        TRY_STATUS(storage::clear_login_failures(db, address, client));
        TRY_STATUS(storage::delete_expired_sessions(db, now));
        result.session_token = crypto::random_token(32);
        result.csrf_token = crypto::random_token(24);
        TRY_STATUS(storage::insert_session(db, crypto::hash_hex(result.session_token), user->id, result.csrf_token,
                                           now, now + k_session_lifetime));
        result.actor = TRY(read_actor(db, user->id));
        return audit_change(db, m_clock, &result.actor, {"session.login", "user", user->id, "", "", ""});
    }));
    if (!ok) return fail(Error{ErrorCode::unauthenticated, "wrong e-mail address or password", "password"});
    return result;
}

Result<SessionInfo> App::resolve_session(std::string_view session_token) {
    const auto hash = crypto::hash_hex(session_token);
    const auto now = m_clock.now();
    struct Found {
        std::optional<SessionInfo> info;
        bool idle = false, touch = false;
    };
    auto found = TRY(storage::transact_value<Found>(m_database, TxMode::read, [&](Connection& db) -> Result<Found> {
        auto session = TRY(storage::find_session(db, hash));
        if (!session || session->expires_at <= now) return Found{};
        auto quiet = now - session->last_seen_at;
        if (quiet >= m_accounts.session_idle) return Found{std::nullopt, true, false};
        auto actor = TRY(read_actor(db, session->user_id)); // not inside the braces: see render_json.cpp
        return Found{SessionInfo{std::move(actor), session->csrf_token}, false,
                     quiet >= touch_interval(m_accounts.session_idle)};
    }));
    // The idle clock is written at most once per touch interval (a minute, or a quarter of a
    // short idle timeout), not on every request.
    if (found.idle || found.touch)
        TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) {
            return found.idle ? storage::delete_session(db, hash) : storage::touch_session(db, hash, now);
        }));
    if (!found.info) return fail(Error{ErrorCode::unauthenticated, "signed out", {}});
    return std::move(*found.info);
}

Result<Actor> App::resolve_api_token(std::string_view token) {
    auto token_hash = crypto::hash_hex(token);
    auto now = m_clock.now();
    {
        std::lock_guard lock(m_token_mutex);
        auto cached = m_token_cache.find(token_hash);
        if (cached != m_token_cache.end() && cached->second.expires > now) return cached->second.actor;
    }
    struct Found {
        Actor actor;
        std::string id;
        Instant expires{};
        bool stale_use = false;
    };
    auto found = TRY(storage::transact_value<Found>(m_database, TxMode::read, [&](Connection& db) -> Result<Found> {
        auto row = TRY(storage::find_api_token(db, token_hash));
        if (!row) return fail(Error{ErrorCode::unauthenticated, "unknown API token", {}});
        auto expires = token_expiry(*row);
        if (expires <= now) return fail(Error{ErrorCode::unauthenticated, "the API token has expired", {}});
        bool stale = !row->last_used_at || now - *row->last_used_at >= k_token_use_resolution;
        auto actor = TRY(read_actor(db, row->user_id));
        return Found{std::move(actor), row->id, expires, stale};
    }));
    // last_used_at: written on a cache miss when older than k_token_use_resolution, so at most
    // once a minute per token and server.
    if (found.stale_use)
        TRY_STATUS(m_database.transact(TxMode::write,
                                       [&](Connection& db) { return storage::set_api_token_used(db, found.id, now); }));
    std::lock_guard lock(m_token_mutex);
    if (m_token_cache.size() >= 4096) m_token_cache.clear(); // bounded; unknown tokens are never cached
    m_token_cache[token_hash] = CachedActor{found.actor, std::min(now + k_token_cache_ttl, found.expires)};
    return found.actor;
}

Status App::logout(std::string_view session_token) {
    return m_database.transact(TxMode::write, [&](Connection& db) {
        return storage::delete_session(db, crypto::hash_hex(session_token));
    });
}

Result<Actor> App::load_actor(std::string_view user_id) {
    return storage::transact_value<Actor>(m_database, TxMode::read,
                                          [&](Connection& db) { return read_actor(db, user_id); });
}

Result<storage::AuditVerification> App::verify_audit() {
    flush_audit();
    return storage::transact_value<storage::AuditVerification>(m_database, TxMode::read,
                                                               [](Connection& db) { return storage::verify_audit_chain(db); });
}

} // namespace skydda::app
