// Zip, tar and gzip (also .tar.gz/.tgz) through libarchive, read from memory. Members are
// decompressed in blocks and counted against the Limits as they come, never trusting the
// sizes an archive declares; encrypted members, damage and limits are reported to the sink.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "scan/extract_internal.hpp"

namespace skydda::scan::detail {

// Which members to decompress (by name inside the archive); the others are skipped.
using MemberFilter = std::function<bool(std::string_view name)>;
// Called with each wanted member read in full (or as far as it could be read when damaged).
using MemberVisitor = std::function<void(const std::string& name, std::string_view data)>;

// Walks the regular-file members of an archive of `format` (zip, tar or gzip) at `depth`.
// Returns false when the bytes could not be opened as such an archive (reported as corrupt).
bool walk_archive(Context& context, const std::string& path, std::string_view bytes, Format format,
                  const MemberFilter& wanted, const MemberVisitor& visit);

// Every member extracted as "path!member" at depth + 1.
void extract_archive(Context& context, const std::string& path, std::string_view bytes, Format format, int depth);

} // namespace skydda::scan::detail
