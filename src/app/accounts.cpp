// Organisations, people, sign-in and API tokens.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "app/audit_support.hpp"
#include "domain/codes.hpp"
#include "domain/registry_number.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"
#include "util/text.hpp"

namespace skydda::app {
using storage::Connection;
using storage::TxMode;

bool Actor::member_of(std::string_view org_id) const {
    for (const auto& m : memberships)
        if (m.org_id == org_id) return true;
    return false;
}

bool Actor::has_role(std::string_view org_id, domain::Role role) const {
    for (const auto& m : memberships)
        if (m.org_id == org_id && m.role == role) return true;
    return false;
}

bool Actor::allows(std::string_view org_id, domain::Action action) const {
    for (const auto& m : memberships)
        if (m.org_id == org_id && domain::role_allows(m.role, action)) return true;
    return false;
}

std::vector<std::string> Actor::org_ids() const {
    std::vector<std::string> out;
    for (const auto& m : memberships)
        if (out.empty() || out.back() != m.org_id) out.push_back(m.org_id);
    return out;
}

std::vector<std::string> Actor::org_ids_allowing(domain::Action action) const {
    std::vector<std::string> out;
    for (const auto& org : org_ids())
        if (allows(org, action)) out.push_back(org);
    return out;
}

namespace {

Status check_orgnr(const std::string& orgnr) {
    if (orgnr.empty()) return {};
    bool shape = orgnr.size() == 11 && orgnr[6] == '-';
    for (size_t i = 0; shape && i < orgnr.size(); ++i)
        if (i != 6 && (orgnr[i] < '0' || orgnr[i] > '9')) shape = false;
    if (!shape) return fail(Error::invalid("orgnr", "must be written NNNNNN-NNNN"));
    return {};
}

Status check_organisation(const OrganisationInput& input) {
    if (text::trim(input.name).empty()) return fail(Error::invalid("name", "is required"));
    TRY_STATUS(text::check_free_text("name", input.name, 200));
    TRY_STATUS(check_orgnr(input.orgnr));
    if (!domain::codes::contains(domain::codes::sector(), input.sector))
        return fail(Error::invalid("sector", "must be public, private or other"));
    if (!input.dpo_email.empty() && !text::looks_like_email(input.dpo_email))
        return fail(Error::invalid("dpo_email", "must be an e-mail address"));
    for (auto [field, value] : {std::pair{"address", &input.address}, std::pair{"dpo_name", &input.dpo_name},
                                std::pair{"dpo_phone", &input.dpo_phone}})
        TRY_STATUS(text::check_free_text(field, *value, 500));
    if (!input.registry_pattern.empty()) TRY_STATUS(domain::validate_registry_pattern(input.registry_pattern));
    return {};
}

Status require_admin(const Actor* actor, std::string_view org_id) {
    if (actor && !actor->allows(org_id, domain::Action::administer)) return fail(Error::denied());
    return {};
}

Result<Actor> read_actor(Connection& db, std::string_view user_id) {
    auto user = TRY(storage::find_user(db, user_id));
    if (!user) return fail(Error{ErrorCode::unauthenticated, "unknown user", {}});
    auto memberships = TRY(storage::memberships_of(db, user->id)); // not inside the braces: see render_json.cpp
    Actor actor{user->id, user->name, user->email, user->language, std::move(memberships)};
    return actor;
}

std::string normalise_email(std::string_view email) { return text::lower_ascii(text::trim(email)); }

} // namespace

Result<std::string> App::add_organisation(const Actor* actor, const OrganisationInput& input) {
    TRY_STATUS(check_organisation(input));
    // Creating a controller is an operator's act (CLI): no role in the app spans organisations.
    if (actor) return fail(Error::denied("organisations are added by the operator"));
    storage::Organisation org{crypto::new_id(), std::string(text::trim(input.name)), input.orgnr, input.sector,
                              input.address, input.dpo_name, input.dpo_email, input.dpo_phone,
                              input.registry_pattern.empty() ? std::string(domain::k_default_registry_pattern)
                                                             : input.registry_pattern};
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        TRY_STATUS(storage::insert_organisation(db, org, m_clock.now()));
        boost::json::object after{{"name", org.name}, {"orgnr", org.orgnr}, {"sector", org.sector}};
        return audit_change(db, m_clock, actor, {"organisation.add", "organisation", org.id, org.id, "",
                                                 boost::json::serialize(after)});
    }));
    return org.id;
}

