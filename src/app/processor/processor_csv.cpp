// The customer register's CSV import format: "name,orgnr,email,hours", as a supplier exports
// it from its customer system or a spreadsheet (Swedish spreadsheets write ';').
#include <fmt/format.h>

#include <charconv>
#include <map>

#include "app/processor/processor.hpp"
#include "util/text.hpp"

namespace skydda::app {
namespace {

// Splits one record into fields (RFC 4180 quotes: "" inside quotes is one quote). Quoted line
// breaks are not supported: a customer's fields are one line each.
std::optional<std::vector<std::string>> split_record(std::string_view line, char separator) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c != '"') fields.back() += c;
            else if (i + 1 < line.size() && line[i + 1] == '"') fields.back() += '"', ++i;
            else quoted = false;
        } else if (c == '"' && text::trim(fields.back()).empty()) {
            fields.back().clear();
            quoted = true;
        } else if (c == separator) {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    if (quoted) return std::nullopt;
    return fields;
}

char separator_of(std::string_view first_line) {
    size_t commas = 0, semicolons = 0;
    for (char c : first_line) commas += c == ',', semicolons += c == ';';
    return semicolons > commas ? ';' : ',';
}

bool is_header(const std::vector<std::string>& fields) {
    auto first = text::lower_ascii(text::trim(fields[0]));
    return first == "name" || first == "namn";
}

std::vector<std::string> split_emails(std::string_view field) {
    std::vector<std::string> out;
    std::string current;
    for (char c : field) {
        if (c == ' ' || c == '|' || c == '\t') {
            if (!current.empty()) out.push_back(std::move(current));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

Result<std::optional<int64_t>> parse_hours(std::string_view field) {
    auto text_value = text::trim(field);
    if (text_value.empty()) return std::optional<int64_t>();
    int64_t hours = 0;
    auto [end, error] = std::from_chars(text_value.data(), text_value.data() + text_value.size(), hours);
    if (error != std::errc() || end != text_value.data() + text_value.size())
        return fail(Error::invalid("notice_hours", "must be a whole number of hours or empty"));
    return std::optional<int64_t>(hours);
}

std::optional<CsvLineError> parse_line(size_t number, const std::vector<std::string>& fields, CustomerInput& out) {
    if (fields.size() < 3 || fields.size() > 4)
        return CsvLineError{number, "line", "must have 3 or 4 fields: name, orgnr, email, hours"};
    out.name = fields[0];
    out.orgnr = fields[1];
    out.emails = split_emails(fields[2]);
    auto hours = parse_hours(fields.size() == 4 ? fields[3] : std::string());
    if (!hours) return CsvLineError{number, hours.error().field, hours.error().message};
    out.notice_hours = *hours;
    if (auto checked = check_customer(out); !checked)
        return CsvLineError{number, checked.error().field, checked.error().message};
    return std::nullopt;
}

} // namespace

CustomerCsv parse_customer_csv(std::string_view csv) {
    CustomerCsv out;
    if (!text::valid_utf8(csv)) {
        out.errors.push_back({0, "csv", "the file must be UTF-8 text"});
        return out;
    }
    if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3); // a spreadsheet's byte order mark
    auto lines = text::split(csv, '\n');
    char separator = lines.empty() ? ',' : separator_of(lines[0]);
    std::map<std::string, size_t> seen; // orgnr → first line
    for (size_t index = 0; index < lines.size(); ++index) {
        auto line = lines[index];
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (text::trim(line).empty()) continue;
        size_t number = index + 1;
        if (number > k_customer_import_max_lines) {
            out.errors.push_back({number, "line", fmt::format("at most {} lines", k_customer_import_max_lines)});
            break;
        }
        auto fields = split_record(line, separator);
        if (!fields) {
            out.errors.push_back({number, "line", "a quote is not closed"});
            continue;
        }
        if (out.rows.empty() && out.errors.empty() && index == 0 && is_header(*fields)) continue;
        CustomerInput input;
        if (auto error = parse_line(number, *fields, input)) {
            out.errors.push_back(std::move(*error));
            continue;
        }
        auto orgnr = std::string(text::trim(input.orgnr));
        if (auto [at, fresh] = seen.emplace(orgnr, number); !fresh) {
            out.errors.push_back({number, "orgnr", fmt::format("the same organisation number as line {}", at->second)});
            continue;
        }
        out.rows.emplace_back(number, std::move(input));
    }
    return out;
}

} // namespace skydda::app
