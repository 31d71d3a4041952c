#include <gtest/gtest.h>

#include <regex>

#include <boost/json.hpp>
#include <sstream>

#include "storage/audit_checkpoint.hpp"
#include "storage/audit_log.hpp"
#include "storage/backup.hpp"
#include "storage/migrations.hpp"
#include "util/keyed_crypto.hpp"
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
        test_support::use_test_audit_key(*m_db);
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

// --- The keyed chain: what someone who holds the database but not the key cannot do. ---

namespace {

const std::string k_seed(32, 's');

// Recomputes every entry's `hash` from `from` on the way the unkeyed chain (schema 3..9) did,
// as an attacker without the key would after altering or removing rows.
void recompute_unkeyed(Database& database, int64_t from) {
    ASSERT_TRUE(database.transact(TxMode::write, [&](Connection& db) -> Status {
        auto rows = TRY(db.query("SELECT seq, at, actor_id, org_id, action, entity, entity_id, before_json, after_json, "
                                 "prev_hash, hash FROM audit_log ORDER BY seq"));
        std::string previous(k_audit_genesis);
        for (const auto& row : rows) {
            AuditEntry entry;
            entry.seq = row.integer(0);
            entry.at = *parse_rfc3339(row.text(1), "at");
            entry.actor_id = row.text(2);
            entry.org_id = row.text(3);
            entry.action = row.text(4);
            entry.entity = row.text(5);
            entry.entity_id = row.text(6);
            entry.before_json = row.text(7);
            entry.after_json = row.text(8);
            entry.prev_hash = entry.seq >= from ? previous : row.text(9);
            entry.hash = entry.seq >= from ? legacy_audit_hash(entry) : row.text(10);
            TRY(db.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                           {entry.prev_hash, entry.hash, entry.seq}));
            previous = entry.hash;
        }
        return {};
    }));
}

} // namespace

TEST_P(AuditLogTest, AlteredRowWithRecomputedUnkeyedHashesIsFound) {
    run("UPDATE audit_log SET after_json = '{\"title\":\"forged\"}' WHERE seq = 3");
    recompute_unkeyed(*m_db, 3);
    auto result = verify();
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.first_broken_seq, 3);
}

TEST_P(AuditLogTest, RemovedRowWithRenumberingAndRecomputedHashesIsFound) {
    run("DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = seq - 1 WHERE seq > 2");
    recompute_unkeyed(*m_db, 2);
    auto result = verify();
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.first_broken_seq, 2);
    EXPECT_EQ(result.entries, 1);
}

TEST_P(AuditLogTest, AChainWrittenWithAnotherKeyIsFoundAtItsFirstEntry) {
    m_db->set_audit_key(std::make_shared<const AuditKey>(AuditKey{std::string(32, 'x')}));
    auto result = verify();
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.first_broken_seq, 1);
    auto problem = *transact_value<std::string>(*m_db, TxMode::read, [](Connection& db) { return check_audit_key(db); });
    EXPECT_NE(problem.find("last entry (5)"), std::string::npos) << problem;
}

TEST_P(AuditLogTest, AppendingWithoutAKeyIsRefused) {
    m_db->set_audit_key(nullptr);
    auto status = m_db->transact(TxMode::write, [](Connection& db) -> Status {
        AuditEntry entry;
        entry.action = "incident.update";
        entry.entity = "incident";
        TRY(append_audit(db, entry));
        return {};
    });
    ASSERT_FALSE(status);
    EXPECT_NE(status.error().message.find("audit key"), std::string::npos);
}

TEST_P(AuditLogTest, AnEmptiedTrailOnADatabaseWithCasesIsNotIntact) {
    run("INSERT INTO organisations (id, name, sector, registry_pattern, created_at) VALUES "
        "('org1', 'A', 'public', 'PUI {YYYY}/{NNNN}', '2026-11-23T10:00:00Z')");
    run("DELETE FROM audit_log");
    auto result = verify();
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.first_broken_seq, 0);
    EXPECT_EQ(result.problem.rfind("emptied", 0), 0u) << result.problem;
}

TEST_P(AuditLogTest, ATrailWithFewerCreationEntriesThanCasesIsTruncated) {
    run("INSERT INTO organisations (id, name, sector, registry_pattern, created_at) VALUES "
        "('org1', 'A', 'public', 'PUI {YYYY}/{NNNN}', '2026-11-23T10:00:00Z')");
    auto result = verify();
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.problem.rfind("truncated", 0), 0u) << result.problem;
}

