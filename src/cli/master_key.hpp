// The master key of encryption at rest (storage/key_ring.hpp) as configured: the file
// key_dir/master.key, created 0600 when absent, or SKYDDA_MASTER_KEY (64 hex digits), which
// overrides the file. Every command that opens a database hands it this key ring.
#pragma once
#include <filesystem>
#include <memory>

#include "cli/command.hpp"
#include "storage/key_ring.hpp"

namespace skydda::cli {

inline constexpr const char* k_master_key_environment = "SKYDDA_MASTER_KEY";

// key_dir/master.key, where key_dir's default follows `db_url` (beside an SQLite file).
std::filesystem::path master_key_path(const CommandContext& context, std::string_view db_url);
std::filesystem::path master_key_path(const std::filesystem::path& key_directory);
bool master_key_from_environment();
Result<std::shared_ptr<storage::KeyRing>> master_key_ring(const CommandContext& context, std::string_view db_url);
// The same from the key directory itself (copy-db and restore choose which database's keys).
Result<std::shared_ptr<storage::KeyRing>> master_key_ring(const std::filesystem::path& key_directory);

} // namespace skydda::cli
