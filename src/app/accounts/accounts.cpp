// Organisations, units, people, passwords and API tokens. Sign-in, sessions and the API
// tokens' resolution are in sign_in.cpp.
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

namespace account_parts {

Result<Actor> read_actor(Connection& db, std::string_view user_id) {
    auto user = TRY(storage::find_user(db, user_id));
    if (!user) return fail(Error{ErrorCode::unauthenticated, "unknown user", {}});
    auto memberships = TRY(storage::memberships_of(db, user->id)); // not inside the braces: see render_json.cpp
    Actor actor{user->id, user->name, user->email, user->language, std::move(memberships)};
    return actor;
}

std::string normalise_email(std::string_view email) { return text::lower_ascii(text::trim(email)); }

} // namespace account_parts

namespace {

using namespace account_parts;


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


// Sets a person's password hash and ends every session and API token they have, with the
// audit entry, in the caller's transaction.
Status replace_password(Connection& db, const Clock& clock, const Actor* actor, const std::string& user_id,
                        const std::string& hash, std::string_view action) {
    TRY_STATUS(storage::set_password_hash(db, user_id, hash));
    auto sessions = TRY(storage::delete_sessions_of(db, user_id));
    auto tokens = TRY(storage::delete_api_tokens_of(db, user_id));
    boost::json::object after{{"sessions_ended", sessions}, {"tokens_revoked", tokens}};
    return audit_change(db, clock, actor, {std::string(action), "user", user_id, "", "", boost::json::serialize(after)});
}


} // namespace

void App::forget_cached_tokens() {
    std::lock_guard lock(m_token_mutex);
    m_token_cache.clear();
}

Instant App::token_expiry(const domain::ApiTokenRow& token) const {
    return token.expires_at.value_or(token.created_at +
                                     std::chrono::duration_cast<std::chrono::seconds>(m_accounts.token_lifetime));
}

Result<std::vector<domain::ApiTokenRow>> App::api_tokens(const Actor* actor, std::string_view email) {
    auto tokens = TRY(storage::transact_value<std::vector<domain::ApiTokenRow>>(
        m_database, TxMode::read, [&](Connection& db) -> Result<std::vector<domain::ApiTokenRow>> {
            if (actor) return storage::list_api_tokens(db, actor->user_id);
            if (email.empty()) return storage::list_api_tokens(db, "");
            auto user = TRY(storage::find_user_by_email(db, normalise_email(email)));
            if (!user) return fail(Error::invalid("email", "no user with that e-mail address"));
            return storage::list_api_tokens(db, user->id);
        }));
    for (auto& token : tokens) token.expires_at = token_expiry(token);
    return tokens;
}

Status App::revoke_api_token(const Actor* actor, std::string_view token_id) {
    if (text::trim(token_id).empty()) return fail(Error::invalid("id", "is required (the token's id)"));
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        auto token = TRY(storage::find_api_token_by_id(db, token_id));
        // Someone else's token answers like a missing one.
        if (!token || (actor && token->user_id != actor->user_id)) return fail(Error::invalid("id", "no such API token"));
        TRY(storage::delete_api_token(db, token->id));
        return audit_change(db, m_clock, actor,
                            {"token.revoke", "api_token", token->id, "", "",
                             boost::json::serialize(boost::json::object{{"user", token->user_id}})});
    }));
    forget_cached_tokens();
    return {};
}

Result<LoginResult> App::change_password(const Actor& actor, std::string_view current_password,
                                         std::string_view new_password) {
    if (current_password.empty()) return fail(Error::invalid("current_password", "is required"));
    TRY_STATUS(domain::check_password(new_password, actor.email));
    auto user = TRY(storage::transact_value<std::optional<domain::User>>(
        m_database, TxMode::read, [&](Connection& db) { return storage::find_user(db, actor.user_id); }));
    if (!user || user->password_hash.empty() || !crypto::password_verify(user->password_hash, current_password))
        return fail(Error::invalid("current_password", "is not your current password"));
    auto hash = crypto::password_hash(new_password);
    LoginResult result;
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        TRY_STATUS(replace_password(db, m_clock, &actor, user->id, hash, "user.password_change"));
        result.session_token = crypto::random_token(32);
        result.csrf_token = crypto::random_token(24);
        TRY_STATUS(storage::insert_session(db, crypto::hash_hex(result.session_token), user->id, result.csrf_token,
                                           m_clock.now(), m_clock.now() + k_session_lifetime));
        result.actor = TRY(read_actor(db, user->id));
        return {};
    }));
    forget_cached_tokens();
    return result;
}

