// The embedded SQLite backend: WAL journal with synchronous=FULL, so that a write that was
// acknowledged survives a crash or power loss; a small pool of connections; write
// transactions start with BEGIN IMMEDIATE so they serialise up front instead of deadlocking
// on lock upgrades.
#include <sqlite3.h>

#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "storage/backup.hpp"
#include "storage/database.hpp"
#include "util/private_file.hpp"

namespace skydda::storage {
namespace {

Error sqlite_error(sqlite3* handle, std::string_view what) {
    int code = sqlite3_extended_errcode(handle);
    std::string message = std::string(what) + ": " + sqlite3_errmsg(handle);
    if ((code & 0xff) == SQLITE_CONSTRAINT) return Error{ErrorCode::conflict, message, {}};
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
        return Error{ErrorCode::unavailable, message, {}};
    return Error::internal(message);
}

class SqliteConnection final : public Connection {
public:
    explicit SqliteConnection(sqlite3* handle) : m_handle(handle) {}
    ~SqliteConnection() override {
        for (auto& [sql, statement] : m_statements) sqlite3_finalize(statement);
        sqlite3_close_v2(m_handle);
    }

    Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params) override {
        sqlite3_stmt* statement = TRY(prepare(sql, params));
        std::vector<Row> rows;
        while (true) {
            int rc = sqlite3_step(statement);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) {
                auto error = sqlite_error(m_handle, "query failed");
                sqlite3_reset(statement);
                return fail(error);
            }
            rows.emplace_back(read_row(statement));
        }
        sqlite3_reset(statement);
        return rows;
    }

    Result<int64_t> execute(std::string_view sql, const std::vector<Value>& params) override {
        sqlite3_stmt* statement = TRY(prepare(sql, params));
        int rc;
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        }
        if (rc != SQLITE_DONE) {
            auto error = sqlite_error(m_handle, "statement failed");
            sqlite3_reset(statement);
            return fail(error);
        }
        sqlite3_reset(statement);
        return sqlite3_changes64(m_handle);
    }

    Status execute_script(std::string_view sql) override {
        std::string copy(sql);
        char* message = nullptr;
        if (sqlite3_exec(m_handle, copy.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            std::string text = message ? message : "unknown error";
            sqlite3_free(message);
            return fail(Error::internal("script failed: " + text));
        }
        return {};
    }

    std::string_view dialect() const override { return "sqlite"; }
    sqlite3* handle() { return m_handle; }

private:
    // Statements are cached per connection: the same few dozen SQL texts run all day.
    Result<sqlite3_stmt*> prepare(std::string_view sql, const std::vector<Value>& params) {
        auto found = m_statements.find(std::string(sql));
        sqlite3_stmt* statement = nullptr;
        if (found != m_statements.end()) {
            statement = found->second;
        } else {
            if (sqlite3_prepare_v3(m_handle, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                   &statement, nullptr) != SQLITE_OK)
                return fail(sqlite_error(m_handle, "prepare failed"));
            m_statements.emplace(std::string(sql), statement);
        }
        sqlite3_clear_bindings(statement);
        for (size_t i = 0; i < params.size(); ++i) bind(statement, static_cast<int>(i + 1), params[i]);
        return statement;
    }

    static void bind(sqlite3_stmt* statement, int index, const Value& value) {
        if (std::holds_alternative<std::nullptr_t>(value)) sqlite3_bind_null(statement, index);
        else if (auto* i = std::get_if<int64_t>(&value)) sqlite3_bind_int64(statement, index, *i);
        else if (auto* d = std::get_if<double>(&value)) sqlite3_bind_double(statement, index, *d);
        else if (auto* s = std::get_if<std::string>(&value))
            sqlite3_bind_text64(statement, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
        else if (auto* b = std::get_if<Blob>(&value))
            sqlite3_bind_blob64(statement, index, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
    }

    static Row read_row(sqlite3_stmt* statement) {
        int columns = sqlite3_column_count(statement);
        std::vector<Value> values;
        values.reserve(static_cast<size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            switch (sqlite3_column_type(statement, c)) {
            case SQLITE_NULL: values.emplace_back(nullptr); break;
            case SQLITE_INTEGER: values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(statement, c))); break;
            case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(statement, c)); break;
            case SQLITE_BLOB: {
                auto* data = static_cast<const char*>(sqlite3_column_blob(statement, c));
                values.emplace_back(Blob{std::string(data ? data : "", static_cast<size_t>(sqlite3_column_bytes(statement, c)))});
                break;
            }
            default: {
                auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
                values.emplace_back(std::string(data ? data : "", static_cast<size_t>(sqlite3_column_bytes(statement, c))));
            }
            }
        }
        return Row(std::move(values));
    }

    sqlite3* m_handle;
    std::map<std::string, sqlite3_stmt*, std::less<>> m_statements;
};

