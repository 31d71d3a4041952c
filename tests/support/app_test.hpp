// A fixture for use-case tests on either backend (the test parameter: "sqlite" or
// "postgresql"): a fresh migrated database, an App on a hand-moved clock, a helper that adds
// a person with a role, and the audit trail of a case.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "storage/audit_log.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"
#include "support/test_keys.hpp"

namespace skydda::test_support {

class AppTest : public ::testing::TestWithParam<std::string> {
protected:
    explicit AppTest(Instant start) : m_clock(start) {}

    // Derived fixtures call this first and return when IsSkipped() (no PostgreSQL cluster).
    void SetUp() override {
        SKIP_WITHOUT_DATABASE(m_dir);
        m_db = with_test_keys(std::move(*storage::open_database(m_dir.url())));
        ASSERT_TRUE(storage::migrate(*m_db));
        m_app = std::make_unique<app::App>(*m_db, m_clock);
    }
    void TearDown() override {
        if (m_app) m_app->flush_audit();
    }

    app::Actor person(const std::string& org, const std::string& role) {
        static int n = 0;
        auto id = m_app->add_user(nullptr, org, role + std::to_string(++n) + "@example.se", role, role, std::nullopt);
        EXPECT_TRUE(id) << id.error().message;
        return *m_app->load_actor(*id);
    }

    std::vector<domain::AuditEntry> audit_of(const std::string& incident_id) {
        return *storage::transact_value<std::vector<domain::AuditEntry>>(
            *m_db, storage::TxMode::read,
            [&](storage::Connection& db) { return storage::audit_for_incident(db, incident_id, 100); });
    }

    TestDatabase m_dir{GetParam()};
    ManualClock m_clock;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<app::App> m_app;
};

} // namespace skydda::test_support
