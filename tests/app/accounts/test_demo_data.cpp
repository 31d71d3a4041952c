// Issue 13: the demo data (`skydda demo`, `make run`) is written through the use cases, so the
// demo municipality's trail is what a real one's would be: every organisation, person and case
// change has its audit entry, the chain verifies, and a second load changes nothing.
#include <gtest/gtest.h>

#include "cli/commands.hpp"
#include "storage/audit_log.hpp"
#include "storage/repositories.hpp"
#include "support/app_test.hpp"

namespace {

using namespace skydda;

const Instant k_start = *parse_rfc3339("2026-11-30T10:00:00+01:00", "start");

class DemoData : public test_support::AppTest {
protected:
    DemoData() : AppTest(k_start) {}

    size_t count(std::string_view action) {
        auto entries = *storage::transact_value<std::vector<domain::AuditEntry>>(
            *m_db, storage::TxMode::read, [&](storage::Connection& db) {
                return storage::list_audit(db, {"", std::string(action), 1000});
            });
        return entries.size();
    }
};

TEST_P(DemoData, EveryChangeIsAuditedAndASecondLoadChangesNothing) {
    if (IsSkipped()) return;
    auto logins = cli::load_demo(*m_app);
    ASSERT_TRUE(logins) << logins.error().message;
    EXPECT_EQ(logins->size(), 9u);
    m_app->flush_audit();
    EXPECT_EQ(count("organisation.add"), 2u);
    EXPECT_EQ(count("unit.add"), 4u);
    // seven people in both nämnder, one manager in each: 16 memberships
    EXPECT_EQ(count("membership.add"), 16u);
    EXPECT_EQ(count("incident.report"), 2u);
    EXPECT_GE(count("incident.status"), 2u);
    EXPECT_EQ(count("incident.assign"), 1u);
    auto verified = *storage::transact_value<storage::AuditVerification>(
        *m_db, storage::TxMode::read, [](storage::Connection& db) { return storage::verify_audit_chain(db); });
    EXPECT_TRUE(verified.intact) << verified.problem;

    auto before = verified.entries;
    auto again = cli::load_demo(*m_app);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_TRUE(again->empty());
    m_app->flush_audit();
    auto after = *storage::transact_value<storage::AuditVerification>(
        *m_db, storage::TxMode::read, [](storage::Connection& db) { return storage::verify_audit_chain(db); });
    EXPECT_EQ(after.entries, before);
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoData, testing::Values("sqlite"), test_support::backend_name);

} // namespace
