// Configuration in one table: each key with its environment variable, default and help; the
// value's origin (flag, environment, default) is kept so `skydda config show` can say it.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.hpp"
#include "util/error.hpp"

namespace skydda::cli {

struct ConfigKey {
    std::string_view name;        // "db"
    std::string_view flag;        // "--db"
    std::string_view environment; // "SKYDDA_DB"
    std::string_view fallback;    // default value
    std::string_view help;
    bool secret_in_url = false;   // mask a password inside the value when shown
    bool secret = false;          // mask the whole value when shown (passwords)
    bool boolean = false;         // true/false/1/0/yes/no, read by config_bool only
};

const std::vector<ConfigKey>& config_keys();

struct ConfigValue {
    std::string value;
    std::string origin; // "flag", "environment", "default"
};

// Resolves one key for a command: flag first, then environment, then the default.
ConfigValue config_value(const CommandContext& context, std::string_view name);
std::string mask_secrets(std::string_view value);

// The one reader of boolean settings: true/false/1/0/yes/no (any case); anything else is
// invalid_argument naming the key (exit 2).
Result<bool> config_bool(const CommandContext& context, std::string_view name);
// Every boolean key of the table, so a wrong value stops a command even where it is unused.
Status check_boolean_settings(const CommandContext& context);
// A whole number in [min, max], else invalid_argument naming the key.
Result<int64_t> config_integer(const CommandContext& context, std::string_view name, int64_t min, int64_t max);

// The directory of the keys kept outside the database (key "key_dir"; by default beside an
// SQLite file, var/keys for PostgreSQL). Files in it: audit.key (the audit chain's MAC key),
// audit-sign.key (the seed of the checkpoints' Ed25519 key), master.key (wraps data keys).
std::filesystem::path key_dir(const CommandContext& context);
// The same for the database at `db_url` (copy-db's source and target).
std::filesystem::path key_dir_for(const CommandContext& context, std::string_view db_url);

} // namespace skydda::cli
