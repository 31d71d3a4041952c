#include "util/text.hpp"

#include <emmintrin.h>

#include <array>
#include <bit>
#include <cstdint>

#include <fmt/format.h>

namespace skydda::text {

// A table-driven automaton over the well-formed byte sequences of Unicode's table 3-7, with a
// 16-byte ASCII skip: one table step per byte only in blocks that hold non-ASCII bytes.
namespace {

enum Utf8State : uint8_t { k_accept, k_one, k_two, k_three, k_after_e0, k_after_ed, k_after_f0, k_after_f4, k_error };

constexpr std::array<uint8_t, 256> utf8_classes() {
    std::array<uint8_t, 256> classes{};
    for (int b = 0; b < 256; ++b) {
        uint8_t c = 11; // C0, C1, F5-FF: never valid
        if (b < 0x80) c = 0;
        else if (b < 0x90) c = 1;
        else if (b < 0xA0) c = 2;
        else if (b < 0xC0) c = 3;
        else if (b >= 0xC2 && b < 0xE0) c = 4;
        else if (b == 0xE0) c = 5;
        else if (b == 0xED) c = 7;
        else if (b >= 0xE1 && b < 0xF0) c = 6;
        else if (b == 0xF0) c = 8;
        else if (b >= 0xF1 && b < 0xF4) c = 9;
        else if (b == 0xF4) c = 10;
        classes[static_cast<size_t>(b)] = c;
    }
    return classes;
}
constexpr auto k_utf8_classes = utf8_classes();

// k_utf8_next[state][class]
constexpr uint8_t E = k_error;
constexpr uint8_t k_utf8_next[9][12] = {
    {k_accept, E, E, E, k_one, k_after_e0, k_two, k_after_ed, k_after_f0, k_three, k_after_f4, E},
    {E, k_accept, k_accept, k_accept, E, E, E, E, E, E, E, E},
    {E, k_one, k_one, k_one, E, E, E, E, E, E, E, E},
    {E, k_two, k_two, k_two, E, E, E, E, E, E, E, E},
    {E, E, E, k_one, E, E, E, E, E, E, E, E},
    {E, k_one, k_one, E, E, E, E, E, E, E, E, E},
    {E, E, k_two, k_two, E, E, E, E, E, E, E, E},
    {E, k_two, E, E, E, E, E, E, E, E, E, E},
    {E, E, E, E, E, E, E, E, E, E, E, E},
};

} // namespace

// ASCII is skipped 16 bytes at a time; the two-byte sequences of Swedish and other Latin
// letters take one branch that is nearly always predicted; the rest goes through the automaton.
bool valid_utf8(std::string_view bytes) {
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const size_t size = bytes.size();
    size_t i = 0;
    while (i < size) {
        if (i + 16 <= size) {
            auto mask = static_cast<unsigned>(
                _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i))));
            if (!mask) {
                i += 16;
                continue;
            }
            i += static_cast<size_t>(std::countr_zero(mask));
        } else if (data[i] < 0x80) {
            ++i;
            continue;
        }
        if (data[i] >= 0xC2 && data[i] < 0xE0) {
            if (i + 1 >= size || (data[i + 1] & 0xC0) != 0x80) return false;
            i += 2;
            continue;
        }
        uint8_t state = k_accept;
        do state = k_utf8_next[state][k_utf8_classes[data[i++]]];
        while (state != k_accept && state != k_error && i < size);
        if (state != k_accept) return false;
    }
    return true;
}

size_t code_points(std::string_view text) {
    size_t count = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    return count;
}

std::string_view trim(std::string_view text) {
    const char* space = " \t\r\n\f\v";
    auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    auto last = text.find_last_not_of(space);
    return text.substr(first, last - first + 1);
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string lower_latin(std::string_view text) {
    std::string out(text);
    for (size_t i = 0; i < out.size(); ++i) {
        out[i] = (out[i] >= 'A' && out[i] <= 'Z') ? static_cast<char>(out[i] - 'A' + 'a') : out[i];
        // UTF-8 C3 80..C3 9E (À..Þ except ×) lower-case by adding 0x20 to the second byte.
        if (static_cast<unsigned char>(out[i]) == 0xC3 && i + 1 < out.size()) {
            auto next = static_cast<unsigned char>(out[i + 1]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
            ++i;
        }
    }
    return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        auto pos = text.find(separator, start);
        parts.push_back(text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return parts;
}

bool looks_like_email(std::string_view text) {
    auto at = text.find('@');
    if (at == 0 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) return false;
    auto domain = text.substr(at + 1);
    auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return false;
    for (char c : text)
        if (static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == ',' || c == ';') return false;
    return true;
}

long first_control_character(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\t' || byte == '\n') continue;
        if (byte == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        if (byte < 0x20 || byte == 0x7f) return byte;
        // C1 controls are U+0080..U+009F, in UTF-8 C2 80..C2 9F.
        if (byte == 0xC2 && i + 1 < text.size()) {
            auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) return next;
        }
    }
    return -1;
}

Status check_free_text(std::string_view field, std::string_view value, size_t max_characters) {
    if (!valid_utf8(value)) return fail(Error::invalid(std::string(field), "must be valid UTF-8 text"));
    if (long control = first_control_character(value); control >= 0)
        return fail(Error::invalid(std::string(field),
                                   fmt::format("{} (found U+{:04X})", k_control_character_error, control)));
    if (code_points(value) > max_characters)
        return fail(Error::invalid(std::string(field), fmt::format("must be at most {} characters", max_characters)));
    return {};
}

bool has_bidi_control(std::string_view text) {
    for (size_t i = 0; i + 2 < text.size(); ++i) {
        if (static_cast<unsigned char>(text[i]) != 0xE2) continue;
        auto second = static_cast<unsigned char>(text[i + 1]), third = static_cast<unsigned char>(text[i + 2]);
        if (second == 0x80 && third >= 0xAA && third <= 0xAE) return true; // U+202A..U+202E
        if (second == 0x81 && third >= 0xA6 && third <= 0xA9) return true; // U+2066..U+2069
    }
    return false;
}

std::string normalise_newlines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\r' || i + 1 >= text.size() || text[i + 1] != '\n') out += text[i];
    }
    return out;
}

} // namespace skydda::text
