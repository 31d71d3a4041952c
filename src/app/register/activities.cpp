// The register's processing activities and a supplier's exposure as use cases (register.hpp).
#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "app/register/register.hpp"
#include "app/register/register_internal.hpp"
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

std::string activity_audit(const ActivityRecord& r) {
    auto body = json::parse(storage::activity_json(r.activity)).as_object();
    body["status"] = reg::activity_status_name(r.status);
    body["version"] = r.version;
    return json::serialize(body);
}

reg::Activity normalised(reg::Activity a) {
    a.name = trimmed(a.name);
    for (auto& purpose : a.purposes) purpose = text::normalise_newlines(text::trim(purpose));
    for (auto* field : {&a.balancing_test, &a.criminal_data_basis, &a.sources, &a.retention, &a.security_measures})
        *field = text::normalise_newlines(text::trim(*field));
    for (auto& r : a.recipients) r.name = trimmed(r.name);
    return a;
}

Status check_activity_refs(Connection& db, std::string_view org_id, const reg::Activity& a) {
    const auto group = TRY(storage::organisation_group(db, org_id));
    if ((!a.systems.empty() || !a.suppliers.empty()) && group.empty())
        return fail(Error::invalid(a.systems.empty() ? "suppliers" : "systems",
                                   "the organisation belongs to no group, so it has no systems or suppliers yet"));
    for (const auto& id : a.systems) {
        auto system = TRY(storage::find_system(db, id));
        if (!system || system->group_id != group) return fail(Error::invalid("systems", "must be systems of the group"));
    }
    std::vector<std::string> suppliers = a.suppliers;
    for (const auto& t : a.transfers)
        if (!t.supplier_id.empty()) suppliers.push_back(t.supplier_id);
    for (const auto& id : suppliers) {
        auto supplier = TRY(storage::find_supplier(db, id));
        if (!supplier || supplier->group_id != group)
            return fail(Error::invalid(std::find(a.suppliers.begin(), a.suppliers.end(), id) != a.suppliers.end()
                                           ? "suppliers"
                                           : "transfers",
                                       "must be suppliers of the group"));
    }
    if (!a.responsible_unit.empty()) {
        auto units = TRY(storage::list_units(db, org_id));
        if (std::none_of(units.begin(), units.end(), [&](const domain::Unit& u) { return u.id == a.responsible_unit; }))
            return fail(Error::invalid("responsible_unit", "is not a unit of the organisation"));
    }
    if (!a.owner.empty()) {
        auto memberships = TRY(storage::memberships_of(db, a.owner));
        if (std::none_of(memberships.begin(), memberships.end(), [&](const domain::Membership& m) { return m.org_id == org_id; }))
            return fail(Error::invalid("owner", "is not a person of the organisation"));
    }
    for (const auto& id : a.on_behalf_of) {
        auto customer = TRY(storage::find_customer(db, id));
        if (!customer || customer->org_id != org_id)
            return fail(Error::invalid("on_behalf_of", "must be customers in the organisation's customer register"));
    }
    return {};
}

Result<ActivityRecord> load_activity(Connection& db, const Actor& actor, std::string_view id, bool write) {
    auto record = TRY(storage::find_activity(db, id));
    if (!record || !actor.member_of(record->org_id)) return fail(Error::not_found("no such processing activity"));
    TRY_STATUS(require_org(actor, record->org_id, write));
    return std::move(*record);
}

} // namespace

// --- processing activities ----------------------------------------------------------------------

Result<ActivityRecord> add_activity(App& app, const Actor& actor, std::string_view org_id, reg::Activity raw) {
    TRY_STATUS(require_org(actor, org_id, true));
    auto activity = normalised(std::move(raw));
    TRY_STATUS(reg::check_activity(activity));
    return storage::transact_value<ActivityRecord>(app.database(), TxMode::write, [&](Connection& db) -> Result<ActivityRecord> {
        TRY_STATUS(check_activity_refs(db, org_id, activity));
        const auto now = app.clock().now();
        ActivityRecord record{crypto::new_id(), std::string(org_id), activity, reg::ActivityStatus::draft, 1, now, now,
                              actor.user_id};
        TRY_STATUS(storage::insert_activity(db, record));
        TRY_STATUS(audit_change(db, app.clock(), &actor, {"register.activity.add", "processing_activity", record.id,
                                                          record.org_id, "", activity_audit(record)}));
        return record;
    });
}

