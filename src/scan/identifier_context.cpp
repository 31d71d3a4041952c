// Context words, searched only when an ambiguous candidate has already passed its validator.
#include "scan/identifier_context.hpp"

#include <array>

namespace skydda::scan {
namespace {

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

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80; }

// "konto" and the words built on it (kontonummer, lönekonto, konto nr) but not "kontor".
bool has_account_word(std::string_view window) {
    for (size_t at = window.find("konto"); at != std::string_view::npos; at = window.find("konto", at + 1)) {
        if (at + 5 >= window.size() || window[at + 5] != 'r') return true;
    }
    return false;
}

} // namespace

unsigned context_before(std::string_view text, size_t at) {
    size_t start = at > k_context_window ? at - k_context_window : 0;
    std::array<char, k_context_window> buffer{};
    size_t length = 0;
    for (size_t i = start; i < at; ++i) {
        char c = text[i];
        if (c == '\n') {
            length = 0; // the window starts after the line break
            continue;
        }
        buffer[length++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    std::string_view window(buffer.data(), length);
    unsigned flags = has_account_word(window) ? context_account : 0u;
    for (const auto& entry : k_words) {
        if (flags & entry.flag) continue;
        for (size_t found = window.find(entry.word); found != std::string_view::npos;
             found = window.find(entry.word, found + 1)) {
            size_t end = found + entry.word.size();
            bool starts = found == 0 || !is_letter(window[found - 1]);
            bool ends = !entry.whole || end == window.size() || !is_letter(window[end]);
            if (starts && ends) {
                flags |= entry.flag;
                break;
            }
        }
    }
    return flags;
}

} // namespace skydda::scan
