#include "scan/extract_encoding.hpp"

#include <iconv.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <bit>
#include <cstdint>
#include <cstring>

#include "scan/extract.hpp"
#include "util/text.hpp"

namespace skydda::scan {
namespace detail {
namespace {

unsigned char byte_at(std::string_view bytes, size_t i) { return static_cast<unsigned char>(bytes[i]); }

// Windows-1252's 0x80..0x9F; the five undefined bytes map to the C1 controls, as WHATWG does.
constexpr std::array<char16_t, 32> k_windows_1252_high = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

bool has_utf16_bom(std::string_view bytes) {
    return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
}

bool all_ascii(std::string_view bytes) {
    size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        uint64_t word;
        std::memcpy(&word, bytes.data() + i, 8);
        if (word & 0x8080808080808080ull) return false;
    }
    for (; i < bytes.size(); ++i)
        if (byte_at(bytes, i) >= 0x80) return false;
    return true;
}

void append_utf16(std::string& out, std::string_view bytes, bool big_endian) {
    out.reserve(out.size() + bytes.size());
    auto unit = [&](size_t i) -> char32_t {
        return big_endian ? char32_t(byte_at(bytes, i) << 8 | byte_at(bytes, i + 1))
                          : char32_t(byte_at(bytes, i + 1) << 8 | byte_at(bytes, i));
    };
    for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
        char32_t first = unit(i);
        if (first >= 0xD800 && first <= 0xDBFF && i + 3 < bytes.size()) {
            char32_t second = unit(i + 2);
            if (second >= 0xDC00 && second <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00));
                i += 2;
                continue;
            }
        }
        append_utf8(out, first);
    }
}

void append_latin_9(std::string& out, std::string_view bytes) {
    for (char c : bytes) {
        switch (static_cast<unsigned char>(c)) {
        case 0xA4: append_utf8(out, 0x20AC); break;
        case 0xA6: append_utf8(out, 0x0160); break;
        case 0xA8: append_utf8(out, 0x0161); break;
        case 0xB4: append_utf8(out, 0x017D); break;
        case 0xB8: append_utf8(out, 0x017E); break;
        case 0xBC: append_utf8(out, 0x0152); break;
        case 0xBD: append_utf8(out, 0x0153); break;
        case 0xBE: append_utf8(out, 0x0178); break;
        default: append_utf8(out, static_cast<unsigned char>(c));
        }
    }
}

// Any other charset glibc knows (ISO-8859-2, KOI8-R, Shift_JIS ...). False when unknown.
bool append_iconv(std::string& out, std::string_view bytes, std::string_view charset) {
    if (charset.size() > 40) return false;
    std::string name(charset);
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' && c != ':') return false;
    iconv_t converter = iconv_open("UTF-8", name.c_str());
    if (converter == reinterpret_cast<iconv_t>(-1)) return false;
    std::array<char, 4096> buffer;
    char* in = const_cast<char*>(bytes.data()); // iconv's signature; it does not write the input
    size_t in_left = bytes.size();
    while (in_left > 0) {
        char* next = buffer.data();
        size_t out_left = buffer.size();
        size_t result = iconv(converter, &in, &in_left, &next, &out_left);
        out.append(buffer.data(), static_cast<size_t>(next - buffer.data()));
        if (result == static_cast<size_t>(-1) && errno != E2BIG) {
            // An invalid or truncated sequence: mark it and go on after one byte.
            append_utf8(out, 0xFFFD);
            ++in;
            --in_left;
        }
    }
    iconv_close(converter);
    return true;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

} // namespace


