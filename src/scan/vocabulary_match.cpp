// The scan: Vectorscan finds the anchor words, the match callback checks the rest of a phrase
// and the word boundaries (UTF-8 aware), then exclude phrases and the weak/context rule decide.
#include <algorithm>
#include <array>
#include <new>
#include <optional>
#include <utility>

#include "scan/vocabulary_internal.hpp"

namespace skydda::scan {
namespace {

using namespace vocabulary_detail;

// ---- UTF-8 and word characters ---------------------------------------------------------

// The code point starting at text[i] and its length; an invalid sequence yields the byte
// itself read as Latin-1 (text that was never converted is usually Latin-1) with length 1.
std::pair<uint32_t, size_t> decode_at(std::string_view text, size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) return {lead, 1};
    size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    if (lead > 0xF4 || length == 0 || i + length > text.size()) return {lead, 1};
    uint32_t cp = lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
        const auto byte = static_cast<unsigned char>(text[i + k]);
        if ((byte & 0xC0) != 0x80) return {lead, 1};
        cp = (cp << 6) | (byte & 0x3F);
    }
    constexpr std::array<uint32_t, 5> k_min = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < k_min[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {lead, 1};
    return {cp, length};
}

// The code point ending just before text[end] and its length (same fallback as decode_at).
std::pair<uint32_t, size_t> decode_before(std::string_view text, size_t end) {
    size_t start = end - 1;
    for (size_t k = 0; k < 3 && start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80; ++k) --start;
    auto [cp, length] = decode_at(text, start);
    if (start + length == end) return {cp, length};
    return {static_cast<unsigned char>(text[end - 1]), 1};
}

// Letters, digits and combining marks continue a word; punctuation, spaces and symbols do not.
// Coarse by block on purpose: what matters is that Swedish and other Latin letters, Greek and
// Cyrillic continue a word and that dashes, quotes, no-break spaces and bullets end one.
bool is_word_code_point(uint32_t cp) {
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp <= 0xFF) return cp != 0xD7 && cp != 0xF7;
    if (cp < 0x2000) return cp != 0x037E && cp != 0x0387; // Latin ext., combining, Greek, Cyrillic...
    if (cp < 0x2C00) return false;                        // punctuation, symbols, arrows, boxes
    if (cp >= 0x2E00 && cp < 0x2E80) return false;        // supplemental punctuation
    if (cp >= 0x3000 && cp < 0x3040) return false;        // CJK punctuation and space
    if (cp >= 0xFE30 && cp < 0xFE70) return false;        // CJK compatibility forms
    if (cp >= 0xFF00 && cp < 0xFF10) return false;        // full-width punctuation
    return cp != 0xFEFF && cp < 0xFFF0;
}

bool word_before(std::string_view text, size_t position) {
    return position > 0 && is_word_code_point(decode_before(text, position).first);
}

bool word_at(std::string_view text, size_t position) {
    return position < text.size() && is_word_code_point(decode_at(text, position).first);
}

size_t extend_word(std::string_view text, size_t position) {
    while (position < text.size()) {
        auto [cp, length] = decode_at(text, position);
        if (!is_word_code_point(cp)) break;
        position += length;
    }
    return position;
}

} // namespace

// ---- Case ------------------------------------------------------------------------------

namespace vocabulary_detail {

unsigned char other_case_latin1(unsigned char second) {
    if (second >= 0x80 && second <= 0x9E && second != 0x97) return static_cast<unsigned char>(second + 0x20);
    if (second >= 0xA0 && second <= 0xBE && second != 0xB7) return static_cast<unsigned char>(second - 0x20);
    return 0;
}

} // namespace vocabulary_detail

