// One scanning thread's state (private to the driver): the TextSink the extractors feed, the
// per-document tallies, the example candidates, and batches of keys for the shared sets.
#pragma once
#include <chrono>
#include <string>
#include <unordered_map>
#include <vector>

#include "scan/distinct.hpp"
#include "scan/scanner.hpp"
#include "scan/vocabulary.hpp"

namespace skydda::scan::detail {

// What every worker shares: the recognisers and the distinct sets.
struct Shared {
    const ScanOptions& options;
    const IdentifierScanner identifiers;
    std::shared_ptr<const Vocabulary> vocabulary;
    PinBitmap pins;
    std::array<KeySet, k_category_count> keys;
};

// Examples are ordered by (path, part, line in part): parts are the pieces a large file is
// scanned in, so this is the order of (path, line) without counting lines across parts.
struct ExampleCandidate {
    std::string masked, path;
    uint32_t part = 0;
    uint64_t line = 0;
    auto key() const { return std::tie(path, part, line); }
};

class Worker final : public TextSink {
public:
    explicit Worker(Shared& shared);
    ~Worker() override;

    // Scans one piece of text of `path`; `part` > 0 for the later parts of a split file.
    void scan_text(const std::string& path, std::string_view utf8, const TextHints& hints, uint32_t part);
    void text(const std::string& path, std::string_view utf8, const TextHints& hints) override;
    void unreadable(const std::string& path, Unreadable reason, std::string_view detail) override;

    void set_format(const std::string& path, Format format);
    void flush_keys(); // hands the batched keys to the shared sets

    std::vector<FileFindings>& files() { return m_files; }
    std::vector<UnreadableInput>& unreadable_inputs() { return m_unreadable; }
    std::array<std::vector<ExampleCandidate>, k_category_count>& examples() { return m_examples; }
    PhaseTimes& phases() { return m_phases; }

private:
    FileFindings& file(const std::string& path);
    void scan_block(FileFindings& file, std::string_view block, const TextHints& hints);
    void count_identifiers(FileFindings& file);
    void count_terms(FileFindings& file);
    void take_examples(const std::string& path, uint32_t part, std::string_view text, size_t block_offset);
    void add_key(Category category, uint64_t key);

    Shared& m_shared;
    std::unique_ptr<Vocabulary::Scratch> m_scratch;
    std::vector<FileFindings> m_files;
    std::unordered_map<std::string, size_t> m_file_index;
    std::vector<UnreadableInput> m_unreadable;
    std::array<std::vector<ExampleCandidate>, k_category_count> m_examples;
    std::array<std::vector<uint64_t>, k_category_count> m_key_batches;
    std::vector<IdentifierMatch> m_identifier_matches;
    std::vector<TermMatch> m_term_matches;
    // Line counting for examples: newlines before m_line_cursor in the current text.
    size_t m_line_cursor = 0;
    uint64_t m_line_count = 0;
    PhaseTimes m_phases;
};

double seconds_since(std::chrono::steady_clock::time_point start);

} // namespace skydda::scan::detail
