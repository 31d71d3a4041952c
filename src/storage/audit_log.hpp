// The append-only audit trail (table audit_log), chained with a key kept outside the database.
// Each entry carries the keyed hash of its payload (who acted, on which record, and the
// before/after details: the columns that may hold personal data), and its MAC covers its seq,
// time, organisation, action, entity, that payload hash and the previous entry's MAC. Whoever
// holds the database but not the key can neither alter, remove nor reorder entries, nor forge a
// new chain; `verify_audit_chain` finds the first break. A payload can later be erased (retention)
// with the key: the chain still verifies and says how many payloads were erased. The MACs are
// libsodium's keyed BLAKE2b (crypto_generichash with a 32-byte key). Before migration 10 the
// chain was an unkeyed BLAKE2b hash; migration 10 verifies such a chain and re-chains it.
#pragma once
#include "storage/database.hpp"
#include "domain/records.hpp"

namespace skydda::storage {
using domain::AuditEntry;

// Set on the Database (Database::set_audit_key) by whoever opens it; every server of one
// database must use the same key.
struct AuditKey {
    std::string mac_key; // 32 raw bytes
};

inline constexpr std::string_view k_audit_genesis = "0000000000000000000000000000000000000000000000000000000000000000";

// Fills seq, prev_hash (the previous entry's MAC) and hash (this entry's MAC); must run inside
// the write transaction of the change it records, on a database with an audit key.
Result<AuditEntry> append_audit(Connection& db, AuditEntry entry);

struct AuditVerification {
    int64_t entries = 0;
    bool intact = true;
    int64_t first_broken_seq = 0; // 0 when the break is not one entry (the trail emptied or truncated)
    std::string problem;
    int64_t erased = 0;   // entries whose payload was erased with the key (they still verify)
    std::string head_mac; // the last entry's MAC ("" for an empty trail)
};
// Walks the whole chain with the database's key, then checks that it is not shorter than the
// database's cases imply (each organisation and each case has its creation entry), so an
// emptied trail, or one whose last entries were cut off, is not "intact".
Result<AuditVerification> verify_audit_chain(Connection& db);

// Whether the trail already holds keyed entries (then no new key may be made for it), and
// whether the database's key verifies the trail's last entry ("" when it does, or there is none;
// else what is wrong: a server given another key than the trail was written with).
Result<bool> audit_trail_is_keyed(Connection& db);
Result<std::string> check_audit_key(Connection& db);

// Replaces entry `seq`'s payload (actor, entity id, before/after) with an erasure marker signed
// with the key (erased_at, erasure_mac). For the retention work; the entry keeps its place.
Status erase_audit_payload(Connection& db, int64_t seq, Instant at);

// The unkeyed hash of schema versions 3..9 over every column but `hash`; only for verifying a
// chain written before migration 10.
std::string legacy_audit_hash(const AuditEntry& entry);
// Verifies the entries written before migration 10 (no payload hash) by their unkeyed chain and
// re-chains them with the key, then appends an `audit.rechain` entry saying so. Refuses (and
// changes nothing) when that chain is broken or entries of both kinds are mixed. Returns how
// many entries were re-chained (0 when there were none).
Result<int64_t> rechain_legacy_audit(Connection& db);

Result<std::vector<AuditEntry>> audit_for_entity(Connection& db, std::string_view entity,
                                                 std::string_view entity_id, size_t limit);
Result<std::vector<AuditEntry>> audit_for_incident(Connection& db, std::string_view incident_id, size_t limit);

struct AuditQuery {
    std::string incident_id; // empty: every entry; else the case's own and the lists that named it
    std::string action;      // empty: every action
    size_t limit = 100;      // the newest entries that match
};

// Reading the trail back for people (`skydda audit list`): the entries about one case, list
// reads that named it included, or of one action; oldest first.
Result<std::vector<AuditEntry>> list_audit(Connection& db, const AuditQuery& query);

// One case's history for its log page (app/cases/case_log.cpp): the case's own entries and those of
// its processor notices (entity "processor_notice", named by the case or by one of its
// notices), reads (actions "*.read", "*.read:*") or changes or both. Newest first below
// `before_seq` (0: from the newest), or, when `after_seq` is set, oldest first above it.
enum class TrailKind { all, changes, reads };
struct CaseTrailQuery {
    std::string incident_id;
    TrailKind kind = TrailKind::all;
    int64_t before_seq = 0;
    int64_t after_seq = 0;
    size_t limit = 100;
};
Result<std::vector<AuditEntry>> case_trail(Connection& db, const CaseTrailQuery& query);
// How many reads the case's history holds and by how many people (the local operator counts
// as one).
struct TrailReads {
    int64_t reads = 0, readers = 0;
};
Result<TrailReads> case_trail_reads(Connection& db, std::string_view incident_id);

} // namespace skydda::storage