void append_utf8(std::string& out, char32_t point) {
    if (point >= 0xD800 && point <= 0xDFFF) point = 0xFFFD;
    if (point < 0x80) {
        out.push_back(static_cast<char>(point));
    } else if (point < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (point >> 6)));
        out.push_back(static_cast<char>(0x80 | (point & 0x3F)));
    } else if (point < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (point >> 12)));
        out.push_back(static_cast<char>(0x80 | ((point >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (point & 0x3F)));
    } else if (point <= 0x10FFFF) {
        out.push_back(static_cast<char>(0xF0 | (point >> 18)));
        out.push_back(static_cast<char>(0x80 | ((point >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((point >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (point & 0x3F)));
    } else {
        append_utf8(out, 0xFFFD);
    }
}

void append_windows_1252(std::string& out, std::string_view bytes) {
    out.reserve(out.size() + bytes.size() + bytes.size() / 8);
    size_t i = 0;
    while (i < bytes.size()) {
        // Copy runs of ASCII at once; they are most of any Western text.
        size_t run = i;
        while (run < bytes.size() && byte_at(bytes, run) < 0x80) ++run;
        out.append(bytes.data() + i, run - i);
        if (run == bytes.size()) break;
        auto b = byte_at(bytes, run);
        i = run + 1;
        if (b < 0xA0) append_utf8(out, k_windows_1252_high[b - 0x80]);
        else append_utf8(out, b);
    }
}

int utf16_kind(std::string_view bytes) {
    if (bytes.size() >= 2 && byte_at(bytes, 0) == 0xFF && byte_at(bytes, 1) == 0xFE) return 1;
    if (bytes.size() >= 2 && byte_at(bytes, 0) == 0xFE && byte_at(bytes, 1) == 0xFF) return 2;
    // Without a BOM: mostly-ASCII UTF-16 has a zero in every other byte and few elsewhere.
    size_t sample = std::min<size_t>(bytes.size(), 4096) & ~size_t{1};
    if (sample < 16) return 0;
    size_t zero_even = 0, zero_odd = 0;
    for (size_t i = 0; i < sample; i += 2) {
        zero_even += bytes[i] == 0;
        zero_odd += bytes[i + 1] == 0;
    }
    size_t units = sample / 2;
    if (zero_odd * 10 >= units * 7 && zero_even * 20 < units) return 1;
    if (zero_even * 10 >= units * 7 && zero_odd * 20 < units) return 2;
    return 0;
}

std::string_view convert_charset(std::string_view bytes, std::string_view charset, std::string& storage) {
    std::string label = text::lower_latin(charset);
    if (label.starts_with("utf-16") || label.starts_with("utf16") || label == "ucs-2") {
        int kind = utf16_kind(bytes);
        bool big_endian = kind == 2 || (kind == 0 && label.ends_with("be"));
        storage.clear();
        append_utf16(storage, has_utf16_bom(bytes) ? bytes.substr(2) : bytes, big_endian);
        return storage;
    }
    bool stateful = label.find("2022") != std::string::npos || label.find("utf-7") != std::string::npos;
    if (!stateful && all_ascii(bytes)) return bytes;
    storage.clear();
    if (label == "iso-8859-15" || label == "latin-9" || label == "latin9" || label == "iso8859-15") {
        append_latin_9(storage, bytes);
        return storage;
    }
    bool utf8_label = label.empty() || label == "utf-8" || label == "utf8" || label == "us-ascii" || label == "ascii";
    bool latin_label = label == "iso-8859-1" || label == "iso8859-1" || label == "latin1" || label == "latin-1" ||
                       label == "windows-1252" || label == "cp1252" || label == "iso_8859-1";
    if (utf8_label && text::valid_utf8(bytes)) return bytes;
    if (utf8_label || latin_label || !append_iconv(storage, bytes, label)) {
        storage.clear();
        append_windows_1252(storage, bytes);
    }
    return storage;
}

std::string decode_base64(std::string_view encoded) {
    // Keep only the alphabet, so line breaks, stray characters and padding cannot stop the
    // decoder half-way; a dangling final character (incomplete byte) is dropped.
    std::string clean;
    clean.reserve(encoded.size());
    for (char c : encoded)
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/') clean.push_back(c);
    if (clean.size() % 4 == 1) clean.pop_back();
    std::string out(clean.size() / 4 * 3 + 3, '\0');
    size_t length = 0;
    auto decode = [&] {
        return sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), clean.data(),
                                 clean.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    };
    if (decode() != 0) {
        // The last group's unused bits were not zero: decode the complete groups only.
        clean.resize(clean.size() / 4 * 4);
        if (decode() != 0) length = 0;
    }
    out.resize(length);
    return out;
}

std::string decode_quoted_printable(std::string_view encoded, bool underscore_is_space) {
    std::string out;
    out.reserve(encoded.size());
    for (size_t i = 0; i < encoded.size(); ++i) {
        char c = encoded[i];
        if (c == '_' && underscore_is_space) {
            out.push_back(' ');
        } else if (c != '=') {
            out.push_back(c);
        } else if (i + 2 < encoded.size() && hex_value(encoded[i + 1]) >= 0 && hex_value(encoded[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(encoded[i + 1]) * 16 + hex_value(encoded[i + 2])));
            i += 2;
        } else {
            // A soft line break: '=' and optional trailing blanks before the line end.
            size_t j = i + 1;
            while (j < encoded.size() && (encoded[j] == ' ' || encoded[j] == '\t')) ++j;
            if (j < encoded.size() && encoded[j] == '\r') ++j;
            if (j < encoded.size() && encoded[j] == '\n') i = j;
            else if (j == encoded.size()) i = j;
            else out.push_back('=');
        }
    }
    return out;
}

std::string clean_name(std::string_view name, size_t max_bytes) {
    std::string storage;
    std::string_view utf8 = text::valid_utf8(name) ? name : (append_windows_1252(storage, name), std::string_view(storage));
    std::string out;
    for (size_t i = 0; i < utf8.size() && out.size() < max_bytes; ++i) {
        auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x20 || c == 0x7F) continue;
        out.push_back(static_cast<char>(c));
    }
    // Do not end inside a multi-byte character when cut.
    while (!out.empty() && !text::valid_utf8(out)) out.pop_back();
    return out;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

bool starts_with_ignore_case(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && equals_ignore_case(text.substr(0, prefix.size()), prefix);
}


} // namespace detail

std::string_view decode_text(std::string_view bytes, std::string& storage) {
    using namespace detail;
    if (bytes.size() >= 3 && bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    if (int kind = utf16_kind(bytes); kind != 0) {
        storage.clear();
        append_utf16(storage, has_utf16_bom(bytes) ? bytes.substr(2) : bytes, kind == 2);
        return storage;
    }
    if (text::valid_utf8(bytes)) return bytes;
    storage.clear();
    append_windows_1252(storage, bytes);
    return storage;
}

} // namespace skydda::scan
