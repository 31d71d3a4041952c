// multipart/form-data (RFC 7578 over RFC 2046). The parser walks the body once: every
// delimiter search starts where the previous one ended, so the cost is linear in the body
// times the (bounded, <= 74 byte) delimiter length.
#include "http/http.hpp"

#include "util/text.hpp"

namespace skydda::http {
namespace {

constexpr size_t k_max_boundary = 70;      // RFC 2046 section 5.1.1
constexpr size_t k_max_part_headers = 8192; // a part's header block; real ones are < 1 KiB

bool iequals(std::string_view left, std::string_view right) {
    if (left.size() != right.size()) return false;
    for (size_t i = 0; i < left.size(); ++i) {
        char a = left[i];
        char b = right[i];
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
        if (a != b) return false;
    }
    return true;
}

// Parameters of a header value such as `form-data; name="a"; filename="b.txt"`. Quoted
// strings are taken literally up to the closing quote: browsers percent-encode '"' in names
// and do not backslash-escape, and Windows paths contain backslashes.
struct HeaderValue {
    std::string_view type;
    std::vector<std::pair<std::string_view, std::string_view>> parameters;

    std::optional<std::string_view> parameter(std::string_view name) const {
        for (const auto& [key, value] : parameters)
            if (iequals(key, name)) return value;
        return std::nullopt;
    }
};

std::optional<HeaderValue> parse_header_value(std::string_view text) {
    HeaderValue result;
    size_t semicolon = text.find(';');
    result.type = text::trim(text.substr(0, semicolon));
    size_t position = semicolon == std::string_view::npos ? text.size() : semicolon + 1;
    while (position < text.size()) {
        size_t equals = text.find('=', position);
        if (equals == std::string_view::npos) {
            if (!text::trim(text.substr(position)).empty()) return std::nullopt;
            break;
        }
        std::string_view key = text::trim(text.substr(position, equals - position));
        if (key.empty()) return std::nullopt;
        position = equals + 1;
        while (position < text.size() && (text[position] == ' ' || text[position] == '\t')) ++position;
        std::string_view value;
        if (position < text.size() && text[position] == '"') {
            size_t close = text.find('"', position + 1);
            if (close == std::string_view::npos) return std::nullopt;
            value = text.substr(position + 1, close - position - 1);
            position = close + 1;
            size_t next = text.find(';', position);
            if (!text::trim(text.substr(position, next - position)).empty()) return std::nullopt;
            position = next == std::string_view::npos ? text.size() : next + 1;
        } else {
            size_t next = text.find(';', position);
            value = text::trim(text.substr(position, next - position));
            position = next == std::string_view::npos ? text.size() : next + 1;
        }
        result.parameters.emplace_back(key, value);
    }
    return result;
}

// Fills name/filename/content_type from a part's header block (CRLF-separated lines).
bool parse_part_headers(std::string_view block, FormPart& part) {
    bool has_disposition = false;
    part.content_type = "text/plain";
    size_t position = 0;
    while (position < block.size()) {
        size_t end = block.find("\r\n", position);
        if (end == std::string_view::npos) end = block.size();
        std::string_view line = block.substr(position, end - position);
        position = end + 2;
        size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return false;
        std::string_view name = line.substr(0, colon);
        if (name.find_first_of(" \t") != std::string_view::npos) return false;
        std::string_view value = text::trim(line.substr(colon + 1));
        if (iequals(name, "content-disposition")) {
            auto parsed = parse_header_value(value);
            if (!parsed || !iequals(parsed->type, "form-data")) return false;
            auto field_name = parsed->parameter("name");
            if (!field_name) return false;
            part.name = std::string(*field_name);
            if (auto filename = parsed->parameter("filename")) part.filename = std::string(*filename);
            has_disposition = true;
        } else if (iequals(name, "content-type")) {
            if (!value.empty()) part.content_type = std::string(value);
        }
    }
    return has_disposition;
}

std::optional<std::string_view> boundary_of(std::string_view content_type) {
    auto parsed = parse_header_value(content_type);
    if (!parsed || !iequals(parsed->type, "multipart/form-data")) return std::nullopt;
    auto boundary = parsed->parameter("boundary");
    if (!boundary || boundary->empty() || boundary->size() > k_max_boundary) return std::nullopt;
    for (char c : *boundary)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) return std::nullopt;
    return boundary;
}

// After a delimiter: "--" closes the body; otherwise optional padding then CRLF.
// Returns where the next part's headers start (sets `closed` on the close delimiter), or
// nullopt when the delimiter line is malformed.
std::optional<size_t> skip_delimiter_tail(std::string_view body, size_t position, bool& closed) {
    if (body.substr(position, 2) == "--") {
        closed = true;
        return body.size();
    }
    while (position < body.size() && (body[position] == ' ' || body[position] == '\t')) ++position;
    if (body.substr(position, 2) != "\r\n") return std::nullopt;
    return position + 2;
}

} // namespace

std::optional<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                                     size_t max_parts) {
    auto boundary = boundary_of(content_type);
    if (!boundary) return std::nullopt;
    std::string delimiter = "\r\n--";
    delimiter += *boundary;
    std::string_view first_delimiter = std::string_view(delimiter).substr(2);

    // The first delimiter may open the body directly or follow a preamble.
    size_t position;
    if (body.starts_with(first_delimiter)) {
        position = first_delimiter.size();
    } else {
        size_t found = body.find(delimiter);
        if (found == std::string_view::npos) return std::nullopt;
        position = found + delimiter.size();
    }

    std::vector<FormPart> parts;
    bool closed = false;
    while (true) {
        auto next = skip_delimiter_tail(body, position, closed);
        if (!next) return std::nullopt;
        if (closed) break;
        if (parts.size() >= max_parts) return std::nullopt;
        position = *next;

        // A part without headers has no Content-Disposition and so no name.
        if (body.substr(position, 2) == "\r\n") return std::nullopt;
        FormPart part;
        {
            // Searching a bounded window keeps a body without blank lines from being rescanned.
            std::string_view window = body.substr(position, k_max_part_headers + 4);
            size_t header_end = window.find("\r\n\r\n");
            if (header_end == std::string_view::npos) return std::nullopt;
            header_end += position;
            if (!parse_part_headers(body.substr(position, header_end - position), part)) return std::nullopt;
            position = header_end + 4;
        }

        size_t data_end = body.find(delimiter, position);
        if (data_end == std::string_view::npos) return std::nullopt;
        part.data.assign(body.substr(position, data_end - position));
        parts.push_back(std::move(part));
        position = data_end + delimiter.size();
    }
    return parts;
}

} // namespace skydda::http
