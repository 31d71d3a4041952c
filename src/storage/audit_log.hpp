// The append-only, hash-chained audit trail (table audit_log). Each entry's hash covers every
// column of its row and the previous entry's hash, so altering, removing or reordering any
// entry breaks the chain from that point on; `verify_audit_chain` finds the first break.
#pragma once
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace skydda::storage {

inline constexpr std::string_view k_audit_genesis = "0000000000000000000000000000000000000000000000000000000000000000";

// Fills seq, prev_hash and hash; must run inside the write transaction of the change it records.
Result<AuditEntry> append_audit(Connection& db, AuditEntry entry);
std::string audit_entry_hash(const AuditEntry& entry); // over every column but `hash`

struct AuditVerification {
    int64_t entries = 0;
    bool intact = true;
    int64_t first_broken_seq = 0;
    std::string problem;
};
Result<AuditVerification> verify_audit_chain(Connection& db);
Result<std::vector<AuditEntry>> audit_for_entity(Connection& db, std::string_view entity,
                                                 std::string_view entity_id, size_t limit);
Result<std::vector<AuditEntry>> audit_for_incident(Connection& db, std::string_view incident_id, size_t limit);

} // namespace skydda::storage
