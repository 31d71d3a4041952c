// The scan driver: walks the inputs, reads them (memory-mapped), extracts their text, runs the
// identifier and vocabulary passes over it in cache-sized blocks on many threads, and counts.
// The result holds counts, masked examples and per-file figures: never a full identifier.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "scan/category.hpp"
#include "scan/extract.hpp"
#include "scan/identifiers.hpp"
#include "util/error.hpp"

namespace skydda::scan {

class Vocabulary;

struct ScanOptions {
    std::vector<std::string> paths; // files and directories (recursively)
    unsigned threads = 0;           // 0: one per core
    CivilDate today{};              // for the century of YYMMDD-NNNN; the caller reads the clock
    Limits limits;
    std::shared_ptr<const Vocabulary> vocabulary; // null: the embedded vocabularies
    size_t examples_per_category = 5;
    uint64_t max_exact_keys = uint64_t{64} << 20; // per category; beyond it distinct counts are estimated
    uint64_t split_bytes = 64ull << 20; // plain text files larger than this are scanned in parallel parts...
    uint64_t part_bytes = 32ull << 20;  // ...of about this size, cut at line ends
};

struct CategoryCount {
    uint64_t matches = 0;  // occurrences
    uint64_t distinct = 0; // different identifiers (special categories: different terms)
    uint64_t files = 0;    // documents it occurs in
    bool exact = true;     // false: `distinct` is a HyperLogLog estimate (more than max_exact_keys)
};

struct Example {
    std::string masked; // "850101-****"; for special categories the term itself
    std::string path;
    uint64_t line = 0; // 1-based
};

struct FileFindings {
    std::string path; // "dir/a.zip!b.docx" for members of containers
    std::string format;
    uint64_t bytes = 0; // of text scanned
    std::array<uint64_t, k_category_count> matches{};
};

struct UnreadableInput {
    std::string path, reason, detail;
};

struct SubjectsEstimate {
    uint64_t value = 0; // the best single figure: the largest distinct count of a person identifier
    uint64_t low = 0;   // at least this many people (the same largest count)
    uint64_t high = 0;  // at most this many, if no two identifiers belong to the same person
    std::string basis;  // the category `value` comes from; empty when nothing was found
};

// Seconds of work per phase, summed over threads (so they can exceed the wall time). `setup`
// is loading and compiling the vocabularies.
struct PhaseTimes {
    double setup = 0, walk = 0, read = 0, extract = 0, identifiers = 0, vocabulary = 0, counting = 0;
};

struct ScanResult {
    uint64_t files = 0; // files read from disk (members of archives are in per_file)
    uint64_t bytes = 0; // bytes read from disk
    uint64_t text_bytes = 0;
    double seconds = 0;
    unsigned threads = 0;
    std::array<CategoryCount, k_category_count> findings{};
    std::array<std::vector<Example>, k_category_count> examples;
    std::vector<std::string> data; // the assessment contract's data codes, in contract order
    SubjectsEstimate subjects;
    std::vector<FileFindings> per_file; // every document scanned, in path order
    std::vector<UnreadableInput> unreadable;
    PhaseTimes phases;
    size_t distinct_memory_bytes = 0;
};

// Progress for a bar: bytes done of the total found by the walk. Called from a worker thread
// at most every few milliseconds' worth of work; must be cheap and thread-safe.
struct Progress {
    std::atomic<uint64_t> total_bytes{0};
    std::atomic<uint64_t> done_bytes{0};
    std::atomic<uint64_t> total_files{0};
    std::atomic<uint64_t> done_files{0};
    std::atomic<bool> walking{true};
};

// Fails only on bad options (a path that does not exist names the field "path"); files that
// cannot be read are listed in `unreadable`.
Result<ScanResult> run_scan(const ScanOptions& options, Progress* progress = nullptr);

} // namespace skydda::scan
