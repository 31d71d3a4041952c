// Plain records the repositories read and write, beside the domain's Incident.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/roles.hpp"
#include "util/time.hpp"

namespace skydda::domain {

struct Organisation {
    std::string id;
    std::string name;
    std::string orgnr;
    std::string sector = "public";
    std::string address;
    std::string dpo_name, dpo_email, dpo_phone;
    std::string registry_pattern;
};

struct Unit {
    std::string id;
    std::string org_id;
    std::string name;
};

struct User {
    std::string id;
    std::string email;
    std::string name;
    std::string password_hash; // argon2id string; empty: cannot log in with a password
    std::string language = "sv";
};

struct Membership {
    std::string org_id;
    domain::Role role;
};

struct Note {
    std::string id, incident_id, author_id, author_name, body;
    Instant created_at{};
};

struct Task {
    std::string id, incident_id, title, assignee_id, assignee_name, created_by;
    std::optional<Instant> due_at, done_at;
    Instant created_at{};
};

struct Question {
    std::string id, incident_id, asked_by, asked_by_name, question, answer;
    Instant asked_at{};
    std::optional<Instant> answered_at;
};

struct Attachment {
    std::string id, incident_id, filename, content_type, blake2b, uploaded_by;
    int64_t size = 0;
    Instant uploaded_at{};
    std::string data; // empty in listings
};

struct InboxNotification {
    std::string id, user_id, incident_id, kind, case_number, title;
    Instant created_at{};
    bool read = false;
};

struct AuditEntry {
    int64_t seq = 0;
    Instant at{};
    std::string actor_id, org_id, action, entity, entity_id, before_json, after_json, prev_hash, hash;
};

// An API token as listed (never the secret or its hash).
struct ApiTokenRow {
    std::string id, user_id, email;
    Instant created_at{};
    std::optional<Instant> expires_at; // none: a token from before expiry existed (created_at + token_days)
    std::optional<Instant> last_used_at;
};

} // namespace skydda::domain
