#include "domain/recipients_csv.hpp"

#include <fmt/format.h>

#include <optional>
#include <unordered_map>

#include "util/text.hpp"

namespace skydda::domain {
namespace {

struct Record {
    int line = 0;
    std::vector<std::string> fields;
};

// RFC 4180 records with the line each starts on; quoted fields may hold separators, quotes
// ("") and line breaks (kept as "\n"). Returns false at an unterminated quote.
class Reader {
public:
    Reader(std::string_view text, char separator) : m_text(text), m_separator(separator) {}

    bool at_end() const { return m_pos >= m_text.size(); }
    int line() const { return m_line; }

    // Reads the next record; nullopt when a quote is never closed.
    std::optional<Record> next() {
        Record record{m_line, {}};
        std::string field;
        bool quoted = false;
        while (m_pos < m_text.size()) {
            char c = m_text[m_pos++];
            if (quoted) {
                if (c == '"') {
                    if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                        field += '"';
                        ++m_pos;
                    } else {
                        quoted = false;
                    }
                } else if (c == '\r') {
                    continue; // CR LF inside a field becomes LF
                } else {
                    if (c == '\n') ++m_line;
                    field += c;
                }
            } else if (c == '"' && field.empty()) {
                quoted = true;
            } else if (c == m_separator) {
                record.fields.push_back(std::move(field));
                field.clear();
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && m_pos < m_text.size() && m_text[m_pos] == '\n') ++m_pos;
                ++m_line;
                record.fields.push_back(std::move(field));
                return record;
            } else {
                field += c;
            }
        }
        if (quoted) return std::nullopt;
        record.fields.push_back(std::move(field));
        return record;
    }

private:
    std::string_view m_text;
    char m_separator;
    size_t m_pos = 0;
    int m_line = 1;
};

char separator_of(std::string_view text) {
    auto header = text.substr(0, text.find('\n'));
    size_t commas = 0, semicolons = 0;
    for (char c : header) {
        commas += c == ',';
        semicolons += c == ';';
    }
    return semicolons > commas ? ';' : ',';
}

enum class Column { name, address, email, language, unknown };

Column column_of(std::string_view header) {
    auto name = text::lower_latin(text::trim(header));
    if (name == "name" || name == "namn") return Column::name;
    if (name == "address" || name == "adress" || name == "postal_address" || name == "postadress") return Column::address;
    if (name == "email" || name == "e-mail" || name == "e-post" || name == "epost") return Column::email;
    if (name == "language" || name == "språk" || name == "sprak" || name == "lang") return Column::language;
    return Column::unknown;
}

struct Layout {
    std::vector<Column> columns;
    bool has_name = false, has_contact = false;
};

std::string trimmed(std::string_view value) { return std::string(text::trim(value)); }

// Trims every line and drops empty ones.
std::string address_lines(std::string_view value, size_t& lines) {
    std::string out;
    lines = 0;
    for (auto line : text::split(value, '\n')) {
        auto part = text::trim(line);
        if (part.empty()) continue;
        if (!out.empty()) out += '\n';
        out += part;
        ++lines;
    }
    return out;
}

// Case and spacing do not make two addresses different.
std::string address_key(std::string_view name, std::string_view address) {
    std::string key = text::lower_latin(name) + '\x1f';
    bool space = false;
    for (char c : text::lower_latin(address)) {
        bool blank = c == ' ' || c == '\n' || c == '\t' || c == ',';
        if (blank) {
            space = true;
            continue;
        }
        if (space && key.back() != '\x1f') key += ' ';
        space = false;
        key += c;
    }
    return key;
}

class Checker {
public:
    Checker(RecipientsCsv& out, std::span<const RecipientRow> existing) : m_out(out) {
        for (const auto& row : existing) remember(row);
    }

    void add(int line, std::string_view field, std::string_view code, std::string message, int other = 0) {
        m_out.errors.push_back({line, std::string(field), std::move(message), std::string(code), other});
    }

