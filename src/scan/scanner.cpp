// The scan driver: walk, plan (large plain text files become parts scanned in parallel),
// run the workers, merge. See scanner.hpp.
#include "scan/scanner.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include "domain/codes.hpp"
#include "scan/worker.hpp"

namespace skydda::scan {
namespace {

namespace fs = std::filesystem;
using detail::ExampleCandidate;
using detail::seconds_since;
using detail::Worker;
using Clock = std::chrono::steady_clock;

constexpr uint64_t k_read_small_bytes = 256 << 10; // smaller files are read, larger ones mapped

struct InputFile {
    std::string path;
    uint64_t size = 0;
    Format format = Format::text; // set for files scanned in parts
    TextHints hints;              // of the file's head, for every part
};

// One unit of work: a whole file, or the lines starting in [begin, end) of a large one.
struct WorkItem {
    size_t file = 0;
    uint32_t part = 0; // 0: the whole file or its first part
    bool split = false;
    uint64_t begin = 0, end = 0;
    uint64_t line_start = 0; // where the part's first line starts (set by the worker)
};

// A read-only view of a file's bytes: mapped when large, read when small.
class FileBytes {
public:
    ~FileBytes() {
        if (m_map) munmap(m_map, m_size);
        if (m_fd >= 0) close(m_fd);
    }
    // Returns an empty string on success, else why the file could not be read.
    std::string open(const std::string& path, bool map_always) {
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) return std::strerror(errno);
        struct stat info{};
        if (fstat(m_fd, &info) != 0) return std::strerror(errno);
        m_size = static_cast<size_t>(info.st_size);
        if (m_size == 0) return {};
        if (!map_always && m_size <= k_read_small_bytes) return read_all();
        m_map = mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, m_fd, 0);
        if (m_map == MAP_FAILED) {
            m_map = nullptr;
            return std::strerror(errno);
        }
        madvise(m_map, m_size, MADV_SEQUENTIAL);
        return {};
    }
    std::string_view bytes() const {
        return m_map ? std::string_view(static_cast<const char*>(m_map), m_size) : std::string_view(m_buffer);
    }
    // Gives the pages of [begin, end) back, so a 10 GB input does not stay resident.
    void release(uint64_t begin, uint64_t end) {
        if (!m_map) return;
        uint64_t page = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
        uint64_t first = begin / page * page;
        if (end > first) madvise(static_cast<char*>(m_map) + first, end - first, MADV_DONTNEED);
    }

private:
    std::string read_all() {
        m_buffer.resize(m_size);
        size_t done = 0;
        while (done < m_size) {
            ssize_t got = ::read(m_fd, m_buffer.data() + done, m_size - done);
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) return std::strerror(errno);
            if (got == 0) break;
            done += static_cast<size_t>(got);
        }
        m_buffer.resize(done);
        return {};
    }

    int m_fd = -1;
    void* m_map = nullptr;
    size_t m_size = 0;
    std::string m_buffer;
};

// The start of the first line that starts at or after `at`.
uint64_t line_start_at(std::string_view bytes, uint64_t at) {
    if (at == 0) return 0;
    if (at >= bytes.size()) return bytes.size();
    const void* newline = std::memchr(bytes.data() + at - 1, '\n', bytes.size() - (at - 1));
    return newline ? static_cast<uint64_t>(static_cast<const char*>(newline) - bytes.data()) + 1 : bytes.size();
}

void walk_one(const std::string& root, std::vector<InputFile>& files, std::vector<UnreadableInput>& unreadable) {
    std::error_code error;
    auto status = fs::status(root, error);
    if (fs::is_regular_file(status)) {
        files.push_back({root, fs::file_size(root, error)});
        return;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error), end;
    if (error) {
        unreadable.push_back({root, "io_error", error.message()});
        return;
    }
    for (; it != end; it.increment(error)) {
        if (error) {
            unreadable.push_back({it->path().string(), "io_error", error.message()});
            error.clear();
            continue;
        }
        // Symbolic links are not followed: they could lead out of the tree or round in a loop.
        if (it->is_symlink(error) || !it->is_regular_file(error)) continue;
        files.push_back({it->path().string(), it->file_size(error)});
    }
}

// Whether a large file is plain or delimited text in a byte-oriented encoding; if so, notes its
// format and the hints of its first 64 kB for the parts.
bool splittable(InputFile& file, uint64_t threshold) {
    if (file.size <= threshold) return false;
    FileBytes bytes;
    if (!bytes.open(file.path, true).empty()) return false;
    std::string_view head = bytes.bytes().substr(0, 64 << 10);
    bool utf16 = head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF");
    file.format = detect_format(file.path, head.substr(0, 4096));
    if (utf16 || !is_splittable(file.format)) return false;
    if (auto newline = head.rfind('\n'); newline != std::string_view::npos) head = head.substr(0, newline + 1);
    std::string storage;
    file.hints = text_hints(file.format, decode_text(head, storage));
    return true;
}

