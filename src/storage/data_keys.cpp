#include "storage/data_keys.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "storage/key_ring.hpp"
#include "util/crypto.hpp"
#include "util/sealed.hpp"

namespace skydda::storage {
namespace {

constexpr int64_t k_batch_rows = 100;

struct SealedColumn {
    const char* name;
    bool blob;
};
struct SealedTable {
    const char* name;
    std::vector<SealedColumn> columns;
};

// Every encrypted column. The repositories of these tables seal and open the same columns.
const std::vector<SealedTable>& sealed_tables() {
    static const std::vector<SealedTable> tables = {
        {"attachments", {{"filename", false}, {"data", true}}},
        {"scan_summaries", {{"summary_json", false}}},
        {"letter_recipients", {{"name", false}, {"address", false}, {"email", false}}},
    };
    return tables;
}

std::string joined_ad(std::string_view label, std::initializer_list<std::string_view> parts) {
    std::string ad(label);
    for (auto part : parts) {
        ad += '\0';
        ad += part;
    }
    return ad;
}

std::string field_ad(std::string_view org_id, std::string_view table, std::string_view column,
                     std::string_view row_id, std::string_view key_id) {
    return joined_ad("skydda/at-rest/v1", {org_id, table, column, row_id, key_id});
}

std::string wrap_ad(std::string_view org_id, std::string_view key_id) {
    return joined_ad("skydda/data-key/v1", {org_id, key_id});
}

Result<KeyRing*> ring_of(Connection& db) {
    if (!db.key_ring())
        return fail(Error::internal("encryption at rest needs the master key (key_dir/master.key or "
                                    "SKYDDA_MASTER_KEY), and this database was opened without one"));
    return db.key_ring();
}

Result<std::string> unwrap(KeyRing& ring, std::string_view org_id, std::string_view key_id,
                           std::string_view wrapped, std::string_view master_fingerprint) {
    auto master = ring.key_for(master_fingerprint);
    if (!master)
        return fail(Error::internal(fmt::format(
            "wrong master key: the data keys of this database are wrapped by master key {}, but {} holds key {}; "
            "point key_dir (or SKYDDA_MASTER_KEY) at the master.key this database was encrypted with",
            master_fingerprint, ring.origin(), ring.current_fingerprint())));
    auto key = crypto::unwrap_key(*master, wrap_ad(org_id, key_id), wrapped);
    if (!key || key->size() != crypto::k_secret_key_bytes)
        return fail(Error::internal(fmt::format("the data key {} of organisation {} does not unwrap with master key "
                                                "{}: its row in data_keys was altered",
                                                key_id, org_id, master_fingerprint)));
    return std::move(*key);
}

Error not_encrypted_yet(std::string_view table, std::string_view row_id) {
    return Error::internal(
        fmt::format("{} row {} is not encrypted yet; run skydda migrate with the master key", table, row_id));
}

// The columns of one table's sealed fields after "t.id, i.org_id, t.data_key_id".
std::string select_sealed(const SealedTable& table, std::string_view where) {
    std::string sql = "SELECT t.id, i.org_id, t.data_key_id";
    for (const auto& column : table.columns) sql += fmt::format(", t.{}", column.name);
    return sql + fmt::format(" FROM {} t JOIN incidents i ON i.id = t.incident_id WHERE {} ORDER BY t.id LIMIT {}",
                             table.name, where, k_batch_rows);
}

// Re-seals one batch of rows chosen by `where` (plaintext rows when `plaintext`, else rows
// sealed with a retired key) with their organisation's current key. Returns the rows done.
Result<int64_t> reseal_batch(Connection& db, const SealedTable& table, std::string_view where, bool plaintext) {
    auto rows = TRY(db.query(select_sealed(table, where)));
    std::map<std::string, RowSealer> sealers;
    RowOpener opener(db);
    std::string update = fmt::format("UPDATE {} SET ", table.name);
    for (const auto& column : table.columns) update += fmt::format("{} = ?, ", column.name);
    update += "data_key_id = ? WHERE id = ? AND ";
    update += plaintext ? "data_key_id IS NULL" : "data_key_id = ?";
    for (const auto& row : rows) {
        const auto id = row.text(0), org = row.text(1), old_key = row.text(2);
        auto found = sealers.find(org);
        if (found == sealers.end()) found = sealers.emplace(org, TRY(RowSealer::for_organisation(db, org))).first;
        const auto& sealer = found->second;
        std::vector<Value> values;
        for (size_t c = 0; c < table.columns.size(); ++c) {
            const auto& column = table.columns[c];
            if (row.is_null(3 + c)) {
                values.emplace_back(nullptr);
                continue;
            }
            std::string clear = plaintext ? row.blob(3 + c)
                                          : column.blob ? TRY(opener.open(org, old_key, table.name, column.name, id,
                                                                          row.blob(3 + c)))
                                                        : TRY(opener.open_text(org, old_key, table.name, column.name,
                                                                               id, row.text(3 + c)));
            values.emplace_back(column.blob ? sealer.seal_blob(table.name, column.name, id, clear)
                                            : sealer.seal_text(table.name, column.name, id, clear));
            crypto::wipe(clear);
        }
        values.emplace_back(sealer.key_id());
        values.emplace_back(id);
        if (!plaintext) values.emplace_back(old_key);
        TRY(db.execute(update, values));
    }
    return static_cast<int64_t>(rows.size());
}

// Runs batches of `where` on every sealed table until none is left, reporting progress.
Result<int64_t> reseal_all(Database& database, std::string_view where, bool plaintext, const Progress& progress) {
    int64_t total_done = 0;
    for (const auto& table : sealed_tables()) {
        auto total = TRY(transact_value<int64_t>(database, TxMode::read, [&](Connection& db) -> Result<int64_t> {
            auto rows = TRY(db.query(fmt::format("SELECT COUNT(*) FROM {} t WHERE {}", table.name, where)));
            return rows.at(0).integer(0);
        }));
        if (total == 0) continue;
        int64_t done = 0;
        while (true) {
            auto batch = TRY(transact_value<int64_t>(database, TxMode::write, [&](Connection& db) {
                return reseal_batch(db, table, where, plaintext);
            }));
            done += batch;
            if (progress) progress(table.name, done, std::max(done, total));
            if (batch < k_batch_rows) break;
        }
        total_done += done;
    }
    return total_done;
}

} // namespace

RowSealer::~RowSealer() { crypto::wipe(m_key); }

Result<RowSealer> RowSealer::for_incident(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query("SELECT org_id FROM incidents WHERE id = ?", {std::string(incident_id)}));
    if (rows.empty()) return fail(Error::not_found("no such case"));
    return for_organisation(db, rows[0].text(0));
}

