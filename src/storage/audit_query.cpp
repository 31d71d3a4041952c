#include "storage/audit_query.hpp"

#include <algorithm>

namespace skydda::storage {

Result<std::vector<AuditEntry>> list_audit(Connection& db, const AuditQuery& query) {
    std::string sql = "SELECT seq, at, actor_id, org_id, action, entity, entity_id, before_json, after_json "
                      "FROM audit_log WHERE 1 = 1";
    std::vector<Value> params;
    if (!query.incident_id.empty()) {
        // A list read names the case in its detail ({"cases": [...]}); ids are hex, so the
        // pattern needs no escaping (the caller checks that).
        sql += " AND ((entity = 'incident' AND entity_id = ?) OR (entity <> 'incident' AND after_json LIKE ?))";
        params.emplace_back(query.incident_id);
        params.emplace_back("%\"" + query.incident_id + "\"%");
    }
    if (!query.action.empty()) {
        sql += " AND action = ?";
        params.emplace_back(query.action);
    }
    sql += " ORDER BY seq DESC LIMIT ?";
    params.emplace_back(static_cast<int64_t>(query.limit));
    std::vector<AuditEntry> out;
    for (const auto& row : TRY(db.query(sql, params))) {
        AuditEntry entry;
        entry.seq = row.integer(0);
        entry.at = row.time(1);
        entry.actor_id = row.text(2);
        entry.org_id = row.text(3);
        entry.action = row.text(4);
        entry.entity = row.text(5);
        entry.entity_id = row.text(6);
        entry.before_json = row.text(7);
        entry.after_json = row.text(8);
        out.push_back(std::move(entry));
    }
    std::reverse(out.begin(), out.end());
    return out;
}

} // namespace skydda::storage
