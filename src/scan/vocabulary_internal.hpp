// Internal to scan/: the vocabulary's parsed terms and raw matches, the compiled Vectorscan
// database (Vocabulary::Impl), and the helpers vocabulary{,_parse,_match}.cpp share.
#pragma once
#include <hs/hs.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "scan/vocabulary.hpp"

namespace skydda::scan::vocabulary_detail {

struct Term {
    std::string text;     // as written, without the trailing '*'
    std::string display;  // as written, with the '*' of a prefix term
    Category category;
    Strength strength;
    bool prefix;
    std::vector<std::string> words; // lower-cased, split at spaces
    size_t anchor;                  // index of the word Vectorscan looks for (choose_anchor)
    std::string origin;             // "health.tsv:12", for compile errors
};

struct RawMatch {
    uint32_t term;
    size_t begin, end;
};

struct DatabaseDeleter {
    void operator()(hs_database_t* database) const { hs_free_database(database); }
};
struct ScratchDeleter {
    void operator()(hs_scratch_t* scratch) const { hs_free_scratch(scratch); }
};
using DatabasePtr = std::unique_ptr<hs_database_t, DatabaseDeleter>;
using ScratchPtr = std::unique_ptr<hs_scratch_t, ScratchDeleter>;


// Appends the terms of one file; comments are whole lines starting with '#'.
// (vocabulary_parse.cpp)
Status parse_source(const VocabularySource& source, std::vector<Term>& terms);

// A Latin-1 letter (U+00C0..U+00FE) in UTF-8 is C3 xx; upper and lower case differ by 0x20
// in the second byte. Returns the other case's second byte, or 0. (vocabulary_match.cpp)
unsigned char other_case_latin1(unsigned char second);

} // namespace skydda::scan::vocabulary_detail

namespace skydda::scan {

struct Vocabulary::Impl {
    std::vector<vocabulary_detail::Term> terms;
    // Terms by anchor word; the Vectorscan pattern id is the index here, so that a word shared
    // by many phrases ("Moderaterna" in "medlem i", "aktiv i"...) is one literal.
    std::vector<std::vector<uint32_t>> anchor_terms;
    vocabulary_detail::DatabasePtr database;
    vocabulary_detail::ScratchPtr prototype; // cloned for each Scratch
};

} // namespace skydda::scan
