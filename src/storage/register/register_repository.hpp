// The register of processing activities as stored (migration 19): groups of organisations,
// the suppliers and systems of a group, and each organisation's processing activities with
// every version and their links to suppliers and systems. What the rows mean is in
// domain/register.hpp; who may see or change them is app's (app/register/).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/register.hpp"
#include "storage/database.hpp"

namespace skydda::storage {

struct GroupRecord {
    std::string id, name;
    Instant created_at{};
};
Status insert_group(Connection& db, const GroupRecord& group);
Result<std::optional<GroupRecord>> find_group(Connection& db, std::string_view id);
Result<std::vector<GroupRecord>> list_groups(Connection& db);
// Moves an organisation into a group ("" for none); false when there is no such organisation.
Result<bool> set_organisation_group(Connection& db, std::string_view org_id, std::string_view group_id);
// The organisation's group, "" when it has none.
Result<std::string> organisation_group(Connection& db, std::string_view org_id);
// The organisations of a group, by name.
Result<std::vector<std::string>> group_members(Connection& db, std::string_view group_id);

struct SupplierRecord {
    std::string id, group_id;
    domain::reg::Supplier supplier;
    int64_t version = 1;
    Instant created_at{}, updated_at{};
};
Status insert_supplier(Connection& db, const SupplierRecord& record);
// Writes the supplier and its sub-processors when the stored version is `record.version - 1`.
Result<bool> update_supplier(Connection& db, const SupplierRecord& record);
Result<std::optional<SupplierRecord>> find_supplier(Connection& db, std::string_view id);
Result<std::vector<SupplierRecord>> list_suppliers(Connection& db, std::string_view group_id);
// The suppliers that have `supplier_id` among their sub-processors.
Result<std::vector<std::string>> suppliers_using_sub_processor(Connection& db, std::string_view supplier_id);

struct SystemRecord {
    std::string id, group_id;
    domain::reg::System system;
    int64_t version = 1;
    Instant created_at{}, updated_at{};
};
Status insert_system(Connection& db, const SystemRecord& record);
Result<bool> update_system(Connection& db, const SystemRecord& record);
Result<std::optional<SystemRecord>> find_system(Connection& db, std::string_view id);
Result<std::vector<SystemRecord>> list_systems(Connection& db, std::string_view group_id);
Result<std::vector<SystemRecord>> systems_of_supplier(Connection& db, std::string_view supplier_id);

struct ActivityRecord {
    std::string id, org_id;
    domain::reg::Activity activity;
    domain::reg::ActivityStatus status = domain::reg::ActivityStatus::draft;
    int64_t version = 1;
    Instant created_at{}, updated_at{};
    std::string updated_by;
};
// The activity as its JSON document (what a version keeps) and back.
std::string activity_json(const domain::reg::Activity& activity);
Result<domain::reg::Activity> activity_from_json(std::string_view json);

// Inserts version 1 with its links and its first kept version.
Status insert_activity(Connection& db, const ActivityRecord& record);
// Writes `record` as version record.version when the stored one is record.version - 1 (false
// otherwise), with its links, and keeps that version.
Result<bool> update_activity(Connection& db, const ActivityRecord& record);
Result<std::optional<ActivityRecord>> find_activity(Connection& db, std::string_view id);
Result<std::vector<ActivityRecord>> list_activities(Connection& db, std::string_view org_id);
struct ActivityVersion {
    int64_t version = 0;
    domain::reg::ActivityStatus status = domain::reg::ActivityStatus::draft;
    domain::reg::Activity activity;
    Instant changed_at{};
    std::string changed_by;
};
Result<std::vector<ActivityVersion>> activity_versions(Connection& db, std::string_view activity_id);
// Whether every id in `ids` is an activity of the organisation.
Result<bool> activities_belong_to(Connection& db, std::string_view org_id, const std::vector<std::string>& ids);
// The activities (not archived) that name any of `supplier_ids` or any system of theirs.
Result<std::vector<ActivityRecord>> activities_using_suppliers(Connection& db,
                                                               const std::vector<std::string>& supplier_ids);

} // namespace skydda::storage
