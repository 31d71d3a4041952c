// The schema's history: every migration in order, as SQL both backends accept ({blob} is filled
// per dialect by storage/migrations.cpp, which runs them). Internal to storage.
#pragma once
#include <span>

#include "storage/database.hpp"

namespace skydda::storage {

struct Migration {
    int version;
    const char* name;
    const char* sql;
    // Work that needs code (and keys), run after `sql` in the same transaction.
    Status (*then)(Connection&) = nullptr;
};

// Every migration, oldest first; versions are 1, 2, 3... without gaps.
std::span<const Migration> migration_list();
// Migrations 1 to 7 (migration_first.cpp), which migration_list() begins with.
std::span<const Migration> first_migrations();

} // namespace skydda::storage
