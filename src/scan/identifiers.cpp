// The identifier scanner: one forward pass. SSE2 skips bytes that cannot start a candidate
// (everything but digits, '@', ':' and '<'), 32 bytes per step; each interesting byte is
// handed to a small local parser that finds the candidate's extent and runs its validator.
// Letters before an IBAN's check digits and the '+' of "+46" are found by looking back from
// the first digit. Candidates never span lines; every read is bounds-checked.
// The pass itself is declared in identifier_pass.hpp; the recognisers of contact details and
// of banking identifiers are in identifier_contact.cpp and identifier_banking.cpp.
#include "scan/identifiers.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "scan/identifier_pass.hpp"

namespace skydda::scan {
namespace {

using ascii::is_digit;

bool is_interesting(char c) { return is_digit(c) || c == ':' || c == '@' || c == '<'; }

// The next byte at or after `pos` that may start a candidate.
size_t next_interesting(std::string_view text, size_t pos) {
    const char* data = text.data();
    size_t size = text.size();
#if defined(__SSE2__)
    // Digits and ':' are 0x30..0x3A: shifted by 0x50 they become the signed bytes -128..-118.
    const __m128i bias = _mm_set1_epi8(0x50);
    const __m128i limit = _mm_set1_epi8(-117);
    const __m128i less = _mm_set1_epi8('<');
    const __m128i at = _mm_set1_epi8('@');
    auto hits = [&](__m128i v) {
        __m128i range = _mm_cmplt_epi8(_mm_add_epi8(v, bias), limit);
        return _mm_or_si128(range, _mm_or_si128(_mm_cmpeq_epi8(v, less), _mm_cmpeq_epi8(v, at)));
    };
    while (pos + 32 <= size) {
        __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i_u*>(data + pos));
        __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i_u*>(data + pos + 16));
        auto mask = static_cast<uint32_t>(_mm_movemask_epi8(hits(a))) |
                    static_cast<uint32_t>(_mm_movemask_epi8(hits(b))) << 16;
        if (mask != 0) return pos + static_cast<size_t>(__builtin_ctz(mask));
        pos += 32;
    }
#endif
    while (pos < size && !is_interesting(data[pos])) ++pos;
    return pos;
}

// A run this long is no identifier (card numbers have at most 19 digits): skip it whole.
constexpr size_t k_max_run = 24;

} // namespace

