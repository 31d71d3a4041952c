// A main() for compilers without libFuzzer: runs each file (or every file in each directory)
// named on the command line through LLVMFuzzerTestOneInput once, so the corpus can be
// replayed under ASan/UBSan with GCC. With -mutations=N it then runs N mutants of each input
// (bit flips, byte changes, insertions, deletions, truncations, splices of two inputs) from a
// fixed seed: a brief, repeatable fuzz run for CI where libFuzzer is not available. Other
// options starting with '-' are ignored, as libFuzzer's.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

bool read_file(const std::filesystem::path& path, std::vector<uint8_t>& out) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        return false;
    }
    std::vector<char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    out.assign(bytes.begin(), bytes.end());
    return true;
}

// A copy of exactly `size` bytes, so ASan catches reads past the end of the input.
void run_input(const std::vector<uint8_t>& bytes) {
    std::vector<uint8_t> input(bytes);
    LLVMFuzzerTestOneInput(input.data(), input.size());
}

std::vector<uint8_t> mutate(std::vector<uint8_t> input, const std::vector<uint8_t>& other, std::mt19937_64& random) {
    auto pick = [&](size_t bound) { return bound ? static_cast<size_t>(random() % bound) : 0; };
    constexpr uint8_t k_interesting[] = {0, 0xFF, 0x7F, 0x80, '\n', '<', '"', '=', '%', 0xC3, 0xFE};
    for (size_t steps = 1 + pick(4); steps > 0; --steps) {
        switch (pick(6)) {
        case 0: if (!input.empty()) input[pick(input.size())] ^= static_cast<uint8_t>(1u << pick(8)); break;
        case 1: if (!input.empty()) input[pick(input.size())] = k_interesting[pick(std::size(k_interesting))]; break;
        case 2: input.insert(input.begin() + static_cast<std::ptrdiff_t>(pick(input.size() + 1)), static_cast<uint8_t>(random())); break;
        case 3: if (!input.empty()) input.erase(input.begin() + static_cast<std::ptrdiff_t>(pick(input.size()))); break;
        case 4: input.resize(pick(input.size() + 1)); break;
        default: {
            size_t at = pick(input.size() + 1), from = pick(other.size() + 1);
            input.resize(at);
            input.insert(input.end(), other.begin() + static_cast<std::ptrdiff_t>(from), other.end());
        }
        }
    }
    return input;
}

} // namespace

int main(int argc, char** argv) {
    bool ok = true;
    size_t mutations = 0;
    std::vector<std::filesystem::path> paths;
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (argument.starts_with("-mutations=")) mutations = std::stoul(argument.substr(11));
        if (argument.starts_with("-")) continue;
        std::filesystem::path path(argument);
        if (!std::filesystem::is_directory(path)) {
            paths.push_back(path);
            continue;
        }
        for (const auto& entry : std::filesystem::recursive_directory_iterator(path))
            if (entry.is_regular_file()) paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end()); // the same order, so the same mutants, every run
    std::vector<std::vector<uint8_t>> corpus;
    for (const auto& path : paths) {
        std::vector<uint8_t> bytes;
        ok = read_file(path, bytes) && ok;
        run_input(bytes);
        corpus.push_back(std::move(bytes));
    }
    std::mt19937_64 random(20261130);
    for (size_t n = 0; n < mutations && !corpus.empty(); ++n)
        for (const auto& input : corpus) run_input(mutate(input, corpus[random() % corpus.size()], random));
    std::printf("replayed %zu inputs and %zu mutants\n", corpus.size(), mutations * corpus.size());
    return ok ? 0 : 1;
}