std::vector<WorkItem> plan(std::vector<InputFile>& files, const ScanOptions& options) {
    std::vector<WorkItem> items;
    for (size_t i = 0; i < files.size(); ++i) {
        if (!splittable(files[i], options.split_bytes)) {
            items.push_back({i, 0, false, 0, files[i].size});
            continue;
        }
        uint32_t part = 0;
        for (uint64_t begin = 0; begin < files[i].size; begin += options.part_bytes, ++part)
            items.push_back({i, part, true, begin, std::min(files[i].size, begin + options.part_bytes)});
    }
    // Largest first, so the last items to finish are small ones and no thread idles long.
    std::stable_sort(items.begin(), items.end(), [&](const WorkItem& a, const WorkItem& b) {
        return a.end - a.begin > b.end - b.begin;
    });
    return items;
}

void scan_whole(Worker& worker, const InputFile& input, const ScanOptions& options) {
    auto start = Clock::now();
    FileBytes file;
    if (auto problem = file.open(input.path, false); !problem.empty()) {
        worker.unreadable(input.path, Unreadable::io_error, problem);
        return;
    }
    std::string_view bytes = file.bytes();
    worker.set_format(input.path, detect_format(input.path, bytes.substr(0, 4096)));
    worker.phases().read += seconds_since(start);
    auto before = worker.phases();
    auto extract_start = Clock::now();
    extract(input.path, bytes, options.limits, worker);
    const auto& after = worker.phases();
    double inner = (after.identifiers - before.identifiers) + (after.vocabulary - before.vocabulary) +
                   (after.counting - before.counting);
    worker.phases().extract += seconds_since(extract_start) - inner;
}

void scan_part(Worker& worker, const InputFile& input, WorkItem& item) {
    auto start = Clock::now();
    FileBytes file;
    if (auto problem = file.open(input.path, true); !problem.empty()) {
        if (item.part == 0) worker.unreadable(input.path, Unreadable::io_error, problem);
        return;
    }
    std::string_view bytes = file.bytes();
    item.line_start = line_start_at(bytes, item.begin);
    uint64_t stop = line_start_at(bytes, item.end);
    if (item.line_start >= stop) return;
    worker.phases().read += seconds_since(start);
    auto decode_start = Clock::now();
    std::string storage;
    std::string_view text = decode_text(bytes.substr(item.line_start, stop - item.line_start), storage);
    worker.phases().extract += seconds_since(decode_start);
    if (item.part == 0) worker.set_format(input.path, input.format);
    TextHints hints = input.hints;
    hints.has_header = hints.has_header && item.part == 0; // only the first part starts with the header
    worker.scan_text(input.path, text, hints, item.part);
    file.release(item.line_start, stop);
}

void run_workers(std::vector<std::unique_ptr<Worker>>& workers, std::vector<WorkItem>& items,
                 const std::vector<InputFile>& files, const ScanOptions& options, Progress* progress) {
    std::atomic<size_t> next{0};
    auto loop = [&](Worker& worker) {
        for (size_t i = next.fetch_add(1); i < items.size(); i = next.fetch_add(1)) {
            WorkItem& item = items[i];
            const InputFile& input = files[item.file];
            if (item.split) scan_part(worker, input, item);
            else scan_whole(worker, input, options);
            if (!progress) continue;
            progress->done_bytes += item.end - item.begin;
            if (!item.split || item.end == input.size) ++progress->done_files;
        }
        worker.flush_keys();
    };
    std::vector<std::thread> threads;
    for (size_t t = 1; t < workers.size(); ++t) threads.emplace_back(loop, std::ref(*workers[t]));
    loop(*workers[0]);
    for (auto& thread : threads) thread.join();
}

void merge_files(std::vector<std::unique_ptr<Worker>>& workers, ScanResult& result) {
    for (auto& worker : workers)
        for (auto& found : worker->files()) result.per_file.push_back(std::move(found));
    std::stable_sort(result.per_file.begin(), result.per_file.end(),
                     [](const auto& a, const auto& b) { return a.path < b.path; });
    std::vector<FileFindings> merged;
    for (auto& found : result.per_file) {
        if (!merged.empty() && merged.back().path == found.path) { // parts of one split file
            merged.back().bytes += found.bytes;
            for (size_t c = 0; c < k_category_count; ++c) merged.back().matches[c] += found.matches[c];
            if (merged.back().format.empty()) merged.back().format = found.format;
            continue;
        }
        merged.push_back(std::move(found));
    }
    result.per_file = std::move(merged);
    for (const auto& found : result.per_file) {
        result.text_bytes += found.bytes;
        for (size_t c = 0; c < k_category_count; ++c) {
            result.findings[c].matches += found.matches[c];
            if (found.matches[c]) ++result.findings[c].files;
        }
    }
}