TEST_P(AuditLogTest, ACheckpointFindsTheLastEntriesRemoved) {
    auto checkpoint = *transact_value<AuditCheckpoint>(
        *m_db, TxMode::read, [](Connection& db) { return make_audit_checkpoint(db, k_seed, Instant{}); });
    EXPECT_EQ(checkpoint.entries, 5);
    auto parsed = parse_audit_checkpoint(checkpoint_json(checkpoint));
    ASSERT_TRUE(parsed) << parsed.error().message;
    auto check = [&](const AuditCheckpoint& against) {
        return *transact_value<AuditVerification>(*m_db, TxMode::read, [&](Connection& db) -> Result<AuditVerification> {
            auto verified = TRY(verify_audit_chain(db));
            TRY_STATUS(check_audit_checkpoint(db, against, crypto::sign_public_key(k_seed), verified));
            return verified;
        });
    };
    EXPECT_TRUE(check(*parsed).intact);
    run("DELETE FROM audit_log WHERE seq >= 4");
    EXPECT_TRUE(verify().intact); // the chain alone cannot tell
    auto truncated = check(*parsed);
    EXPECT_FALSE(truncated.intact);
    EXPECT_EQ(truncated.problem.rfind("truncated", 0), 0u) << truncated.problem;
    auto edited = *parsed;
    edited.entries = 3;
    edited.head_seq = 3;
    auto forged = check(edited);
    EXPECT_FALSE(forged.intact);
    EXPECT_NE(forged.problem.find("signature does not verify"), std::string::npos) << forged.problem;
    auto other = checkpoint;
    other.public_key = crypto::to_hex(crypto::sign_public_key(std::string(32, 'o')));
    EXPECT_NE(check(other).problem.find("not signed with this installation's key"), std::string::npos);
}

TEST_P(AuditLogTest, AMalformedCheckpointNamesTheField) {
    auto checkpoint = *transact_value<AuditCheckpoint>(
        *m_db, TxMode::read, [](Connection& db) { return make_audit_checkpoint(db, k_seed, Instant{}); });
    auto with = [&](std::string_view field, std::string_view value) {
        auto object = boost::json::parse(checkpoint_json(checkpoint)).as_object();
        object[field] = boost::json::parse(value);
        return parse_audit_checkpoint(boost::json::serialize(object));
    };
    EXPECT_EQ(with("signature", "\"zz\"").error().field, "checkpoint.signature");
    EXPECT_EQ(with("head_mac", "12").error().field, "checkpoint.head_mac");
    EXPECT_EQ(with("entries", "-1").error().field, "checkpoint.entries");
    EXPECT_EQ(with("at", "\"yesterday\"").error().field, "checkpoint.at");
    EXPECT_EQ(parse_audit_checkpoint("{not json").error().field, "checkpoint");
}

TEST_P(AuditLogTest, ATrailThatDoesNotVerifyIsNotCheckpointed) {
    run("UPDATE audit_log SET action = 'x' WHERE seq = 2");
    auto checkpoint = transact_value<AuditCheckpoint>(
        *m_db, TxMode::read, [](Connection& db) { return make_audit_checkpoint(db, k_seed, Instant{}); });
    ASSERT_FALSE(checkpoint);
    EXPECT_NE(checkpoint.error().message.find("entry 2"), std::string::npos);
}

TEST_P(AuditLogTest, AnErasedPayloadStillVerifiesButAForgedErasureDoesNot) {
    ASSERT_TRUE(m_db->transact(TxMode::write, [](Connection& db) {
        return erase_audit_payload(db, 3, *parse_rfc3339("2031-01-01T00:00:00Z", "at"));
    }));
    auto erased = verify();
    EXPECT_TRUE(erased.intact) << erased.problem;
    EXPECT_EQ(erased.erased, 1);
    auto rows = *transact_value<std::vector<Row>>(*m_db, TxMode::read, [](Connection& db) {
        return db.query("SELECT actor_id, before_json, after_json FROM audit_log WHERE seq = 3");
    });
    EXPECT_TRUE(rows.at(0).is_null(0) && rows.at(0).is_null(1) && rows.at(0).is_null(2));
    // Without the key: "erasing" another entry, or writing into the erased one.
    run("UPDATE audit_log SET after_json = NULL, before_json = NULL, actor_id = NULL, entity_id = NULL, "
        "erased_at = '2031-01-01T00:00:00Z', erasure_mac = 'ab' WHERE seq = 4");
    EXPECT_EQ(verify().first_broken_seq, 4);
    run("UPDATE audit_log SET after_json = '{}' WHERE seq = 3");
    EXPECT_EQ(verify().first_broken_seq, 3);
}