class SqliteDatabase final : public Database {
public:
    SqliteDatabase(std::string path, size_t pool_size) : m_path(std::move(path)), m_pool_size(pool_size) {}

    Result<std::unique_ptr<SqliteConnection>> open_connection() {
        sqlite3* handle = nullptr;
        int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
        if (sqlite3_open_v2(m_path.c_str(), &handle, flags, nullptr) != SQLITE_OK) {
            std::string message = handle ? sqlite3_errmsg(handle) : "out of memory";
            sqlite3_close_v2(handle);
            return fail(Error{ErrorCode::unavailable, "cannot open database: " + message, "db"});
        }
        auto connection = std::make_unique<SqliteConnection>(handle);
        sqlite3_busy_timeout(handle, 15000);
        // Switching a new file to WAL takes a lock that SQLite's busy handler does not wait for:
        // servers starting at once on a fresh file see "database is locked" here. Waited for
        // like the busy timeout, in short steps.
        constexpr auto k_step = std::chrono::milliseconds(20);
        for (int attempt = 0;; ++attempt) {
            auto set = connection->execute_script(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;");
            if (set) break;
            const int code = sqlite3_errcode(handle);
            if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || attempt * k_step >= std::chrono::seconds(15))
                return fail(set.error());
            std::this_thread::sleep_for(k_step);
        }
        return connection;
    }

    Status transact(TxMode mode, const std::function<Status(Connection&)>& work) override {
        auto connection = TRY(acquire());
        connection->use_audit_key(audit_key());
        // Writers queue here rather than spinning in SQLite's busy handler.
        std::unique_lock<std::mutex> write_lock(m_write_mutex, std::defer_lock);
        if (mode == TxMode::write) write_lock.lock();
        connection->use_key_ring(key_ring());
        auto status = run(*connection, mode, work);
        release(std::move(connection));
        return status;
    }

    std::string_view dialect() const override { return "sqlite"; }
    std::string describe() const override { return "sqlite:" + m_path; }

private:
    static Status run(SqliteConnection& connection, TxMode mode, const std::function<Status(Connection&)>& work) {
        // Through the statement cache: parsing BEGIN/COMMIT anew cost 12 % of a cached read.
        TRY(connection.execute(mode == TxMode::write ? "BEGIN IMMEDIATE" : "BEGIN", {}));
        Status status;
        try {
            status = work(connection);
        } catch (...) {
            (void)connection.execute("ROLLBACK", {});
            throw;
        }
        if (!status) {
            (void)connection.execute("ROLLBACK", {});
            return status;
        }
        if (auto committed = connection.execute("COMMIT", {}); !committed) {
            (void)connection.execute("ROLLBACK", {});
            return std::unexpected(committed.error());
        }
        return {};
    }

    Result<std::unique_ptr<SqliteConnection>> acquire() {
        {
            std::lock_guard lock(m_pool_mutex);
            if (!m_pool.empty()) {
                auto connection = std::move(m_pool.back());
                m_pool.pop_back();
                return connection;
            }
        }
        return open_connection();
    }

