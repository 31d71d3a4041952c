// The special-category vocabularies (health, religion, trade union, social services, ...):
// term lists in data files (data/vocab/*.tsv, compiled in), matched in one Vectorscan pass,
// whole words, case-insensitive including Swedish letters. Weak terms count only with a
// context word of the same category nearby; strong terms count alone. The format and the
// review rules are in data/vocab/README.md and docs/scanner-vocabulary.md.
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

enum class Strength : uint8_t {
    strong,  // counts alone
    weak,    // counts only with a context or strong term of the same category nearby
    context, // never counts itself; makes nearby weak terms count
    exclude, // boilerplate naming the categories (lists of grounds of discrimination, the GDPR's
             // article 9): no match inside it counts or gives context, whatever its category
};

// How far (in bytes, from either edge of a weak term) a context or strong term may be.
inline constexpr size_t k_term_context_window = 200;

// One vocabulary file's text, named for error messages ("health.tsv").
struct VocabularySource {
    std::string name;
    std::string_view content;
};

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
    // Vocabulary files already in memory (tests, embedded data).
    static Result<std::shared_ptr<const Vocabulary>> from_sources(const std::vector<VocabularySource>& sources);

    ~Vocabulary();
    size_t term_count() const;
    std::string_view term(uint32_t index) const;
    Category term_category(uint32_t index) const;
    Strength term_strength(uint32_t index) const;

    // Per-thread scratch space for scanning (Vectorscan scratch and match buffers).
    class Scratch {
    public:
        ~Scratch();
        Scratch(const Scratch&) = delete;
        Scratch& operator=(const Scratch&) = delete;

    private:
        friend class Vocabulary;
        struct State;
        explicit Scratch(std::unique_ptr<State> state);
        std::unique_ptr<State> m_state;
    };
    std::unique_ptr<Scratch> make_scratch() const;
    // Appends the confident term matches in `text`, in order of position.
    void scan(std::string_view text, Scratch& scratch, std::vector<TermMatch>& out) const;

    struct Impl;
    explicit Vocabulary(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace skydda::scan
