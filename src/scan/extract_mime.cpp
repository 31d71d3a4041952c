#include "scan/extract_mime.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "scan/extract_encoding.hpp"
#include "scan/extract_markup.hpp"
#include "util/text.hpp"

namespace skydda::scan::detail {
namespace {

// Multiparts inside multiparts of one message; deeper is refused (crafted mail).
constexpr int k_max_mime_nesting = 16;
constexpr size_t k_max_header_bytes = 1 << 20;
constexpr size_t k_max_header_fields = 2000;

// The header fields kept as text: the ones that carry people's names and addresses, or words
// about them. Routing, signatures and client noise are left out.
constexpr std::array<std::string_view, 13> k_people_headers = {
    "from", "sender", "reply-to", "to", "cc", "bcc", "delivered-to", "return-path", "x-original-to",
    "subject", "comments", "keywords", "organization"};

constexpr std::array<std::string_view, 12> k_known_headers = {
    "from", "to", "subject", "date", "received", "return-path", "message-id", "mime-version",
    "delivered-to", "cc", "reply-to", "content-type"};

struct Header {
    std::string_view name;
    std::string value; // unfolded
};

struct Message {
    std::vector<Header> headers;
    std::string_view body;
};

struct Parameters {
    std::string value; // the part before the first ';', lower-cased ("text/plain", "attachment")
    std::string charset, boundary, name, filename;
};

size_t line_end(std::string_view text, size_t from) {
    size_t end = text.find('\n', from);
    return end == std::string_view::npos ? text.size() : end + 1;
}

std::string_view trim_line(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    return line;
}

bool is_header_line(std::string_view line) {
    size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos || colon > 76) return false;
    return std::all_of(line.begin(), line.begin() + static_cast<long>(colon),
                       [](char c) { return c > ' ' && c < 127; });
}

Message parse_message(std::string_view bytes) {
    Message message;
    size_t position = 0;
    // A header block is small; past these bounds the rest is body (a log file that merely
    // starts like a message must not be copied into header values).
    while (position < bytes.size() && position < k_max_header_bytes && message.headers.size() < k_max_header_fields) {
        size_t end = line_end(bytes, position);
        std::string_view line = bytes.substr(position, end - position);
        if (line.find_first_not_of("\r\n") == std::string_view::npos) {
            position = end;
            break;
        }
        if ((line[0] == ' ' || line[0] == '\t') && !message.headers.empty()) {
            message.headers.back().value += ' ';
            message.headers.back().value += trim_line(line);
        } else if (is_header_line(line)) {
            size_t colon = line.find(':');
            message.headers.push_back({line.substr(0, colon), std::string(trim_line(line.substr(colon + 1)))});
        } else {
            break; // not a header: the body starts without a blank line
        }
        position = end;
    }
    message.body = bytes.substr(position);
    return message;
}

std::string_view header(const Message& message, std::string_view name) {
    for (const auto& field : message.headers)
        if (equals_ignore_case(field.name, name)) return field.value;
    return {};
}

// RFC 2231 "utf-8''%C3%A5.pdf".
std::string decode_extended_value(std::string_view value) {
    size_t first = value.find('\'');
    size_t second = first == std::string_view::npos ? first : value.find('\'', first + 1);
    if (second == std::string_view::npos) return std::string(value);
    std::string charset(value.substr(0, first));
    std::string raw;
    for (size_t i = second + 1; i < value.size(); ++i) {
        if (value[i] == '%' && i + 2 < value.size() && std::isxdigit(static_cast<unsigned char>(value[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(value[i + 2]))) {
            auto hex = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 0x20) - 'a' + 10; };
            raw.push_back(static_cast<char>(hex(value[i + 1]) * 16 + hex(value[i + 2])));
            i += 2;
        } else {
            raw.push_back(value[i]);
        }
    }
    std::string storage;
    return std::string(convert_charset(raw, charset, storage));
}

void set_parameter(Parameters& out, std::string_view key, std::string value) {
    bool extended = key.ends_with('*');
    if (extended) key.remove_suffix(1);
    // Continuations ("filename*0", "filename*1") are appended in order of appearance.
    size_t star = key.find('*');
    bool continued = star != std::string_view::npos && star + 1 < key.size() && key[star + 1] != '0';
    std::string name = text::lower_latin(key.substr(0, star));
    if (extended) value = decode_extended_value(value);
    std::string* target = name == "charset" ? &out.charset : name == "boundary" ? &out.boundary
                        : name == "name" ? &out.name : name == "filename" ? &out.filename : nullptr;
    if (target == nullptr) return;
    if (continued) *target += value;
    else *target = std::move(value);
}

Parameters parse_parameters(std::string_view field) {
    Parameters out;
    size_t semicolon = std::min(field.find(';'), field.size());
    out.value = text::lower_latin(trim_line(field.substr(0, semicolon)));
    size_t i = semicolon;
    while (i < field.size()) {
        ++i; // past ';'
        size_t equals = field.find('=', i);
        if (equals == std::string_view::npos) break;
        std::string_view key = trim_line(field.substr(i, equals - i));
        size_t value_start = equals + 1;
        while (value_start < field.size() && field[value_start] == ' ') ++value_start;
        std::string value;
        if (value_start < field.size() && field[value_start] == '"') {
            size_t j = value_start + 1;
            for (; j < field.size() && field[j] != '"'; ++j) {
                if (field[j] == '\\' && j + 1 < field.size()) ++j;
                value.push_back(field[j]);
            }
            i = std::min(field.find(';', j), field.size());
        } else {
            i = std::min(field.find(';', value_start), field.size());
            value = std::string(trim_line(field.substr(value_start, i - value_start)));
        }
        set_parameter(out, key, std::move(value));
    }
    return out;
}

// "--boundary" or "--boundary--" with nothing but blanks after it ("--b10" is not a "--b1" line).
bool is_delimiter_line(std::string_view line, std::string_view delimiter) {
    if (!line.starts_with(delimiter)) return false;
    std::string_view rest = line.substr(delimiter.size());
    if (rest.starts_with("--")) rest.remove_prefix(2);
    return rest.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The parts of a multipart body, between "--boundary" lines, up to "--boundary--".
std::vector<std::string_view> split_multipart(std::string_view body, std::string_view boundary) {
    std::vector<std::string_view> parts;
    std::string delimiter = "--" + std::string(boundary);
    size_t part_start = std::string_view::npos;
    for (size_t position = 0; position < body.size();) {
        size_t end = line_end(body, position);
        std::string_view line = body.substr(position, end - position);
        if (is_delimiter_line(line, delimiter)) {
            if (part_start != std::string_view::npos) {
                // The line break before the delimiter belongs to it, not to the part.
                size_t part_end = position;
                if (part_end > part_start && body[part_end - 1] == '\n') --part_end;
                if (part_end > part_start && body[part_end - 1] == '\r') --part_end;
                parts.push_back(body.substr(part_start, part_end - part_start));
            }
            if (line.substr(delimiter.size()).starts_with("--")) return parts;
            part_start = end;
        }
        position = end;
    }
    if (part_start != std::string_view::npos && part_start < body.size()) parts.push_back(body.substr(part_start));
    return parts;
}

class MessageReader {
public:
    MessageReader(Context& context, const std::string& path, int depth)
        : m_context(context), m_path(path), m_depth(depth) {}

    void read(std::string_view bytes) {
        Message message = parse_message(bytes);
        emit_headers(message);
        read_part(message, 0);
    }

private:
    void emit_headers(const Message& message) {
        std::string text;
        for (const auto& field : message.headers) {
            if (std::none_of(k_people_headers.begin(), k_people_headers.end(),
                             [&](std::string_view name) { return equals_ignore_case(name, field.name); }))
                continue;
            text.append(field.name).append(": ").append(decode_header_value(field.value)).push_back('\n');
        }
        if (!text.empty()) m_context.sink.text(m_path, text, {});
    }

    void read_part(const Message& part, int nesting) {
        Parameters type = parse_parameters(header(part, "content-type"));
        if (type.value.empty()) type.value = "text/plain";
        Parameters disposition = parse_parameters(header(part, "content-disposition"));
        if (type.value.starts_with("multipart/")) {
            read_multipart(part, type, nesting);
            return;
        }
        std::string encoding = text::lower_latin(trim_line(header(part, "content-transfer-encoding")));
        std::string decoded;
        std::string_view body = part.body;
        if (encoding == "base64") body = decoded = decode_base64(part.body);
        else if (encoding == "quoted-printable") body = decoded = decode_quoted_printable(part.body);

        std::string filename = decode_header_value(!disposition.filename.empty() ? disposition.filename : type.name);
        bool is_text = type.value == "text/plain" || type.value == "text/html";
        if (is_text && disposition.value != "attachment" && filename.empty()) {
            read_text(body, type);
        } else {
            read_attachment(body, type, filename);
        }
    }

    void read_multipart(const Message& part, const Parameters& type, int nesting) {
        if (nesting >= k_max_mime_nesting) {
            m_context.sink.unreadable(m_path, Unreadable::too_deep, "MIME parts nested too deep");
            return;
        }
        if (type.boundary.empty()) {
            read_text(part.body, type);
            return;
        }
        for (std::string_view bytes : split_multipart(part.body, type.boundary)) {
            Message inner = parse_message(bytes);
            read_part(inner, nesting + 1);
        }
    }

    void read_text(std::string_view body, const Parameters& type) {
        std::string storage;
        std::string_view text = convert_charset(body, type.charset, storage);
        if (type.value == "text/html") {
            std::string stripped = strip_markup(text, html_style());
            m_context.sink.text(m_path, stripped, {});
        } else if (!body.empty()) {
            m_context.sink.text(m_path, text, {});
        }
    }

    void read_attachment(std::string_view body, const Parameters& type, const std::string& filename) {
        ++m_attachments;
        std::string name = clean_name(filename.substr(filename.find_last_of("/\\") + 1));
        if (name.empty())
            name = "attachment-" + std::to_string(m_attachments) + (type.value == "message/rfc822" ? ".eml" : "");
        std::string path = member_path(m_path, name);
        if (type.value == "message/rfc822") {
            if (m_depth + 1 > m_context.limits.max_depth) {
                m_context.sink.unreadable(path, Unreadable::too_deep, "nested deeper than the limit");
                return;
            }
            extract_as(m_context, path, body, Format::eml, m_depth + 1);
            return;
        }
        extract_member(m_context, path, body, m_depth + 1);
    }

    Context& m_context;
    const std::string& m_path;
    int m_depth;
    int m_attachments = 0;
};

// Decodes one encoded-word's text; false when it is not one.
bool decode_encoded_word(std::string_view word, std::string& out) {
    // word = "=?charset?B?text?="
    size_t first = word.find('?', 2);
    if (first == std::string_view::npos || first + 2 >= word.size() || word[first + 2] != '?') return false;
    std::string_view charset = word.substr(2, first - 2);
    charset = charset.substr(0, charset.find('*')); // RFC 2231 language suffix
    char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(word[first + 1])));
    std::string_view text = word.substr(first + 3, word.size() - first - 5);
    std::string raw;
    if (encoding == 'B') raw = decode_base64(text);
    else if (encoding == 'Q') raw = decode_quoted_printable(text, true);
    else return false;
    std::string storage;
    out.append(convert_charset(raw, charset, storage));
    return true;
}

