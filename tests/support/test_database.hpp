// A fresh, empty database on either backend for one test. "sqlite": a file in a temporary
// directory. "postgresql": a schema of its own (named in the URL's search_path) in the
// throwaway cluster started by the ctest fixture `postgres` (tests/support/pg_cluster.sh),
// dropped at the end. The cluster's URL comes from SKYDDA_TEST_PG_URL, else from the file the
// fixture writes; without either, a PostgreSQL test is skipped with the reason.
#pragma once
#include <fstream>
#include <random>
#include <string>

#include "storage/audit_log.hpp"
#include "storage/database.hpp"
#include "support/temp_dir.hpp"

namespace skydda::test_support {

inline std::string postgres_base_url() {
    if (const char* url = std::getenv("SKYDDA_TEST_PG_URL"); url && *url) return url;
#ifdef SKYDDA_PG_URL_FILE
    std::ifstream in(SKYDDA_PG_URL_FILE);
    std::string url;
    std::getline(in, url);
    return url;
#else
    return {};
#endif
}

inline const char* k_no_postgres =
    "no PostgreSQL test cluster: run through ctest (fixture 'postgres') or set SKYDDA_TEST_PG_URL";

class TestDatabase {
public:
    explicit TestDatabase(std::string backend) : m_backend(std::move(backend)) {
        if (m_backend == "sqlite") {
            m_url = m_dir.db_url();
            return;
        }
        auto base = postgres_base_url();
        if (base.empty()) return;
        std::random_device random;
        m_schema = "t_" + std::to_string(random()) + "_" + std::to_string(random());
        if (!admin(base, "CREATE SCHEMA " + m_schema)) return;
        m_base = base;
        m_url = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + m_schema;
    }
    ~TestDatabase() {
        if (!m_base.empty()) admin(m_base, "DROP SCHEMA " + m_schema + " CASCADE");
    }
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    bool available() const { return !m_url.empty(); }
    const std::string& url() const { return m_url; }
    const std::string& backend() const { return m_backend; }
    const TempDir& dir() const { return m_dir; }

private:
    static bool admin(const std::string& url, const std::string& sql) {
        auto database = storage::open_database(url, storage::DatabaseOptions{1});
        if (!database) return false;
        return bool((*database)->transact(storage::TxMode::write,
                                          [&](storage::Connection& c) { return c.execute_script(sql); }));
    }

    std::string m_backend;
    TempDir m_dir;
    std::string m_base, m_schema, m_url;
};

// The audit chain's key for a test's Database (the CLI loads the real one from key_dir/audit.key):
// every Database object over one test database must get it before writing audit entries.
inline void use_test_audit_key(storage::Database& database) {
    database.set_audit_key(std::make_shared<const storage::AuditKey>(storage::AuditKey{std::string(32, 'k')}));
}

// The two backends every storage test runs against, named for test names.
inline std::string backend_name(const testing::TestParamInfo<std::string>& info) { return info.param; }

} // namespace skydda::test_support

// In a parameterised fixture's SetUp: skip a PostgreSQL case when no cluster is configured.
#define SKIP_WITHOUT_DATABASE(test_database)                                   \
    do {                                                                       \
        if (!(test_database).available()) GTEST_SKIP() << skydda::test_support::k_no_postgres; \
    } while (false)
