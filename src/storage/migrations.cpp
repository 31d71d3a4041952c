#include "storage/migrations.hpp"

#include <chrono>
#include <string>

#include "storage/data_keys.hpp"
#include "storage/cases/duty_repository.hpp"
#include "storage/migration_list.hpp"

namespace skydda::storage {
namespace {

std::string for_dialect(std::string sql, std::string_view dialect) {
    auto replace = [&](std::string_view token, std::string_view with) {
        for (size_t pos; (pos = sql.find(token)) != std::string::npos;) sql.replace(pos, token.size(), with);
    };
    replace("{blob}", dialect == "postgresql" ? "BYTEA" : "BLOB");
    return sql;
}

} // namespace

int latest_schema_version() { return migration_list().back().version; }

Result<int> migrate(Database& database) {
    // Every step is a write transaction, and writers are serialised on both backends (SQLite's
    // write lock; PostgreSQL's advisory lock across servers), so N servers starting at once
    // each see the others' applied versions and every migration runs exactly once.
    TRY_STATUS(database.transact(TxMode::write, [](Connection& connection) -> Status {
        return connection.execute_script(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at TEXT NOT NULL)");
    }));
    int applied = 0;
    for (const auto& migration : migration_list()) {
        bool ran = false;
        TRY_STATUS(database.transact(TxMode::write, [&](Connection& connection) -> Status {
            auto rows = TRY(connection.query("SELECT 1 FROM schema_migrations WHERE version = ?",
                                             {static_cast<int64_t>(migration.version)}));
            if (!rows.empty()) return {};
            TRY_STATUS(connection.execute_script(for_dialect(migration.sql, connection.dialect())));
            if (migration.then) TRY_STATUS(migration.then(connection));
            // The time as our own UTC text: CURRENT_TIMESTAMP prints differently per backend.
            auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
            TRY(connection.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                                   {static_cast<int64_t>(migration.version), std::string(migration.name),
                                    format_utc(now)}));
            ran = true;
            return {};
        }));
        if (ran) ++applied;
    }
    // Rows written before migration 12 are encrypted now, once a master key is at hand (and the
    // key is checked against the stored data keys first, so a wrong one stops here).
    TRY(seal_plaintext_rows(database));
    // The urgency order of cases that have none yet (migration 14, or rows restored from an
    // older backup).
    TRY_STATUS(database.transact(TxMode::write, [](Connection& connection) -> Status {
        TRY(refresh_missing_due_orders(connection));
        return {};
    }));
    return applied;
}

} // namespace skydda::storage