Result<ActivityRecord> update_activity(App& app, const Actor& actor, std::string_view activity_id, reg::Activity raw,
                                       int64_t expected_version) {
    auto activity = normalised(std::move(raw));
    TRY_STATUS(reg::check_activity(activity));
    return storage::transact_value<ActivityRecord>(app.database(), TxMode::write, [&](Connection& db) -> Result<ActivityRecord> {
        auto before = TRY(load_activity(db, actor, activity_id, true));
        if (before.version != expected_version)
            return fail(stale("processing activity"));
        TRY_STATUS(check_activity_refs(db, before.org_id, activity));
        auto after = before;
        after.activity = activity;
        if (after.status == reg::ActivityStatus::approved) after.status = reg::ActivityStatus::draft;
        after.version = before.version + 1;
        after.updated_at = app.clock().now();
        after.updated_by = actor.user_id;
        if (!TRY(storage::update_activity(db, after)))
            return fail(stale("processing activity"));
        TRY_STATUS(audit_change(db, app.clock(), &actor, {"register.activity.update", "processing_activity", after.id,
                                                          after.org_id, activity_audit(before), activity_audit(after)}));
        return after;
    });
}

Result<ActivityRecord> set_activity_status(App& app, const Actor& actor, std::string_view activity_id,
                                           reg::ActivityStatus status, int64_t expected_version) {
    return storage::transact_value<ActivityRecord>(app.database(), TxMode::write, [&](Connection& db) -> Result<ActivityRecord> {
        auto before = TRY(load_activity(db, actor, activity_id, true));
        if (before.version != expected_version)
            return fail(stale("processing activity"));
        if (before.status == status) return before;
        if (status == reg::ActivityStatus::approved) {
            if (!actor.allows(before.org_id, Action::approve_register)) return fail(Error::denied("only the DPO approves"));
            if (before.status != reg::ActivityStatus::draft)
                return fail(Error{ErrorCode::conflict, "an archived activity is reopened as a draft first", "status"});
            auto missing = reg::missing_items(before.activity);
            auto problems = reg::activity_problems(before.activity);
            if (!missing.empty() || !problems.empty())
                return fail(Error{ErrorCode::conflict,
                                  fmt::format("cannot be approved while {} {}", missing.empty() ? "it has the problem" : "it lacks",
                                              missing.empty() ? problems.front() : missing.front()),
                                  "status"});
        }
        auto after = before;
        after.status = status;
        after.version = before.version + 1;
        after.updated_at = app.clock().now();
        after.updated_by = actor.user_id;
        if (!TRY(storage::update_activity(db, after)))
            return fail(stale("processing activity"));
        TRY_STATUS(audit_change(db, app.clock(), &actor,
                                {"register.activity.status", "processing_activity", after.id, after.org_id,
                                 json::serialize(json::object{{"status", reg::activity_status_name(before.status)}}),
                                 json::serialize(json::object{{"status", reg::activity_status_name(status)},
                                                              {"version", after.version}})}));
        return after;
    });
}

Result<std::vector<ActivityRecord>> list_activities(App& app, const Actor& actor, std::string_view org_id) {
    TRY_STATUS(require_org(actor, org_id, false));
    return storage::transact_value<std::vector<ActivityRecord>>(
        app.database(), TxMode::read, [&](Connection& db) { return storage::list_activities(db, org_id); });
}

Result<ActivityRecord> get_activity(App& app, const Actor& actor, std::string_view activity_id) {
    return storage::transact_value<ActivityRecord>(app.database(), TxMode::read, [&](Connection& db) {
        return load_activity(db, actor, activity_id, false);
    });
}

