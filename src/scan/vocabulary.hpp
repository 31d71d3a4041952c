// The special-category vocabularies (health, religion, trade union, social services, ...):
// term lists in data files (data/vocab/*.tsv, compiled in), matched in one Vectorscan pass,
// whole words, case-insensitive including Swedish letters. Weak terms count only with a
// context word of the same category nearby; strong terms count alone.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scan/category.hpp"
#include "util/error.hpp"

namespace skydda::scan {

struct TermMatch {
    Category category;
    uint32_t term; // index into Vocabulary::term()
    size_t begin;  // byte offsets in the scanned text
    size_t end;
};

class Vocabulary {
public:
    // The vocabularies compiled into the binary from data/vocab/.
    static Result<std::shared_ptr<const Vocabulary>> embedded();
    // Every *.tsv file in `directory` (same format); errors name the file and line.
    static Result<std::shared_ptr<const Vocabulary>> from_directory(const std::string& directory);

    ~Vocabulary();
    size_t term_count() const;
    std::string_view term(uint32_t index) const;
    Category term_category(uint32_t index) const;

    // Per-thread scratch space for scanning.
    class Scratch;
    struct ScratchDeleter {
        void operator()(Scratch* scratch) const; // defined where Scratch is
    };
    using ScratchPtr = std::unique_ptr<Scratch, ScratchDeleter>;
    ScratchPtr make_scratch() const;
    // Appends the confident term matches in `text`, in order of position.
    void scan(std::string_view text, Scratch& scratch, std::vector<TermMatch>& out) const;

    struct Impl;
    explicit Vocabulary(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace skydda::scan
