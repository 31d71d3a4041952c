// The register's processing activities as stored: the JSON document of an activity, its kept
// versions and its links to the group's suppliers and systems (register_repository.hpp).
#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "storage/register/register_repository.hpp"

namespace skydda::storage {
namespace json = boost::json;
using namespace domain::reg;

namespace {

json::array strings(const std::vector<std::string>& values) {
    json::array out;
    for (const auto& value : values) out.emplace_back(value);
    return out;
}
std::vector<std::string> strings_of(const json::object& object, std::string_view key) {
    std::vector<std::string> out;
    if (const auto* array = object.if_contains(key); array && array->is_array())
        for (const auto& value : array->as_array())
            if (value.is_string()) out.emplace_back(value.as_string());
    return out;
}
std::string string_of(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

Status replace_links(Connection& db, std::string_view table, std::string_view column, std::string_view activity_id,
                     const std::vector<std::string>& ids) {
    TRY(db.execute(fmt::format("DELETE FROM {} WHERE activity_id = ?", table), {std::string(activity_id)}));
    std::vector<std::string> seen;
    for (const auto& id : ids) {
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
        seen.push_back(id);
        TRY(db.execute(fmt::format("INSERT INTO {} (activity_id, {}) VALUES (?, ?)", table, column),
                       {std::string(activity_id), id}));
    }
    return {};
}

constexpr const char* k_activity_columns =
    "id, org_id, status, version, body_json, created_at, updated_at, updated_by";

Result<ActivityRecord> read_activity(const Row& row) {
    ActivityRecord r;
    r.id = row.text(0);
    r.org_id = row.text(1);
    r.status = parse_activity_status(row.text(2)).value_or(ActivityStatus::draft);
    r.version = row.integer(3);
    r.activity = TRY(activity_from_json(row.text(4)));
    r.created_at = row.time(5);
    r.updated_at = row.time(6);
    r.updated_by = row.text(7);
    return r;
}

} // namespace

// --- processing activities --------------------------------------------------------------------

std::string activity_json(const Activity& a) {
    json::array recipients, transfers;
    for (const auto& r : a.recipients)
        recipients.push_back(json::object{{"name", r.name}, {"kind", recipient_kind_name(r.kind)}, {"country", r.country}});
    for (const auto& t : a.transfers)
        transfers.push_back(json::object{{"country", t.country},
                                         {"mechanism", t.mechanism ? json::value(transfer_mechanism_name(*t.mechanism))
                                                                   : json::value(nullptr)},
                                         {"supplier", t.supplier_id}});
    json::object out{{"name", a.name},
                     {"purposes", strings(a.purposes)},
                     {"legal_bases", strings(a.legal_bases)},
                     {"balancing_test", a.balancing_test},
                     {"special_category_bases", strings(a.special_category_bases)},
                     {"criminal_data_basis", a.criminal_data_basis},
                     {"subject_groups", strings(a.subject_groups)},
                     {"data", strings(a.data)},
                     {"sources", a.sources},
                     {"recipients", std::move(recipients)},
                     {"systems", strings(a.systems)},
                     {"suppliers", strings(a.suppliers)},
                     {"transfers", std::move(transfers)},
                     {"retention", a.retention},
                     {"security_measures", a.security_measures},
                     {"responsible_unit", a.responsible_unit},
                     {"owner", a.owner},
                     {"review_interval_months",
                      a.review_interval_months ? json::value(*a.review_interval_months) : json::value(nullptr)},
                     {"on_behalf_of", strings(a.on_behalf_of)}};
    return json::serialize(out);
}

Result<Activity> activity_from_json(std::string_view text) {
    boost::system::error_code ec;
    auto parsed = json::parse(text, ec);
    if (ec || !parsed.is_object()) return fail(Error::internal("a stored processing activity is not a JSON object"));
    const auto& o = parsed.as_object();
    Activity a;
    a.name = string_of(o, "name");
    a.purposes = strings_of(o, "purposes");
    a.legal_bases = strings_of(o, "legal_bases");
    a.balancing_test = string_of(o, "balancing_test");
    a.special_category_bases = strings_of(o, "special_category_bases");
    a.criminal_data_basis = string_of(o, "criminal_data_basis");
    a.subject_groups = strings_of(o, "subject_groups");
    a.data = strings_of(o, "data");
    a.sources = string_of(o, "sources");
    if (const auto* list = o.if_contains("recipients"); list && list->is_array())
        for (const auto& item : list->as_array())
            if (item.is_object())
                a.recipients.push_back({string_of(item.as_object(), "name"),
                                        parse_recipient_kind(string_of(item.as_object(), "kind")).value_or(RecipientKind::internal),
                                        string_of(item.as_object(), "country")});
    a.systems = strings_of(o, "systems");
    a.suppliers = strings_of(o, "suppliers");
    if (const auto* list = o.if_contains("transfers"); list && list->is_array())
        for (const auto& item : list->as_array())
            if (item.is_object())
                a.transfers.push_back({string_of(item.as_object(), "country"),
                                       parse_transfer_mechanism(string_of(item.as_object(), "mechanism")),
                                       string_of(item.as_object(), "supplier")});
    a.retention = string_of(o, "retention");
    a.security_measures = string_of(o, "security_measures");
    a.responsible_unit = string_of(o, "responsible_unit");
    a.owner = string_of(o, "owner");
    if (const auto* months = o.if_contains("review_interval_months"); months && months->is_int64())
        a.review_interval_months = static_cast<int>(months->as_int64());
    a.on_behalf_of = strings_of(o, "on_behalf_of");
    return a;
}

namespace {
Status keep_version(Connection& db, const ActivityRecord& r, const std::string& body) {
    TRY(db.execute("INSERT INTO processing_activity_versions (activity_id, version, status, body_json, changed_at, "
                   "changed_by) VALUES (?, ?, ?, ?, ?, ?)",
                   {r.id, r.version, std::string(activity_status_name(r.status)), body, format_utc(r.updated_at),
                    text_or_null(r.updated_by)}));
    TRY_STATUS(replace_links(db, "activity_suppliers", "supplier_id", r.id, r.activity.suppliers));
    return replace_links(db, "activity_systems", "system_id", r.id, r.activity.systems);
}
} // namespace

Status insert_activity(Connection& db, const ActivityRecord& r) {
    auto body = activity_json(r.activity);
    TRY(db.execute(fmt::format("INSERT INTO processing_activities ({}, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               k_activity_columns),
                   {r.id, r.org_id, std::string(activity_status_name(r.status)), r.version, body, format_utc(r.created_at),
                    format_utc(r.updated_at), text_or_null(r.updated_by), r.activity.name}));
    return keep_version(db, r, body);
}

Result<bool> update_activity(Connection& db, const ActivityRecord& r) {
    auto body = activity_json(r.activity);
    auto changed = TRY(db.execute("UPDATE processing_activities SET name = ?, status = ?, version = ?, body_json = ?, "
                                  "updated_at = ?, updated_by = ? WHERE id = ? AND version = ?",
                                  {r.activity.name, std::string(activity_status_name(r.status)), r.version, body,
                                   format_utc(r.updated_at), text_or_null(r.updated_by), r.id, r.version - 1}));
    if (changed != 1) return false;
    TRY_STATUS(keep_version(db, r, body));
    return true;
}

Result<std::optional<ActivityRecord>> find_activity(Connection& db, std::string_view id) {
    auto rows = TRY(db.query(fmt::format("SELECT {} FROM processing_activities WHERE id = ?", k_activity_columns),
                             {std::string(id)}));
    if (rows.empty()) return std::optional<ActivityRecord>();
    return std::optional<ActivityRecord>(TRY(read_activity(rows[0])));
}

Result<std::vector<ActivityRecord>> list_activities(Connection& db, std::string_view org_id) {
    std::vector<ActivityRecord> out;
    for (const auto& row : TRY(db.query(
             fmt::format("SELECT {} FROM processing_activities WHERE org_id = ? ORDER BY name, id", k_activity_columns),
             {std::string(org_id)})))
        out.push_back(TRY(read_activity(row)));
    return out;
}

Result<std::vector<ActivityVersion>> activity_versions(Connection& db, std::string_view activity_id) {
    std::vector<ActivityVersion> out;
    for (const auto& row : TRY(db.query("SELECT version, status, body_json, changed_at, changed_by FROM "
                                        "processing_activity_versions WHERE activity_id = ? ORDER BY version",
                                        {std::string(activity_id)})))
        out.push_back({row.integer(0), parse_activity_status(row.text(1)).value_or(ActivityStatus::draft),
                       TRY(activity_from_json(row.text(2))), row.time(3), row.text(4)});
    return out;
}

Result<bool> activities_belong_to(Connection& db, std::string_view org_id, const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
        auto rows = TRY(db.query("SELECT 1 FROM processing_activities WHERE id = ? AND org_id = ?", {id, std::string(org_id)}));
        if (rows.empty()) return false;
    }
    return true;
}

Result<std::vector<ActivityRecord>> activities_using_suppliers(Connection& db, const std::vector<std::string>& supplier_ids) {
    std::vector<ActivityRecord> out;
    if (supplier_ids.empty()) return out;
    std::string list;
    std::vector<Value> params;
    for (size_t k = 0; k < supplier_ids.size(); ++k) {
        list += k ? ", ?" : "?";
        params.emplace_back(supplier_ids[k]);
    }
    auto both = params;
    both.insert(both.end(), params.begin(), params.end());
    auto sql = fmt::format(
        "SELECT {} FROM processing_activities WHERE status <> 'archived' AND (id IN (SELECT activity_id FROM "
        "activity_suppliers WHERE supplier_id IN ({})) OR id IN (SELECT s.activity_id FROM activity_systems s JOIN systems "
        "y ON y.id = s.system_id WHERE y.supplier_id IN ({}))) ORDER BY org_id, name, id",
        k_activity_columns, list, list);
    for (const auto& row : TRY(db.query(sql, both))) out.push_back(TRY(read_activity(row)));
    return out;
}

} // namespace skydda::storage
