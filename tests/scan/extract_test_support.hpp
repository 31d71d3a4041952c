// A TextSink that records what the extractors hand on, and fixture loading, for the
// extractor tests.
#pragma once
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "scan/extract.hpp"

namespace skydda::scan::testing {

struct Piece {
    std::string path;
    std::string text;
    TextHints hints;
    const char* data; // where the text was, to tell a view of the input from a copy
};

struct Problem {
    std::string path;
    Unreadable reason;
    std::string detail;
};

class RecordingSink : public TextSink {
public:
    void text(const std::string& path, std::string_view utf8, const TextHints& hints) override {
        pieces.push_back({path, std::string(utf8), hints, utf8.data()});
    }
    void unreadable(const std::string& path, Unreadable reason, std::string_view detail) override {
        problems.push_back({path, reason, std::string(detail)});
    }
    // All text handed on for `path`, joined.
    std::string text_of(const std::string& path) const {
        std::string joined;
        for (const auto& piece : pieces)
            if (piece.path == path) joined += piece.text + "\n";
        return joined;
    }
    std::string all_text() const {
        std::string joined;
        for (const auto& piece : pieces) joined += piece.text + "\n";
        return joined;
    }
    bool has_problem(const std::string& path, Unreadable reason) const {
        for (const auto& problem : problems)
            if (problem.path == path && problem.reason == reason) return true;
        return false;
    }
    std::vector<std::string> paths() const {
        std::vector<std::string> out;
        for (const auto& piece : pieces) out.push_back(piece.path);
        return out;
    }
    std::vector<Piece> pieces;
    std::vector<Problem> problems;
};

inline std::string read_fixture(const std::string& name) {
    std::ifstream file(std::string(SKYDDA_SOURCE_DIR) + "/tests/scan/fixtures/" + name, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// Extracts fixture `name` under its own name as path.
inline RecordingSink extract_fixture(const std::string& name, const Limits& limits = {}) {
    std::string bytes = read_fixture(name);
    RecordingSink sink;
    extract(name, bytes, limits, sink);
    return sink;
}

} // namespace skydda::scan::testing