// A database as schema version 9 left it: migration 10 undone, entries written the old way.
class LegacyAuditTest : public AuditLogTest {
protected:
    void SetUp() override {
        SKIP_WITHOUT_DATABASE(m_dir);
        m_db = std::move(*open_database(m_dir.url()));
        test_support::use_test_audit_key(*m_db);
        ASSERT_TRUE(migrate(*m_db));
        run("DROP INDEX audit_log_by_action; ALTER TABLE audit_log DROP COLUMN payload_hash; "
            "ALTER TABLE audit_log DROP COLUMN erased_at; ALTER TABLE audit_log DROP COLUMN erasure_mac; "
            "DELETE FROM schema_migrations WHERE version = 10");
        ASSERT_TRUE(m_db->transact(TxMode::write, [](Connection& db) -> Status {
            std::string previous(k_audit_genesis);
            for (int seq = 1; seq <= 4; ++seq) {
                AuditEntry entry;
                entry.seq = seq;
                entry.at = *parse_rfc3339("2026-11-23T10:00:00Z", "at") + std::chrono::seconds(seq);
                entry.actor_id = "user" + std::to_string(seq);
                entry.action = "incident.update";
                entry.entity = "incident";
                entry.entity_id = "case1";
                entry.after_json = R"({"title":"b"})";
                entry.prev_hash = previous;
                entry.hash = legacy_audit_hash(entry);
                TRY(db.execute("INSERT INTO audit_log (seq, at, actor_id, org_id, action, entity, entity_id, "
                               "before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, NULL, ?, ?, ?, NULL, ?, ?, ?)",
                               {entry.seq, format_utc(entry.at), entry.actor_id, entry.action, entry.entity,
                                entry.entity_id, entry.after_json, entry.prev_hash, entry.hash}));
                previous = entry.hash;
            }
            return {};
        }));
    }
    // Whether migration 10 is recorded (later migrations stay applied: only 10 was undone).
    bool keyed_chain_applied() {
        return !transact_value<std::vector<Row>>(*m_db, TxMode::read, [](Connection& db) {
                    return db.query("SELECT 1 FROM schema_migrations WHERE version = 10");
                })->empty();
    }
};

INSTANTIATE_TEST_SUITE_P(Backends, LegacyAuditTest, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(LegacyAuditTest, Migration10VerifiesTheUnkeyedChainAndRechainsIt) {
    EXPECT_FALSE(keyed_chain_applied());
    ASSERT_EQ(*migrate(*m_db), 1);
    auto result = verify();
    EXPECT_TRUE(result.intact) << result.problem;
    EXPECT_EQ(result.entries, 5); // the four old ones and the note that they were re-chained
    auto note = *transact_value<std::vector<Row>>(*m_db, TxMode::read, [](Connection& db) {
        return db.query("SELECT action, after_json FROM audit_log WHERE seq = 5");
    });
    EXPECT_EQ(note.at(0).text(0), "audit.rechain");
    EXPECT_NE(note.at(0).text(1).find("\"rechained\":4"), std::string::npos);
    EXPECT_NE(note.at(0).text(1).find("unkeyed"), std::string::npos);
    // Re-chained with the key: the old way of forging no longer passes.
    run("UPDATE audit_log SET after_json = '{}' WHERE seq = 2");
    recompute_unkeyed(*m_db, 2);
    EXPECT_EQ(verify().first_broken_seq, 2);
}

TEST_P(LegacyAuditTest, ABrokenUnkeyedChainIsNotRechained) {
    run("UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 2");
    auto migrated = migrate(*m_db);
    ASSERT_FALSE(migrated);
    EXPECT_NE(migrated.error().message.find("broken at entry 2"), std::string::npos) << migrated.error().message;
    EXPECT_FALSE(keyed_chain_applied()); // nothing of migration 10 was kept
}

TEST_P(LegacyAuditTest, MigratingAnUnkeyedTrailNeedsTheKey) {
    m_db->set_audit_key(nullptr);
    auto migrated = migrate(*m_db);
    ASSERT_FALSE(migrated);
    EXPECT_NE(migrated.error().message.find("audit key"), std::string::npos);
}

TEST_P(LegacyAuditTest, ABackupFromBeforeTheKeyedChainIsRechainedOnRestore) {
    std::stringstream exported;
    ASSERT_TRUE(export_portable(*m_db, exported));
    // The file as schema 9 wrote it: its header names that version (the later migrations, which
    // this fixture keeps applied, add nothing the file holds).
    std::stringstream file(std::regex_replace(exported.str(), std::regex(R"("schema_version":\d+)"),
                                              R"("schema_version":9)", std::regex_constants::format_first_only));
    test_support::TestDatabase target_dir(GetParam());
    auto target = std::move(*open_database(target_dir.url()));
    test_support::use_test_audit_key(*target);
    ASSERT_TRUE(migrate(*target));
    auto imported = import_portable(*target, file);
    ASSERT_TRUE(imported) << imported.error().message;
    auto result = *transact_value<AuditVerification>(*target, TxMode::read, [](Connection& db) { return verify_audit_chain(db); });
    EXPECT_TRUE(result.intact) << result.problem;
    EXPECT_EQ(result.entries, 5);
    EXPECT_EQ(*count_rows(*target), *imported); // the re-chain note is counted
}
