#include <gtest/gtest.h>

#include "storage/audit_log.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"

using namespace skydda;
using namespace skydda::storage;

namespace {

// Every test here runs on SQLite and on PostgreSQL.
class AuditLogTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        SKIP_WITHOUT_DATABASE(m_dir);
        m_db = std::move(*open_database(m_dir.url()));
        ASSERT_TRUE(migrate(*m_db));
        for (int i = 0; i < 5; ++i) {
            ASSERT_TRUE(m_db->transact(TxMode::write, [&](Connection& db) -> Status {
                AuditEntry entry;
                entry.at = *parse_rfc3339("2026-11-23T10:00:00Z", "at") + std::chrono::seconds(i);
                entry.actor_id = "user" + std::to_string(i);
                entry.action = "incident.update";
                entry.entity = "incident";
                entry.entity_id = "case1";
                entry.before_json = R"({"title":"a"})";
                entry.after_json = R"({"title":"b"})";
                TRY(append_audit(db, entry));
                return {};
            }));
        }
    }
    AuditVerification verify() {
        return *transact_value<AuditVerification>(*m_db, TxMode::read,
                                                  [](Connection& db) { return verify_audit_chain(db); });
    }
    void run(const std::string& sql) {
        ASSERT_TRUE(m_db->transact(TxMode::write, [&](Connection& db) -> Status { return db.execute_script(sql); }));
    }

    test_support::TestDatabase m_dir{GetParam()};
    std::unique_ptr<Database> m_db;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, AuditLogTest, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(AuditLogTest, IntactChainVerifies) {
    auto result = verify();
    EXPECT_TRUE(result.intact);
    EXPECT_EQ(result.entries, 5);
}

TEST_P(AuditLogTest, AlteredContentIsFound) {
    run("UPDATE audit_log SET after_json = '{\"title\":\"c\"}' WHERE seq = 3");
    auto result = verify();
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.first_broken_seq, 3);
}

TEST_P(AuditLogTest, AlteredActorOrTimeIsFound) {
    run("UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 2");
    EXPECT_EQ(verify().first_broken_seq, 2);
}

TEST_P(AuditLogTest, RemovedEntryIsFound) {
    run("DELETE FROM audit_log WHERE seq = 2");
    auto result = verify();
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.entries, 1);
}

TEST_P(AuditLogTest, RemovedEntryWithRenumberingIsFound) {
    run("DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = seq - 1 WHERE seq > 2");
    auto result = verify();
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.first_broken_seq, 2);
}

TEST_P(AuditLogTest, ReorderedEntriesAreFound) {
    run("UPDATE audit_log SET seq = 100 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; "
        "UPDATE audit_log SET seq = 4 WHERE seq = 100");
    auto result = verify();
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.first_broken_seq, 3);
}
