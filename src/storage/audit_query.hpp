// Reading the audit trail back for people (`skydda audit list`): the entries about one case,
// list reads that named it included, or of one action. The chain itself, its appending and its
// verification are storage/audit_log.hpp.
#pragma once
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace skydda::storage {

struct AuditQuery {
    std::string incident_id; // empty: every entry; else the case's own and the lists that named it
    std::string action;      // empty: every action
    size_t limit = 100;      // the newest entries that match
};

// Oldest first. `prev_hash` and `hash` are not read (verify_audit_chain checks them).
Result<std::vector<AuditEntry>> list_audit(Connection& db, const AuditQuery& query);

} // namespace skydda::storage
