// The PostgreSQL backend (libpq) for deployments with several application servers on one
// database. Same semantics as the SQLite backend:
// - write transactions are serialised, across every server, by a transaction-level advisory
//   lock taken first thing (the audit chain and the registry counters are one total order);
// - read transactions see one consistent snapshot (REPEATABLE READ, READ ONLY);
// - statements are prepared once per connection and cached by their SQL text; `?` becomes $n;
// - a serialization failure or deadlock is retried with a fresh transaction.
#include <fmt/format.h>
#include <libpq-fe.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "storage/database.hpp"

namespace skydda::storage {
namespace {

// pg_advisory_xact_lock key shared by every Skydda writer on this database ("skydda" in ASCII).
constexpr int64_t k_write_lock_key = 0x736b79646461;
constexpr int k_attempts = 5;
constexpr auto k_acquire_timeout = std::chrono::seconds(30);

// PostgreSQL type OIDs (catalog/pg_type_d.h), used to read result columns into Values.
constexpr Oid k_bool_oid = 16, k_bytea_oid = 17, k_int8_oid = 20, k_int2_oid = 21, k_int4_oid = 23, k_oid_oid = 26,
              k_float4_oid = 700, k_float8_oid = 701, k_numeric_oid = 1700;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

// `?` → $1..$n outside string literals, quoted identifiers and comments.
std::string rewrite_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int next = 0;
    for (size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (c == '\'' || c == '"') {
            size_t end = sql.find(c, i + 1);
            while (end != std::string_view::npos && end + 1 < sql.size() && sql[end + 1] == c) end = sql.find(c, end + 2);
            end = end == std::string_view::npos ? sql.size() - 1 : end;
            out.append(sql.substr(i, end - i + 1));
            i = end;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            size_t end = sql.find('\n', i);
            end = end == std::string_view::npos ? sql.size() - 1 : end;
            out.append(sql.substr(i, end - i + 1));
            i = end;
        } else if (c == '?') {
            out += '$';
            out += std::to_string(++next);
        } else {
            out += c;
        }
    }
    return out;
}

bool is_retryable(std::string_view sqlstate) { return sqlstate == "40001" || sqlstate == "40P01"; }

// Only the primary message: DETAIL can quote the values of a violated key (personal data).
Error pg_error(std::string_view what, std::string_view sqlstate, std::string_view message) {
    std::string text = std::string(what) + ": " + std::string(message);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    if (sqlstate.starts_with("23")) return Error{ErrorCode::conflict, text, {}};
    if (is_retryable(sqlstate) || sqlstate.starts_with("08") || sqlstate.starts_with("57P") || sqlstate == "55P03")
        return Error{ErrorCode::unavailable, text, {}};
    return Error::internal(text);
}

class PostgresConnection final : public Connection {
public:
    explicit PostgresConnection(PGconn* handle) : m_handle(handle) {}
    ~PostgresConnection() override { PQfinish(m_handle); }

    Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params) override {
        auto result = TRY(run_prepared(sql, params));
        std::vector<Row> rows;
        int count = PQntuples(result.get());
        rows.reserve(static_cast<size_t>(count));
        for (int r = 0; r < count; ++r) rows.emplace_back(read_row(result.get(), r));
        return rows;
    }

    Result<int64_t> execute(std::string_view sql, const std::vector<Value>& params) override {
        auto result = TRY(run_prepared(sql, params));
        const char* tuples = PQcmdTuples(result.get());
        int64_t changed = 0;
        std::from_chars(tuples, tuples + std::strlen(tuples), changed);
        return changed;
    }

    Status execute_script(std::string_view sql) override {
        ResultPtr result(PQexec(m_handle, std::string(sql).c_str()), &PQclear);
        TRY_STATUS(check(result.get(), "script failed"));
        return {};
    }

    std::string_view dialect() const override { return "postgresql"; }

    bool broken() const { return PQstatus(m_handle) != CONNECTION_OK; }
    bool idle() const { return PQtransactionStatus(m_handle) == PQTRANS_IDLE; }
    const std::string& last_sqlstate() const { return m_last_sqlstate; }
    void clear_sqlstate() { m_last_sqlstate.clear(); }

private:
    Status check(PGresult* result, std::string_view what) {
        auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return {};
        const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
        const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
        m_last_sqlstate = state ? state : (broken() ? "08006" : "XX000");
        return fail(pg_error(what, m_last_sqlstate, primary ? primary : PQerrorMessage(m_handle)));
    }