// Lines of examples in later parts of a split file count from the part's start; add the
// lines before it. Rare (only when earlier parts had too few examples), so counted here.
uint64_t lines_before(const std::string& path, uint32_t part, const std::vector<WorkItem>& items,
                      const std::vector<InputFile>& files) {
    for (const auto& item : items) {
        if (!item.split || item.part != part || files[item.file].path != path) continue;
        FileBytes file;
        if (!file.open(path, true).empty()) return 0;
        std::string_view bytes = file.bytes();
        if (bytes.size() < item.end) continue;
        return static_cast<uint64_t>(std::count(bytes.begin(), bytes.begin() + item.line_start, '\n'));
    }
    return 0;
}

void merge_examples(std::vector<std::unique_ptr<Worker>>& workers, const std::vector<WorkItem>& items,
                    const std::vector<InputFile>& files,
                    size_t wanted, ScanResult& result) {
    for (size_t c = 0; c < k_category_count; ++c) {
        std::vector<ExampleCandidate> all;
        for (auto& worker : workers)
            for (auto& candidate : worker->examples()[c]) all.push_back(std::move(candidate));
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.key() < b.key(); });
        if (all.size() > wanted) all.resize(wanted);
        for (auto& candidate : all) {
            uint64_t line = candidate.line + (candidate.part ? lines_before(candidate.path, candidate.part, items, files) : 0);
            result.examples[c].push_back({std::move(candidate.masked), std::move(candidate.path), line});
        }
    }
}

void derive_summary(ScanResult& result) {
    for (auto code : domain::codes::data())
        for (auto category : all_categories())
            if (result.findings[static_cast<size_t>(category)].matches && contract_data_code(category) == code) {
                result.data.emplace_back(code);
                break;
            }
    for (auto category : {Category::personal_identity_number, Category::email, Category::phone}) {
        uint64_t distinct = result.findings[static_cast<size_t>(category)].distinct;
        result.subjects.high += distinct;
        if (distinct > result.subjects.value) {
            result.subjects.value = distinct;
            result.subjects.basis = category_code(category);
        }
    }
    result.subjects.low = result.subjects.value;
}

} // namespace

Result<ScanResult> run_scan(const ScanOptions& options, Progress* progress) {
    auto start = Clock::now();
    if (options.paths.empty()) return fail(Error::invalid("path", "give at least one file or directory to scan"));
    for (const auto& path : options.paths) {
        std::error_code error;
        if (!fs::exists(path, error)) return fail(Error::invalid("path", "no such file or directory: " + path));
    }
    auto vocabulary = options.vocabulary;
    if (!vocabulary) vocabulary = TRY(Vocabulary::embedded());
    detail::Shared shared{options, IdentifierScanner(options.today), vocabulary, {}, {}};
    for (auto& keys : shared.keys) keys.set_limit(options.max_exact_keys);
    ScanResult result;
    result.phases.setup = seconds_since(start);
    auto walk_start = Clock::now();
    std::vector<InputFile> files;
    for (const auto& path : options.paths) walk_one(path, files, result.unreadable);
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    files.erase(std::unique(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path == b.path; }),
                files.end());
    for (const auto& file : files) result.bytes += file.size;
    result.files = files.size();
    if (progress) {
        progress->total_bytes = result.bytes;
        progress->total_files = files.size();
        progress->walking = false;
    }
    std::vector<WorkItem> items = plan(files, options);
    result.phases.walk = seconds_since(walk_start);

    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    result.threads = static_cast<unsigned>(std::clamp<size_t>(items.size(), 1, threads));
    std::vector<std::unique_ptr<Worker>> workers;
    for (unsigned t = 0; t < result.threads; ++t) workers.push_back(std::make_unique<Worker>(shared));
    run_workers(workers, items, files, options, progress);

    auto merge_start = Clock::now();
    merge_files(workers, result);
    merge_examples(workers, items, files, options.examples_per_category, result);
    for (auto& worker : workers) {
        for (auto& entry : worker->unreadable_inputs()) result.unreadable.push_back(std::move(entry));
        const auto& phases = worker->phases();
        result.phases.read += phases.read;
        result.phases.extract += phases.extract;
        result.phases.identifiers += phases.identifiers;
        result.phases.vocabulary += phases.vocabulary;
        result.phases.counting += phases.counting;
    }
    std::sort(result.unreadable.begin(), result.unreadable.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    result.findings[0].distinct = shared.pins.count();
    result.distinct_memory_bytes = shared.pins.memory_bytes();
    for (size_t c = 1; c < k_category_count; ++c) {
        result.findings[c].distinct = shared.keys[c].count();
        result.findings[c].exact = shared.keys[c].exact();
        result.distinct_memory_bytes += shared.keys[c].memory_bytes();
    }
    derive_summary(result);
    result.phases.counting += seconds_since(merge_start);
    result.seconds = seconds_since(start);
    return result;
}

} // namespace skydda::scan
