#include "cli/master_key.hpp"

#include <cstdlib>

#include "cli/config.hpp"
#include "util/key_file.hpp"

namespace skydda::cli {

std::filesystem::path master_key_path(const CommandContext& context, std::string_view db_url) {
    auto configured = config_value(context, "key_dir").value;
    if (!configured.empty()) return std::filesystem::path(configured) / "master.key";
    if (db_url.starts_with("sqlite:")) return std::string(db_url.substr(7)) + ".keys/master.key";
    return std::filesystem::path("var/keys") / "master.key";
}

bool master_key_from_environment() {
    const char* hex = std::getenv(k_master_key_environment);
    return hex && *hex;
}

Result<std::shared_ptr<storage::KeyRing>> master_key_ring(const CommandContext& context, std::string_view db_url) {
    if (master_key_from_environment())
        return storage::KeyRing::from_key(TRY(keys::parse_key_hex(std::getenv(k_master_key_environment),
                                                                  k_master_key_environment)),
                                          k_master_key_environment);
    auto path = master_key_path(context, db_url);
    TRY(keys::load_key(path, true)); // made 0600 (its directory 0700) when absent
    return storage::KeyRing::from_file(path);
}

} // namespace skydda::cli