Result<std::vector<ActivityVersion>> activity_history(App& app, const Actor& actor, std::string_view activity_id) {
    return storage::transact_value<std::vector<ActivityVersion>>(
        app.database(), TxMode::read, [&](Connection& db) -> Result<std::vector<ActivityVersion>> {
            TRY(load_activity(db, actor, activity_id, false));
            return storage::activity_versions(db, activity_id);
        });
}

// --- exposure -------------------------------------------------------------------------------

Result<SupplierExposure> supplier_exposure(App& app, const Actor& actor, std::string_view supplier_id) {
    return storage::transact_value<SupplierExposure>(app.database(), TxMode::read, [&](Connection& db) -> Result<SupplierExposure> {
        SupplierExposure out;
        auto found = TRY(storage::find_supplier(db, supplier_id));
        if (!found) return fail(Error::not_found("no such supplier"));
        auto allowed = require_group(db, actor, found->group_id, false);
        if (!allowed) return fail(allowed.error().code == ErrorCode::not_found ? Error::not_found("no such supplier") : allowed.error());
        out.supplier = std::move(*found);
        // A breach at a sub-processor exposes what each processor it serves holds, and so on up.
        std::vector<std::string> exposed{out.supplier.id};
        for (size_t next = 0; next < exposed.size() && exposed.size() < 1000; ++next)
            for (const auto& user : TRY(storage::suppliers_using_sub_processor(db, exposed[next])))
                if (std::find(exposed.begin(), exposed.end(), user) == exposed.end()) {
                    exposed.push_back(user);
                    if (auto through = TRY(storage::find_supplier(db, user))) out.through.push_back(std::move(*through));
                }
        std::set<std::string> data, groups;
        for (const auto& id : exposed)
            for (auto& system : TRY(storage::systems_of_supplier(db, id))) out.systems.push_back(std::move(system));
        for (auto& activity : TRY(storage::activities_using_suppliers(db, exposed))) {
            // Only the organisations the actor may see are named.
            if (!actor.allows(activity.org_id, Action::manage_register) && !actor.allows(activity.org_id, Action::read_all_cases))
                continue;
            data.insert(activity.activity.data.begin(), activity.activity.data.end());
            groups.insert(activity.activity.subject_groups.begin(), activity.activity.subject_groups.end());
            if (out.organisations.empty() || out.organisations.back().org_id != activity.org_id) {
                auto org = TRY(organisation_of(db, activity.org_id));
                out.organisations.push_back({activity.org_id, org.name, {}});
            }
            out.organisations.back().activities.push_back(std::move(activity));
        }
        out.data.assign(data.begin(), data.end());
        out.subject_groups.assign(groups.begin(), groups.end());
        return out;
    });
}

// --- a supplier's breach in every organisation it exposes ------------------------------------------

Result<std::vector<domain::Incident>> report_supplier_breach(App& app, const Actor& actor, std::string_view supplier_id,
                                                             domain::IncidentFacts base) {
    auto exposure = TRY(supplier_exposure(app, actor, supplier_id));
    if (exposure.organisations.empty())
        return fail(Error::invalid("supplier", "no processing activity of an organisation you serve uses this supplier"));
    auto add = [](std::vector<std::string>& to, const std::vector<std::string>& codes) {
        for (const auto& code : codes)
            if (std::find(to.begin(), to.end(), code) == to.end()) to.push_back(code);
    };
    std::vector<std::pair<std::string, domain::IncidentFacts>> reports;
    for (const auto& org : exposure.organisations) {
        auto facts = base;
        for (const auto& a : org.activities) {
            add(facts.data, a.activity.data);
            add(facts.subject_groups, a.activity.subject_groups);
            facts.processing_activities.push_back(a.id);
        }
        facts.processor_involved = true;
        if (text::trim(facts.processor_name).empty()) facts.processor_name = exposure.supplier.supplier.name;
        reports.emplace_back(org.org_id, std::move(facts));
    }
    return app.report_incidents(actor, std::move(reports));
}

} // namespace skydda::app