namespace identifier_detail {

void Pass::run() {
    size_t pos = 0;
    while ((pos = next_interesting(m_text, pos)) < m_text.size()) pos = dispatch(pos);
}

size_t Pass::dispatch(size_t pos) {
    char c = m_text[pos];
    if (c == '@') return email(pos);
    if (c == ':') return ipv6(pos);
    if (c == '<') return mrz(pos);
    return digits(pos);
}

// --- Digits ---------------------------------------------------------------------------------

size_t Pass::digits(size_t pos) {
    size_t run_end = pos;
    while (run_end < m_text.size() && is_digit(m_text[run_end])) ++run_end;
    if (is_upper(before(pos))) {
        if (auto end = iban(pos)) return *end;
    }
    if (run_end - pos > k_max_run || !clean_start(pos)) return run_end;
    // A lone run of up to six digits can only be the first octet of an IPv4 address.
    char next = at(run_end);
    bool continues = next == ' ' || next == '-' || next == '+' || next == '.';
    if (run_end - pos <= 6 && !continues) return run_end;
    Cluster cluster = cluster_at(pos);
    if (auto end = digit_candidates(cluster, pos)) return *end;
    return run_end;
}

std::optional<size_t> Pass::digit_candidates(const Cluster& cluster, size_t pos) {
    if (before(pos) == '+' || m_text.substr(pos).starts_with("0046")) {
        if (auto end = phone(cluster, before(pos) == '+' ? pos - 1 : pos)) return end;
    }
    if (auto end = separated_pin(cluster)) return end;
    if (auto end = single_run(cluster)) return end;
    if (auto end = ipv4(pos)) return end;
    if (m_text[pos] == '0' && before(pos) != '+') { // "+0100" is a time zone, not a trunk 0
        if (auto end = phone(cluster, pos)) return end;
    }
    if (auto end = card(cluster)) return end;
    if (auto end = giro_or_account(cluster)) return end;
    return std::nullopt;
}

// YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDD-NNNN and organisation numbers NNNNNN-NNNN, 16NNNNNN-NNNN.
std::optional<size_t> Pass::separated_pin(const Cluster& c) {
    if (c.count < 2 || c.length(1) != 4 || (c.length(0) != 6 && c.length(0) != 8)) return std::nullopt;
    char separator = c.separator[1];
    if ((separator != '-' && separator != '+') || !clean_end(c.end[1])) return std::nullopt;
    if (c.count > 2 && c.separator[2] != ' ') return std::nullopt;
    std::string number = cluster_digits(c, 0, 2);
    bool org_shape = c.length(0) == 6 ? number[2] >= '2' : number.starts_with("16") && number[4] >= '2';
    if (org_shape) {
        if (separator != '-') return std::nullopt;
        auto org = parse_organisation_number(number);
        if (!org) return std::nullopt;
        return emit(Category::organisation_number, *org, c.begin[0], c.end[1]);
    }
    auto pin = normalise_personal_number(number, separator, m_today);
    if (!pin) return std::nullopt;
    return emit(Category::personal_identity_number, *pin, c.begin[0], c.end[1]);
}

// An unseparated run: 12-digit personnummer, 10-digit personnummer/organisation number
// with context, card numbers, eight-digit document numbers with context.
std::optional<size_t> Pass::single_run(const Cluster& c) {
    size_t begin = c.begin[0], end = c.end[0];
    if (!clean_end(end) || (c.count > 1 && c.separator[1] != ' ')) return std::nullopt;
    std::string_view run = m_text.substr(begin, end - begin);
    if (run.size() == 12) {
        if (auto pin = normalise_personal_number(run, 0, m_today))
            return emit(Category::personal_identity_number, *pin, begin, end);
        if (run.starts_with("16") && has_context(begin, context_org)) {
            if (auto org = parse_organisation_number(run)) return emit(Category::organisation_number, *org, begin, end);
        }
        return std::nullopt;
    }
    if (run.size() == 10) return ten_digits(run, begin, end);
    if (run.size() == 8 && has_context(begin, context_document))
        return emit(Category::id_document, hash_key(run), begin, end);
    return std::nullopt;
}

std::optional<size_t> Pass::ten_digits(std::string_view run, size_t begin, size_t end) {
    if (run[2] < '2') {
        auto pin = normalise_personal_number(run, 0, m_today);
        if (pin && (in_pin_column(begin) || has_context(begin, context_pin)))
            return emit(Category::personal_identity_number, *pin, begin, end);
    } else if (organisation_number_valid(run) && has_context(begin, context_org)) {
        return emit(Category::organisation_number, to_number(run), begin, end);
    }
    return std::nullopt;
}

} // namespace identifier_detail

IdentifierScanner::IdentifierScanner(CivilDate today) : m_today(today) {}

void IdentifierScanner::scan(std::string_view text, const TextHints& hints, std::vector<IdentifierMatch>& out) const {
    identifier_detail::Pass(text, hints, m_today, out).run();
}

uint64_t hash_key(std::string_view normalised) {
    using Key = std::array<unsigned char, crypto_shorthash_KEYBYTES>;
    static const Key key = [] {
        Key generated{};
        if (sodium_init() < 0) std::abort(); // no randomness: nothing safe to do
        randombytes_buf(generated.data(), generated.size());
        return generated;
    }();
    std::array<unsigned char, crypto_shorthash_BYTES> hash{};
    crypto_shorthash(hash.data(), reinterpret_cast<const unsigned char*>(normalised.data()), normalised.size(),
                     key.data());
    uint64_t value = 0;
    std::memcpy(&value, hash.data(), sizeof value);
    return value;
}

} // namespace skydda::scan
