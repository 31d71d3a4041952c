// The register of processing activities (GDPR art. 30) as use cases: groups of organisations,
// the suppliers and systems a group keeps once for all its members, each organisation's
// processing activities with their versions, missing items and problems, and a supplier's
// exposure (which organisations and processings depend on it, through its sub-processors too).
// Who: a group's suppliers and systems are changed by the DPO or administrator of any member
// (Action::manage_register) and read also by those who read every case of a member; an
// activity is changed with manage_register in its organisation, approved by its DPO
// (Action::approve_register). Every change is audited before → after. Free functions over App.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "domain/register.hpp"
#include "storage/register/register_repository.hpp"

namespace skydda::app {
// The rows this capability hands to the web layer and the CLI, under app's name.
using storage::ActivityRecord;
using storage::ActivityVersion;
using storage::GroupRecord;
using storage::SupplierRecord;
using storage::SystemRecord;
// An activity's art. 30 items as its JSON document (the members the API reads and writes).
using storage::activity_json;

// --- groups (administration) ----------------------------------------------------------------
// `actor` null: the command line. A person needs Action::administer in some organisation.
Result<GroupRecord> add_group(App& app, const Actor* actor, std::string_view name);
Result<std::vector<GroupRecord>> list_groups(App& app);
// Moves an organisation into a group, "" out of any; the person must administer the
// organisation. A group's suppliers and systems stay with the group.
Status set_organisation_group(App& app, const Actor* actor, std::string_view org_id, std::string_view group_id);

// --- suppliers and systems of a group -----------------------------------------------------------
Result<SupplierRecord> add_supplier(App& app, const Actor& actor, std::string_view group_id,
                                    domain::reg::Supplier supplier);
// Over `expected_version` as read; a stale one is conflict.
Result<SupplierRecord> update_supplier(App& app, const Actor& actor, std::string_view supplier_id,
                                       domain::reg::Supplier supplier, int64_t expected_version);
Result<std::vector<SupplierRecord>> list_suppliers(App& app, const Actor& actor, std::string_view group_id);
Result<SupplierRecord> get_supplier(App& app, const Actor& actor, std::string_view supplier_id);
// domain::reg::supplier_flags on the app's today (Europe/Stockholm).
std::vector<std::string> supplier_flags(const App& app, const SupplierRecord& supplier);

Result<SystemRecord> add_system(App& app, const Actor& actor, std::string_view group_id, domain::reg::System system);
Result<SystemRecord> update_system(App& app, const Actor& actor, std::string_view system_id,
                                   domain::reg::System system, int64_t expected_version);
Result<std::vector<SystemRecord>> list_systems(App& app, const Actor& actor, std::string_view group_id);
Result<SystemRecord> get_system(App& app, const Actor& actor, std::string_view system_id);

// --- processing activities of an organisation ---------------------------------------------------
// The named systems and suppliers must be its group's, the unit its own, the owner one of its
// people, `on_behalf_of` its processor customers (invalid_argument naming the field). Saved as
// a draft with whatever is missing (domain::reg::missing_items).
Result<ActivityRecord> add_activity(App& app, const Actor& actor, std::string_view org_id,
                                    domain::reg::Activity activity);
// A changed activity goes back to draft: its approval was of what it said before.
Result<ActivityRecord> update_activity(App& app, const Actor& actor, std::string_view activity_id,
                                       domain::reg::Activity activity, int64_t expected_version);
// draft → approved (the DPO; only without missing items and problems) → archived; archived →
// draft reopens it.
Result<ActivityRecord> set_activity_status(App& app, const Actor& actor, std::string_view activity_id,
                                           domain::reg::ActivityStatus status, int64_t expected_version);
Result<std::vector<ActivityRecord>> list_activities(App& app, const Actor& actor, std::string_view org_id);
Result<ActivityRecord> get_activity(App& app, const Actor& actor, std::string_view activity_id);
Result<std::vector<ActivityVersion>> activity_history(App& app, const Actor& actor, std::string_view activity_id);

// --- a supplier's exposure ------------------------------------------------------------------------
struct ExposedOrganisation {
    std::string org_id, org_name;
    std::vector<ActivityRecord> activities;
};
struct SupplierExposure {
    SupplierRecord supplier;
    // The suppliers that use it as a sub-processor (their processings are exposed too).
    std::vector<SupplierRecord> through;
    std::vector<ExposedOrganisation> organisations; // only those the actor may see
    std::vector<std::string> data, subject_groups;  // every code of the exposed activities
    std::vector<SystemRecord> systems;              // the supplier's (and those it serves under)
};
Result<SupplierExposure> supplier_exposure(App& app, const Actor& actor, std::string_view supplier_id);

// The register as IMY asks to see it (art. 30(4)), in "sv" or "en": "json", "pdf", "html"
// through the document model (the controller, each activity not archived with its items in
// words, what is missing, the problems, the group's suppliers), "csv" or "xlsx" one row per
// activity. For those who read the organisation's register.
struct RegisterExport {
    std::string filename, content_type, bytes;
    int64_t activities = 0;
};
Result<RegisterExport> export_register(App& app, const Actor& actor, std::string_view org_id, std::string_view format,
                                       std::string_view language);

// A breach at a supplier opened in every organisation it exposes that the actor serves, in one
// transaction (every case or none): one case each with its own case number, the facts `base`
// with that organisation's exposed activities linked and their data categories and groups of
// people added, the supplier named as the processor. invalid_argument ("supplier") when no
// activity of such an organisation uses the supplier.
Result<std::vector<domain::Incident>> report_supplier_breach(App& app, const Actor& actor, std::string_view supplier_id,
                                                             domain::IncidentFacts base);

} // namespace skydda::app