    // Checks one row; keeps it when it has no error of its own.
    void check(RecipientRow row) {
        size_t before = m_out.errors.size();
        for (const auto* value : {&row.name, &row.address, &row.email, &row.language})
            if (!text::valid_utf8(*value)) return add(row.line, "csv", "utf8", "the line is not valid UTF-8 text");
        for (auto [field, value] : {std::pair{"name", &row.name}, std::pair{"address", &row.address},
                                    std::pair{"email", &row.email}, std::pair{"language", &row.language}})
            if (text::first_control_character(*value) >= 0)
                return add(row.line, field, "control", fmt::format("the {} contains a control character", field));
        size_t lines = 0;
        row.address = address_lines(row.address, lines);
        if (row.name.empty()) add(row.line, "name", "name_missing", "the name is missing");
        if (text::code_points(row.name) > k_recipient_name_max)
            add(row.line, "name", "name_long", fmt::format("the name is longer than {} characters", k_recipient_name_max));
        if (text::code_points(row.address) > k_recipient_address_max || lines > k_recipient_address_lines_max)
            add(row.line, "address", "address_long",
                fmt::format("the address is longer than {} characters or {} lines", k_recipient_address_max,
                            k_recipient_address_lines_max));
        if (row.email.size() > k_recipient_email_max)
            add(row.line, "email", "email_long", fmt::format("the e-mail address is longer than {} characters", k_recipient_email_max));
        else if (!row.email.empty() && !text::looks_like_email(row.email))
            add(row.line, "email", "email_invalid", "not a valid e-mail address");
        if (row.address.empty() && row.email.empty())
            add(row.line, "address", "no_contact", "needs a postal address or an e-mail address");
        row.language = text::lower_ascii(row.language);
        if (row.language.empty()) row.language = "sv";
        if (row.language != "sv" && row.language != "en") add(row.line, "language", "language", "the language must be sv or en");
        check_duplicates(row);
        // Remembered even with errors of its own, so one round of corrections finds its repeats too.
        remember(row);
        if (m_out.errors.size() == before) m_out.rows.push_back(std::move(row));
    }

private:
    void check_duplicates(const RecipientRow& row) {
        auto say = [&](std::string_view field, std::string_view what, int other) {
            add(row.line, field, field == "email" ? "duplicate_email" : "duplicate_address",
                other > 0 ? fmt::format("the same {} as line {}", what, other)
                          : fmt::format("the same {} as a person already on the case's list", what),
                other);
        };
        if (!row.email.empty())
            if (auto seen = m_emails.find(text::lower_ascii(row.email)); seen != m_emails.end())
                say("email", "e-mail address", seen->second);
        if (!row.address.empty())
            if (auto seen = m_addresses.find(address_key(row.name, row.address)); seen != m_addresses.end())
                say("name", "name and address", seen->second);
    }

    void remember(const RecipientRow& row) {
        if (!row.email.empty()) m_emails.emplace(text::lower_ascii(row.email), row.line);
        if (!row.address.empty()) m_addresses.emplace(address_key(row.name, row.address), row.line);
    }

    RecipientsCsv& m_out;
    std::unordered_map<std::string, int> m_emails, m_addresses;
};

std::optional<Layout> read_header(Reader& reader, RecipientsCsv& out) {
    auto header = reader.next();
    if (!header) {
        out.errors.push_back({1, "csv", "a quote is not closed", "quote"});
        return std::nullopt;
    }
    Layout layout;
    for (const auto& title : header->fields) {
        auto column = column_of(title);
        if (column == Column::unknown)
            out.errors.push_back({1, "csv", fmt::format("unknown column \"{}\" (use name, address, email, language)",
                                                        trimmed(title).substr(0, 40)),
                                            "header_unknown"});
        layout.has_name = layout.has_name || column == Column::name;
        layout.has_contact = layout.has_contact || column == Column::address || column == Column::email;
        layout.columns.push_back(column);
    }
    if (!layout.has_name) out.errors.push_back({1, "csv", "the header line needs a name column", "header_name"});
    if (!layout.has_contact) out.errors.push_back({1, "csv", "the header line needs an address or an email column", "header_contact"});
    if (!out.errors.empty()) return std::nullopt;
    return layout;
}

bool blank(const Record& record) {
    for (const auto& field : record.fields)
        if (!text::trim(field).empty()) return false;
    return true;
}

} // namespace

RecipientsCsv parse_recipients_csv(std::string_view text, std::span<const RecipientRow> existing, size_t room) {
    RecipientsCsv out;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (text::trim(text).empty()) {
        out.errors.push_back({1, "csv", "the file is empty; it needs a header line and one line per person", "empty"});
        return out;
    }
    Reader reader(text, separator_of(text));
    auto layout = read_header(reader, out);
    if (!layout) return out;
    Checker checker(out, existing);
    size_t count = 0;
    while (!reader.at_end()) {
        int line = reader.line();
        auto record = reader.next();
        if (!record) {
            checker.add(line, "csv", "quote", "a quote is not closed");
            break;
        }
        if (blank(*record)) continue;
        if (++count > room) {
            checker.add(line, "csv", "too_many", fmt::format("too many people: at most {} per case", k_recipients_max));
            break;
        }
        if (record->fields.size() != layout->columns.size()) {
            checker.add(line, "csv", "columns",
                        fmt::format("expected {} columns, found {}", layout->columns.size(), record->fields.size()));
            continue;
        }
        RecipientRow row;
        row.line = line;
        row.language.clear();
        for (size_t i = 0; i < record->fields.size(); ++i) {
            switch (layout->columns[i]) {
            case Column::name: row.name = trimmed(record->fields[i]); break;
            case Column::address: row.address = record->fields[i]; break;
            case Column::email: row.email = trimmed(record->fields[i]); break;
            case Column::language: row.language = trimmed(record->fields[i]); break;
            case Column::unknown: break;
            }
        }
        checker.check(std::move(row));
    }
    if (!out.errors.empty()) out.rows.clear();
    return out;
}

} // namespace skydda::domain
