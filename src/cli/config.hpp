// Configuration in one table: each key with its environment variable, default and help; the
// value's origin (flag, environment, default) is kept so `skydda config show` can say it.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.hpp"

namespace skydda::cli {

struct ConfigKey {
    std::string_view name;        // "db"
    std::string_view flag;        // "--db"
    std::string_view environment; // "SKYDDA_DB"
    std::string_view fallback;    // default value
    std::string_view help;
    bool secret_in_url = false;   // mask a password inside the value when shown
    bool secret = false;          // mask the whole value when shown (passwords)
};

const std::vector<ConfigKey>& config_keys();

struct ConfigValue {
    std::string value;
    std::string origin; // "flag", "environment", "default"
};

// Resolves one key for a command: flag first, then environment, then the default.
ConfigValue config_value(const CommandContext& context, std::string_view name);
std::string mask_secrets(std::string_view value);

// The directory of the keys kept outside the database (key "key_dir"; by default beside an
// SQLite file, var/keys for PostgreSQL). Files in it: audit.key (the audit chain's MAC key),
// audit-sign.key (the seed of the checkpoints' Ed25519 key), master.key (wraps data keys).
std::filesystem::path key_dir(const CommandContext& context);
// The same for the database at `db_url` (copy-db's source and target).
std::filesystem::path key_dir_for(const CommandContext& context, std::string_view db_url);

} // namespace skydda::cli
