// Context words for the recognisers whose candidates are ambiguous on their own (a bare ten-
// digit number, a bankgiro-shaped NNNN-NNNN, an eight-digit passport number): the word must
// occur earlier on the same line, within k_context_window bytes. Internal to the scanner.
#pragma once
#include <cstddef>
#include <string_view>

namespace skydda::scan {

inline constexpr size_t k_context_window = 80;

enum ContextFlag : unsigned {
    context_pin = 1u << 0,      // personnummer, personnr, pers.nr, pnr, samordningsnummer, ssn ...
    context_org = 1u << 1,      // organisationsnummer, org.nr, orgnr
    context_bankgiro = 1u << 2, // bankgiro, bg
    context_plusgiro = 1u << 3, // plusgiro, postgiro, pg
    context_account = 1u << 4,  // konto (not kontor), kontonummer, bankkonto, clearing
    context_document = 1u << 5, // passnummer, pass nr, passport no, id-kortsnummer ...
    context_phone = 1u << 6,    // tel, telefon, tfn, mobil, mobilnummer
};

// The context flags of the words found in text[window_start, at) where window_start is the
// later of the line start and at - k_context_window. ASCII case-insensitive.
unsigned context_before(std::string_view text, size_t at);
// The context flags of the words anywhere in `line` (no line breaks inside): a cheap gate
// computed once per line, before the exact window test above.
unsigned context_in(std::string_view line);

} // namespace skydda::scan
