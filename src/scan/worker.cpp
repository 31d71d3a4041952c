#include "scan/worker.hpp"

#include <algorithm>
#include <cstring>

namespace skydda::scan::detail {
namespace {

constexpr size_t k_block_bytes = 1 << 20; // scanned while it is in the L2 cache
constexpr size_t k_key_batch = 4096;
constexpr size_t k_term_example_max = 60;

using Clock = std::chrono::steady_clock;

// The end of the block starting at `offset`: about k_block_bytes on, after a line end when
// there is one, so identifiers and words are not cut in two.
size_t block_end(std::string_view text, size_t offset) {
    if (text.size() - offset <= k_block_bytes) return text.size();
    size_t end = offset + k_block_bytes;
    const void* newline = memrchr(text.data() + offset, '\n', end - offset);
    return newline ? static_cast<size_t>(static_cast<const char*>(newline) - text.data()) + 1 : end;
}

} // namespace

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

Worker::Worker(Shared& shared) : m_shared(shared), m_scratch(shared.vocabulary->make_scratch()) {
    for (auto& batch : m_key_batches) batch.reserve(k_key_batch);
}

Worker::~Worker() = default;

FileFindings& Worker::file(const std::string& path) {
    auto [it, inserted] = m_file_index.try_emplace(path, m_files.size());
    if (inserted) {
        FileFindings fresh;
        fresh.path = path;
        fresh.format = std::string(format_name(detect_format(path, {})));
        m_files.push_back(std::move(fresh));
    }
    return m_files[it->second];
}

void Worker::set_format(const std::string& path, Format format) { file(path).format = format_name(format); }

void Worker::text(const std::string& path, std::string_view utf8, const TextHints& hints) {
    scan_text(path, utf8, hints, 0);
}

void Worker::unreadable(const std::string& path, Unreadable reason, std::string_view detail) {
    m_unreadable.push_back({path, std::string(unreadable_code(reason)), std::string(detail)});
}

void Worker::scan_text(const std::string& path, std::string_view utf8, const TextHints& hints, uint32_t part) {
    FileFindings& found = file(path);
    found.bytes += utf8.size();
    m_line_cursor = 0;
    m_line_count = 0;
    for (size_t offset = 0; offset < utf8.size();) {
        size_t end = block_end(utf8, offset);
        scan_block(found, utf8.substr(offset, end - offset), hints);
        take_examples(path, part, utf8, offset);
        offset = end;
    }
}

void Worker::scan_block(FileFindings& found, std::string_view block, const TextHints& hints) {
    auto start = Clock::now();
    m_identifier_matches.clear();
    m_shared.identifiers.scan(block, hints, m_identifier_matches);
    auto after_identifiers = Clock::now();
    m_term_matches.clear();
    m_shared.vocabulary->scan(block, *m_scratch, m_term_matches);
    auto after_vocabulary = Clock::now();
    count_identifiers(found);
    count_terms(found);
    m_phases.identifiers += std::chrono::duration<double>(after_identifiers - start).count();
    m_phases.vocabulary += std::chrono::duration<double>(after_vocabulary - after_identifiers).count();
    m_phases.counting += seconds_since(after_vocabulary);
}

void Worker::count_identifiers(FileFindings& found) {
    for (const auto& match : m_identifier_matches) {
        ++found.matches[static_cast<size_t>(match.category)];
        if (match.category == Category::personal_identity_number) m_shared.pins.insert(match.key);
        else add_key(match.category, match.key);
    }
}

void Worker::count_terms(FileFindings& found) {
    for (const auto& match : m_term_matches) {
        ++found.matches[static_cast<size_t>(match.category)];
        add_key(match.category, match.term);
    }
}

void Worker::add_key(Category category, uint64_t key) {
    auto& batch = m_key_batches[static_cast<size_t>(category)];
    batch.push_back(key);
    if (batch.size() < k_key_batch) return;
    m_shared.keys[static_cast<size_t>(category)].insert(batch.data(), batch.size());
    batch.clear();
}

void Worker::flush_keys() {
    for (size_t c = 0; c < k_category_count; ++c) {
        m_shared.keys[c].insert(m_key_batches[c].data(), m_key_batches[c].size());
        m_key_batches[c].clear();
    }
}

// Keeps, per category, the first examples in (path, part, line) order: only a match that can
// still be among them costs a line count and a masking.
void Worker::take_examples(const std::string& path, uint32_t part, std::string_view text, size_t block_offset) {
    const size_t wanted = m_shared.options.examples_per_category;
    auto consider = [&](Category category, size_t begin, size_t end, bool identifier) {
        auto& list = m_examples[static_cast<size_t>(category)];
        if (list.size() >= wanted &&
            std::tie(path, part) >= std::tie(list.back().path, list.back().part))
            return;
        size_t at = block_offset + begin;
        if (at >= m_line_cursor) m_line_count += std::count(text.begin() + m_line_cursor, text.begin() + at, '\n');
        else m_line_count -= std::count(text.begin() + at, text.begin() + m_line_cursor, '\n');
        m_line_cursor = at;
        std::string_view raw = text.substr(at, end - begin);
        ExampleCandidate candidate{identifier ? mask(category, raw) : std::string(raw.substr(0, k_term_example_max)),
                                   path, part, m_line_count + 1};
        auto position = std::upper_bound(list.begin(), list.end(), candidate,
                                         [](const auto& a, const auto& b) { return a.key() < b.key(); });
        list.insert(position, std::move(candidate));
        if (list.size() > wanted) list.pop_back();
    };
    for (const auto& match : m_identifier_matches) consider(match.category, match.begin, match.end, true);
    for (const auto& match : m_term_matches) consider(match.category, match.begin, match.end, false);
}

} // namespace skydda::scan::detail