Result<std::string> App::add_unit(const Actor* actor, std::string_view org_id, std::string_view name) {
    TRY_STATUS(require_admin(actor, org_id));
    auto trimmed = std::string(text::trim(name));
    if (trimmed.empty()) return fail(Error::invalid("name", "is required (at most 200 characters)"));
    TRY_STATUS(text::check_free_text("name", trimmed, 200));
    storage::Unit unit{crypto::new_id(), std::string(org_id), trimmed};
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        if (!TRY(storage::find_organisation(db, org_id))) return fail(Error::invalid("org", "no such organisation"));
        TRY_STATUS(storage::insert_unit(db, unit));
        return audit_change(db, m_clock, actor,
                            {"unit.add", "unit", unit.id, unit.org_id, "", boost::json::serialize(boost::json::object{{"name", unit.name}})});
    }));
    return unit.id;
}

Result<std::string> App::add_user(const Actor* actor, std::string_view org_id, std::string_view email,
                                  std::string_view name, std::string_view role_text,
                                  std::optional<std::string> password) {
    TRY_STATUS(require_admin(actor, org_id));
    auto address = normalise_email(email);
    if (!text::looks_like_email(address)) return fail(Error::invalid("email", "must be an e-mail address"));
    auto role = domain::parse_role(role_text);
    if (!role)
        return fail(Error::invalid("role", "must be one of reporter, registrar, handler, manager, dpo, infosec, admin, auditor"));
    if (password && password->size() < 10) return fail(Error::invalid("password", "must be at least 10 characters"));
    if (password && password->size() > 1024) return fail(Error::invalid("password", "must be at most 1024 characters"));
    // Hash outside the transaction: argon2id takes tens of milliseconds by design.
    std::string hash = password ? crypto::password_hash(*password) : std::string();
    std::string user_id;
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        if (!TRY(storage::find_organisation(db, org_id))) return fail(Error::invalid("org", "no such organisation"));
        auto existing = TRY(storage::find_user_by_email(db, address));
        if (existing) {
            user_id = existing->id;
            if (!hash.empty()) TRY_STATUS(storage::set_password_hash(db, user_id, hash));
        } else {
            auto trimmed = std::string(text::trim(name));
            if (trimmed.empty()) return fail(Error::invalid("name", "is required (at most 200 characters)"));
            TRY_STATUS(text::check_free_text("name", trimmed, 200));
            user_id = crypto::new_id();
            TRY_STATUS(storage::insert_user(db, storage::User{user_id, address, trimmed, hash, "sv"}, m_clock.now()));
        }
        TRY_STATUS(storage::add_membership(db, user_id, org_id, *role));
        boost::json::object after{{"org", std::string(org_id)}, {"role", domain::role_name(*role)}};
        return audit_change(db, m_clock, actor,
                            {"membership.add", "user", user_id, std::string(org_id), "", boost::json::serialize(after)});
    }));
    return user_id;
}

Result<std::string> App::create_api_token(const Actor* actor, std::string_view email) {
    auto token = "sk_" + crypto::random_token(32);
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        auto user = TRY(storage::find_user_by_email(db, normalise_email(email)));
        if (!user) return fail(Error::invalid("email", "no user with that e-mail address"));
        if (actor && actor->user_id != user->id) return fail(Error::denied("you can only create tokens for yourself"));
        auto id = crypto::new_id();
        TRY_STATUS(storage::insert_api_token(db, id, user->id, crypto::hash_hex(token), m_clock.now()));
        return audit_change(db, m_clock, actor, {"token.create", "api_token", id, "", "", ""});
    }));
    return token;
}

Result<std::vector<storage::Organisation>> App::organisations_of(const Actor& actor) {
    return storage::transact_value<std::vector<storage::Organisation>>(
        m_database, TxMode::read, [&](Connection& db) -> Result<std::vector<storage::Organisation>> {
            std::vector<storage::Organisation> out;
            for (const auto& id : actor.org_ids())
                if (auto org = TRY(storage::find_organisation(db, id))) out.push_back(*org);
            return out;
        });
}

