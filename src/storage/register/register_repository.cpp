// The register of processing activities as stored (register_repository.hpp).
#include "storage/register/register_repository.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace skydda::storage {
namespace json = boost::json;
using namespace domain::reg;

namespace {

Value optional_level(const std::optional<int>& level) {
    return level ? Value(static_cast<int64_t>(*level)) : Value(nullptr);
}
std::optional<int> level_of(const Row& row, size_t column) {
    auto value = row.optional_integer(column);
    return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

Status write_sub_processors(Connection& db, const SupplierRecord& r) {
    TRY(db.execute("DELETE FROM supplier_sub_processors WHERE supplier_id = ?", {r.id}));
    std::vector<std::string> seen;
    for (const auto& id : r.supplier.sub_processors) {
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
        seen.push_back(id);
        TRY(db.execute("INSERT INTO supplier_sub_processors (supplier_id, sub_processor_id) VALUES (?, ?)", {r.id, id}));
    }
    return {};
}

constexpr const char* k_supplier_columns =
    "id, group_id, name, orgnr, country, role, agreement_signed_on, agreement_reference, agreement_expires_on, contact, "
    "version, created_at, updated_at";

Result<SupplierRecord> read_supplier(Connection& db, const Row& row) {
    SupplierRecord r;
    r.id = row.text(0);
    r.group_id = row.text(1);
    r.supplier.name = row.text(2);
    r.supplier.orgnr = row.text(3);
    r.supplier.country = row.text(4);
    r.supplier.role = parse_supplier_role(row.text(5)).value_or(SupplierRole::processor);
    r.supplier.agreement = {row.text(6), row.text(7), row.text(8)};
    r.supplier.contact = row.text(9);
    r.version = row.integer(10);
    r.created_at = row.time(11);
    r.updated_at = row.time(12);
    for (const auto& sub : TRY(db.query("SELECT sub_processor_id FROM supplier_sub_processors WHERE supplier_id = ? ORDER "
                                        "BY sub_processor_id",
                                        {r.id})))
        r.supplier.sub_processors.push_back(sub.text(0));
    return r;
}

constexpr const char* k_system_columns = "id, group_id, name, supplier_id, owner_org, hosting_country, klassa_k, "
                                         "klassa_r, klassa_t, version, created_at, updated_at";

SystemRecord read_system(const Row& row) {
    SystemRecord r;
    r.id = row.text(0);
    r.group_id = row.text(1);
    r.system.name = row.text(2);
    r.system.supplier_id = row.text(3);
    r.system.owner_org = row.text(4);
    r.system.hosting_country = row.text(5);
    r.system.klassa = {level_of(row, 6), level_of(row, 7), level_of(row, 8)};
    r.version = row.integer(9);
    r.created_at = row.time(10);
    r.updated_at = row.time(11);
    return r;
}

} // namespace

// --- groups ---------------------------------------------------------------------------------

Status insert_group(Connection& db, const GroupRecord& group) {
    TRY(db.execute("INSERT INTO org_groups (id, name, created_at) VALUES (?, ?, ?)",
                   {group.id, group.name, format_utc(group.created_at)}));
    return {};
}

Result<std::optional<GroupRecord>> find_group(Connection& db, std::string_view id) {
    auto rows = TRY(db.query("SELECT id, name, created_at FROM org_groups WHERE id = ?", {std::string(id)}));
    if (rows.empty()) return std::optional<GroupRecord>();
    return std::optional<GroupRecord>(GroupRecord{rows[0].text(0), rows[0].text(1), rows[0].time(2)});
}

Result<std::vector<GroupRecord>> list_groups(Connection& db) {
    std::vector<GroupRecord> out;
    for (const auto& row : TRY(db.query("SELECT id, name, created_at FROM org_groups ORDER BY name")))
        out.push_back({row.text(0), row.text(1), row.time(2)});
    return out;
}

Result<bool> set_organisation_group(Connection& db, std::string_view org_id, std::string_view group_id) {
    auto changed = TRY(db.execute("UPDATE organisations SET group_id = ? WHERE id = ?",
                                  {text_or_null(std::string(group_id)), std::string(org_id)}));
    return changed == 1;
}

Result<std::string> organisation_group(Connection& db, std::string_view org_id) {
    auto rows = TRY(db.query("SELECT group_id FROM organisations WHERE id = ?", {std::string(org_id)}));
    return rows.empty() ? std::string() : rows[0].text(0);
}

Result<std::vector<std::string>> group_members(Connection& db, std::string_view group_id) {
    std::vector<std::string> out;
    for (const auto& row :
         TRY(db.query("SELECT id FROM organisations WHERE group_id = ? ORDER BY name, id", {std::string(group_id)})))
        out.push_back(row.text(0));
    return out;
}

// --- suppliers ------------------------------------------------------------------------------

Status insert_supplier(Connection& db, const SupplierRecord& r) {
    const auto& s = r.supplier;
    TRY(db.execute(fmt::format("INSERT INTO suppliers ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", k_supplier_columns),
                   {r.id, r.group_id, s.name, text_or_null(s.orgnr), s.country, std::string(supplier_role_name(s.role)),
                    text_or_null(s.agreement.signed_on), text_or_null(s.agreement.reference),
                    text_or_null(s.agreement.expires_on), text_or_null(s.contact), r.version, format_utc(r.created_at),
                    format_utc(r.updated_at)}));
    return write_sub_processors(db, r);
}

Result<bool> update_supplier(Connection& db, const SupplierRecord& r) {
    const auto& s = r.supplier;
    auto changed = TRY(db.execute(
        "UPDATE suppliers SET name = ?, orgnr = ?, country = ?, role = ?, agreement_signed_on = ?, agreement_reference = ?, "
        "agreement_expires_on = ?, contact = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
        {s.name, text_or_null(s.orgnr), s.country, std::string(supplier_role_name(s.role)),
         text_or_null(s.agreement.signed_on), text_or_null(s.agreement.reference), text_or_null(s.agreement.expires_on),
         text_or_null(s.contact), r.version, format_utc(r.updated_at), r.id, r.version - 1}));
    if (changed != 1) return false;
    TRY_STATUS(write_sub_processors(db, r));
    return true;
}

Result<std::optional<SupplierRecord>> find_supplier(Connection& db, std::string_view id) {
    auto rows = TRY(db.query(fmt::format("SELECT {} FROM suppliers WHERE id = ?", k_supplier_columns), {std::string(id)}));
    if (rows.empty()) return std::optional<SupplierRecord>();
    return std::optional<SupplierRecord>(TRY(read_supplier(db, rows[0])));
}

Result<std::vector<SupplierRecord>> list_suppliers(Connection& db, std::string_view group_id) {
    std::vector<SupplierRecord> out;
    for (const auto& row : TRY(db.query(
             fmt::format("SELECT {} FROM suppliers WHERE group_id = ? ORDER BY name, id", k_supplier_columns),
             {std::string(group_id)})))
        out.push_back(TRY(read_supplier(db, row)));
    return out;
}

Result<std::vector<std::string>> suppliers_using_sub_processor(Connection& db, std::string_view supplier_id) {
    std::vector<std::string> out;
    for (const auto& row : TRY(db.query("SELECT supplier_id FROM supplier_sub_processors WHERE sub_processor_id = ? "
                                        "ORDER BY supplier_id",
                                        {std::string(supplier_id)})))
        out.push_back(row.text(0));
    return out;
}

// --- systems --------------------------------------------------------------------------------

Status insert_system(Connection& db, const SystemRecord& r) {
    const auto& s = r.system;
    TRY(db.execute(fmt::format("INSERT INTO systems ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", k_system_columns),
                   {r.id, r.group_id, s.name, text_or_null(s.supplier_id), text_or_null(s.owner_org),
                    text_or_null(s.hosting_country), optional_level(s.klassa.k), optional_level(s.klassa.r),
                    optional_level(s.klassa.t), r.version, format_utc(r.created_at), format_utc(r.updated_at)}));
    return {};
}

Result<bool> update_system(Connection& db, const SystemRecord& r) {
    const auto& s = r.system;
    auto changed = TRY(db.execute("UPDATE systems SET name = ?, supplier_id = ?, owner_org = ?, hosting_country = ?, "
                                  "klassa_k = ?, klassa_r = ?, klassa_t = ?, version = ?, updated_at = ? WHERE id = ? AND "
                                  "version = ?",
                                  {s.name, text_or_null(s.supplier_id), text_or_null(s.owner_org),
                                   text_or_null(s.hosting_country), optional_level(s.klassa.k), optional_level(s.klassa.r),
                                   optional_level(s.klassa.t), r.version, format_utc(r.updated_at), r.id, r.version - 1}));
    return changed == 1;
}

Result<std::optional<SystemRecord>> find_system(Connection& db, std::string_view id) {
    auto rows = TRY(db.query(fmt::format("SELECT {} FROM systems WHERE id = ?", k_system_columns), {std::string(id)}));
    if (rows.empty()) return std::optional<SystemRecord>();
    return std::optional<SystemRecord>(read_system(rows[0]));
}

Result<std::vector<SystemRecord>> list_systems(Connection& db, std::string_view group_id) {
    std::vector<SystemRecord> out;
    for (const auto& row : TRY(db.query(
             fmt::format("SELECT {} FROM systems WHERE group_id = ? ORDER BY name, id", k_system_columns),
             {std::string(group_id)})))
        out.push_back(read_system(row));
    return out;
}

Result<std::vector<SystemRecord>> systems_of_supplier(Connection& db, std::string_view supplier_id) {
    std::vector<SystemRecord> out;
    for (const auto& row : TRY(db.query(
             fmt::format("SELECT {} FROM systems WHERE supplier_id = ? ORDER BY name, id", k_system_columns),
             {std::string(supplier_id)})))
        out.push_back(read_system(row));
    return out;
}

} // namespace skydda::storage
