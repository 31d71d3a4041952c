// Organisations, units, users, memberships, sessions, API tokens and login throttling.
#include "storage/repositories.hpp"

namespace skydda::storage {
namespace {

Organisation read_organisation(const Row& row) {
    return Organisation{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4),
                        row.text(5), row.text(6), row.text(7), row.text(8)};
}

constexpr const char* k_org_columns =
    "id, name, orgnr, sector, address, dpo_name, dpo_email, dpo_phone, registry_pattern";

User read_user(const Row& row) { return User{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4)}; }

} // namespace

Status insert_organisation(Connection& db, const Organisation& org, Instant now) {
    TRY(db.execute("INSERT INTO organisations (id, name, orgnr, sector, address, dpo_name, dpo_email, dpo_phone, "
                   "registry_pattern, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {org.id, org.name, text_or_null(org.orgnr), org.sector, text_or_null(org.address),
                    text_or_null(org.dpo_name), text_or_null(org.dpo_email), text_or_null(org.dpo_phone),
                    org.registry_pattern, format_utc(now)}));
    return {};
}

Result<std::optional<Organisation>> find_organisation(Connection& db, std::string_view id) {
    auto rows = TRY(db.query(std::string("SELECT ") + k_org_columns + " FROM organisations WHERE id = ?",
                             {std::string(id)}));
    if (rows.empty()) return std::optional<Organisation>();
    return std::optional<Organisation>(read_organisation(rows[0]));
}

Result<std::vector<Organisation>> list_organisations(Connection& db) {
    auto rows = TRY(db.query(std::string("SELECT ") + k_org_columns + " FROM organisations ORDER BY name"));
    std::vector<Organisation> out;
    for (const auto& row : rows) out.push_back(read_organisation(row));
    return out;
}

Status insert_unit(Connection& db, const Unit& unit) {
    TRY(db.execute("INSERT INTO units (id, org_id, name) VALUES (?, ?, ?)", {unit.id, unit.org_id, unit.name}));
    return {};
}

Result<std::vector<Unit>> list_units(Connection& db, std::string_view org_id) {
    auto rows = TRY(db.query("SELECT id, org_id, name FROM units WHERE org_id = ? ORDER BY name", {std::string(org_id)}));
    std::vector<Unit> out;
    for (const auto& row : rows) out.push_back(Unit{row.text(0), row.text(1), row.text(2)});
    return out;
}

Status insert_user(Connection& db, const User& user, Instant now) {
    TRY(db.execute("INSERT INTO users (id, email, name, password_hash, language, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                   {user.id, user.email, user.name, text_or_null(user.password_hash), user.language, format_utc(now)}));
    return {};
}

Result<std::optional<User>> find_user_by_email(Connection& db, std::string_view email) {
    auto rows = TRY(db.query("SELECT id, email, name, password_hash, language FROM users WHERE email = ?",
                             {std::string(email)}));
    if (rows.empty()) return std::optional<User>();
    return std::optional<User>(read_user(rows[0]));
}

Result<std::optional<User>> find_user(Connection& db, std::string_view id) {
    auto rows =
        TRY(db.query("SELECT id, email, name, password_hash, language FROM users WHERE id = ?", {std::string(id)}));
    if (rows.empty()) return std::optional<User>();
    return std::optional<User>(read_user(rows[0]));
}

Status set_password_hash(Connection& db, std::string_view user_id, std::string_view hash) {
    TRY(db.execute("UPDATE users SET password_hash = ? WHERE id = ?", {std::string(hash), std::string(user_id)}));
    return {};
}

Status add_membership(Connection& db, std::string_view user_id, std::string_view org_id, domain::Role role) {
    auto rows = TRY(db.query("SELECT 1 FROM memberships WHERE user_id = ? AND org_id = ? AND role = ?",
                             {std::string(user_id), std::string(org_id), std::string(domain::role_name(role))}));
    if (!rows.empty()) return {};
    TRY(db.execute("INSERT INTO memberships (user_id, org_id, role) VALUES (?, ?, ?)",
                   {std::string(user_id), std::string(org_id), std::string(domain::role_name(role))}));
    return {};
}

Result<std::vector<Membership>> memberships_of(Connection& db, std::string_view user_id) {
    auto rows = TRY(db.query("SELECT org_id, role FROM memberships WHERE user_id = ? ORDER BY org_id, role",
                             {std::string(user_id)}));
    std::vector<Membership> out;
    for (const auto& row : rows)
        if (auto role = domain::parse_role(row.text(1))) out.push_back(Membership{row.text(0), *role});
    return out;
}

Result<std::vector<User>> members_with_role(Connection& db, std::string_view org_id, domain::Role role) {
    auto rows = TRY(db.query("SELECT u.id, u.email, u.name, u.password_hash, u.language FROM users u "
                             "JOIN memberships m ON m.user_id = u.id WHERE m.org_id = ? AND m.role = ? ORDER BY u.name",
                             {std::string(org_id), std::string(domain::role_name(role))}));
    std::vector<User> out;
    for (const auto& row : rows) out.push_back(read_user(row));
    return out;
}

Status insert_session(Connection& db, std::string_view token_hash, std::string_view user_id,
                      std::string_view csrf_token, Instant now, Instant expires) {
    TRY(db.execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                   {std::string(token_hash), std::string(user_id), std::string(csrf_token), format_utc(now),
                    format_utc(expires)}));
    return {};
}

Result<std::optional<SessionRow>> find_session(Connection& db, std::string_view token_hash) {
    auto rows = TRY(db.query("SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = ?",
                             {std::string(token_hash)}));
    if (rows.empty()) return std::optional<SessionRow>();
    return std::optional<SessionRow>(SessionRow{rows[0].text(0), rows[0].text(1), rows[0].time(2)});
}

Status delete_session(Connection& db, std::string_view token_hash) {
    TRY(db.execute("DELETE FROM sessions WHERE token_hash = ?", {std::string(token_hash)}));
    return {};
}

Status delete_expired_sessions(Connection& db, Instant now) {
    TRY(db.execute("DELETE FROM sessions WHERE expires_at < ?", {format_utc(now)}));
    return {};
}

Status insert_api_token(Connection& db, std::string_view id, std::string_view user_id, std::string_view token_hash,
                        Instant now) {
    TRY(db.execute("INSERT INTO api_tokens (id, user_id, token_hash, created_at) VALUES (?, ?, ?, ?)",
                   {std::string(id), std::string(user_id), std::string(token_hash), format_utc(now)}));
    return {};
}

Result<std::optional<std::string>> find_api_token_user(Connection& db, std::string_view token_hash) {
    auto rows = TRY(db.query("SELECT user_id FROM api_tokens WHERE token_hash = ?", {std::string(token_hash)}));
    if (rows.empty()) return std::optional<std::string>();
    return std::optional<std::string>(rows[0].text(0));
}

Status record_login_failure(Connection& db, std::string_view subject, Instant now) {
    TRY(db.execute("INSERT INTO login_failures (subject, at) VALUES (?, ?)", {std::string(subject), format_utc(now)}));
    return {};
}

Result<int64_t> count_login_failures(Connection& db, std::string_view subject, Instant since) {
    auto rows = TRY(db.query("SELECT COUNT(*) FROM login_failures WHERE subject = ? AND at >= ?",
                             {std::string(subject), format_utc(since)}));
    return rows.empty() ? 0 : rows[0].integer(0);
}

Status clear_login_failures(Connection& db, std::string_view subject) {
    TRY(db.execute("DELETE FROM login_failures WHERE subject = ?", {std::string(subject)}));
    return {};
}

} // namespace skydda::storage
