// Schema migrations: an ordered list, each applied once in its own transaction and recorded in
// schema_migrations. Written in SQL both SQLite and PostgreSQL accept; the few type names
// that differ are written as {blob} and {serial} and filled in per dialect.
#pragma once
#include "storage/database.hpp"

namespace skydda::storage {

// Applies what is missing; returns how many migrations ran. With a key ring on the database, it
// then checks the master key and encrypts rows stored before encryption at rest
// (storage::seal_plaintext_rows).
Result<int> migrate(Database& database);
int latest_schema_version();

} // namespace skydda::storage
