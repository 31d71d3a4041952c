#include "storage/database.hpp"

namespace skydda::storage {

Value optional_text(const std::optional<std::string>& value) {
    if (!value) return nullptr;
    return *value;
}
Value optional_integer(const std::optional<int64_t>& value) {
    if (!value) return nullptr;
    return *value;
}
Value text_or_null(const std::string& value) {
    if (value.empty()) return nullptr;
    return value;
}

Value time_or_null(const std::optional<Instant>& value) {
    if (!value) return nullptr;
    return format_utc(*value);
}

Instant Row::time(size_t column) const {
    auto parsed = parse_rfc3339(text(column), "stored");
    return parsed ? *parsed : Instant{};
}

std::optional<Instant> Row::optional_time(size_t column) const {
    if (is_null(column)) return std::nullopt;
    return time(column);
}

bool Row::is_null(size_t column) const { return std::holds_alternative<std::nullptr_t>(m_values.at(column)); }

std::string Row::text(size_t column) const {
    const auto& value = m_values.at(column);
    if (auto* s = std::get_if<std::string>(&value)) return *s;
    if (auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
    if (auto* b = std::get_if<Blob>(&value)) return b->bytes;
    return {};
}

int64_t Row::integer(size_t column) const {
    const auto& value = m_values.at(column);
    if (auto* i = std::get_if<int64_t>(&value)) return *i;
    if (auto* d = std::get_if<double>(&value)) return static_cast<int64_t>(*d);
    if (auto* s = std::get_if<std::string>(&value)) return s->empty() ? 0 : std::stoll(*s);
    return 0;
}

std::optional<std::string> Row::optional_text(size_t column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

std::optional<int64_t> Row::optional_integer(size_t column) const {
    if (is_null(column)) return std::nullopt;
    return integer(column);
}

std::string Row::blob(size_t column) const { return text(column); }

Result<std::unique_ptr<Database>> open_database(std::string_view url, const DatabaseOptions& options) {
    if (url.starts_with("sqlite:")) return open_sqlite(url.substr(7), options);
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return open_postgresql(url, options);
    return fail(Error::invalid("db", "must be sqlite:PATH or postgresql://..."));
}

} // namespace skydda::storage