namespace {

// Whether text[position...] spells `word` (lower case) in any case.
bool equal_folded(std::string_view text, size_t position, std::string_view word) {
    if (position > text.size() || text.size() - position < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
        const auto want = static_cast<unsigned char>(word[i]);
        const auto have = static_cast<unsigned char>(text[position + i]);
        if (have == want) continue;
        if (want >= 'a' && want <= 'z' && (have | 0x20) == want) continue;
        if (i > 0 && word[i - 1] == '\xC3' && other_case_latin1(want) == have) continue;
        return false;
    }
    return true;
}

// What the match callback needs: the whole text (for boundaries beyond the scanned chunk).
constexpr size_t k_none = static_cast<size_t>(-1);

// The latest context matches of one category that no weak match has needed yet. Eight is
// more than a window holds in real text; losing an older one only loses context.
struct RecentContext {
    std::array<RawMatch, 8> matches;
    uint8_t size = 0, next = 0;
};

struct ScanContext {
    const std::vector<Term>& terms;
    const std::vector<std::vector<uint32_t>>& anchor_terms;
    std::string_view text;
    size_t base;         // offset of the scanned chunk in `text`
    size_t accept_limit; // matches must begin before this offset (chunk overlap)
    std::vector<RawMatch>& raw;
    // Context words are frequent ("socialtjänsten" in every letterhead) and matter only near a
    // weak match: they are kept here and moved to `raw` only when a weak match comes close.
    std::array<RecentContext, k_category_count> recent{};
    std::array<size_t, k_category_count> last_weak_end;
};

void keep_match(ScanContext& context, const RawMatch& match) {
    const Term& term = context.terms[match.term];
    const auto category = static_cast<size_t>(term.category);
    auto& recent = context.recent[category];
    auto& last_weak_end = context.last_weak_end[category];
    if (term.strength == Strength::context) {
        if (last_weak_end != k_none && match.begin <= last_weak_end + k_term_context_window) {
            context.raw.push_back(match);
        } else {
            recent.matches[recent.next] = match;
            recent.next = static_cast<uint8_t>((recent.next + 1) % recent.matches.size());
            recent.size = static_cast<uint8_t>(std::min<size_t>(recent.size + 1, recent.matches.size()));
        }
        return;
    }
    context.raw.push_back(match);
    if (term.strength != Strength::weak) return;
    for (size_t i = 0; i < recent.size; ++i)
        if (recent.matches[i].end + k_term_context_window >= match.begin) context.raw.push_back(recent.matches[i]);
    recent.size = recent.next = 0;
    last_weak_end = last_weak_end == k_none ? match.end : std::max(last_weak_end, match.end);
}

bool is_space_byte(unsigned char byte) { return byte == ' ' || (byte >= '\t' && byte <= '\r'); }

// White space between the words of a phrase: ASCII white space and U+00A0 (no-break space).
size_t space_before(std::string_view text, size_t position) {
    size_t start = position;
    for (;;) {
        if (start > 0 && is_space_byte(static_cast<unsigned char>(text[start - 1]))) {
            --start;
        } else if (start > 1 && text[start - 1] == '\xA0' && text[start - 2] == '\xC2') {
            start -= 2;
        } else {
            return position - start;
        }
    }
}

size_t space_after(std::string_view text, size_t position) {
    size_t end = position;
    for (;;) {
        if (end < text.size() && is_space_byte(static_cast<unsigned char>(text[end]))) {
            ++end;
        } else if (end + 1 < text.size() && text[end] == '\xC2' && text[end + 1] == '\xA0') {
            end += 2;
        } else {
            return end - position;
        }
    }
}

// The span of `term` around its anchor word found at [begin, end), if the other words are
// there, separated by white space; nullopt otherwise.
std::optional<std::pair<size_t, size_t>> phrase_span(const Term& term, std::string_view text, size_t begin,
                                                     size_t end) {
    for (size_t k = term.anchor; k-- > 0;) {
        const size_t gap = space_before(text, begin);
        const auto& word = term.words[k];
        if (gap == 0 || begin - gap < word.size() || !equal_folded(text, begin - gap - word.size(), word))
            return std::nullopt;
        begin -= gap + word.size();
    }
    for (size_t k = term.anchor + 1; k < term.words.size(); ++k) {
        const size_t gap = space_after(text, end);
        if (gap == 0 || !equal_folded(text, end + gap, term.words[k])) return std::nullopt;
        end += gap + term.words[k].size();
    }
    return std::pair{begin, end};
}

void match_term(ScanContext& context, uint32_t id, size_t anchor_end) {
    const Term& term = context.terms[id];
    const size_t anchor_begin = anchor_end - term.words[term.anchor].size();
    auto span = term.words.size() == 1 ? std::pair{anchor_begin, anchor_end}
                                       : phrase_span(term, context.text, anchor_begin, anchor_end);
    if (!span) return;
    auto [begin, end] = *span;
    if (begin >= context.accept_limit || word_before(context.text, begin)) return;
    if (term.prefix) {
        end = extend_word(context.text, end);
    } else if (word_at(context.text, end)) {
        return;
    }
    keep_match(context, {id, begin, end});
}

int on_match(unsigned int id, unsigned long long, unsigned long long to, unsigned int, void* user) {
    auto& context = *static_cast<ScanContext*>(user);
    for (uint32_t term : context.anchor_terms[id]) match_term(context, term, context.base + static_cast<size_t>(to));
    return 0;
}

// Block mode takes an unsigned length; larger texts go in chunks that overlap by more than
// any match can span (phrases with long runs of white space between words are the limit).
constexpr size_t k_chunk_bytes = size_t{1} << 30;
constexpr size_t k_chunk_overlap = 64 * 1024;

void find_raw_matches(const Vocabulary::Impl& impl, std::string_view text, hs_scratch_t* scratch,
                      std::vector<RawMatch>& raw) {
    for (size_t base = 0; base < text.size(); base += k_chunk_bytes) {
        const size_t length = std::min(text.size() - base, k_chunk_bytes + k_chunk_overlap);
        const size_t accept = std::min(text.size(), base + k_chunk_bytes);
        ScanContext context{impl.terms, impl.anchor_terms, text, base, accept, raw};
        context.last_weak_end.fill(k_none);
        hs_scan(impl.database.get(), text.data() + base, static_cast<unsigned>(length), 0, scratch, on_match,
                &context);
    }
}

// Drops the matches inside an exclude phrase, and the exclude matches themselves. `raw` is in
// start order, longest first, so an exclude phrase comes before what it contains.
void apply_excludes(const std::vector<Term>& terms, std::vector<RawMatch>& raw) {
    size_t excluded_to = 0;
    std::erase_if(raw, [&](const RawMatch& match) {
        if (terms[match.term].strength == Strength::exclude) {
            excluded_to = std::max(excluded_to, match.end);
            return true;
        }
        return match.end <= excluded_to;
    });
}

bool is_anchor(const Term& term) { return term.strength == Strength::strong || term.strength == Strength::context; }

// A weak match counts when a context or strong term of its category lies within the window
// and is not part of the weak match itself ("sexuell" in "sexuell läggning"). Anchors that
// start before the weak match: the furthest end seen so far per category. Anchors that start
// at or after it: a look ahead, short because the window is.
void resolve_weak(const std::vector<Term>& terms, const std::vector<RawMatch>& raw, std::vector<uint8_t>& counted) {
    std::array<size_t, k_category_count> last_end;
    last_end.fill(k_none);
    counted.assign(raw.size(), 0);
    for (size_t i = 0; i < raw.size(); ++i) {
        const Term& term = terms[raw[i].term];
        const auto category = static_cast<size_t>(term.category);
        if (term.strength == Strength::strong) counted[i] = 1;
        if (term.strength != Strength::weak) {
            if (last_end[category] == k_none || raw[i].end > last_end[category]) last_end[category] = raw[i].end;
            continue;
        }
        if (last_end[category] != k_none && last_end[category] + k_term_context_window >= raw[i].begin) {
            counted[i] = 1;
            continue;
        }
        for (size_t j = i + 1; j < raw.size() && raw[j].begin <= raw[i].end + k_term_context_window; ++j) {
            const Term& other = terms[raw[j].term];
            const bool inside = raw[j].begin >= raw[i].begin && raw[j].end <= raw[i].end;
            if (other.category == term.category && is_anchor(other) && !inside) {
                counted[i] = 1;
                break;
            }
        }
    }
}

} // namespace