Status App::reset_password(const Actor* actor, std::string_view email, std::string_view new_password) {
    if (actor) return fail(Error::denied("passwords are reset by the operator"));
    auto address = normalise_email(email);
    if (address.empty()) return fail(Error::invalid("email", "is required"));
    TRY_STATUS(domain::check_password(new_password, address));
    auto hash = crypto::password_hash(new_password);
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        auto user = TRY(storage::find_user_by_email(db, address));
        if (!user) return fail(Error::invalid("email", "no user with that e-mail address"));
        return replace_password(db, m_clock, actor, user->id, hash, "user.password_reset");
    }));
    forget_cached_tokens();
    return {};
}

Result<std::string> App::add_organisation(const Actor* actor, const OrganisationInput& input) {
    TRY_STATUS(check_organisation(input));
    // Creating a controller is an operator's act (CLI): no role in the app spans organisations.
    if (actor) return fail(Error::denied("organisations are added by the operator"));
    domain::Organisation org{crypto::new_id(), std::string(text::trim(input.name)), input.orgnr, input.sector,
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
    domain::Unit unit{crypto::new_id(), std::string(org_id), trimmed};
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
    if (password) TRY_STATUS(domain::check_password(*password, address));
    // Hash outside the transaction: argon2id takes tens of milliseconds by design.
    std::string hash = password ? crypto::password_hash(*password) : std::string();
    std::string user_id;
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        if (!TRY(storage::find_organisation(db, org_id))) return fail(Error::invalid("org", "no such organisation"));
        auto existing = TRY(storage::find_user_by_email(db, address));
        if (existing) {
            user_id = existing->id;
            // A new password for an existing person is a reset: it ends their sessions and tokens.
            if (!hash.empty()) TRY_STATUS(replace_password(db, m_clock, actor, user_id, hash, "user.password_reset"));
        } else {
            auto trimmed = std::string(text::trim(name));
            if (trimmed.empty()) return fail(Error::invalid("name", "is required (at most 200 characters)"));
            TRY_STATUS(text::check_free_text("name", trimmed, 200));
            user_id = crypto::new_id();
            TRY_STATUS(storage::insert_user(db, domain::User{user_id, address, trimmed, hash, "sv"}, m_clock.now()));
        }
        TRY_STATUS(storage::add_membership(db, user_id, org_id, *role));
        boost::json::object after{{"org", std::string(org_id)}, {"role", domain::role_name(*role)}};
        return audit_change(db, m_clock, actor,
                            {"membership.add", "user", user_id, std::string(org_id), "", boost::json::serialize(after)});
    }));
    if (!hash.empty()) forget_cached_tokens();
    return user_id;
}

Result<std::string> App::create_api_token(const Actor* actor, std::string_view email) {
    auto token = "sk_" + crypto::random_token(32);
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        auto user = TRY(storage::find_user_by_email(db, normalise_email(email)));
        if (!user) return fail(Error::invalid("email", "no user with that e-mail address"));
        if (actor && actor->user_id != user->id) return fail(Error::denied("you can only create tokens for yourself"));
        auto id = crypto::new_id();
        auto expires = m_clock.now() + std::chrono::duration_cast<std::chrono::seconds>(m_accounts.token_lifetime);
        TRY_STATUS(storage::insert_api_token(db, id, user->id, crypto::hash_hex(token), m_clock.now(), expires));
        return audit_change(db, m_clock, actor,
                            {"token.create", "api_token", id, "", "",
                             boost::json::serialize(boost::json::object{{"user", user->id}, {"expires_at", format_utc(expires)}})});
    }));
    return token;
}

Result<std::vector<domain::Organisation>> App::organisations_of(const Actor& actor) {
    return storage::transact_value<std::vector<domain::Organisation>>(
        m_database, TxMode::read, [&](Connection& db) -> Result<std::vector<domain::Organisation>> {
            std::vector<domain::Organisation> out;
            for (const auto& id : actor.org_ids())
                if (auto org = TRY(storage::find_organisation(db, id))) out.push_back(*org);
            return out;
        });
}

Result<std::vector<domain::Unit>> App::units_of(const Actor& actor, std::string_view org_id) {
    if (!actor.member_of(org_id)) return fail(Error::not_found("no such organisation"));
    return storage::transact_value<std::vector<domain::Unit>>(
        m_database, TxMode::read, [&](Connection& db) { return storage::list_units(db, org_id); });
}

} // namespace skydda::app
