// Files that hold the data itself (the SQLite database with its WAL and shared-memory files,
// backups, the scratch copies restore and copy-db make) are readable by their owner only:
// created 0600 before a byte is written, whatever the umask, and narrowed to 0600 when an
// existing one was wider. Keys have their own loader (util/key_file.hpp).
#pragma once
#include <filesystem>
#include <optional>
#include <string_view>

#include "util/error.hpp"

namespace skydda::files {

// Creates `path` empty with mode 0600; fails (naming `field`) when it exists or cannot be made.
Status create_private(const std::filesystem::path& path, std::string_view field);

// Narrows an existing file to 0600 when its group or others had any access, and returns the
// mode it had then (e.g. 0644); nullopt when it was already private or does not exist.
std::optional<unsigned> make_private(const std::filesystem::path& path);

} // namespace skydda::files