// The end of the encoded-word starting at `start` ("=?"), or npos.
size_t encoded_word_end(std::string_view value, size_t start) {
    size_t first = value.find('?', start + 2);
    if (first == std::string_view::npos || first + 2 >= value.size() || value[first + 2] != '?') return std::string_view::npos;
    size_t close = value.find("?=", first + 3);
    return close == std::string_view::npos ? close : close + 2;
}

} // namespace

std::string decode_header_value(std::string_view value) {
    std::string out;
    size_t i = 0;
    bool after_word = false;
    while (i < value.size()) {
        size_t start = value.find("=?", i);
        size_t end = start == std::string_view::npos ? start : encoded_word_end(value, start);
        if (end == std::string_view::npos) {
            out.append(value.substr(i));
            break;
        }
        std::string_view between = value.substr(i, start - i);
        // Blanks between two encoded-words are not part of the text (RFC 2047 section 6.2).
        if (!(after_word && between.find_first_not_of(" \t") == std::string_view::npos)) out.append(between);
        after_word = decode_encoded_word(value.substr(start, end - start), out);
        if (!after_word) out.append(value.substr(start, end - start));
        i = end;
    }
    std::string cleaned;
    std::string_view utf8 = text::valid_utf8(out) ? std::string_view(out) : (append_windows_1252(cleaned, out), std::string_view(cleaned));
    return std::string(utf8);
}

