// The register of processing activities as use cases (register.hpp): groups, and a group's
// suppliers and systems; the access checks every part shares (register_internal.hpp).
#include "app/register/register.hpp"
#include "app/register/register_internal.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "scan/validators.hpp"
#include "storage/processor/processor_repository.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"
#include "util/text.hpp"

namespace skydda::app {
using namespace register_access;

namespace {

namespace json = boost::json;
namespace reg = domain::reg;
using domain::Action;
using storage::Connection;
using storage::TxMode;

reg::Supplier normalised(reg::Supplier s) {
    s.name = trimmed(s.name);
    s.orgnr = trimmed(s.orgnr);
    s.country = trimmed(s.country);
    s.contact = text::normalise_newlines(text::trim(s.contact));
    s.agreement.reference = trimmed(s.agreement.reference);
    return s;
}

std::string supplier_json(const reg::Supplier& s) {
    return json::serialize(json::object{{"name", s.name},
                                        {"orgnr", s.orgnr},
                                        {"country", s.country},
                                        {"role", reg::supplier_role_name(s.role)},
                                        {"agreement_signed_on", s.agreement.signed_on},
                                        {"agreement_expires_on", s.agreement.expires_on},
                                        {"sub_processors", static_cast<int64_t>(s.sub_processors.size())}});
}

std::string system_json(const reg::System& s) {
    auto level = [](const std::optional<int>& l) { return l ? json::value(*l) : json::value(nullptr); };
    return json::serialize(json::object{{"name", s.name},
                                        {"supplier", s.supplier_id},
                                        {"owner_org", s.owner_org},
                                        {"hosting_country", s.hosting_country},
                                        {"klassa", json::object{{"k", level(s.klassa.k)}, {"r", level(s.klassa.r)},
                                                                {"t", level(s.klassa.t)}}}});
}

Status check_supplier_refs(Connection& db, std::string_view group_id, std::string_view self_id, const reg::Supplier& s) {
    if (!s.orgnr.empty() && !scan::parse_organisation_number(s.orgnr))
        return fail(Error::invalid("orgnr", "must be an organisation number NNNNNN-NNNN with a correct check digit"));
    for (const auto& id : s.sub_processors) {
        if (id == self_id) return fail(Error::invalid("sub_processors", "a supplier is not its own sub-processor"));
        auto sub = TRY(storage::find_supplier(db, id));
        if (!sub || sub->group_id != group_id) return fail(Error::invalid("sub_processors", "must be suppliers of the group"));
    }
    return {};
}

Status check_system_refs(Connection& db, std::string_view group_id, const reg::System& s) {
    if (!s.supplier_id.empty()) {
        auto supplier = TRY(storage::find_supplier(db, s.supplier_id));
        if (!supplier || supplier->group_id != group_id) return fail(Error::invalid("supplier", "must be a supplier of the group"));
    }
    if (!s.owner_org.empty() && TRY(storage::organisation_group(db, s.owner_org)) != group_id)
        return fail(Error::invalid("owner_org", "must be an organisation of the group"));
    return {};
}

} // namespace

// --- access (register_internal.hpp) ---------------------------------------------------------

namespace register_access {

using domain::Action;
using storage::Connection;

// The member organisations of the actor's in a group where `action` (or, for reading, also
// read_all_cases) is allowed.
bool allowed_in_group(const Actor& actor, const std::vector<std::string>& members, bool write) {
    return std::any_of(members.begin(), members.end(), [&](const std::string& org) {
        return actor.allows(org, Action::manage_register) || (!write && actor.allows(org, Action::read_all_cases));
    });
}

Status require_group(Connection& db, const Actor& actor, std::string_view group_id, bool write) {
    auto group = TRY(storage::find_group(db, group_id));
    auto members = group ? TRY(storage::group_members(db, group_id)) : std::vector<std::string>{};
    bool member = std::any_of(members.begin(), members.end(), [&](const std::string& org) { return actor.member_of(org); });
    if (!group || !member) return fail(Error::not_found("no such group"));
    if (!allowed_in_group(actor, members, write)) return fail(Error::denied());
    return {};
}

Status require_org(const Actor& actor, std::string_view org_id, bool write) {
    if (!actor.member_of(org_id)) return fail(Error::not_found("no such organisation"));
    if (actor.allows(org_id, Action::manage_register) || (!write && actor.allows(org_id, Action::read_all_cases))) return {};
    return fail(Error::denied());
}

std::string trimmed(std::string_view text) { return std::string(text::trim(text)); }

// A save over another version than the one read (HTTP 412 with If-Match).
Error stale(std::string_view what) {
    return {ErrorCode::failed_precondition, fmt::format("the {} was changed by someone else since you read it: read it again", what), {}};
}

} // namespace register_access

using namespace register_access;


// --- groups ---------------------------------------------------------------------------------

Result<GroupRecord> add_group(App& app, const Actor* actor, std::string_view name) {
    if (actor && actor->org_ids_allowing(Action::administer).empty()) return fail(Error::denied());
    auto clean = trimmed(name);
    if (clean.empty()) return fail(Error::invalid("name", "is required"));
    if (clean.find('\n') != std::string::npos) return fail(Error::invalid("name", "must be one line"));
    TRY_STATUS(text::check_free_text("name", clean, 200));
    GroupRecord group{crypto::new_id(), clean, app.clock().now()};
    TRY_STATUS(app.database().transact(TxMode::write, [&](Connection& db) -> Status {
        for (const auto& existing : TRY(storage::list_groups(db)))
            if (existing.name == clean) return fail(Error::invalid("name", "a group with that name exists"));
        TRY_STATUS(storage::insert_group(db, group));
        return audit_change(db, app.clock(), actor,
                            {"group.add", "org_group", group.id, "", "", json::serialize(json::object{{"name", clean}})});
    }));
    return group;
}

Result<std::vector<GroupRecord>> list_groups(App& app) {
    return storage::transact_value<std::vector<GroupRecord>>(app.database(), TxMode::read,
                                                             [](Connection& db) { return storage::list_groups(db); });
}

Status set_organisation_group(App& app, const Actor* actor, std::string_view org_id, std::string_view group_id) {
    if (actor && !actor->allows(org_id, Action::administer))
        return fail(actor->member_of(org_id) ? Error::denied() : Error::not_found("no such organisation"));
    return app.database().transact(TxMode::write, [&](Connection& db) -> Status {
        if (!group_id.empty() && !TRY(storage::find_group(db, group_id)))
            return fail(Error::invalid("group", "no such group"));
        auto before = TRY(storage::organisation_group(db, org_id));
        if (!TRY(storage::set_organisation_group(db, org_id, group_id)))
            return fail(Error::not_found("no such organisation"));
        return audit_change(db, app.clock(), actor,
                            {"organisation.group", "organisation", std::string(org_id), std::string(org_id),
                             json::serialize(json::object{{"group", before}}),
                             json::serialize(json::object{{"group", group_id}})});
    });
}

// --- suppliers --------------------------------------------------------------------------------

Result<SupplierRecord> add_supplier(App& app, const Actor& actor, std::string_view group_id, reg::Supplier raw) {
    auto supplier = normalised(std::move(raw));
    TRY_STATUS(reg::check_supplier(supplier));
    return storage::transact_value<SupplierRecord>(app.database(), TxMode::write, [&](Connection& db) -> Result<SupplierRecord> {
        TRY_STATUS(require_group(db, actor, group_id, true));
        SupplierRecord record{crypto::new_id(), std::string(group_id), supplier, 1, app.clock().now(), app.clock().now()};
        TRY_STATUS(check_supplier_refs(db, group_id, record.id, supplier));
        TRY_STATUS(storage::insert_supplier(db, record));
        TRY_STATUS(audit_change(db, app.clock(), &actor, {"register.supplier.add", "supplier", record.id, "", "",
                                                          supplier_json(supplier)}));
        return record;
    });
}

Result<SupplierRecord> update_supplier(App& app, const Actor& actor, std::string_view supplier_id, reg::Supplier raw,
                                       int64_t expected_version) {
    auto supplier = normalised(std::move(raw));
    TRY_STATUS(reg::check_supplier(supplier));
    return storage::transact_value<SupplierRecord>(app.database(), TxMode::write, [&](Connection& db) -> Result<SupplierRecord> {
        auto before = TRY(storage::find_supplier(db, supplier_id));
        if (!before) return fail(Error::not_found("no such supplier"));
        TRY_STATUS(require_group(db, actor, before->group_id, true));
        if (before->version != expected_version)
            return fail(stale("supplier"));
        TRY_STATUS(check_supplier_refs(db, before->group_id, before->id, supplier));
        auto after = *before;
        after.supplier = supplier;
        after.version = before->version + 1;
        after.updated_at = app.clock().now();
        if (!TRY(storage::update_supplier(db, after)))
            return fail(stale("supplier"));
        TRY_STATUS(audit_change(db, app.clock(), &actor, {"register.supplier.update", "supplier", after.id, "",
                                                          supplier_json(before->supplier), supplier_json(supplier)}));
        return after;
    });
}

Result<std::vector<SupplierRecord>> list_suppliers(App& app, const Actor& actor, std::string_view group_id) {
    return storage::transact_value<std::vector<SupplierRecord>>(
        app.database(), TxMode::read, [&](Connection& db) -> Result<std::vector<SupplierRecord>> {
            TRY_STATUS(require_group(db, actor, group_id, false));
            return storage::list_suppliers(db, group_id);
        });
}

Result<SupplierRecord> get_supplier(App& app, const Actor& actor, std::string_view supplier_id) {
    return storage::transact_value<SupplierRecord>(app.database(), TxMode::read, [&](Connection& db) -> Result<SupplierRecord> {
        auto found = TRY(storage::find_supplier(db, supplier_id));
        if (!found) return fail(Error::not_found("no such supplier"));
        auto allowed = require_group(db, actor, found->group_id, false);
        if (!allowed) return fail(allowed.error().code == ErrorCode::not_found ? Error::not_found("no such supplier") : allowed.error());
        return std::move(*found);
    });
}

std::vector<std::string> supplier_flags(const App& app, const SupplierRecord& supplier) {
    return reg::supplier_flags(supplier.supplier, format_stockholm_date(app.clock().now()));
}

// --- systems --------------------------------------------------------------------------------

Result<SystemRecord> add_system(App& app, const Actor& actor, std::string_view group_id, reg::System system) {
    system.name = trimmed(system.name);
    system.hosting_country = trimmed(system.hosting_country);
    TRY_STATUS(reg::check_system(system));
    return storage::transact_value<SystemRecord>(app.database(), TxMode::write, [&](Connection& db) -> Result<SystemRecord> {
        TRY_STATUS(require_group(db, actor, group_id, true));
        TRY_STATUS(check_system_refs(db, group_id, system));
        SystemRecord record{crypto::new_id(), std::string(group_id), system, 1, app.clock().now(), app.clock().now()};
        TRY_STATUS(storage::insert_system(db, record));
        TRY_STATUS(audit_change(db, app.clock(), &actor, {"register.system.add", "system", record.id, "", "",
                                                          system_json(system)}));
        return record;
    });
}

Result<SystemRecord> update_system(App& app, const Actor& actor, std::string_view system_id, reg::System system,
                                   int64_t expected_version) {
    system.name = trimmed(system.name);
    system.hosting_country = trimmed(system.hosting_country);
    TRY_STATUS(reg::check_system(system));
    return storage::transact_value<SystemRecord>(app.database(), TxMode::write, [&](Connection& db) -> Result<SystemRecord> {
        auto before = TRY(storage::find_system(db, system_id));
        if (!before) return fail(Error::not_found("no such system"));
        TRY_STATUS(require_group(db, actor, before->group_id, true));
        if (before->version != expected_version)
            return fail(stale("system"));
        TRY_STATUS(check_system_refs(db, before->group_id, system));
        auto after = *before;
        after.system = system;
        after.version = before->version + 1;
        after.updated_at = app.clock().now();
        if (!TRY(storage::update_system(db, after)))
            return fail(stale("system"));
        TRY_STATUS(audit_change(db, app.clock(), &actor, {"register.system.update", "system", after.id, "",
                                                          system_json(before->system), system_json(system)}));
        return after;
    });
}

Result<std::vector<SystemRecord>> list_systems(App& app, const Actor& actor, std::string_view group_id) {
    return storage::transact_value<std::vector<SystemRecord>>(
        app.database(), TxMode::read, [&](Connection& db) -> Result<std::vector<SystemRecord>> {
            TRY_STATUS(require_group(db, actor, group_id, false));
            return storage::list_systems(db, group_id);
        });
}

Result<SystemRecord> get_system(App& app, const Actor& actor, std::string_view system_id) {
    return storage::transact_value<SystemRecord>(app.database(), TxMode::read, [&](Connection& db) -> Result<SystemRecord> {
        auto found = TRY(storage::find_system(db, system_id));
        if (!found) return fail(Error::not_found("no such system"));
        auto allowed = require_group(db, actor, found->group_id, false);
        if (!allowed) return fail(allowed.error().code == ErrorCode::not_found ? Error::not_found("no such system") : allowed.error());
        return std::move(*found);
    });
}

} // namespace skydda::app