    // Statements are cached per connection: the same few dozen SQL texts run all day.
    Result<const std::string*> prepare(std::string_view sql, const std::vector<Value>& params) {
        auto found = m_statements.find(sql);
        if (found != m_statements.end()) return &found->second;
        std::string name = fmt::format("s{}", m_statements.size() + 1);
        // Only bytea is declared (it is sent in binary); the server infers the rest from context,
        // so an integer sent as text fits an INTEGER or a BIGINT column alike.
        std::vector<Oid> types(params.size(), 0);
        for (size_t i = 0; i < params.size(); ++i)
            if (std::holds_alternative<Blob>(params[i])) types[i] = k_bytea_oid;
        ResultPtr result(PQprepare(m_handle, name.c_str(), rewrite_placeholders(sql).c_str(),
                                   static_cast<int>(params.size()), types.data()),
                         &PQclear);
        TRY_STATUS(check(result.get(), "prepare failed"));
        auto inserted = m_statements.try_emplace(m_statements.end(), std::string(sql), std::move(name));
        return &inserted->second;
    }

    Result<ResultPtr> run_prepared(std::string_view sql, const std::vector<Value>& params) {
        const std::string* name = TRY(prepare(sql, params));
        size_t count = params.size();
        std::vector<std::string> texts(count);
        std::vector<const char*> values(count, nullptr);
        std::vector<int> lengths(count, 0), formats(count, 0);
        for (size_t i = 0; i < count; ++i) {
            const auto& value = params[i];
            if (std::holds_alternative<std::nullptr_t>(value)) continue;
            if (auto* integer = std::get_if<int64_t>(&value)) texts[i] = std::to_string(*integer);
            else if (auto* real = std::get_if<double>(&value)) texts[i] = fmt_double(*real);
            else if (auto* text = std::get_if<std::string>(&value)) texts[i] = *text;
            else if (auto* blob = std::get_if<Blob>(&value)) {
                texts[i] = blob->bytes;
                formats[i] = 1;
            }
            values[i] = texts[i].c_str();
            lengths[i] = static_cast<int>(texts[i].size());
        }
        ResultPtr result(PQexecPrepared(m_handle, name->c_str(), static_cast<int>(count), values.data(), lengths.data(),
                                        formats.data(), 0),
                         &PQclear);
        TRY_STATUS(check(result.get(), "statement failed"));
        return result;
    }

    static std::string fmt_double(double value) {
        char buffer[32];
        auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
        return ec == std::errc() ? std::string(buffer, end) : "0";
    }

    static Value read_value(PGresult* result, int row, int column) {
        if (PQgetisnull(result, row, column)) return nullptr;
        const char* data = PQgetvalue(result, row, column);
        size_t length = static_cast<size_t>(PQgetlength(result, row, column));
        std::string_view text(data, length);
        switch (PQftype(result, column)) {
        case k_bool_oid: return int64_t{text == "t"};
        case k_int2_oid:
        case k_int4_oid:
        case k_int8_oid:
        case k_oid_oid:
        case k_numeric_oid: {
            int64_t integer = 0;
            auto [end, ec] = std::from_chars(data, data + length, integer);
            if (ec == std::errc() && end == data + length) return integer;
            [[fallthrough]];
        }
        case k_float4_oid:
        case k_float8_oid: {
            double real = 0;
            std::from_chars(data, data + length, real);
            return real;
        }
        case k_bytea_oid: {
            size_t size = 0;
            unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(data), &size);
            Blob blob{std::string(reinterpret_cast<const char*>(bytes), size)};
            PQfreemem(bytes);
            return blob;
        }
        default: return std::string(text);
        }
    }

    static Row read_row(PGresult* result, int row) {
        int columns = PQnfields(result);
        std::vector<Value> values;
        values.reserve(static_cast<size_t>(columns));
        for (int c = 0; c < columns; ++c) values.push_back(read_value(result, row, c));
        return Row(std::move(values));
    }

    PGconn* m_handle;
    std::map<std::string, std::string, std::less<>> m_statements; // SQL text → prepared name
    std::string m_last_sqlstate;
};

// postgresql://user:secret@host/db → postgresql://user:****@host/db
std::string mask_password(std::string_view url) {
    auto scheme = url.find("://");
    auto at = url.find('@');
    if (scheme == std::string_view::npos || at == std::string_view::npos) return std::string(url);
    auto colon = url.find(':', scheme + 3);
    if (colon == std::string_view::npos || colon > at) return std::string(url);
    return std::string(url.substr(0, colon + 1)) + "****" + std::string(url.substr(at));
}

class PostgresDatabase final : public Database {
public:
    PostgresDatabase(std::string url, size_t pool_size) : m_url(std::move(url)), m_pool_size(pool_size) {}

    Result<std::unique_ptr<PostgresConnection>> open_connection() {
        const char* keys[] = {"dbname", "fallback_application_name", "client_encoding", nullptr};
        const char* values[] = {m_url.c_str(), "skydda", "UTF8", nullptr};
        PGconn* handle = PQconnectdbParams(keys, values, 1);
        if (!handle || PQstatus(handle) != CONNECTION_OK) {
            std::string message = handle ? PQerrorMessage(handle) : "out of memory";
            while (!message.empty() && message.back() == '\n') message.pop_back();
            PQfinish(handle);
            return fail(Error{ErrorCode::unavailable, "cannot connect to PostgreSQL: " + message, "db"});
        }
        // NOTICEs (e.g. "drop cascades to ...") are not errors; libpq would print them on stderr.
        PQsetNoticeProcessor(handle, [](void*, const char*) {}, nullptr);
        return std::make_unique<PostgresConnection>(handle);
    }

