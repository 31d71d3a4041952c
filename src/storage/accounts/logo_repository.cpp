#include "storage/accounts/logo_repository.hpp"

namespace skydda::storage {

Status put_logo(Connection& db, const LogoRecord& logo) {
    TRY(db.execute("DELETE FROM organisation_logos WHERE org_id = ?", {logo.org_id}));
    TRY(db.execute("INSERT INTO organisation_logos (org_id, content_type, data, width, height, digest, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   {logo.org_id, logo.content_type, Blob{logo.data}, logo.width, logo.height, logo.digest,
                    format_utc(logo.updated_at)}));
    return {};
}

Result<bool> delete_logo(Connection& db, std::string_view org_id) {
    auto removed = TRY(db.execute("DELETE FROM organisation_logos WHERE org_id = ?", {std::string(org_id)}));
    return removed > 0;
}

namespace {

Result<std::optional<LogoRecord>> read(Connection& db, std::string_view org_id, bool with_data) {
    auto rows = TRY(db.query(std::string("SELECT l.org_id, o.name, l.content_type, l.width, l.height, l.digest, "
                                         "l.updated_at") +
                                 (with_data ? ", l.data" : "") +
                                 " FROM organisation_logos l JOIN organisations o ON o.id = l.org_id WHERE l.org_id = ?",
                             {std::string(org_id)}));
    if (rows.empty()) return std::optional<LogoRecord>();
    const auto& row = rows[0];
    LogoRecord logo;
    logo.org_id = row.text(0);
    logo.org_name = row.text(1);
    logo.content_type = row.text(2);
    logo.width = row.integer(3);
    logo.height = row.integer(4);
    logo.digest = row.text(5);
    logo.updated_at = TRY(parse_rfc3339(row.text(6), "updated_at"));
    if (with_data) logo.data = row.blob(7);
    return std::optional<LogoRecord>(std::move(logo));
}

} // namespace

Result<std::optional<LogoRecord>> find_logo(Connection& db, std::string_view org_id) { return read(db, org_id, true); }

Result<std::optional<LogoRecord>> find_logo_info(Connection& db, std::string_view org_id) {
    return read(db, org_id, false);
}

} // namespace skydda::storage
