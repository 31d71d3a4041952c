// `skydda keys rotate`: a new master key wraps every organisation's data key again; with
// --data-keys, new data keys re-encrypt what is encrypted at rest (storage/data_keys.hpp).
//
// The key files change in steps that are each atomic, and a crash between any two leaves a
// state the next run (or any server, whose key ring reads master.key and master.key.old)
// understands:
//   1. master.key.new is created (0600, fsynced) unless it exists;
//   2. master.key.old becomes a second name of the current master.key (link(2));
//   3. master.key.new is renamed over master.key (rename(2)): the new key is current, the
//      old one still opens every data key wrapped by it;
//   4. the data keys are wrapped again, up to 100 per transaction, each row naming its master
//      key's fingerprint, so a half-done pass is simply continued;
//   5. inside the write transaction that finds no key wrapped by the old master key,
//      master.key.old is removed.
// Running `keys rotate` again after a crash finishes the interrupted rotation first.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "cli/master_key.hpp"
#include "storage/data_keys.hpp"
#include "storage/key_ring.hpp"
#include "util/key_file.hpp"

namespace skydda::cli {
namespace {

namespace fs = std::filesystem;

fs::path with_suffix(const fs::path& path, std::string_view suffix) {
    auto out = path;
    out += suffix;
    return out;
}

// Makes a rename or link in `directory` durable.
void sync_directory(const fs::path& directory) {
    int fd = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    (void)::fsync(fd);
    ::close(fd);
}

// Steps 1-3: afterwards master.key is the new key and master.key.old the previous one.
Status install_new_master_key(const fs::path& path, bool& resumed) {
    const auto old_path = with_suffix(path, ".old"), new_path = with_suffix(path, ".new");
    resumed = fs::exists(old_path);
    if (!resumed) {
        TRY(keys::load_key(new_path, true));
        if (::link(path.c_str(), old_path.c_str()) != 0)
            return fail(Error::internal("cannot keep the old master key as " + old_path.string()));
        sync_directory(path.parent_path());
    }
    if (fs::exists(new_path)) {
        TRY(keys::load_key(new_path, false)); // refuses a damaged or readable file
        std::error_code error;
        fs::rename(new_path, path, error);
        if (error) return fail(Error::internal("cannot install the new master key as " + path.string()));
        sync_directory(path.parent_path());
    }
    return {};
}

Result<int> rotate(CommandContext& context) {
    if (master_key_from_environment())
        return fail(Error::invalid("master_key", "comes from SKYDDA_MASTER_KEY, which Skydda cannot rewrite; keys "
                                                 "rotate needs the key in key_dir/master.key"));
    auto url = config_value(context, "db").value;
    const auto path = master_key_path(context, url);
    auto database = TRY(open_migrated(context));
    bool resumed = false;
    TRY_STATUS(install_new_master_key(path, resumed));
    auto* ring = database->key_ring();
    TRY_STATUS(ring->refresh());
    if (resumed) context.out << "continuing the rotation that was interrupted (master.key.old exists)\n";
    context.out << fmt::format("master key {} is now {}; the previous one is kept as {} until every data key is "
                               "wrapped again\n",
                               ring->current_fingerprint(), path.string(), with_suffix(path, ".old").string());
    const auto old_path = with_suffix(path, ".old");
    auto rewrapped = TRY(storage::rewrap_data_keys(*database, [&]() -> Status {
        std::error_code error;
        fs::remove(old_path, error);
        if (error) return fail(Error::internal("cannot remove " + old_path.string()));
        sync_directory(path.parent_path());
        return {};
    }));
    context.out << fmt::format("data keys wrapped with the new master key: {}; {} removed\n", rewrapped,
                               old_path.string());
    int64_t reencrypted = 0;
    if (context.flag("data-keys")) {
        reencrypted = TRY(storage::replace_data_keys(*database, [&](std::string_view table, int64_t done, int64_t total) {
            context.out << fmt::format("re-encrypting {}: {}/{}\n", table, done, total) << std::flush;
        }));
        context.out << fmt::format("new data keys: rows re-encrypted {}\n", reencrypted);
    }
    context.out << boost::json::serialize(boost::json::object{{"master_key", path.string()},
                                                              {"fingerprint", ring->current_fingerprint()},
                                                              {"data_keys_rewrapped", rewrapped},
                                                              {"rows_reencrypted", reencrypted}})
                << '\n';
    return 0;
}

} // namespace

int cmd_keys_rotate(CommandContext& context) {
    return exit_code(context, rotate(context));
}

} // namespace skydda::cli
