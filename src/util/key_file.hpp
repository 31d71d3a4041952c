// Keys kept outside the database (the audit chain's MAC and signing keys, the master key that
// wraps the organisations' data keys): 32 random bytes per file, written as hex, the file 0600
// and its directory 0700. Whoever holds the database but not these files cannot forge the audit
// chain or read what is encrypted at rest.
#pragma once
#include <filesystem>
#include <string>

#include "util/error.hpp"

namespace skydda::keys {

inline constexpr size_t k_key_bytes = 32;

// The key in `path` as 32 raw bytes. With `create`, a missing file (and its directory) is made
// first with fresh random bytes; an existing file is never overwritten. A file that is not 64
// hex digits, or that others may read, is refused.
Result<std::string> load_key(const std::filesystem::path& path, bool create);

// A key given as 64 hex digits (an environment variable instead of a file), as raw bytes.
Result<std::string> parse_key_hex(std::string_view hex, std::string_view field);

} // namespace skydda::keys
