#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "storage/migrations.hpp"
#include "storage/repositories.hpp"
#include "support/test_database.hpp"
#include "support/test_keys.hpp"

using namespace skydda;
using namespace skydda::storage;

namespace {
const Instant k_now = *parse_rfc3339("2026-11-23T10:00:00Z", "now");

std::unique_ptr<Database> fresh(const test_support::TestDatabase& dir) {
    auto db = test_support::with_test_keys(std::move(*open_database(dir.url())));
    EXPECT_TRUE(migrate(*db));
    EXPECT_TRUE(db->transact(TxMode::write, [](Connection& c) -> Status {
        TRY_STATUS(insert_organisation(c, Organisation{"org1", "Nämnd", "", "public", "", "", "", "", "PUI {YYYY}/{NNNN}"}, k_now));
        return insert_user(c, User{"u1", "a@example.se", "A", "", "sv"}, k_now);
    }));
    return db;
}
// Every test here runs on SQLite and on PostgreSQL.
class Storage : public testing::TestWithParam<std::string> {
protected:
    void SetUp() override { SKIP_WITHOUT_DATABASE(m_database); }
    test_support::TestDatabase m_database{GetParam()};
};
} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, Storage, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(Storage, MigrationsRunOnceAndAreIdempotent) {
    auto& dir = m_database;
    auto db = std::move(*open_database(dir.url()));
    EXPECT_EQ(*migrate(*db), latest_schema_version());
    EXPECT_EQ(*migrate(*db), 0);
}

TEST(Database, UnknownSchemeNamesTheField) {
    auto result = open_database("mysql://x");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().field, "db");
}

TEST_P(Storage, IncidentStorageRoundTripKeepsEveryFact) {
    auto& dir = m_database;
    auto db = fresh(dir);
    domain::Incident incident;
    incident.id = "i1";
    incident.org_id = "org1";
    incident.case_number = "PUI 2026/0001";
    incident.reporter_id = "u1";
    incident.reported_at = k_now;
    incident.updated_at = k_now;
    incident.facts.title = "Fel mottagare";
    incident.facts.what_happened = "misdirected_communication";
    incident.facts.aware_at = k_now - std::chrono::hours(2);
    incident.facts.data = {"name", "health"};
    incident.facts.subjects_count = 12;
    incident.facts.subject_groups = {"pupils"};
    incident.facts.effects.confidentiality = "known_recipients";
    incident.facts.recipient_trusted = false;
    ASSERT_TRUE(db->transact(TxMode::write, [&](Connection& c) { return insert_incident(c, incident); }));
    auto loaded = *transact_value<std::optional<domain::Incident>>(*db, TxMode::read,
                                                                   [](Connection& c) { return find_incident(c, "i1"); });
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->facts, incident.facts);
    EXPECT_EQ(loaded->case_number, "PUI 2026/0001");
}

TEST_P(Storage, IncidentStorageStaleVersionDoesNotOverwrite) {
    auto& dir = m_database;
    auto db = fresh(dir);
    domain::Incident incident;
    incident.id = "i1";
    incident.org_id = "org1";
    incident.case_number = "PUI 2026/0001";
    incident.reporter_id = "u1";
    incident.facts.title = "A";
    ASSERT_TRUE(db->transact(TxMode::write, [&](Connection& c) { return insert_incident(c, incident); }));
    incident.facts.title = "B";
    EXPECT_TRUE(*transact_value<bool>(*db, TxMode::write, [&](Connection& c) { return update_incident(c, incident, 1); }));
    incident.facts.title = "C";
    EXPECT_FALSE(*transact_value<bool>(*db, TxMode::write, [&](Connection& c) { return update_incident(c, incident, 1); }));
}

TEST_P(Storage, RegistrySequenceUniqueAndGapFreeUnderConcurrentWritersOnTwoDatabases) {
    auto& dir = m_database;
    auto db = fresh(dir);
    // A second Database object on the same database acts like a second server process.
    auto other = std::move(*open_database(dir.url()));
    std::mutex mutex;
    std::vector<int64_t> drawn;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            Database& target = t % 2 ? *other : *db;
            for (int i = 0; i < 25; ++i) {
                auto value = transact_value<int64_t>(target, TxMode::write,
                                                     [](Connection& c) { return next_registry_sequence(c, "org1", 2026); });
                ASSERT_TRUE(value) << value.error().message;
                std::lock_guard lock(mutex);
                drawn.push_back(*value);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    std::set<int64_t> unique(drawn.begin(), drawn.end());
    EXPECT_EQ(unique.size(), 100u);
    EXPECT_EQ(*unique.begin(), 1);
    EXPECT_EQ(*unique.rbegin(), 100);
}

TEST_P(Storage, RegistrySequenceRolledBackReportGivesItsNumberBack) {
    auto& dir = m_database;
    auto db = fresh(dir);
    auto status = db->transact(TxMode::write, [](Connection& c) -> Status {
        TRY(next_registry_sequence(c, "org1", 2026));
        return fail(Error::invalid("title", "is required"));
    });
    EXPECT_FALSE(status);
    EXPECT_EQ(*transact_value<int64_t>(*db, TxMode::write,
                                       [](Connection& c) { return next_registry_sequence(c, "org1", 2026); }),
              1);
}
