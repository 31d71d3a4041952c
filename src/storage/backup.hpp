// Backups and moving between backends. The portable format is JSON lines, the same for SQLite
// and PostgreSQL:
//   {"format":"skydda-backup","version":1,"schema_version":4,"dialect":"sqlite"}
//   {"table":"organisations","columns":["id","name",...]}
//   {"row":["3f2a...","Nämnd A",...]}            one line per row; bytes as {"hex":"..."}
//   ...
//   {"end":{"organisations":2,...}}               row counts; a file without it is truncated
// It is written from one read transaction, so it is a consistent snapshot (PostgreSQL:
// REPEATABLE READ, READ ONLY), and restored in one write transaction into an empty database.
#pragma once
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "storage/database.hpp"

namespace skydda::storage {

using TableCounts = std::vector<std::pair<std::string, int64_t>>; // in restore order

// The tables of the schema in the order they were created, which is foreign-key order
// (parents first), without schema_migrations.
Result<std::vector<std::string>> list_tables(Connection& db);

Result<TableCounts> count_rows(Database& database);
Result<TableCounts> export_portable(Database& database, std::ostream& out);
// `database` must be migrated to the backup's schema version and hold no rows.
Result<TableCounts> import_portable(Database& database, std::istream& in);
// Refuses a database that has rows in any table, naming the first one.
Status require_empty(Database& database);

// SQLite's online backup API: a page-by-page copy of a live database into a new file.
Status sqlite_online_backup(std::string_view database_path, const std::string& to_file);
bool is_sqlite_file(const std::string& path);

} // namespace skydda::storage