Result<std::vector<storage::Unit>> App::units_of(const Actor& actor, std::string_view org_id) {
    if (!actor.member_of(org_id)) return fail(Error::not_found("no such organisation"));
    return storage::transact_value<std::vector<storage::Unit>>(
        m_database, TxMode::read, [&](Connection& db) { return storage::list_units(db, org_id); });
}

Result<LoginResult> App::login(std::string_view email, std::string_view password, std::string_view remote_address) {
    auto address = normalise_email(email);
    const std::string by_email = "email:" + address, by_address = "ip:" + std::string(remote_address);
    auto since = m_clock.now() - k_login_window;
    auto throttled = TRY(storage::transact_value<bool>(m_database, TxMode::read, [&](Connection& db) -> Result<bool> {
        return TRY(storage::count_login_failures(db, by_email, since)) >= k_login_failures_allowed ||
               TRY(storage::count_login_failures(db, by_address, since)) >= 4 * k_login_failures_allowed;
    }));
    if (throttled)
        return fail(Error{ErrorCode::too_many_requests, "too many failed sign-ins; wait 15 minutes and try again", {}});
    auto user = TRY(storage::transact_value<std::optional<storage::User>>(
        m_database, TxMode::read, [&](Connection& db) { return storage::find_user_by_email(db, address); }));
    // Verify even for unknown users so that timing does not reveal who has an account.
    static const std::string k_dummy = crypto::password_hash("not-a-real-password-0");
    bool ok = crypto::password_verify(user && !user->password_hash.empty() ? user->password_hash : k_dummy, password) &&
              user && !user->password_hash.empty();
    LoginResult result;
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        if (!ok) {
            TRY_STATUS(storage::record_login_failure(db, by_email, m_clock.now()));
            return storage::record_login_failure(db, by_address, m_clock.now());
        }
        TRY_STATUS(storage::clear_login_failures(db, by_email));
        TRY_STATUS(storage::delete_expired_sessions(db, m_clock.now()));
        result.session_token = crypto::random_token(32);
        result.csrf_token = crypto::random_token(24);
        TRY_STATUS(storage::insert_session(db, crypto::hash_hex(result.session_token), user->id, result.csrf_token,
                                           m_clock.now(), m_clock.now() + k_session_lifetime));
        result.actor = TRY(read_actor(db, user->id));
        return audit_change(db, m_clock, &result.actor, {"session.login", "user", user->id, "", "", ""});
    }));
    if (!ok) return fail(Error{ErrorCode::unauthenticated, "wrong e-mail address or password", "password"});
    return result;
}

Result<SessionInfo> App::resolve_session(std::string_view session_token) {
    return storage::transact_value<SessionInfo>(m_database, TxMode::read, [&](Connection& db) -> Result<SessionInfo> {
        auto session = TRY(storage::find_session(db, crypto::hash_hex(session_token)));
        if (!session || session->expires_at <= m_clock.now())
            return fail(Error{ErrorCode::unauthenticated, "signed out", {}});
        return SessionInfo{TRY(read_actor(db, session->user_id)), session->csrf_token};
    });
}

Result<Actor> App::resolve_api_token(std::string_view token) {
    auto token_hash = crypto::hash_hex(token);
    auto now = m_clock.now();
    {
        std::lock_guard lock(m_token_mutex);
        auto cached = m_token_cache.find(token_hash);
        if (cached != m_token_cache.end() && cached->second.expires > now) return cached->second.actor;
    }
    auto actor = TRY(storage::transact_value<Actor>(m_database, TxMode::read, [&](Connection& db) -> Result<Actor> {
        auto user_id = TRY(storage::find_api_token_user(db, token_hash));
        if (!user_id) return fail(Error{ErrorCode::unauthenticated, "unknown API token", {}});
        return read_actor(db, *user_id);
    }));
    std::lock_guard lock(m_token_mutex);
    if (m_token_cache.size() >= 4096) m_token_cache.clear(); // bounded; unknown tokens are never cached
    m_token_cache[token_hash] = CachedActor{actor, now + k_token_cache_ttl};
    return actor;
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
