// Context words, searched only when an ambiguous candidate has already passed its validator.
#include "scan/identifier_context.hpp"
#include "scan/identifier_ascii.hpp"

#include <array>

namespace skydda::scan {
namespace {

using ascii::lower;

struct ContextWord {
    std::string_view word; // lowercase ASCII
    unsigned flag;
    bool whole; // must also end at a word boundary ("bg", "pg", "pnr", "ssn", "tel")
};

constexpr std::array<ContextWord, 31> k_words{{
    {"personnummer", context_pin, false}, {"personnr", context_pin, false}, {"pers.nr", context_pin, false},
    {"pers nr", context_pin, false}, {"pnr", context_pin, true}, {"p-nr", context_pin, true},
    {"samordningsnummer", context_pin, false}, {"samordningsnr", context_pin, false},
    {"social security", context_pin, false}, {"ssn", context_pin, true},
    {"organisationsnummer", context_org, false}, {"org.nr", context_org, false}, {"orgnr", context_org, false},
    {"org nr", context_org, false}, {"org. nr", context_org, false},
    {"bankgiro", context_bankgiro, false}, {"bg", context_bankgiro, true},
    {"plusgiro", context_plusgiro, false}, {"postgiro", context_plusgiro, false}, {"pg", context_plusgiro, true},
    {"clearing", context_account, false}, {"bankkonto", context_account, false},
    {"passnummer", context_document, false}, {"pass nr", context_document, false},
    {"passport no", context_document, false}, {"passport number", context_document, false},
    {"id-kortsnummer", context_document, false}, {"nationellt id-kort", context_document, false},
    {"tel", context_phone, true}, {"telefon", context_phone, false}, {"mobil", context_phone, false},
}};


bool is_letter(char c) { return ascii::is_alpha(c) || static_cast<unsigned char>(c) >= 0x80; }

constexpr std::array<bool, 256> k_first_letters = [] {
    std::array<bool, 256> table{};
    for (const auto& entry : k_words) {
        auto first = static_cast<unsigned char>(entry.word[0]);
        table[first] = true;
        table[first - 32] = true; // the uppercase letter
    }
    table['k'] = table['K'] = true; // "konto"
    return table;
}();

// `text` starts with `word` (lowercase), ignoring ASCII case.
bool starts_with_folded(std::string_view text, std::string_view word) {
    if (text.size() < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
        if (lower(text[i]) != word[i]) return false;
    return true;
}

// "konto" and the words built on it (kontonummer, lönekonto, konto nr) but not "kontor": the
// one word also matched inside other words.
bool account_word_at(std::string_view rest) {
    return starts_with_folded(rest, "konto") && (rest.size() == 5 || lower(rest[5]) != 'r');
}

// One pass over `window` (no line breaks inside). Only positions holding the first letter of
// some word are compared, and only with the words starting with that letter.
unsigned context_of(std::string_view window) {
    unsigned flags = 0;
    for (size_t i = 0; i < window.size(); ++i) {
        char first = window[i];
        if (!k_first_letters[static_cast<unsigned char>(first)]) continue;
        std::string_view rest = window.substr(i);
        if (account_word_at(rest)) flags |= context_account;
        if (i > 0 && is_letter(window[i - 1])) continue;
        char folded = lower(first);
        for (const auto& entry : k_words) {
            if (entry.word[0] != folded || (flags & entry.flag) || !starts_with_folded(rest, entry.word)) continue;
            size_t end = entry.word.size();
            if (!entry.whole || end == rest.size() || !is_letter(rest[end])) flags |= entry.flag;
        }
    }
    return flags;
}

} // namespace

unsigned context_before(std::string_view text, size_t at) {
    size_t start = at > k_context_window ? at - k_context_window : 0;
    for (size_t i = at; i > start; --i) {
        if (text[i - 1] == '\n') {
            start = i; // the window starts after the line break
            break;
        }
    }
    return context_of(text.substr(start, at - start));
}

unsigned context_in(std::string_view line) { return context_of(line); }

} // namespace skydda::scan
