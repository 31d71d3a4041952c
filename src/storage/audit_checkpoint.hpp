// Signed checkpoints of the audit trail's head: a small JSON statement (entry count, head entry,
// its MAC, the time, the public key) signed with Ed25519, written outside the database (a file
// the operator keeps, e.g. on a write-once mount). The chain alone cannot show that its last
// entries were cut off; a checkpoint can: an intact trail still holds the checkpoint's head.
#pragma once
#include "storage/audit_log.hpp"

namespace skydda::storage {

struct AuditCheckpoint {
    int64_t entries = 0;
    int64_t head_seq = 0;
    std::string head_mac;   // hex; "" for an empty trail
    std::string at;         // UTC RFC 3339
    std::string public_key; // Ed25519, hex
    std::string signature;  // Ed25519 over the fields above, hex
};

// Verifies the chain and signs its head with the Ed25519 key of `signing_seed` (32 bytes).
// A trail that does not verify is not signed (conflict, naming the problem).
Result<AuditCheckpoint> make_audit_checkpoint(Connection& db, std::string_view signing_seed, Instant at);
std::string checkpoint_json(const AuditCheckpoint& checkpoint);
// A malformed file is invalid_argument naming the field ("checkpoint.head_mac").
Result<AuditCheckpoint> parse_audit_checkpoint(std::string_view text);
// Compares a verified trail (`verification`, from verify_audit_chain) with a checkpoint; marks it
// not intact when the signature does not verify under `public_key` (ours, 32 raw bytes), or the
// trail no longer holds the checkpoint's head (truncated, or rewritten from there back).
Status check_audit_checkpoint(Connection& db, const AuditCheckpoint& checkpoint, std::string_view public_key,
                              AuditVerification& verification);

} // namespace skydda::storage
