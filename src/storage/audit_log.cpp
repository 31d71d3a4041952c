#include "storage/audit_log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "util/crypto.hpp"
#include "util/keyed_crypto.hpp"

namespace skydda::storage {
namespace {

// Whole statements as literals: GCC 12 warns falsely (-Warray-bounds) on strings built with +.
#define SKYDDA_AUDIT_COLUMNS "seq, at, actor_id, org_id, action, entity, entity_id, before_json, after_json, prev_hash, hash"
#define SKYDDA_CHAIN_SELECT "SELECT " SKYDDA_AUDIT_COLUMNS ", payload_hash, erased_at, erasure_mac FROM audit_log "
constexpr std::string_view k_page_sql = SKYDDA_CHAIN_SELECT "WHERE seq >= ? ORDER BY seq LIMIT 1000";
constexpr std::string_view k_last_keyed_sql =
    SKYDDA_CHAIN_SELECT "WHERE payload_hash IS NOT NULL ORDER BY seq DESC LIMIT 1";
constexpr std::string_view k_insert_sql = "INSERT INTO audit_log (" SKYDDA_AUDIT_COLUMNS
                                          ", payload_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view k_entity_sql = "SELECT " SKYDDA_AUDIT_COLUMNS
                                          " FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT ?";

// The actions whose entry every organisation and every case has (app/accounts/accounts.cpp,
// app/cases/incidents.cpp): a trail with fewer of them than the database has rows lost entries.
constexpr std::pair<const char*, const char*> k_creation_actions[] = {{"organisations", "organisation.add"},
                                                                      {"incidents", "incident.report"}};

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

// A row as the chain sees it: the entry, its stored time text, and the chain's own columns.
struct ChainRow {
    AuditEntry entry;
    std::string at_text;
    std::optional<std::string> payload_hash, erased_at, erasure_mac;
    bool payload_empty = true; // actor, entity id, before and after all NULL
};

ChainRow read_chain_row(const Row& row) {
    ChainRow out{read_entry(row), row.text(1), row.optional_text(11), row.optional_text(12), row.optional_text(13)};
    for (size_t column : {2, 6, 7, 8}) out.payload_empty = out.payload_empty && row.is_null(column);
    return out;
}

// Length-prefixed fields: no choice of content can make two different rows hash alike.
void add_field(std::string& out, std::string_view value) { fmt::format_to(std::back_inserter(out), "{}:{};", value.size(), value); }

Result<std::string_view> key_of(const Connection& db) {
    if (!db.audit_key()) return fail(Error::internal("the audit key is not set on the database (key_dir/audit.key)"));
    return std::string_view(db.audit_key()->mac_key);
}

// The payload's MAC rather than a plain hash: after its payload is erased, an entry's payload
// hash must not let anyone without the key confirm a guess of what it said.
std::string payload_hash(std::string_view key, const AuditEntry& entry) {
    std::string canonical = "skydda.audit.payload/1;";
    for (const std::string* value : {&entry.actor_id, &entry.entity_id, &entry.before_json, &entry.after_json})
        add_field(canonical, *value);
    return crypto::keyed_hash_hex(key, canonical);
}

std::string entry_mac(std::string_view key, int64_t seq, std::string_view at, const AuditEntry& entry,
                      std::string_view payload_hash) {
    std::string canonical = "skydda.audit.entry/2;";
    add_field(canonical, std::to_string(seq));
    add_field(canonical, at);
    for (std::string_view value : {std::string_view(entry.org_id), std::string_view(entry.action),
                                   std::string_view(entry.entity), payload_hash, std::string_view(entry.prev_hash)})
        add_field(canonical, value);
    return crypto::keyed_hash_hex(key, canonical);
}

std::string erasure_mac(std::string_view key, int64_t seq, std::string_view payload_hash, std::string_view erased_at) {
    std::string canonical = "skydda.audit.erased/1;";
    add_field(canonical, std::to_string(seq));
    add_field(canonical, payload_hash);
    add_field(canonical, erased_at);
    return crypto::keyed_hash_hex(key, canonical);
}

// What is wrong with one keyed entry, or "" when it verifies.
std::string check_entry(std::string_view key, const ChainRow& row, std::string_view previous) {
    const auto& entry = row.entry;
    if (!row.payload_hash)
        return "has no MAC (an entry from before the keyed chain, inserted or stripped after migration 10)";
    if (entry.prev_hash != previous) return "does not follow the entry before it (removed or reordered)";
    if (!crypto::equal_constant_time(entry_mac(key, entry.seq, row.at_text, entry, *row.payload_hash), entry.hash))
        return "its MAC does not verify: the entry was altered, or written without the key";
    if (row.erased_at) {
        if (!row.payload_empty || !row.erasure_mac ||
            !crypto::equal_constant_time(erasure_mac(key, entry.seq, *row.payload_hash, *row.erased_at), *row.erasure_mac))
            return "its payload was removed or replaced without the key";
    } else if (!crypto::equal_constant_time(payload_hash(key, entry), *row.payload_hash)) {
        return "its content was altered after it was written";
    }
    return {};
}

// Fewer creation entries than organisations or cases: the trail was emptied or its end cut off.
Result<std::string> missing_creations(Connection& db, int64_t entries) {
    for (const auto& [table, action] : k_creation_actions) {
        auto rows = TRY(db.query(std::string("SELECT COUNT(*) FROM ") + table));
        auto recorded = TRY(db.query("SELECT COUNT(*) FROM audit_log WHERE action = ?", {std::string(action)}));
        int64_t held = rows.at(0).integer(0), entries_of = recorded.at(0).integer(0);
        if (held <= entries_of) continue;
        if (entries == 0)
            return fmt::format("emptied: the database holds {} {} but the audit trail has no entries", held, table);
        return fmt::format("truncated: the database holds {} {} but the audit trail records the creation of only {} "
                           "({} entries); its last entries were removed",
                           held, table, entries_of, entries);
    }
    return std::string();
}

Result<std::vector<Row>> page_from(Connection& db, int64_t seq) { return db.query(k_page_sql, {seq}); }

} // namespace

std::string legacy_audit_hash(const AuditEntry& entry) {
    std::string canonical = "skydda.audit/1;";
    add_field(canonical, std::to_string(entry.seq));
    add_field(canonical, format_utc(entry.at));
    for (const std::string* value : {&entry.actor_id, &entry.org_id, &entry.action, &entry.entity, &entry.entity_id,
                                     &entry.before_json, &entry.after_json, &entry.prev_hash})
        add_field(canonical, *value);
    return crypto::hash_hex(canonical);
}

Result<AuditEntry> append_audit(Connection& db, AuditEntry entry) {
    auto key = TRY(key_of(db));
    auto last = TRY(db.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    entry.seq = last.empty() ? 1 : last[0].integer(0) + 1;
    entry.prev_hash = last.empty() ? std::string(k_audit_genesis) : last[0].text(1);
    auto at = format_utc(entry.at);
    auto payload = payload_hash(key, entry);
    entry.hash = entry_mac(key, entry.seq, at, entry, payload);
    TRY(db.execute(k_insert_sql,
                   {entry.seq, at, text_or_null(entry.actor_id), text_or_null(entry.org_id), entry.action,
                    entry.entity, text_or_null(entry.entity_id), text_or_null(entry.before_json),
                    text_or_null(entry.after_json), entry.prev_hash, entry.hash, payload}));
    return entry;
}

Result<AuditVerification> verify_audit_chain(Connection& db) {
    auto key = TRY(key_of(db));
    AuditVerification result;
    std::string previous(k_audit_genesis);
    int64_t expected_seq = 1;
    // Read in pages so a long trail never has to fit in memory at once.
    while (true) {
        auto rows = TRY(page_from(db, expected_seq));
        if (rows.empty()) break;
        for (const auto& stored : rows) {
            auto row = read_chain_row(stored);
            std::string problem = row.entry.seq != expected_seq
                                      ? fmt::format("entry {} is missing (found {} next)", expected_seq, row.entry.seq)
                                      : check_entry(key, row, previous);
            if (!problem.empty()) {
                result.intact = false;
                result.first_broken_seq = expected_seq; // the entry that is missing or does not verify
                result.problem = std::move(problem);
                return result;
            }
            if (row.erased_at) ++result.erased;
            previous = row.entry.hash;
            ++expected_seq;
            ++result.entries;
        }
    }
    result.head_mac = result.entries ? previous : std::string();
    auto missing = TRY(missing_creations(db, result.entries));
    if (!missing.empty()) {
        result.intact = false;
        result.problem = std::move(missing);
    }
    return result;
}

Result<bool> audit_trail_is_keyed(Connection& db) {
    // Before migration 10 there is no payload_hash column, hence no keyed entry.
    auto applied = db.query("SELECT 1 FROM schema_migrations WHERE version = 10");
    if (!applied || applied->empty()) return false;
    auto rows = TRY(db.query("SELECT 1 FROM audit_log WHERE payload_hash IS NOT NULL LIMIT 1"));
    return !rows.empty();
}

Result<std::string> check_audit_key(Connection& db) {
    auto key = TRY(key_of(db));
    auto rows = TRY(db.query(k_last_keyed_sql));
    if (rows.empty()) return std::string();
    auto row = read_chain_row(rows[0]);
    if (crypto::equal_constant_time(entry_mac(key, row.entry.seq, row.at_text, row.entry, *row.payload_hash),
                                    row.entry.hash))
        return std::string();
    return fmt::format("the audit key does not verify the audit trail's last entry ({}): this is not the key the "
                       "trail was written with (every server needs the same audit.key), or the entry was altered "
                       "(run skydda audit verify)",
                       row.entry.seq);
}

Status erase_audit_payload(Connection& db, int64_t seq, Instant at) {
    auto key = TRY(key_of(db));
    auto rows = TRY(db.query("SELECT payload_hash, erased_at FROM audit_log WHERE seq = ?", {seq}));
    if (rows.empty()) return fail(Error::not_found("no audit entry " + std::to_string(seq)));
    if (!rows[0].is_null(1)) return {};
    if (rows[0].is_null(0)) return fail(Error::conflict("audit entry " + std::to_string(seq) + " has no MAC"));
    auto erased_at = format_utc(at);
    TRY(db.execute("UPDATE audit_log SET actor_id = NULL, entity_id = NULL, before_json = NULL, after_json = NULL, "
                   "erased_at = ?, erasure_mac = ? WHERE seq = ?",
                   {erased_at, erasure_mac(key, seq, rows[0].text(0), erased_at), seq}));
    return {};
}

Result<int64_t> rechain_legacy_audit(Connection& db) {
    auto legacy = TRY(db.query("SELECT COUNT(*), MIN(seq) FROM audit_log WHERE payload_hash IS NULL"));
    int64_t count = legacy.at(0).integer(0);
    if (count == 0) return 0;
    auto keyed = TRY(db.query("SELECT COUNT(*) FROM audit_log WHERE payload_hash IS NOT NULL"));
    if (keyed.at(0).integer(0) > 0)
        return fail(Error::conflict(fmt::format(
            "the audit trail mixes keyed entries with unkeyed ones (entry {} has no MAC): it was tampered with; "
            "nothing was re-chained",
            legacy.at(0).integer(1))));
    auto key = TRY(key_of(db));
    // First the old chain, as the old code verified it; then the same entries again, re-chained.
    std::string previous(k_audit_genesis), previous_mac(k_audit_genesis);
    int64_t expected_seq = 1;
    while (true) {
        auto rows = TRY(page_from(db, expected_seq));
        if (rows.empty()) break;
        for (const auto& stored : rows) {
            auto entry = read_entry(stored);
            std::string problem = entry.seq != expected_seq ? fmt::format("entry {} is missing", expected_seq)
                                  : entry.prev_hash != previous ? "it does not follow the entry before it"
                                  : legacy_audit_hash(entry) != entry.hash ? "its content was altered"
                                                                           : "";
            if (!problem.empty())
                return fail(Error::conflict(fmt::format(
                    "the audit trail written before the keyed chain is broken at entry {} ({}); it was not re-chained",
                    expected_seq, problem)));
            previous = entry.hash;
            entry.prev_hash = previous_mac;
            auto payload = payload_hash(key, entry);
            previous_mac = entry_mac(key, entry.seq, stored.text(1), entry, payload);
            TRY(db.execute("UPDATE audit_log SET payload_hash = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                           {payload, entry.prev_hash, previous_mac, entry.seq}));
            ++expected_seq;
        }
    }
    AuditEntry note;
    note.at = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    note.action = "audit.rechain";
    note.entity = "audit_log";
    note.after_json = fmt::format(R"({{"rechained":{},"before":"verified with the unkeyed hash only"}})", count);
    TRY(append_audit(db, std::move(note)));
    return count;
}

Result<std::vector<AuditEntry>> audit_for_entity(Connection& db, std::string_view entity, std::string_view entity_id,
                                                 size_t limit) {
    auto rows = TRY(db.query(k_entity_sql, {std::string(entity), std::string(entity_id), static_cast<int64_t>(limit)}));
    std::vector<AuditEntry> out;
    for (const auto& row : rows) out.push_back(read_entry(row));
    return out;
}

Result<std::vector<AuditEntry>> audit_for_incident(Connection& db, std::string_view incident_id, size_t limit) {
    return audit_for_entity(db, "incident", incident_id, limit);
}

Result<std::vector<AuditEntry>> list_audit(Connection& db, const AuditQuery& query) {
    std::string sql = "SELECT " SKYDDA_AUDIT_COLUMNS " FROM audit_log WHERE 1 = 1";
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
    for (const auto& row : TRY(db.query(sql, params))) out.push_back(read_entry(row));
    std::reverse(out.begin(), out.end());
    return out;
}

namespace {

// The case's entries: its own, and its processor notices' (named by the case or a notice).
constexpr std::string_view k_case_trail_where =
    " WHERE ((entity = 'incident' AND entity_id = ?) OR (entity = 'processor_notice' AND (entity_id = ?"
    " OR entity_id IN (SELECT id FROM processor_notices WHERE incident_id = ?))))";
constexpr std::string_view k_read_action = "(action LIKE '%.read' OR action LIKE '%.read:%')";

} // namespace

Result<std::vector<AuditEntry>> case_trail(Connection& db, const CaseTrailQuery& query) {
    std::string sql = "SELECT " SKYDDA_AUDIT_COLUMNS " FROM audit_log";
    sql += k_case_trail_where;
    std::vector<Value> params{query.incident_id, query.incident_id, query.incident_id};
    if (query.kind == TrailKind::reads) {
        sql += " AND ";
        sql += k_read_action;
    } else if (query.kind == TrailKind::changes) {
        sql += " AND NOT ";
        sql += k_read_action;
    }
    if (query.after_seq > 0) {
        sql += " AND seq > ? ORDER BY seq ASC LIMIT ?";
        params.emplace_back(query.after_seq);
    } else if (query.before_seq > 0) {
        sql += " AND seq < ? ORDER BY seq DESC LIMIT ?";
        params.emplace_back(query.before_seq);
    } else {
        sql += " ORDER BY seq DESC LIMIT ?";
    }
    params.emplace_back(static_cast<int64_t>(query.limit));
    std::vector<AuditEntry> out;
    for (const auto& row : TRY(db.query(sql, params))) out.push_back(read_entry(row));
    return out;
}

Result<TrailReads> case_trail_reads(Connection& db, std::string_view incident_id) {
    std::string sql = "SELECT COUNT(*), COUNT(DISTINCT COALESCE(actor_id, '')) FROM audit_log";
    sql += k_case_trail_where;
    sql += " AND ";
    sql += k_read_action;
    std::string id(incident_id);
    auto rows = TRY(db.query(sql, {id, id, id}));
    if (rows.empty()) return TrailReads{};
    return TrailReads{rows.front().integer(0), rows.front().integer(1)};
}

} // namespace skydda::storage
