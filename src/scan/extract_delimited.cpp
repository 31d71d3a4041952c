#include "scan/extract_delimited.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "scan/extract_encoding.hpp"
#include "util/text.hpp"

namespace skydda::scan::detail {
namespace {

// Header terms for a personal identity number column, matched inside the header
// ("kundens personnummer") ...
constexpr std::array<std::string_view, 10> k_pin_phrases = {
    "personnummer", "personnr", "pers.nr", "pers. nr", "pers nr", "persnr", "samordningsnummer", "samordningsnr",
    "social security", "personal identity number"};
// ... and short ones matched only as whole words ("ssn" is inside "businessname").
constexpr std::array<std::string_view, 2> k_pin_words = {"pnr", "ssn"};

std::string_view first_line(std::string_view text) {
    size_t end = std::min(text.find('\n'), std::min<size_t>(text.size(), 65536));
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r')) line.remove_suffix(1);
    return line;
}

std::vector<std::string_view> split_cells(std::string_view line, char delimiter) {
    std::vector<std::string_view> cells;
    size_t start = 0;
    bool quoted = false;
    for (size_t i = 0; i <= line.size(); ++i) {
        if (i < line.size() && line[i] == '"') quoted = !quoted;
        if (i == line.size() || (line[i] == delimiter && !quoted)) {
            std::string_view cell = line.substr(start, i - start);
            while (!cell.empty() && (cell.front() == ' ' || cell.front() == '"')) cell.remove_prefix(1);
            while (!cell.empty() && (cell.back() == ' ' || cell.back() == '"')) cell.remove_suffix(1);
            cells.push_back(cell);
            start = i + 1;
        }
    }
    return cells;
}

char detect_delimiter(std::string_view line) {
    size_t comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        comma += c == ',';
        semicolon += c == ';';
        tab += c == '\t';
    }
    if (tab >= comma && tab >= semicolon && tab > 0) return '\t';
    if (semicolon > comma) return ';';
    return comma > 0 ? ',' : 0;
}

// A header cell names something; a data cell in the first line gives itself away by a long
// digit run or an e-mail address.
bool looks_like_data(std::string_view cell) {
    size_t digits = std::count_if(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; });
    return digits >= 6 || cell.find('@') != std::string_view::npos;
}

bool has_letter(std::string_view cell) {
    return std::any_of(cell.begin(), cell.end(),
                       [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || (c & 0x80); });
}

bool is_word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80) || c == '-'; }

bool contains_word(std::string_view text, std::string_view word) {
    for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
        bool starts = at == 0 || !is_word_byte(text[at - 1]);
        bool ends = at + word.size() == text.size() || !is_word_byte(text[at + word.size()]);
        if (starts && ends) return true;
    }
    return false;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The code unit of "\uXXXX" at `at` (pointing at the backslash), or -1.
long json_unit(std::string_view json, size_t at) {
    if (at + 6 > json.size() || json[at] != '\\' || json[at + 1] != 'u') return -1;
    long value = 0;
    for (size_t i = at + 2; i < at + 6; ++i) {
        int digit = hex_digit(json[i]);
        if (digit < 0) return -1;
        value = value * 16 + digit;
    }
    return value;
}

// Decodes the escape at `at`; returns the number of bytes it took.
size_t append_json_escape(std::string& out, std::string_view json, size_t at) {
    if (at + 1 >= json.size()) {
        out.push_back('\\');
        return 1;
    }
    char c = json[at + 1];
    switch (c) {
    case 'n': out.push_back('\n'); return 2;
    case 't': out.push_back('\t'); return 2;
    case 'r': out.push_back('\r'); return 2;
    case 'b': case 'f': out.push_back(' '); return 2;
    case 'u': break;
    default: out.push_back(c); return 2;
    }
    long first = json_unit(json, at);
    if (first < 0) {
        out.push_back('\\');
        return 1;
    }
    if (first >= 0xD800 && first <= 0xDBFF) {
        long second = json_unit(json, at + 6);
        if (second >= 0xDC00 && second <= 0xDFFF) {
            append_utf8(out, static_cast<char32_t>(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)));
            return 12;
        }
    }
    append_utf8(out, static_cast<char32_t>(first));
    return 6;
}

} // namespace

bool is_pin_header(std::string_view cell) {
    std::string lowered = text::lower_latin(cell);
    for (auto phrase : k_pin_phrases)
        if (lowered.find(phrase) != std::string::npos) return true;
    for (auto word : k_pin_words)
        if (contains_word(lowered, word)) return true;
    return false;
}

TextHints delimited_hints(std::string_view utf8, char delimiter) {
    TextHints hints;
    std::string_view line = first_line(utf8);
    hints.delimiter = delimiter != 0 ? delimiter : detect_delimiter(line);
    if (hints.delimiter == 0) hints.delimiter = ',';
    auto cells = split_cells(line, hints.delimiter);
    hints.has_header = std::any_of(cells.begin(), cells.end(), has_letter) &&
                       std::none_of(cells.begin(), cells.end(), looks_like_data);
    if (!hints.has_header) return hints;
    for (size_t column = 0; column < cells.size() && column <= 0xFFFF; ++column)
        if (is_pin_header(cells[column])) hints.pin_columns.push_back(static_cast<uint16_t>(column));
    return hints;
}

std::string_view unescape_json(std::string_view json, std::string& storage) {
    size_t backslash = json.find('\\');
    if (backslash == std::string_view::npos) return json;
    storage.clear();
    storage.reserve(json.size());
    size_t i = 0;
    while (backslash != std::string_view::npos) {
        storage.append(json.substr(i, backslash - i));
        i = backslash + append_json_escape(storage, json, backslash);
        backslash = json.find('\\', i);
    }
    storage.append(json.substr(i));
    return storage;
}

void extract_delimited(Context& context, const std::string& path, std::string_view bytes, Format format) {
    std::string storage;
    std::string_view text = decode_text(bytes, storage);
    context.sink.text(path, text, text_hints(format, text));
}

void extract_json(Context& context, const std::string& path, std::string_view bytes) {
    std::string storage;
    std::string_view text = decode_text(bytes, storage);
    std::string unescaped;
    context.sink.text(path, unescape_json(text, unescaped), {});
}

} // namespace skydda::scan::detail

namespace skydda::scan {

TextHints text_hints(Format format, std::string_view utf8_head) {
    if (format != Format::csv && format != Format::tsv) return {};
    return detail::delimited_hints(utf8_head, format == Format::tsv ? '\t' : 0);
}

} // namespace skydda::scan
