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
    TRY(db.execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   {std::string(token_hash), std::string(user_id), std::string(csrf_token), format_utc(now),
                    format_utc(expires), format_utc(now)}));
    return {};
}

Result<std::optional<SessionRow>> find_session(Connection& db, std::string_view token_hash) {
    auto rows = TRY(db.query("SELECT user_id, csrf_token, expires_at, COALESCE(last_seen_at, created_at) FROM sessions "
                             "WHERE token_hash = ?",
                             {std::string(token_hash)}));
    if (rows.empty()) return std::optional<SessionRow>();
    return std::optional<SessionRow>(SessionRow{rows[0].text(0), rows[0].text(1), rows[0].time(2), rows[0].time(3)});
}

Status touch_session(Connection& db, std::string_view token_hash, Instant now) {
    TRY(db.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {format_utc(now), std::string(token_hash)}));
    return {};
}

Status delete_session(Connection& db, std::string_view token_hash) {
    TRY(db.execute("DELETE FROM sessions WHERE token_hash = ?", {std::string(token_hash)}));
    return {};
}

Status delete_expired_sessions(Connection& db, Instant now) {
    TRY(db.execute("DELETE FROM sessions WHERE expires_at < ?", {format_utc(now)}));
    return {};
}

Result<int64_t> delete_sessions_of(Connection& db, std::string_view user_id) {
    return db.execute("DELETE FROM sessions WHERE user_id = ?", {std::string(user_id)});
}

Status insert_api_token(Connection& db, std::string_view id, std::string_view user_id, std::string_view token_hash,
                        Instant now, Instant expires) {
    TRY(db.execute("INSERT INTO api_tokens (id, user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                   {std::string(id), std::string(user_id), std::string(token_hash), format_utc(now), format_utc(expires)}));
    return {};
}

namespace {

constexpr const char* k_token_select =
    "SELECT t.id, t.user_id, u.email, t.created_at, t.expires_at, t.last_used_at FROM api_tokens t "
    "JOIN users u ON u.id = t.user_id ";

ApiTokenRow read_token(const Row& row) {
    ApiTokenRow token{row.text(0), row.text(1), row.text(2), row.time(3), {}, {}};
    if (!row.is_null(4)) token.expires_at = row.time(4);
    if (!row.is_null(5)) token.last_used_at = row.time(5);
    return token;
}

Result<std::optional<ApiTokenRow>> one_token(Connection& db, std::string where, std::string_view value) {
    auto rows = TRY(db.query(std::string(k_token_select) + where, {std::string(value)}));
    if (rows.empty()) return std::optional<ApiTokenRow>();
    return std::optional<ApiTokenRow>(read_token(rows[0]));
}

} // namespace

Result<std::optional<ApiTokenRow>> find_api_token(Connection& db, std::string_view token_hash) {
    return one_token(db, "WHERE t.token_hash = ?", token_hash);
}

Result<std::optional<ApiTokenRow>> find_api_token_by_id(Connection& db, std::string_view id) {
    return one_token(db, "WHERE t.id = ?", id);
}

Result<std::vector<ApiTokenRow>> list_api_tokens(Connection& db, std::string_view user_id) {
    std::string sql = k_token_select;
    std::vector<Value> params;
    if (!user_id.empty()) {
        sql += "WHERE t.user_id = ? ";
        params.emplace_back(std::string(user_id));
    }
    auto rows = TRY(db.query(sql + "ORDER BY t.created_at DESC, t.id", params));
    std::vector<ApiTokenRow> out;
    for (const auto& row : rows) out.push_back(read_token(row));
    return out;
}

Status set_api_token_used(Connection& db, std::string_view id, Instant now) {
    TRY(db.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {format_utc(now), std::string(id)}));
    return {};
}

Result<bool> delete_api_token(Connection& db, std::string_view id) {
    return TRY(db.execute("DELETE FROM api_tokens WHERE id = ?", {std::string(id)})) > 0;
}

Result<int64_t> delete_api_tokens_of(Connection& db, std::string_view user_id) {
    return db.execute("DELETE FROM api_tokens WHERE user_id = ?", {std::string(user_id)});
}

Status record_login_failure(Connection& db, std::string_view subject, std::string_view client, Instant now) {
    TRY(db.execute("INSERT INTO login_failures (subject, client, at) VALUES (?, ?, ?)",
                   {std::string(subject), std::string(client), format_utc(now)}));
    return {};
}

Result<LoginFailures> count_login_failures(Connection& db, std::string_view subject, std::string_view client,
                                           Instant since) {
    std::string sql = "SELECT COUNT(*), MAX(at) FROM login_failures WHERE at >= ?";
    std::vector<Value> params{format_utc(since)};
    if (!subject.empty()) {
        sql += " AND subject = ?";
        params.emplace_back(std::string(subject));
    }
    if (!client.empty()) {
        sql += " AND client = ?";
        params.emplace_back(std::string(client));
    }
    auto rows = TRY(db.query(sql, params));
    LoginFailures out;
    if (rows.empty()) return out;
    out.count = rows[0].integer(0);
    if (!rows[0].is_null(1)) out.last = rows[0].time(1);
    return out;
}

Status clear_login_failures(Connection& db, std::string_view subject, std::string_view client) {
    TRY(db.execute("DELETE FROM login_failures WHERE subject = ? AND client = ?", {std::string(subject), std::string(client)}));
    return {};
}

Status delete_login_failures_before(Connection& db, Instant before) {
    TRY(db.execute("DELETE FROM login_failures WHERE at < ?", {format_utc(before)}));
    return {};
}

} // namespace skydda::storage