    void release(std::unique_ptr<SqliteConnection> connection) {
        std::lock_guard lock(m_pool_mutex);
        if (m_pool.size() < m_pool_size) m_pool.push_back(std::move(connection));
    }

    std::string m_path;
    size_t m_pool_size;
    std::mutex m_pool_mutex;
    std::mutex m_write_mutex;
    std::vector<std::unique_ptr<SqliteConnection>> m_pool;
};

} // namespace

// The database file is made 0600 before SQLite opens it; the WAL, shared-memory and journal
// files SQLite creates beside it take the database file's mode. Files left wider by an older
// version (or another tool) are narrowed, with a notice on stderr.
namespace {
void make_database_files_private(const std::filesystem::path& file) {
    std::error_code ignored;
    if (!std::filesystem::exists(file, ignored)) (void)files::create_private(file, "db"); // SQLite takes an empty file
    for (std::string_view suffix : {"", "-wal", "-shm", "-journal"}) {
        auto path = file;
        path += suffix;
        if (auto was = files::make_private(path))
            std::cerr << fmt::format(R"({{"level":"notice","event":"file_mode_narrowed","file":{},"was":"{:04o}","now":"0600"}})",
                                     boost::json::serialize(boost::json::value(path.string())), *was)
                      << '\n';
    }
}
} // namespace

Result<std::unique_ptr<Database>> open_sqlite(std::string_view path, const DatabaseOptions& options) {
    if (path.empty()) return fail(Error::invalid("db", "sqlite: needs a file path, e.g. sqlite:var/skydda.db"));
    std::filesystem::path file(path);
    std::error_code ignored;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ignored);
    make_database_files_private(file);
    auto database = std::make_unique<SqliteDatabase>(std::string(path), options.pool_size);
    // Open one connection now so a bad path fails here, with a clear message.
    auto probe = TRY(database->open_connection());
    (void)probe;
    return std::unique_ptr<Database>(std::move(database));
}

bool is_sqlite_file(const std::string& path) {
    char header[16] = {};
    std::ifstream in(path, std::ios::binary);
    return in.read(header, sizeof header) && std::string_view(header, sizeof header) == std::string_view("SQLite format 3\0", 16);
}

Status sqlite_online_backup(std::string_view database_path, const std::string& to_file) {
    std::error_code ignored;
    if (std::filesystem::exists(to_file, ignored))
        return fail(Error::invalid("to", "already exists; back up into a new file"));
    TRY_STATUS(files::create_private(to_file, "to")); // 0600 before SQLite writes a page into it
    sqlite3* source = nullptr;
    sqlite3* target = nullptr;
    std::string source_path(database_path);
    auto close_both = [&] {
        sqlite3_close_v2(source);
        sqlite3_close_v2(target);
    };
    if (sqlite3_open_v2(source_path.c_str(), &source, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
        sqlite3_open_v2(to_file.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        auto error = Error{ErrorCode::unavailable, "cannot open the database or the backup file", "to"};
        close_both();
        return fail(error);
    }
    sqlite3_busy_timeout(source, 15000);
    sqlite3_backup* backup = sqlite3_backup_init(target, "main", source, "main");
    int rc = backup ? SQLITE_OK : sqlite3_errcode(target);
    // In steps, so that writers on the live database are held up only briefly; a write by
    // another connection restarts the copy, which SQLite does by itself.
    while (backup && (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)) {
        rc = sqlite3_backup_step(backup, 1024);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (backup) sqlite3_backup_finish(backup);
    if (rc == SQLITE_DONE) rc = sqlite3_errcode(target);
    std::string message = sqlite3_errmsg(target);
    close_both();
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        std::filesystem::remove(to_file, ignored);
        return fail(Error{ErrorCode::unavailable, "backup failed: " + message, "to"});
    }
    return {};
}

} // namespace skydda::storage