bool looks_like_email(std::string_view head) {
    Message message = parse_message(head.substr(0, 16384));
    if (message.headers.empty() || !is_header_line(head.substr(0, line_end(head, 0)))) return false;
    size_t known = 0;
    for (const auto& field : message.headers)
        known += std::any_of(k_known_headers.begin(), k_known_headers.end(),
                             [&](std::string_view name) { return equals_ignore_case(name, field.name); });
    return known >= 2;
}

bool looks_like_mbox(std::string_view head) {
    if (!head.starts_with("From ")) return false;
    size_t next = line_end(head, 0);
    return next < head.size() && is_header_line(head.substr(next, line_end(head, next) - next));
}

void extract_email(Context& context, const std::string& path, std::string_view bytes, int depth) {
    MessageReader(context, path, depth).read(bytes);
}

void extract_mbox(Context& context, const std::string& path, std::string_view bytes, int depth) {
    // A message starts at a "From " line at the start or after a blank line (mboxo/mboxrd).
    size_t start = 0, count = 0;
    // The next separators, kept so that each part of the mailbox is searched once.
    size_t next_lf = bytes.find("\n\nFrom "), next_crlf = bytes.find("\r\n\r\nFrom ");
    while (start < bytes.size() && !context.exhausted) {
        if (next_lf != std::string_view::npos && next_lf + 2 <= start) next_lf = bytes.find("\n\nFrom ", start);
        if (next_crlf != std::string_view::npos && next_crlf + 4 <= start) next_crlf = bytes.find("\r\n\r\nFrom ", start);
        size_t end = std::min({bytes.size(), next_lf == std::string_view::npos ? next_lf : next_lf + 2,
                               next_crlf == std::string_view::npos ? next_crlf : next_crlf + 4});
        std::string_view message = bytes.substr(start, end - start);
        if (message.starts_with("From ")) message.remove_prefix(line_end(message, 0));
        std::string message_name = member_path(path, "message-" + std::to_string(++count));
        if (depth + 1 > context.limits.max_depth)
            context.sink.unreadable(message_name, Unreadable::too_deep, "nested deeper than the limit");
        else
            extract_email(context, message_name, message, depth + 1);
        start = end;
    }
}

} // namespace skydda::scan::detail
