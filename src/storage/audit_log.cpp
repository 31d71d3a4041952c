#include "storage/audit_log.hpp"

#include <fmt/format.h>

#include "util/crypto.hpp"

namespace skydda::storage {
namespace {

constexpr const char* k_audit_columns =
    "seq, at, actor_id, org_id, action, entity, entity_id, before_json, after_json, prev_hash, hash";

AuditEntry read_entry(const Row& row) {
    AuditEntry entry;
    entry.seq = row.integer(0);
    auto at = parse_rfc3339(row.text(1), "at");
    entry.at = at ? *at : Instant{};
    entry.actor_id = row.text(2);
    entry.org_id = row.text(3);
    entry.action = row.text(4);
    entry.entity = row.text(5);
    entry.entity_id = row.text(6);
    entry.before_json = row.text(7);
    entry.after_json = row.text(8);
    entry.prev_hash = row.text(9);
    entry.hash = row.text(10);
    return entry;
}

// Length-prefixed fields: no choice of content can make two different rows hash alike.
void add_field(std::string& out, std::string_view value) { fmt::format_to(std::back_inserter(out), "{}:{};", value.size(), value); }

} // namespace

std::string audit_entry_hash(const AuditEntry& entry) {
    std::string canonical = "skydda.audit/1;";
    add_field(canonical, std::to_string(entry.seq));
    add_field(canonical, format_utc(entry.at));
    for (const std::string* value : {&entry.actor_id, &entry.org_id, &entry.action, &entry.entity, &entry.entity_id,
                                     &entry.before_json, &entry.after_json, &entry.prev_hash})
        add_field(canonical, *value);
    return crypto::hash_hex(canonical);
}

Result<AuditEntry> append_audit(Connection& db, AuditEntry entry) {
    auto last = TRY(db.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    entry.seq = last.empty() ? 1 : last[0].integer(0) + 1;
    entry.prev_hash = last.empty() ? std::string(k_audit_genesis) : last[0].text(1);
    entry.hash = audit_entry_hash(entry);
    TRY(db.execute(std::string("INSERT INTO audit_log (") + k_audit_columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {entry.seq, format_utc(entry.at), text_or_null(entry.actor_id), text_or_null(entry.org_id),
                    entry.action, entry.entity, text_or_null(entry.entity_id), text_or_null(entry.before_json),
                    text_or_null(entry.after_json), entry.prev_hash, entry.hash}));
    return entry;
}

Result<AuditVerification> verify_audit_chain(Connection& db) {
    AuditVerification result;
    std::string previous(k_audit_genesis);
    int64_t expected_seq = 1;
    // Read in pages so a long trail never has to fit in memory at once.
    while (true) {
        auto rows = TRY(db.query(std::string("SELECT ") + k_audit_columns +
                                     " FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT 1000",
                                 {expected_seq}));
        if (rows.empty()) break;
        for (const auto& row : rows) {
            auto entry = read_entry(row);
            auto broken = [&](std::string problem) {
                result.intact = false;
                result.first_broken_seq = entry.seq;
                result.problem = std::move(problem);
                return result;
            };
            if (entry.seq != expected_seq)
                return broken(fmt::format("entry {} is missing (found {} next)", expected_seq, entry.seq));
            if (entry.prev_hash != previous) return broken("does not follow the entry before it (removed or reordered)");
            if (audit_entry_hash(entry) != entry.hash) return broken("its content was altered after it was written");
            previous = entry.hash;
            ++expected_seq;
            ++result.entries;
        }
    }
    return result;
}

Result<std::vector<AuditEntry>> audit_for_entity(Connection& db, std::string_view entity, std::string_view entity_id,
                                                 size_t limit) {
    auto rows = TRY(db.query(std::string("SELECT ") + k_audit_columns +
                                 " FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT ?",
                             {std::string(entity), std::string(entity_id), static_cast<int64_t>(limit)}));
    std::vector<AuditEntry> out;
    for (const auto& row : rows) out.push_back(read_entry(row));
    return out;
}

Result<std::vector<AuditEntry>> audit_for_incident(Connection& db, std::string_view incident_id, size_t limit) {
    return audit_for_entity(db, "incident", incident_id, limit);
}

} // namespace skydda::storage
