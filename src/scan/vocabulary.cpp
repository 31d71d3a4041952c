// The vocabularies: compiling the terms into one Vectorscan block-mode database of literals,
// and loading them (compiled in, from a directory, from memory). Parsing data/vocab/*.tsv is in
// vocabulary_parse.cpp; the scan with whole-word checks and the weak/context rule in
// vocabulary_match.cpp.
//
// Vectorscan is used only as a fast multi-literal finder, because literals compile in a
// fraction of a second where the same terms as regular expressions (case alternations for
// å/Å, white-space classes in phrases) took seconds. Each term contributes one word, its
// anchor (see choose_anchor), in every upper/lower-case spelling of its non-ASCII letters
// (HS_FLAG_CASELESS folds only ASCII); terms with the same anchor share the literal. The
// callback then checks the other words of a phrase around the anchor
// (separated by any white space), and the word boundaries, which `\b` would get wrong for
// non-ASCII letters. Literals have a fixed length, so no HS_FLAG_SOM_LEFTMOST (it costs speed).
#include "scan/vocabulary.hpp"
#include "scan/vocabulary_internal.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>

namespace skydda::scan {
namespace {

using namespace vocabulary_detail;

#include "vocabularies.inc"

// ---- Compiling -------------------------------------------------------------------------

// Every spelling of `word` (lower case) with its Latin-1 letters in either case; ASCII case
// is left to HS_FLAG_CASELESS. Words with many such letters get all-lower, all-upper and
// capitalised only, which is how real text spells them.
std::vector<std::string> case_variants(const std::string& word) {
    std::vector<size_t> positions;
    for (size_t i = 1; i < word.size(); ++i)
        if (word[i - 1] == '\xC3' && other_case_latin1(static_cast<unsigned char>(word[i]))) positions.push_back(i);
    auto flip = [&](std::string& spelling, size_t i) {
        spelling[i] = static_cast<char>(other_case_latin1(static_cast<unsigned char>(spelling[i])));
    };
    std::vector<std::string> variants;
    if (positions.size() <= 4) {
        for (size_t mask = 0; mask < (size_t{1} << positions.size()); ++mask) {
            std::string spelling = word;
            for (size_t k = 0; k < positions.size(); ++k)
                if (mask & (size_t{1} << k)) flip(spelling, positions[k]);
            variants.push_back(std::move(spelling));
        }
        return variants;
    }
    std::string upper = word;
    for (size_t i : positions) flip(upper, i);
    variants = {word, upper};
    if (positions.front() == 1) {
        std::string capitalised = word;
        flip(capitalised, 1);
        variants.push_back(std::move(capitalised));
    }
    return variants;
}

Result<std::unique_ptr<Vocabulary::Impl>> compile(std::vector<Term> terms) {
    if (terms.empty()) return fail(Error::invalid("vocab", "no terms"));
    std::vector<std::vector<uint32_t>> anchor_terms;
    std::vector<std::string> literals;
    std::vector<unsigned> ids;
    std::unordered_map<std::string, size_t> anchor_index;
    for (size_t i = 0; i < terms.size(); ++i) {
        const std::string& anchor = terms[i].words[terms[i].anchor];
        auto [it, added] = anchor_index.try_emplace(anchor, anchor_terms.size());
        if (added) {
            anchor_terms.emplace_back();
            for (auto& variant : case_variants(anchor)) {
                literals.push_back(std::move(variant));
                ids.push_back(static_cast<unsigned>(it->second));
            }
        }
        anchor_terms[it->second].push_back(static_cast<uint32_t>(i));
    }
    std::vector<const char*> pointers;
    std::vector<size_t> lengths;
    for (const auto& literal : literals) {
        pointers.push_back(literal.data());
        lengths.push_back(literal.size());
    }
    const std::vector<unsigned> flags(literals.size(), HS_FLAG_CASELESS);
    hs_database_t* database = nullptr;
    hs_compile_error_t* error = nullptr;
    if (hs_compile_lit_multi(pointers.data(), flags.data(), ids.data(), lengths.data(),
                             static_cast<unsigned>(literals.size()), HS_MODE_BLOCK, nullptr, &database,
                             &error) != HS_SUCCESS) {
        std::string where = error->expression >= 0
                                ? terms[anchor_terms[ids[static_cast<size_t>(error->expression)]].front()].origin + ": "
                                : "";
        std::string message = where + "cannot compile: " + error->message;
        hs_free_compile_error(error);
        return fail(Error::invalid("vocab", message));
    }
    auto impl = std::make_unique<Vocabulary::Impl>();
    impl->database.reset(database);
    hs_scratch_t* scratch = nullptr;
    if (hs_alloc_scratch(database, &scratch) != HS_SUCCESS)
        return fail(Error::internal("vocab: no scratch space"));
    impl->prototype.reset(scratch);
    impl->terms = std::move(terms);
    impl->anchor_terms = std::move(anchor_terms);
    return impl;
}

} // namespace

Vocabulary::Vocabulary(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Vocabulary::~Vocabulary() = default;

Result<std::shared_ptr<const Vocabulary>> Vocabulary::from_sources(const std::vector<VocabularySource>& sources) {
    std::vector<Term> terms;
    for (const auto& source : sources) TRY_STATUS(parse_source(source, terms));
    auto impl = TRY(compile(std::move(terms)));
    return std::make_shared<const Vocabulary>(std::move(impl));
}

Result<std::shared_ptr<const Vocabulary>> Vocabulary::embedded() {
    // Compiled once per process: the database is immutable and shared by every thread.
    static const Result<std::shared_ptr<const Vocabulary>> cached = [] {
        std::vector<VocabularySource> sources;
        for (const auto& file : k_embedded_vocabularies) sources.push_back({std::string(file.name), file.content});
        return from_sources(sources);
    }();
    return cached;
}

Result<std::shared_ptr<const Vocabulary>> Vocabulary::from_directory(const std::string& directory) {
    std::error_code error;
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error))
        if (entry.path().extension() == ".tsv") paths.push_back(entry.path());
    if (error)
        return fail(Error::invalid("vocab", fmt::format("cannot read directory {}: {}", directory, error.message())));
    std::sort(paths.begin(), paths.end());
    std::vector<std::string> contents;
    for (const auto& path : paths) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) return fail(Error::invalid("vocab", fmt::format("cannot read {}", path.string())));
        contents.push_back(std::move(text).str());
    }
    std::vector<VocabularySource> sources;
    for (size_t i = 0; i < paths.size(); ++i) sources.push_back({paths[i].filename().string(), contents[i]});
    return from_sources(sources);
}

size_t Vocabulary::term_count() const { return m_impl->terms.size(); }
std::string_view Vocabulary::term(uint32_t index) const { return m_impl->terms.at(index).display; }
Category Vocabulary::term_category(uint32_t index) const { return m_impl->terms.at(index).category; }
Strength Vocabulary::term_strength(uint32_t index) const { return m_impl->terms.at(index).strength; }

} // namespace skydda::scan
