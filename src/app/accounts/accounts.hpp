// accounts/: people, organisations and their units, sign-in, sessions, API tokens and logos.
// The use cases are App's (app/app.hpp); this header holds what they take and return.
#pragma once
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "domain/records.hpp"
#include "domain/roles.hpp"

namespace skydda::app {

struct Actor {
    std::string user_id;
    std::string name;
    std::string email;
    std::string language = "sv";
    std::vector<domain::Membership> memberships;

    bool member_of(std::string_view org_id) const;
    bool has_role(std::string_view org_id, domain::Role role) const;
    bool allows(std::string_view org_id, domain::Action action) const;
    std::vector<std::string> org_ids() const;
    std::vector<std::string> org_ids_allowing(domain::Action action) const;
};

struct OrganisationInput {
    std::string name, orgnr, sector = "public", address, dpo_name, dpo_email, dpo_phone;
    std::string registry_pattern;
};

// Account settings (config keys session_idle_seconds, token_days); set once before serving.
struct AccountOptions {
    std::chrono::seconds session_idle{30 * 60};   // a session unused this long ends
    std::chrono::days token_lifetime{90};         // an API token expires this long after creation
};

struct LoginResult {
    std::string session_token; // goes in the cookie; only its hash is stored
    std::string csrf_token;
    Actor actor;
};

struct SessionInfo {
    Actor actor;
    std::string csrf_token;
};

// A revocation made by another process (the CLI) reaches a cached token within this time.
inline constexpr std::chrono::seconds k_token_cache_ttl{10};
// An API token's last_used_at is written when it is older than this (not on every request).
inline constexpr std::chrono::seconds k_token_use_resolution{60};
inline constexpr std::chrono::hours k_session_lifetime{10}; // absolute, beside the idle timeout

} // namespace skydda::app
