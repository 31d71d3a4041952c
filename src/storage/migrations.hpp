// Schema migrations: an ordered list, each applied once in its own transaction and recorded in
// schema_migrations. Written in SQL both SQLite and PostgreSQL accept; the few type names
// that differ are written as {blob} and {serial} and filled in per dialect.
#pragma once
#include "storage/database.hpp"

namespace skydda::storage {

// Applies what is missing; returns how many migrations ran.
Result<int> migrate(Database& database);
int latest_schema_version();

} // namespace skydda::storage
