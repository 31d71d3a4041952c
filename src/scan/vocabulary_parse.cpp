// Parsing data/vocab/*.tsv: each line's category, strength and term, the words of a phrase in
// lower case, and the anchor word that Vectorscan looks for.
#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "scan/identifier_ascii.hpp"
#include "scan/vocabulary_internal.hpp"
#include "util/text.hpp"

namespace skydda::scan {
namespace {

using namespace vocabulary_detail;

// ---- Parsing ---------------------------------------------------------------------------

std::string collapse_spaces(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::optional<Strength> parse_strength(std::string_view text) {
    if (text == "strong") return Strength::strong;
    if (text == "weak") return Strength::weak;
    if (text == "context") return Strength::context;
    if (text == "exclude") return Strength::exclude;
    return std::nullopt;
}

// Words that phrases share or that ordinary text is full of make poor anchors: every
// occurrence costs a callback and a failed phrase check.
bool is_poor_anchor(std::string_view word) {
    static constexpr std::string_view k_poor[] = {
        "aktiv",     "aktuell",       "ansluten",  "engagerad",  "enligt", "facket", "fackförbundet",
        "från",      "för",           "hos",       "kandidat",   "medlem", "medlemmar", "medlemskap",
        "med",       "mot",           "och",       "om",         "på",     "röstade", "röstar",
        "social",    "socialtjänsten", "sympatisör", "tidigare",  "till",   "tjänst",  "under",
        "var",       "är",            "av",        "i",          "ärende", "beslut",  "vård",
        "akut",      "kronisk",       "svår",      "tillhör",    "representerar", "politiker", "ledamot",
        "sitt",      "hans",          "hennes",    "deras",      "mitt",   "eget",    "gift",
        "lever",     "the",           "of",        "for",        "with",   "and",
    };
    return std::find(std::begin(k_poor), std::end(k_poor), word) != std::end(k_poor);
}

// The anchor of a phrase: an abbreviation in mixed case ("SoL") if there is one, since those
// are rare in running text (all-capital ones are not: "dna" is in "vårdnadshavare"); else the
// longest word of four bytes or more that is not a poor anchor; else the longest word. Short
// anchors slow Vectorscan down and match inside many words ("st", "gen").
size_t choose_anchor(const std::vector<std::string>& written, const std::vector<std::string>& words) {
    auto score = [&](size_t i) {
        const std::string& word = written[i];
        const bool mixed_case = std::any_of(word.begin() + 1, word.end(), ascii::is_upper) &&
                                std::any_of(word.begin(), word.end(), ascii::is_lower);
        const bool abbreviation = words[i].size() >= 3 && mixed_case;
        const bool good = words[i].size() >= 4 && !is_poor_anchor(words[i]);
        return words[i].size() + (abbreviation ? 2000 : good ? 1000 : 0);
    };
    size_t best = 0;
    for (size_t i = 1; i < words.size(); ++i)
        if (score(i) >= score(best)) best = i;
    return best;
}

// The words of a term in lower case, and its anchor.
void split_words(Term& term) {
    std::istringstream words(term.text);
    std::vector<std::string> written;
    for (std::string word; words >> word;) {
        term.words.push_back(text::lower_latin(word));
        written.push_back(std::move(word));
    }
    term.anchor = choose_anchor(written, term.words);
}

Result<Term> parse_term(std::string_view category_field, std::string_view strength_field, std::string_view term_field,
                        const std::string& origin) {
    auto fail_with = [&](std::string message) { return fail(Error::invalid("vocab", origin + ": " + message)); };
    auto category = parse_category(category_field);
    if (!category || !is_special(*category))
        return fail_with(fmt::format("unknown special category '{}'", category_field));
    auto strength = parse_strength(strength_field);
    if (!strength) return fail_with(fmt::format("unknown strength '{}'", strength_field));
    Term term{collapse_spaces(term_field), {}, *category, *strength, false, {}, 0, origin};
    term.display = term.text;
    if (!text::valid_utf8(term.text)) return fail_with("the term is not valid UTF-8");
    if (term.text.ends_with('*')) {
        term.prefix = true;
        term.text.pop_back();
    }
    if (term.text.find('*') != std::string::npos) return fail_with("'*' may only end a term");
    if (term.text.ends_with(' ')) return fail_with("a space before the '*' of a prefix term");
    const size_t minimum = term.prefix ? 4 : 2;
    if (text::code_points(term.text) < minimum)
        return fail_with(fmt::format("term '{}' is too short (at least {} letters{})", term.display, minimum,
                                     term.prefix ? " before '*'" : ""));
    split_words(term);
    return term;
}

} // namespace

namespace vocabulary_detail {

Status parse_source(const VocabularySource& source, std::vector<Term>& terms) {
    size_t line_number = 0;
    std::string_view rest = source.content;
    while (!rest.empty()) {
        const size_t newline = rest.find('\n');
        std::string_view line = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
        ++line_number;
        if (line.ends_with('\r')) line.remove_suffix(1);
        const size_t first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos || line[first] == '#') continue;
        const std::string origin = fmt::format("{}:{}", source.name, line_number);
        const size_t tab1 = line.find('\t');
        const size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
        if (tab2 == std::string_view::npos || line.find('\t', tab2 + 1) != std::string_view::npos)
            return fail(Error::invalid("vocab", origin + ": expected category<TAB>strength<TAB>term"));
        terms.push_back(TRY(parse_term(line.substr(0, tab1), line.substr(tab1 + 1, tab2 - tab1 - 1),
                                       line.substr(tab2 + 1), origin)));
    }
    return {};
}

} // namespace vocabulary_detail
} // namespace skydda::scan
