// The storage interface both backends implement: a connection that runs parameterised SQL, and
// a database that hands out connections inside transactions. SQL in repositories is kept
// portable (SQLite and PostgreSQL 15): `?` placeholders (rewritten to $n for PostgreSQL),
// TEXT timestamps in UTC RFC 3339, INTEGER counts, no backend-specific functions.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/error.hpp"
#include "util/time.hpp"

namespace skydda::storage {

struct AuditKey; // storage/audit_log.hpp
class KeyRing; // storage/key_ring.hpp: the master keys of encryption at rest

struct Blob {
    std::string bytes;
};
using Value = std::variant<std::nullptr_t, int64_t, double, std::string, Blob>;

Value optional_text(const std::optional<std::string>& value);
Value optional_integer(const std::optional<int64_t>& value);
Value text_or_null(const std::string& value); // "" is stored as NULL
Value time_or_null(const std::optional<Instant>& value); // UTC RFC 3339 text or NULL

class Row {
public:
    explicit Row(std::vector<Value> values) : m_values(std::move(values)) {}
    bool is_null(size_t column) const;
    std::string text(size_t column) const;           // "" for NULL
    int64_t integer(size_t column) const;            // 0 for NULL
    std::optional<std::string> optional_text(size_t column) const;
    std::optional<int64_t> optional_integer(size_t column) const;
    std::string blob(size_t column) const;
    Instant time(size_t column) const; // stored UTC RFC 3339 text; the epoch for NULL
    std::optional<Instant> optional_time(size_t column) const;
    size_t size() const { return m_values.size(); }
    const Value& value(size_t column) const { return m_values.at(column); }

private:
    std::vector<Value> m_values;
};

class Connection {
public:
    virtual ~Connection() = default;
    virtual Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
    // Returns the number of rows changed.
    virtual Result<int64_t> execute(std::string_view sql, const std::vector<Value>& params = {}) = 0;
    // Runs several statements without parameters (migrations).
    virtual Status execute_script(std::string_view sql) = 0;
    virtual std::string_view dialect() const = 0; // "sqlite" or "postgresql"
    // The audit chain's key of the Database this connection belongs to (null when none is set);
    // the audit functions (storage/audit_log.hpp) read it, so their callers need not pass it.
    const AuditKey* audit_key() const { return m_audit_key; }
    void use_audit_key(const AuditKey* key) { m_audit_key = key; }

    // The master keys of the database this connection belongs to (null: opened without one).
    KeyRing* key_ring() const { return m_key_ring; }
    void use_key_ring(KeyRing* ring) { m_key_ring = ring; }

private:
    const AuditKey* m_audit_key = nullptr;
    KeyRing* m_key_ring = nullptr;
};

enum class TxMode { read, write };

class Database {
public:
    virtual ~Database() = default;
    // Runs `work` in one transaction: committed when it succeeds, rolled back when it returns an
    // error (or throws). Write transactions are serialised so that counters stay gap-free.
    virtual Status transact(TxMode mode, const std::function<Status(Connection&)>& work) = 0;
    virtual std::string_view dialect() const = 0;
    virtual std::string describe() const = 0; // for logs and `config show`, no secrets
    // The key the audit chain is written and verified with (kept outside the database: cli
    // loads it from key_dir/audit.key or SKYDDA_AUDIT_KEY). Set it once, before the first
    // transaction; every connection handed to `work` carries it.
    void set_audit_key(std::shared_ptr<const AuditKey> key) { m_audit_key = std::move(key); }
    const AuditKey* audit_key() const { return m_audit_key.get(); }

    // Set by whoever opens the database (cli) before its first transaction; handed to every
    // connection, so repositories can encrypt and decrypt at rest (storage/data_keys.hpp).
    void set_key_ring(std::shared_ptr<KeyRing> ring) { m_key_ring = std::move(ring); }
    KeyRing* key_ring() const { return m_key_ring.get(); }

private:
    std::shared_ptr<const AuditKey> m_audit_key;
    std::shared_ptr<KeyRing> m_key_ring;
};

struct DatabaseOptions {
    size_t pool_size = 8; // connections kept open (PostgreSQL: at most this many at once)
};

// "sqlite:PATH" (the file is created; its folder too) or "postgresql://..." / "postgres://..."
// (a libpq connection URI).
Result<std::unique_ptr<Database>> open_database(std::string_view url, const DatabaseOptions& options = {});
Result<std::unique_ptr<Database>> open_sqlite(std::string_view path, const DatabaseOptions& options = {});
Result<std::unique_ptr<Database>> open_postgresql(std::string_view url, const DatabaseOptions& options = {});

// Convenience: run `work` and return its value.
template <class T, class Work>
Result<T> transact_value(Database& database, TxMode mode, Work&& work) {
    std::optional<T> out;
    auto status = database.transact(mode, [&](Connection& connection) -> Status {
        auto result = work(connection);
        if (!result) return std::unexpected(result.error());
        out.emplace(std::move(*result));
        return {};
    });
    if (!status) return std::unexpected(status.error());
    return std::move(*out);
}

} // namespace skydda::storage