    Status transact(TxMode mode, const std::function<Status(Connection&)>& work) override {
        for (int attempt = 1;; ++attempt) {
            Lease lease{*this, TRY(acquire())};
            auto& connection = *lease.connection;
            connection.clear_sqlstate();
            connection.use_audit_key(audit_key());
            connection.use_key_ring(key_ring());
            bool began = false;
            auto status = run(connection, mode, work, began);
            // Retry what PostgreSQL asks to retry, and a connection that was dead before the
            // transaction began (the server restarted since it was pooled).
            bool retry = !status && attempt < k_attempts &&
                         (is_retryable(connection.last_sqlstate()) || (!began && connection.broken()));
            if (!retry) return status;
            std::this_thread::sleep_for(std::chrono::milliseconds(backoff(attempt)));
        }
    }

    std::string_view dialect() const override { return "postgresql"; }
    std::string describe() const override { return mask_password(m_url); }

    // Hands a connection back to the pool in its destructor, also when `work` throws.
    struct Lease {
        PostgresDatabase& database;
        std::unique_ptr<PostgresConnection> connection;
        Lease(PostgresDatabase& owner, std::unique_ptr<PostgresConnection> leased)
            : database(owner), connection(std::move(leased)) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { database.release(std::move(connection)); }
    };

    // The connection opened to check the URL becomes the pool's first.
    void adopt(std::unique_ptr<PostgresConnection> connection) {
        std::lock_guard lock(m_mutex);
        ++m_open;
        m_idle.push_back(std::move(connection));
    }

private:
    static Status run(PostgresConnection& connection, TxMode mode, const std::function<Status(Connection&)>& work,
                      bool& began) {
        // READ COMMITTED for writers: once the lock is held, every statement sees what the
        // previous writer committed (a REPEATABLE READ snapshot would predate the wait).
        static const std::string k_begin_write = "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" +
                                                 std::to_string(k_write_lock_key) + ")";
        TRY_STATUS(connection.execute_script(mode == TxMode::write ? std::string_view(k_begin_write)
                                                                   : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
        began = true;
        Status status;
        try {
            status = work(connection);
        } catch (...) {
            (void)connection.execute_script("ROLLBACK");
            throw;
        }
        if (!status) {
            (void)connection.execute_script("ROLLBACK");
            return status;
        }
        if (auto committed = connection.execute_script("COMMIT"); !committed) {
            (void)connection.execute_script("ROLLBACK");
            return committed;
        }
        return {};
    }

    static int backoff(int attempt) {
        thread_local std::minstd_rand random{std::random_device{}()};
        return 1 + static_cast<int>(random() % static_cast<unsigned>(10 * attempt));
    }

    // Waits for an idle connection, or opens one while fewer than the pool size are open.
    Result<std::unique_ptr<PostgresConnection>> acquire() {
        {
            std::unique_lock lock(m_mutex);
            bool ready = m_available.wait_for(lock, k_acquire_timeout,
                                              [&] { return !m_idle.empty() || m_open < m_pool_size; });
            if (!ready) return fail(Error{ErrorCode::unavailable, "all database connections are busy", {}});
            if (!m_idle.empty()) {
                auto connection = std::move(m_idle.back());
                m_idle.pop_back();
                return connection;
            }
            ++m_open;
        }
        auto connection = open_connection();
        if (!connection) {
            std::lock_guard lock(m_mutex);
            --m_open;
            m_available.notify_one();
        }
        return connection;
    }

    void release(std::unique_ptr<PostgresConnection> connection) {
        std::lock_guard lock(m_mutex);
        // A broken connection, or one left inside a transaction, is not handed out again.
        if (connection->broken() || !connection->idle()) {
            connection.reset();
            --m_open;
        } else {
            m_idle.push_back(std::move(connection));
        }
        m_available.notify_one();
    }

    std::string m_url;
    size_t m_pool_size;
    std::mutex m_mutex;
    std::condition_variable m_available;
    std::vector<std::unique_ptr<PostgresConnection>> m_idle;
    size_t m_open = 0;
};

} // namespace

Result<std::unique_ptr<Database>> open_postgresql(std::string_view url, const DatabaseOptions& options) {
    if (options.pool_size < 1 || options.pool_size > 1000)
        return fail(Error::invalid("db_pool", "must be 1 to 1000 connections"));
    auto database = std::make_unique<PostgresDatabase>(std::string(url), options.pool_size);
    // Connect once now so a bad URL or an unreachable server fails here, with a clear message.
    database->adopt(TRY(database->open_connection()));
    return std::unique_ptr<Database>(std::move(database));
}

} // namespace skydda::storage