Result<RowSealer> RowSealer::for_organisation(Connection& db, std::string_view org_id) {
    auto* ring = TRY(ring_of(db));
    auto rows = TRY(db.query("SELECT id, wrapped, master_fingerprint FROM data_keys WHERE org_id = ? AND retired = 0 "
                             "ORDER BY id",
                             {std::string(org_id)}));
    if (!rows.empty()) {
        auto key = TRY(unwrap(*ring, org_id, rows[0].text(0), rows[0].blob(1), rows[0].text(2)));
        return RowSealer(std::string(org_id), rows[0].text(0), std::move(key));
    }
    // The organisation's first encrypted row. The key files are read again first: another
    // server may have rotated the master key since this process loaded it.
    TRY_STATUS(ring->refresh());
    auto id = crypto::new_id();
    auto key = crypto::random_key();
    auto master = ring->current_key();
    auto wrapped = crypto::wrap_key(master, wrap_ad(org_id, id), key);
    crypto::wipe(master);
    TRY(db.execute("INSERT INTO data_keys (id, org_id, wrapped, master_fingerprint, retired) VALUES (?, ?, ?, ?, 0)",
                   {id, std::string(org_id), Blob{wrapped}, ring->current_fingerprint()}));
    return RowSealer(std::string(org_id), std::move(id), std::move(key));
}

std::string RowSealer::seal(std::string_view table, std::string_view column, std::string_view row_id,
                            std::string_view plaintext) const {
    return crypto::stream_seal(m_key, field_ad(m_org_id, table, column, row_id, m_key_id), plaintext);
}

Value RowSealer::seal_text(std::string_view table, std::string_view column, std::string_view row_id,
                           std::string_view plaintext) const {
    return crypto::to_base64(seal(table, column, row_id, plaintext));
}

RowOpener::~RowOpener() {
    for (auto& [id, key] : m_keys) crypto::wipe(key);
}

Result<std::string> RowOpener::data_key(std::string_view org_id, std::string_view key_id) {
    if (auto found = m_keys.find(key_id); found != m_keys.end()) return found->second;
    auto* ring = TRY(ring_of(m_db));
    auto rows = TRY(m_db.query("SELECT org_id, wrapped, master_fingerprint FROM data_keys WHERE id = ?",
                               {std::string(key_id)}));
    if (rows.empty())
        return fail(Error::internal(fmt::format("the data key {} named by an encrypted row is missing", key_id)));
    if (rows[0].text(0) != org_id)
        return fail(Error::internal(fmt::format("the data key {} belongs to another organisation", key_id)));
    auto key = TRY(unwrap(*ring, org_id, key_id, rows[0].blob(1), rows[0].text(2)));
    return m_keys.emplace(std::string(key_id), std::move(key)).first->second;
}

