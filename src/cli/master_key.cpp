#include "cli/master_key.hpp"

#include <cstdlib>

#include "cli/config.hpp"
#include "util/key_file.hpp"

namespace skydda::cli {

std::filesystem::path master_key_path(const std::filesystem::path& key_directory) {
    return key_directory / "master.key";
}

std::filesystem::path master_key_path(const CommandContext& context, std::string_view db_url) {
    return master_key_path(key_dir_for(context, db_url));
}

bool master_key_from_environment() {
    const char* hex = std::getenv(k_master_key_environment);
    return hex && *hex;
}

Result<std::shared_ptr<storage::KeyRing>> master_key_ring(const CommandContext& context, std::string_view db_url) {
    return master_key_ring(key_dir_for(context, db_url));
}

Result<std::shared_ptr<storage::KeyRing>> master_key_ring(const std::filesystem::path& key_directory) {
    if (master_key_from_environment()) {
        // Into a local first: a TRY inside a call's arguments may leak what was built before it.
        auto key = TRY(keys::parse_key_hex(std::getenv(k_master_key_environment), k_master_key_environment));
        return storage::KeyRing::from_key(std::move(key), k_master_key_environment);
    }
    auto path = master_key_path(key_directory);
    TRY(keys::load_key(path, true)); // made 0600 (its directory 0700) when absent
    return storage::KeyRing::from_file(path);
}

} // namespace skydda::cli
