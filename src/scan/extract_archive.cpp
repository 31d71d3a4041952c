#include "scan/extract_archive.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <array>
#include <memory>

#include "scan/extract_encoding.hpp"

namespace skydda::scan::detail {
namespace {

constexpr size_t k_block_bytes = 64 * 1024;

struct ArchiveCloser {
    void operator()(archive* handle) const { archive_read_free(handle); }
};
using ArchiveHandle = std::unique_ptr<archive, ArchiveCloser>;

ArchiveHandle open_archive(std::string_view bytes, Format format) {
    ArchiveHandle handle(archive_read_new());
    if (!handle) return nullptr;
    archive* a = handle.get();
    if (format == Format::zip) {
        archive_read_support_format_zip(a);
    } else if (format == Format::tar) {
        archive_read_support_format_tar(a);
        archive_read_support_format_gnutar(a);
    } else {
        // gzip: a tarball inside (.tar.gz, .tgz) or else a single compressed file.
        archive_read_support_filter_gzip(a);
        archive_read_support_format_tar(a);
        archive_read_support_format_gnutar(a);
        archive_read_support_format_raw(a);
    }
    if (archive_read_open_memory(a, bytes.data(), bytes.size()) != ARCHIVE_OK) return nullptr;
    return handle;
}

// The name of the single file in a .gz: the container's own name without ".gz".
std::string gzip_member_name(const std::string& path) {
    std::string_view name = path;
    size_t slash = name.find_last_of("/!");
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    if (name.ends_with(".tgz")) return std::string(name.substr(0, name.size() - 4)) + ".tar";
    if (name.ends_with(".gz")) name.remove_suffix(3);
    return name.empty() ? "data" : std::string(name);
}

std::string entry_name(archive* a, archive_entry* entry, const std::string& path, size_t index) {
    if (archive_format(a) == ARCHIVE_FORMAT_RAW) return gzip_member_name(path);
    const char* name = archive_entry_pathname_utf8(entry);
    if (name == nullptr) name = archive_entry_pathname(entry);
    std::string cleaned = name ? clean_name(name, 400) : std::string();
    return cleaned.empty() ? "member-" + std::to_string(index) : cleaned;
}

enum class ReadOutcome { complete, damaged, entry_too_large, stop };

// Reads one member in blocks into `data`, enforcing the limits. `container_output` counts what
// this container has produced, for the expansion ratio.
ReadOutcome read_member(Context& context, archive* a, const std::string& path, std::string_view container,
                        uint64_t& container_output, std::string& data) {
    const Limits& limits = context.limits;
    std::array<char, k_block_bytes> block;
    while (true) {
        la_ssize_t count = archive_read_data(a, block.data(), block.size());
        if (count == 0) return ReadOutcome::complete;
        if (count < 0) {
            if (count == ARCHIVE_WARN) continue;
            return ReadOutcome::damaged;
        }
        auto size = static_cast<uint64_t>(count);
        container_output += size;
        context.extracted_bytes += size;
        if (context.extracted_bytes > limits.max_total_bytes) {
            context.sink.unreadable(path, Unreadable::too_large, "extracted data over the limit for one input");
            context.exhausted = true;
            return ReadOutcome::stop;
        }
        if (container_output > limits.ratio_floor_bytes &&
            static_cast<double>(container_output) > limits.max_ratio * static_cast<double>(container.size())) {
            context.sink.unreadable(path, Unreadable::expansion_ratio, "decompresses far beyond its size (zip bomb?)");
            return ReadOutcome::stop;
        }
        if (data.size() + size > limits.max_entry_bytes) return ReadOutcome::entry_too_large;
        data.append(block.data(), size);
    }
}

// The declared size saves reallocations, but only within what the limits would let the
// member grow to anyway: a lying header cannot make us allocate more.
void reserve_declared(const Context& context, archive_entry* entry, size_t container_size, std::string& data) {
    if (!archive_entry_size_is_set(entry) || archive_entry_size(entry) <= 0) return;
    const Limits& limits = context.limits;
    double ratio_cap = std::max(static_cast<double>(limits.ratio_floor_bytes), limits.max_ratio * static_cast<double>(container_size));
    uint64_t cap = std::min<uint64_t>(limits.max_entry_bytes, static_cast<uint64_t>(std::min(ratio_cap, 1e18)));
    data.reserve(static_cast<size_t>(std::min<uint64_t>(static_cast<uint64_t>(archive_entry_size(entry)), cap)));
}

} // namespace

bool walk_archive(Context& context, const std::string& path, std::string_view bytes, Format format,
                  const MemberFilter& wanted, const MemberVisitor& visit) {
    ArchiveHandle handle = open_archive(bytes, format);
    if (!handle) {
        context.sink.unreadable(path, Unreadable::corrupt, "not a readable archive");
        return false;
    }
    archive* a = handle.get();
    uint64_t container_output = 0;
    archive_entry* entry = nullptr;
    for (size_t index = 1; !context.exhausted; ++index) {
        int status = archive_read_next_header(a, &entry);
        if (status == ARCHIVE_EOF) break;
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
            context.sink.unreadable(path, Unreadable::corrupt, index == 1 ? "not a readable archive" : "damaged archive");
            return index > 1;
        }
        if (archive_entry_filetype(entry) != AE_IFREG) continue;
        std::string name = entry_name(a, entry, path, index);
        if (!wanted(name)) continue;
        std::string member = member_path(path, name);
        if (archive_entry_is_encrypted(entry)) {
            context.sink.unreadable(member, Unreadable::encrypted, "encrypted archive member");
            continue;
        }
        std::string data;
        reserve_declared(context, entry, bytes.size(), data);
        switch (read_member(context, a, path, bytes, container_output, data)) {
        case ReadOutcome::complete: visit(name, data); break;
        case ReadOutcome::entry_too_large:
            context.sink.unreadable(member, Unreadable::too_large, "member larger than the limit");
            break;
        case ReadOutcome::damaged:
            // Keep what could be read: a cut-off leak still leaked what it holds.
            context.sink.unreadable(member, Unreadable::corrupt, "damaged or truncated compressed data");
            if (!data.empty()) visit(name, data);
            if (archive_format(a) == ARCHIVE_FORMAT_RAW || format == Format::gzip) return true;
            break;
        case ReadOutcome::stop: return true;
        }
    }
    return true;
}

void extract_archive(Context& context, const std::string& path, std::string_view bytes, Format format, int depth) {
    walk_archive(
        context, path, bytes, format, [](std::string_view) { return true; },
        [&](const std::string& name, std::string_view data) {
            extract_member(context, member_path(path, name), data, depth + 1);
        });
}

} // namespace skydda::scan::detail
