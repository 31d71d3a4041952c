// The master keys a process holds for encryption at rest. They live outside the database
// (key_dir/master.key, or SKYDDA_MASTER_KEY) and only wrap the organisations' data keys, which
// the database stores wrapped (table data_keys; storage/data_keys.hpp). During `skydda keys
// rotate` a file-based ring also holds master.key.old, so rows wrapped by either key open; when
// a wrapping names a key the ring does not hold, the files are read again once (another server
// may have rotated), so servers sharing one key directory follow a rotation without a restart.
#pragma once
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace skydda::storage {

class KeyRing {
public:
    // master.key at `path` (which must exist; cli's migrate creates it) and, when present,
    // `path`.old, the key of a rotation not yet finished.
    static Result<std::shared_ptr<KeyRing>> from_file(const std::filesystem::path& path);
    // One key given directly (the environment variable; tests). `origin` is shown in errors.
    static std::shared_ptr<KeyRing> from_key(std::string key, std::string origin);
    ~KeyRing();

    std::string current_fingerprint() const;
    std::string current_key() const;
    // The key whose fingerprint this is, rereading the files once when it is not held.
    std::optional<std::string> key_for(std::string_view fingerprint);
    std::string origin() const; // "/var/lib/skydda/keys/master.key" or "SKYDDA_MASTER_KEY"
    // Reads the files again (nothing for a key given directly).
    Status refresh();

private:
    KeyRing() = default;
    Status reload();
    struct Held {
        std::string fingerprint, key;
    };
    mutable std::mutex m_mutex;
    std::optional<std::filesystem::path> m_path;
    std::string m_origin;
    std::vector<Held> m_keys; // current first
};

} // namespace skydda::storage
