#include "storage/backup.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <istream>
#include <ostream>

#include "storage/audit_log.hpp"
#include "storage/cases/case_search.hpp"
#include "storage/data_keys.hpp"
#include "storage/migrations.hpp"
#include "util/crypto.hpp"

namespace skydda::storage {
namespace {

namespace json = boost::json;
constexpr int64_t k_page_rows = 256;

std::string quoted(std::string_view name) { return fmt::format("\"{}\"", name); }

Result<std::vector<std::string>> list_columns(Connection& db, const std::string& table) {
    auto rows = TRY(db.query(db.dialect() == "sqlite"
                                 ? "SELECT name FROM pragma_table_info(?) ORDER BY cid"
                                 : "SELECT column_name FROM information_schema.columns "
                                   "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                             {table}));
    std::vector<std::string> columns;
    for (const auto& row : rows) columns.push_back(row.text(0));
    return columns;
}

Result<std::string> from_hex(std::string_view hex) {
    auto raw = crypto::from_hex(hex);
    if (!raw) return fail(Error::invalid("from", "a byte value in the backup is not hex"));
    return std::move(*raw);
}

json::value to_json(const Value& value) {
    if (auto* integer = std::get_if<int64_t>(&value)) return *integer;
    if (auto* real = std::get_if<double>(&value)) return *real;
    if (auto* text = std::get_if<std::string>(&value)) return json::string(*text);
    if (auto* blob = std::get_if<Blob>(&value)) return json::object{{"hex", crypto::to_hex(blob->bytes)}};
    return nullptr;
}

Result<Value> from_json(const json::value& value) {
    if (value.is_null()) return Value(nullptr);
    if (value.is_int64()) return Value(value.get_int64());
    if (value.is_uint64()) return Value(static_cast<int64_t>(value.get_uint64()));
    if (value.is_double()) return Value(value.get_double());
    if (value.is_string()) return Value(std::string(value.get_string()));
    if (value.is_object() && value.get_object().contains("hex") && value.at("hex").is_string())
        return Value(Blob{TRY(from_hex(value.at("hex").get_string()))});
    return fail(Error::invalid("from", "the backup holds a value of unknown kind"));
}

// Writes one table in pages (ordered by every column, so the pages neither overlap nor miss).
Result<int64_t> export_table(Connection& db, const std::string& table, std::ostream& out) {
    auto columns = TRY(list_columns(db, table));
    json::array names;
    std::string order;
    for (size_t i = 0; i < columns.size(); ++i) {
        names.emplace_back(columns[i]);
        order += fmt::format("{}{}", i ? ", " : "", i + 1);
    }
    out << json::serialize(json::object{{"table", table}, {"columns", names}}) << '\n';
    const std::string sql = "SELECT * FROM " + quoted(table) + " ORDER BY " + order + " LIMIT ? OFFSET ?";
    int64_t written = 0;
    while (true) {
        auto rows = TRY(db.query(sql, {k_page_rows, written}));
        for (const auto& row : rows) {
            json::array values;
            for (size_t c = 0; c < row.size(); ++c) values.push_back(to_json(row.value(c)));
            out << json::serialize(json::object{{"row", std::move(values)}}) << '\n';
        }
        written += static_cast<int64_t>(rows.size());
        if (static_cast<int64_t>(rows.size()) < k_page_rows) break;
    }
    return written;
}

Result<json::object> parse_line(const std::string& line, size_t number) {
    boost::system::error_code ec;
    auto value = json::parse(line, ec);
    if (ec || !value.is_object())
        return fail(Error::invalid("from", "line " + std::to_string(number) + " of the backup is not a JSON object"));
    return std::move(value.as_object());
}

struct TableImport {
    std::string table, insert_sql;
    size_t columns = 0;
    int64_t rows = 0;
};

Result<TableImport> start_table(Connection& db, const json::object& line) {
    TableImport import;
    import.table = std::string(line.at("table").as_string());
    auto known = TRY(list_tables(db));
    if (std::find(known.begin(), known.end(), import.table) == known.end())
        return fail(Error::invalid("from", "the backup has a table this schema does not: " + import.table));
    std::string columns, marks;
    const auto& names = line.at("columns").as_array();
    for (size_t i = 0; i < names.size(); ++i) {
        columns += fmt::format("{}{}", i ? ", " : "", quoted(names[i].as_string()));
        marks += i ? ", ?" : "?";
    }
    import.columns = names.size();
    import.insert_sql = "INSERT INTO " + quoted(import.table) + " (" + columns + ") VALUES (" + marks + ")";
    return import;
}

Status insert_row(Connection& db, TableImport& import, const json::array& row) {
    if (row.size() != import.columns)
        return fail(Error::invalid("from", "a row of " + import.table + " has the wrong number of values"));
    std::vector<Value> values;
    values.reserve(row.size());
    for (const auto& value : row) values.push_back(TRY(from_json(value)));
    TRY(db.execute(import.insert_sql, values));
    ++import.rows;
    return {};
}

Status check_header(const json::object& header) {
    if (!header.contains("format") || header.at("format") != "skydda-backup" || !header.contains("schema_version") ||
        !header.at("schema_version").is_int64())
        return fail(Error::invalid("from", "is not a Skydda backup (no skydda-backup header)"));
    if (header.at("schema_version").as_int64() > latest_schema_version())
        return fail(Error::invalid("from", "was written by a newer Skydda (schema version " +
                                               std::to_string(header.at("schema_version").as_int64()) +
                                               "); restore it with that version"));
    return {};
}

Status compare_counts(const TableCounts& imported, const json::object& expected) {
    if (imported.size() != expected.size())
        return fail(Error::invalid("from", "the backup's table list does not match its end record"));
    for (const auto& [table, rows] : imported)
        if (!expected.contains(table) || expected.at(table) != rows)
            return fail(Error::invalid("from", "the row count of " + table + " does not match the backup's end record"));
    return {};
}

} // namespace

Result<std::vector<std::string>> list_tables(Connection& db) {
    auto rows = TRY(db.query(db.dialect() == "sqlite"
                                 ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                   "ORDER BY rowid"
                                 : "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                   "WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.oid"));
    std::vector<std::string> tables;
    for (const auto& row : rows)
        // The search index is derived from the cases: migrate rebuilds it after a restore.
        if (row.text(0) != "schema_migrations" && !is_search_index_table(row.text(0))) tables.push_back(row.text(0));
    return tables;
}

Result<TableCounts> count_rows(Database& database) {
    return transact_value<TableCounts>(database, TxMode::read, [](Connection& db) -> Result<TableCounts> {
        TableCounts counts;
        for (const auto& table : TRY(list_tables(db))) {
            auto rows = TRY(db.query("SELECT COUNT(*) FROM " + quoted(table)));
            counts.emplace_back(table, rows.at(0).integer(0));
        }
        return counts;
    });
}

Status require_empty(Database& database) {
    auto counts = TRY(count_rows(database));
    for (const auto& [table, rows] : counts)
        if (rows > 0)
            return fail(Error{ErrorCode::conflict,
                              "the target database is not empty (table " + table + " has " + std::to_string(rows) +
                                  " rows); restore and copy-db need a new, empty database",
                              "db"});
    return {};
}

Result<TableCounts> export_portable(Database& database, std::ostream& out) {
    auto counts = TRY(transact_value<TableCounts>(database, TxMode::read, [&](Connection& db) -> Result<TableCounts> {
        auto version = TRY(db.query("SELECT MAX(version) FROM schema_migrations"));
        out << json::serialize(json::object{{"format", "skydda-backup"},
                                            {"version", 1},
                                            {"schema_version", version.at(0).integer(0)},
                                            {"dialect", db.dialect()}})
            << '\n';
        TableCounts written;
        for (const auto& table : TRY(list_tables(db))) written.emplace_back(table, TRY(export_table(db, table, out)));
        return written;
    }));
    json::object end;
    for (const auto& [table, rows] : counts) end[table] = rows;
    out << json::serialize(json::object{{"end", std::move(end)}}) << '\n';
    out.flush();
    if (!out) return fail(Error{ErrorCode::unavailable, "could not write the backup file", "to"});
    return counts;
}

Result<TableCounts> import_portable(Database& database, std::istream& in) {
    TRY_STATUS(require_empty(database));
    std::string line;
    if (!std::getline(in, line)) return fail(Error::invalid("from", "is empty"));
    auto header = TRY(parse_line(line, 1));
    TRY_STATUS(check_header(header));
    bool unkeyed_audit = header.at("schema_version").as_int64() < 10; // before the keyed chain
    return transact_value<TableCounts>(database, TxMode::write, [&](Connection& db) -> Result<TableCounts> {
        TableCounts imported;
        std::optional<TableImport> current;
        for (size_t number = 2; std::getline(in, line); ++number) {
            auto object = TRY(parse_line(line, number));
            if (auto* row = object.if_contains("row"); row && row->is_array() && current) {
                TRY_STATUS(insert_row(db, *current, row->as_array()));
            } else if (object.contains("table") && object.contains("columns")) {
                if (current) imported.emplace_back(current->table, current->rows);
                current = TRY(start_table(db, object));
            } else if (auto* end = object.if_contains("end"); end && end->is_object()) {
                if (current) imported.emplace_back(current->table, current->rows);
                TRY_STATUS(compare_counts(imported, end->as_object()));
                // Encrypted rows are copied as they are: without the master key that wrapped the
                // backup's data keys they could never be read, so such a restore is refused whole.
                if (db.key_ring()) TRY_STATUS(check_master_key(db));
                // An older backup's chain is verified unkeyed and re-chained, as migration 10 does;
                // its `audit.rechain` entry is one row more than the file had.
                if (unkeyed_audit && TRY(rechain_legacy_audit(db)) > 0)
                    for (auto& [table, rows] : imported)
                        if (table == "audit_log") ++rows;
                return imported;
            } else {
                return fail(Error::invalid("from", "line " + std::to_string(number) + " of the backup is not understood"));
            }
        }
        return fail(Error::invalid("from", "the backup is truncated (no end record); nothing was restored"));
    });
}

} // namespace skydda::storage