struct Vocabulary::Scratch::State {
    ScratchPtr scratch;
    std::vector<RawMatch> raw;
    std::vector<uint8_t> counted;
};

Vocabulary::Scratch::Scratch(std::unique_ptr<State> state) : m_state(std::move(state)) {}
Vocabulary::Scratch::~Scratch() = default;

std::unique_ptr<Vocabulary::Scratch> Vocabulary::make_scratch() const {
    hs_scratch_t* clone = nullptr;
    // Only fails when out of memory, which is what exceptions are for here.
    if (hs_clone_scratch(m_impl->prototype.get(), &clone) != HS_SUCCESS) throw std::bad_alloc();
    auto state = std::make_unique<Scratch::State>();
    state->scratch.reset(clone);
    return std::unique_ptr<Scratch>(new Scratch(std::move(state)));
}

void Vocabulary::scan(std::string_view text, Scratch& scratch, std::vector<TermMatch>& out) const {
    auto& raw = scratch.m_state->raw;
    raw.clear();
    if (text.empty()) return;
    find_raw_matches(*m_impl, text, scratch.m_state->scratch.get(), raw);
    if (raw.empty()) return;
    // Vectorscan reports by end offset; the rules want start order, longest first.
    // Usually already in that order (literals of fixed length), so check before sorting.
    auto before = [](const RawMatch& a, const RawMatch& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    };
    if (!std::is_sorted(raw.begin(), raw.end(), before)) std::sort(raw.begin(), raw.end(), before);
    apply_excludes(m_impl->terms, raw);
    auto& counted = scratch.m_state->counted;
    resolve_weak(m_impl->terms, raw, counted);
    // A match inside a longer one of the same category ("ohälsa" in "psykisk ohälsa") is
    // the same finding: keep the longer.
    std::array<size_t, k_category_count> covered_to{};
    for (size_t i = 0; i < raw.size(); ++i) {
        if (!counted[i]) continue;
        const auto category = m_impl->terms[raw[i].term].category;
        auto& covered = covered_to[static_cast<size_t>(category)];
        if (raw[i].end <= covered) continue;
        covered = raw[i].end;
        out.push_back({category, raw[i].term, raw[i].begin, raw[i].end});
    }
}

} // namespace skydda::scan
