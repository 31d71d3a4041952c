// What the backends must do alike beyond the repositories: migrations when several servers
// start at once, placeholders, a small pool under concurrency; and the PostgreSQL backend's own
// edges (unreachable server, passwords kept out of descriptions).
#include <gtest/gtest.h>

#include <mutex>

#include <atomic>
#include <thread>

#include "storage/migrations.hpp"
#include "storage/repositories.hpp"
#include "support/test_database.hpp"

using namespace skydda;
using namespace skydda::storage;

namespace {

class Backend : public testing::TestWithParam<std::string> {
protected:
    void SetUp() override { SKIP_WITHOUT_DATABASE(m_database); }
    test_support::TestDatabase m_database{GetParam()};
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, Backend, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(Backend, FourServersStartingAtOnceMigrateOnce) {
    std::atomic<int> applied{0}, failed{0};
    std::mutex errors_mutex;
    std::string errors;
    std::vector<std::thread> servers;
    for (int i = 0; i < 4; ++i) {
        servers.emplace_back([&] {
            auto database = open_database(m_database.url());
            auto ran = database ? migrate(**database) : Result<int>(std::unexpected(database.error()));
            if (ran) applied += *ran;
            else {
                ++failed;
                std::lock_guard lock(errors_mutex);
                errors += std::string(database ? "migrate: " : "open: ") + ran.error().message + "\n";
            }
        });
    }
    for (auto& server : servers) server.join();
    EXPECT_EQ(failed, 0) << errors;
    EXPECT_EQ(applied, latest_schema_version());
    auto database = std::move(*open_database(m_database.url()));
    auto rows = *transact_value<std::vector<Row>>(*database, TxMode::read, [](Connection& c) {
        return c.query("SELECT COUNT(*), MAX(version) FROM schema_migrations");
    });
    EXPECT_EQ(rows.at(0).integer(0), latest_schema_version());
    EXPECT_EQ(rows.at(0).integer(1), latest_schema_version());
}

TEST_P(Backend, QuestionMarksInsideLiteralsAreNotParameters) {
    auto database = std::move(*open_database(m_database.url()));
    auto rows = *transact_value<std::vector<Row>>(*database, TxMode::read, [](Connection& c) {
        return c.query("SELECT '?', ?, 'it''s ?', \"?\" FROM (SELECT 1 AS \"?\") AS t -- trailing ?\n",
                       {std::string("value")});
    });
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text(0), "?");
    EXPECT_EQ(rows[0].text(1), "value");
    EXPECT_EQ(rows[0].text(2), "it's ?");
    EXPECT_EQ(rows[0].integer(3), 1);
}

TEST_P(Backend, ValuesKeepTheirKinds) {
    auto database = std::move(*open_database(m_database.url()));
    ASSERT_TRUE(migrate(*database));
    const std::string bytes("\0\xff\x01'", 4);
    auto rows = *transact_value<std::vector<Row>>(*database, TxMode::write, [&](Connection& c) -> Result<std::vector<Row>> {
        TRY(c.execute("CREATE TABLE kinds (i INTEGER, big BIGINT, r DOUBLE PRECISION, t TEXT, b " +
                      std::string(c.dialect() == "sqlite" ? "BLOB" : "BYTEA") + ", n TEXT)"));
        TRY(c.execute("INSERT INTO kinds VALUES (?, ?, ?, ?, ?, ?)",
                      {int64_t{42}, int64_t{9007199254740993}, 0.25, std::string("Åsa ? 'x'"), Blob{bytes}, nullptr}));
        return c.query("SELECT i, big, r, t, b, n, i = ?, COUNT(*) OVER () FROM kinds", {int64_t{42}});
    });
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].integer(0), 42);
    EXPECT_EQ(rows[0].integer(1), 9007199254740993);
    EXPECT_EQ(std::get<double>(rows[0].value(2)), 0.25);
    EXPECT_EQ(rows[0].text(3), "Åsa ? 'x'");
    EXPECT_EQ(rows[0].blob(4), bytes);
    EXPECT_TRUE(rows[0].is_null(5));
    EXPECT_EQ(rows[0].integer(6), 1); // a boolean reads as 1 on both
    EXPECT_EQ(rows[0].integer(7), 1);
}

TEST_P(Backend, PoolOfOneServesConcurrentTransactions) {
    auto database = std::move(*open_database(m_database.url(), DatabaseOptions{1}));
    ASSERT_TRUE(migrate(*database));
    ASSERT_TRUE(database->transact(TxMode::write, [](Connection& c) {
        return insert_organisation(c, Organisation{"org1", "A", "", "public", "", "", "", "", "PUI {YYYY}/{NNNN}"},
                                   *parse_rfc3339("2026-01-01T00:00:00Z", "now"));
    }));
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 10; ++i) {
                auto mode = (t + i) % 2 ? TxMode::write : TxMode::read;
                auto status = database->transact(mode, [&](Connection& c) -> Status {
                    if (mode == TxMode::write) TRY(next_registry_sequence(c, "org1", 2026));
                    else TRY(find_organisation(c, "org1"));
                    return {};
                });
                if (!status) ++failures;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures, 0);
}

TEST_P(Backend, FailedTransactionLeavesNothingAndTheConnectionUsable) {
    auto database = std::move(*open_database(m_database.url(), DatabaseOptions{1}));
    ASSERT_TRUE(migrate(*database));
    auto now = *parse_rfc3339("2026-01-01T00:00:00Z", "now");
    auto duplicate = database->transact(TxMode::write, [&](Connection& c) -> Status {
        TRY_STATUS(insert_user(c, User{"u1", "a@example.se", "A", "", "sv"}, now));
        return insert_user(c, User{"u2", "a@example.se", "B", "", "sv"}, now); // same e-mail
    });
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
    EXPECT_EQ(duplicate.error().message.find("a@example.se"), std::string::npos) << "the error quotes personal data";
    auto found = transact_value<std::optional<User>>(*database, TxMode::read,
                                                     [](Connection& c) { return find_user(c, "u1"); });
    ASSERT_TRUE(found) << found.error().message;
    EXPECT_FALSE(*found);
}

TEST(Postgres, UnreachableServerNamesTheDbField) {
    auto result = open_database("postgresql://skydda@127.0.0.1:1/nowhere?connect_timeout=2");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::unavailable);
    EXPECT_EQ(result.error().field, "db");
}

TEST(Postgres, DescriptionHidesThePassword) {
    auto base = test_support::postgres_base_url();
    if (base.empty()) GTEST_SKIP() << test_support::k_no_postgres;
    // The test cluster trusts loopback connections, so any password is accepted.
    auto url = base;
    url.replace(url.find("postgres@"), 9, "postgres:hemligt@");
    auto database = open_database(url);
    ASSERT_TRUE(database) << database.error().message;
    EXPECT_EQ((*database)->describe().find("hemligt"), std::string::npos);
    EXPECT_NE((*database)->describe().find("****"), std::string::npos);
}

TEST_P(Backend, ThrowingWorkGivesItsConnectionBack) {
    auto database = std::move(*open_database(m_database.url(), DatabaseOptions{1}));
    for (int i = 0; i < 3; ++i)
        EXPECT_THROW((void)database->transact(TxMode::read, [](Connection&) -> Status { throw std::runtime_error("bug"); }),
                     std::runtime_error);
    auto rows = transact_value<std::vector<Row>>(*database, TxMode::read, [](Connection& c) { return c.query("SELECT 1"); });
    ASSERT_TRUE(rows) << rows.error().message;
    EXPECT_EQ(rows->at(0).integer(0), 1);
}