Result<std::string> RowOpener::open(std::string_view org_id, std::string_view key_id, std::string_view table,
                                    std::string_view column, std::string_view row_id, std::string_view sealed) {
    if (key_id.empty()) return fail(not_encrypted_yet(table, row_id));
    auto key = TRY(data_key(org_id, key_id));
    auto clear = crypto::stream_open(key, field_ad(org_id, table, column, row_id, key_id), sealed);
    if (!clear)
        return fail(Error::internal(fmt::format("the encrypted {}.{} of row {} does not open: it was altered or "
                                                "moved from another row",
                                                table, column, row_id)));
    return std::move(*clear);
}

Result<std::string> RowOpener::open_text(std::string_view org_id, std::string_view key_id, std::string_view table,
                                         std::string_view column, std::string_view row_id,
                                         const std::optional<std::string>& sealed) {
    if (!sealed) return std::string();
    if (key_id.empty()) return fail(not_encrypted_yet(table, row_id));
    auto bytes = crypto::from_base64(*sealed);
    if (!bytes)
        return fail(Error::internal(fmt::format("the encrypted {}.{} of row {} is not base64: it was altered", table,
                                                column, row_id)));
    return open(org_id, key_id, table, column, row_id, *bytes);
}

Status check_master_key(Connection& db) {
    auto* ring = TRY(ring_of(db));
    auto rows = TRY(db.query("SELECT id, org_id, wrapped, master_fingerprint FROM data_keys ORDER BY id LIMIT 1"));
    for (const auto& row : rows) TRY(unwrap(*ring, row.text(1), row.text(0), row.blob(2), row.text(3)));
    return {};
}

Result<int64_t> seal_plaintext_rows(Database& database, const Progress& progress) {
    if (!database.key_ring()) return 0;
    TRY_STATUS(database.transact(TxMode::read, [](Connection& db) { return check_master_key(db); }));
    return reseal_all(database, "t.data_key_id IS NULL", true, progress);
}

Result<int64_t> rewrap_data_keys(Database& database, const std::function<Status()>& when_all_current) {
    if (!database.key_ring()) return fail(Error::internal("keys rotate needs the master key"));
    int64_t wrapped_again = 0;
    while (true) {
        bool finished = false;
        TRY_STATUS(database.transact(TxMode::write, [&](Connection& db) -> Status {
            auto* ring = TRY(ring_of(db));
            const auto current = ring->current_fingerprint();
            auto rows = TRY(db.query("SELECT id, org_id, wrapped, master_fingerprint FROM data_keys "
                                     "WHERE master_fingerprint <> ? ORDER BY id LIMIT ?",
                                     {current, k_batch_rows}));
            if (rows.empty()) {
                finished = true;
                return when_all_current ? when_all_current() : Status{};
            }
            auto master = ring->current_key();
            for (const auto& row : rows) {
                auto key = TRY(unwrap(*ring, row.text(1), row.text(0), row.blob(2), row.text(3)));
                TRY(db.execute("UPDATE data_keys SET wrapped = ?, master_fingerprint = ? WHERE id = ?",
                               {Blob{crypto::wrap_key(master, wrap_ad(row.text(1), row.text(0)), key)}, current,
                                row.text(0)}));
                crypto::wipe(key);
            }
            crypto::wipe(master);
            wrapped_again += static_cast<int64_t>(rows.size());
            return {};
        }));
        if (finished) return wrapped_again;
    }
}

Result<int64_t> replace_data_keys(Database& database, const Progress& progress) {
    TRY_STATUS(database.transact(TxMode::write, [](Connection& db) -> Status {
        auto rows = TRY(db.query("SELECT id, org_id FROM data_keys WHERE retired = 0 ORDER BY id"));
        for (const auto& row : rows) {
            TRY(db.execute("UPDATE data_keys SET retired = 1 WHERE id = ?", {row.text(0)}));
            TRY(RowSealer::for_organisation(db, row.text(1)));
        }
        return {};
    }));
    auto done = TRY(reseal_all(database, "t.data_key_id IN (SELECT id FROM data_keys WHERE retired = 1)", false,
                               progress));
    TRY_STATUS(database.transact(TxMode::write, [](Connection& db) -> Status {
        std::string sql = "DELETE FROM data_keys WHERE retired = 1";
        for (const auto& table : sealed_tables())
            sql += fmt::format(" AND id NOT IN (SELECT data_key_id FROM {} WHERE data_key_id IS NOT NULL)", table.name);
        TRY(db.execute(sql));
        return {};
    }));
    return done;
}

} // namespace skydda::storage
