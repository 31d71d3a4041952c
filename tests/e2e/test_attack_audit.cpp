// Attacks on the audit trail by someone who can write the database but does not hold the keys,
// against the real binary: forged chains, an emptied trail, cut-off last entries, an edited
// checkpoint; plus bad input (exit 2 naming the field), the intact case (exit 0), and the key
// files `migrate` creates.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "e2e_support.hpp"
#include "storage/audit_log.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"

using namespace skydda;
using namespace skydda::e2e;

namespace {

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

class AttackAudit : public testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        SKIP_WITHOUT_DATABASE(m_database);
        auto demo = run_skydda({"demo", "--db", db()});
        ASSERT_EQ(demo.exit_code, 0) << demo.err;
    }
    const std::string& db() const { return m_database.url(); }
    std::filesystem::path file(const std::string& name) const { return m_scratch.path() / name; }

    // Raw SQL as the attacker runs it: straight into the database, no key.
    void sql(const std::string& script) {
        auto database = storage::open_database(db());
        ASSERT_TRUE(database) << database.error().message;
        ASSERT_TRUE((*database)->transact(storage::TxMode::write,
                                          [&](storage::Connection& c) { return c.execute_script(script); }));
    }
    int64_t entries() {
        auto database = std::move(*storage::open_database(db()));
        return storage::transact_value<std::vector<storage::Row>>(*database, storage::TxMode::read, [](storage::Connection& c) {
                   return c.query("SELECT COUNT(*) FROM audit_log");
               })->at(0).integer(0);
    }
    // Recomputes `hash`/`prev_hash` from entry `from` on the way the unkeyed chain did, as a
    // forger who read the old code would.
    void recompute_unkeyed(int64_t from) {
        auto database = std::move(*storage::open_database(db()));
        ASSERT_TRUE(database->transact(storage::TxMode::write, [&](storage::Connection& c) -> Status {
            auto rows = TRY(c.query("SELECT seq, at, actor_id, org_id, action, entity, entity_id, before_json, "
                                    "after_json, prev_hash, hash FROM audit_log ORDER BY seq"));
            std::string previous(storage::k_audit_genesis);
            for (const auto& row : rows) {
                domain::AuditEntry entry{row.integer(0), *parse_rfc3339(row.text(1), "at"), row.text(2), row.text(3),
                                          row.text(4), row.text(5), row.text(6), row.text(7), row.text(8),
                                          row.text(9), row.text(10)};
                if (entry.seq >= from) {
                    entry.prev_hash = previous;
                    entry.hash = storage::legacy_audit_hash(entry);
                    TRY(c.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                                  {entry.prev_hash, entry.hash, entry.seq}));
                }
                previous = entry.hash;
            }
            return {};
        }));
    }
    CommandResult verify(const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args{"audit", "verify", "--db", db()};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_skydda(args);
    }
    std::string checkpoint(const std::string& name) {
        auto path = file(name).string();
        auto made = run_skydda({"audit", "checkpoint", "--db", db(), "--out", path});
        EXPECT_EQ(made.exit_code, 0) << made.out << made.err;
        return path;
    }

    test_support::TestDatabase m_database{GetParam()};
    test_support::TempDir m_scratch;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, AttackAudit, testing::Values("sqlite", "postgresql"), test_support::backend_name);

// (e) An untouched trail verifies, with and without its checkpoint.
TEST_P(AttackAudit, AnIntactTrailVerifies) {
    auto plain = verify();
    EXPECT_EQ(plain.exit_code, 0) << plain.out << plain.err;
    EXPECT_NE(plain.out.find("audit trail intact"), std::string::npos) << plain.out;
    auto path = checkpoint("head.json");
    auto against = verify({"--checkpoint", path});
    EXPECT_EQ(against.exit_code, 0) << against.out << against.err;
    EXPECT_NE(against.out.find("holds the head of the checkpoint"), std::string::npos) << against.out;
}

// (a) Rows altered and removed, hashes recomputed the old unkeyed way: the first forged entry is named.
TEST_P(AttackAudit, AChainForgedTheOldWayIsFoundAtTheFirstForgedEntry) {
    sql("UPDATE audit_log SET after_json = '{\"status\":\"closed\"}' WHERE seq = 4; "
        "DELETE FROM audit_log WHERE seq = 6; UPDATE audit_log SET seq = seq - 1 WHERE seq > 6");
    recompute_unkeyed(4);
    auto result = verify();
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_NE(result.out.find("TAMPERED at entry 4"), std::string::npos) << result.out;
}

TEST_P(AttackAudit, ARemovedEntryIsNamed) {
    sql("DELETE FROM audit_log WHERE seq = 3");
    auto result = verify();
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.out.find("TAMPERED at entry 3: entry 3 is missing"), std::string::npos) << result.out;
}

// (b) Every audit row deleted on a database that holds cases.
TEST_P(AttackAudit, AnEmptiedTrailIsTamperingNotIntact) {
    sql("DELETE FROM audit_log");
    auto result = verify();
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_NE(result.out.find("TAMPERED: emptied"), std::string::npos) << result.out;
}

// (c) The last entries cut off: the checkpoint shows it; an edited checkpoint is tampering too.
TEST_P(AttackAudit, CutOffLastEntriesAreFoundWithTheCheckpoint) {
    auto path = checkpoint("head.json");
    auto total = entries();
    sql("DELETE FROM audit_log WHERE seq > " + std::to_string(total - 2));
    auto result = verify({"--checkpoint", path});
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_NE(result.out.find("truncated"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find(std::to_string(total) + " entries"), std::string::npos) << result.out;
}

TEST_P(AttackAudit, AnEditedCheckpointIsTampering) {
    auto path = checkpoint("head.json");
    auto total = entries();
    sql("DELETE FROM audit_log WHERE seq > " + std::to_string(total - 2));
    // The attacker edits the checkpoint to match the shortened trail.
    auto text = read_text(path);
    for (auto field : {"\"entries\":", "\"head_seq\":"}) {
        auto at = text.find(field) + std::string_view(field).size();
        text.replace(at, text.find(',', at) - at, std::to_string(total - 2));
    }
    auto edited = file("edited.json");
    std::ofstream(edited) << text;
    auto result = verify({"--checkpoint", edited.string()});
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_NE(result.out.find("signature does not verify"), std::string::npos) << result.out;
}

// (d) Bad input: exit 2, the field named first.
TEST_P(AttackAudit, BadInputNamesTheField) {
    auto missing = verify({"--checkpoint", file("nowhere.json").string()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_EQ(missing.err.rfind("checkpoint: cannot be read", 0), 0u) << missing.err;

    auto path = checkpoint("head.json");
    auto text = read_text(path);
    auto at = text.find("\"signature\":\"") + 13;
    text.replace(at, 4, "zzzz");
    auto bad_signature = file("bad-signature.json");
    std::ofstream(bad_signature) << text;
    auto result = verify({"--checkpoint", bad_signature.string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err.rfind("checkpoint.signature:", 0), 0u) << result.err;

    auto not_json = file("not-json.json");
    std::ofstream(not_json) << "{\"entries\": ";
    EXPECT_EQ(verify({"--checkpoint", not_json.string()}).err.rfind("checkpoint: is not a JSON object", 0), 0u);

    auto unknown = verify({"--since", "yesterday"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_EQ(unknown.err.rfind("since:", 0), 0u) << unknown.err;
    auto no_out = run_skydda({"audit", "checkpoint", "--db", db()});
    EXPECT_EQ(no_out.exit_code, 2);
    EXPECT_EQ(no_out.err.rfind("out:", 0), 0u) << no_out.err;
    auto twice = run_skydda({"audit", "checkpoint", "--db", db(), "--out", path});
    EXPECT_EQ(twice.exit_code, 2);
    EXPECT_EQ(twice.err.rfind("out:", 0), 0u) << twice.err;
}

// A trail that does not verify is never signed.
TEST_P(AttackAudit, ATamperedTrailGetsNoCheckpoint) {
    sql("UPDATE audit_log SET after_json = '{\"forged\":true}' WHERE seq = 2");
    auto made = run_skydda({"audit", "checkpoint", "--db", db(), "--out", file("head.json").string()});
    EXPECT_EQ(made.exit_code, 1);
    EXPECT_NE(made.err.find("entry 2"), std::string::npos) << made.err;
    EXPECT_FALSE(std::filesystem::exists(file("head.json")));
}

// `serve` writes a checkpoint at start and at stop into the directory the operator chose.
TEST_P(AttackAudit, ServeWritesSignedCheckpoints) {
    auto directory = file("checkpoints");
    std::filesystem::create_directories(directory);
    ::setenv("SKYDDA_AUDIT_CHECKPOINT_DIR", directory.c_str(), 1);
    {
        ServerProcess server(db(), free_port());
        ::unsetenv("SKYDDA_AUDIT_CHECKPOINT_DIR");
        EXPECT_EQ(server.stop(), 0);
    }
    std::vector<std::filesystem::path> written;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) written.push_back(entry.path());
    ASSERT_FALSE(written.empty());
    for (const auto& path : written) {
        EXPECT_EQ(path.filename().string().rfind("audit-checkpoint-", 0), 0u) << path;
        auto result = verify({"--checkpoint", path.string()});
        EXPECT_EQ(result.exit_code, 0) << path << result.out << result.err;
    }
}

// (f) migrate creates the keys 0600 beside the database, config show names the file, not the key;
// a server given another key than the trail's refuses to start writing with it.
TEST(AuditKeys, MigrateCreatesTheKeyFilesAndConfigShowsTheirPath) {
    test_support::TempDir dir;
    auto db = dir.db_url();
    ASSERT_EQ(run_skydda({"migrate", "--db", db}).exit_code, 0);
    auto keys = dir.path() / "test.db.keys";
    for (auto name : {"audit.key", "audit-sign.key"}) {
        struct stat info {};
        ASSERT_EQ(::stat((keys / name).c_str(), &info), 0) << name;
        EXPECT_EQ(info.st_mode & 0777, 0600u) << name;
    }
    auto key = read_text(keys / "audit.key");
    key = key.substr(0, 64);
    auto shown = run_skydda({"config", "show", "--db", db});
    EXPECT_EQ(shown.exit_code, 0);
    EXPECT_NE(shown.out.find("audit_key_file"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find((keys / "audit.key").string()), std::string::npos) << shown.out;
    EXPECT_EQ(shown.out.find(key), std::string::npos);
    EXPECT_EQ(read_text(keys / "audit.key").substr(0, 64), key); // a second migrate keeps it
    ASSERT_EQ(run_skydda({"migrate", "--db", db}).exit_code, 0);
    EXPECT_EQ(read_text(keys / "audit.key").substr(0, 64), key);
}

TEST(AuditKeys, AnotherKeyOrAMissingOneIsRefusedForAKeyedTrail) {
    test_support::TempDir dir;
    auto db = dir.db_url();
    ASSERT_EQ(run_skydda({"org", "add", "--db", db, "--name", "A"}).exit_code, 0);
    auto key = dir.path() / "test.db.keys" / "audit.key";
    std::filesystem::remove(key);
    auto missing = run_skydda({"org", "add", "--db", db, "--name", "B"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_EQ(missing.err.rfind("key_dir:", 0), 0u) << missing.err;
    EXPECT_NE(missing.err.find("is missing, but this database's audit trail is keyed"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(key)); // no new key was made for the old trail
    ::setenv("SKYDDA_AUDIT_KEY", std::string(64, 'a').c_str(), 1);
    auto other = run_skydda({"org", "add", "--db", db, "--name", "B"});
    auto verified = run_skydda({"audit", "verify", "--db", db});
    ::unsetenv("SKYDDA_AUDIT_KEY");
    EXPECT_EQ(other.exit_code, 2);
    EXPECT_NE(other.err.find("does not verify the audit trail's last entry"), std::string::npos) << other.err;
    EXPECT_EQ(verified.exit_code, 1);
    EXPECT_NE(verified.out.find("TAMPERED at entry 1"), std::string::npos) << verified.out;
}

// A database written by the unkeyed code (schema 9): the first keyed run verifies and re-chains it.
TEST(AuditKeys, AnOldUnkeyedTrailIsRechainedByTheFirstMigrate) {
    test_support::TempDir dir;
    auto db = dir.db_url();
    ASSERT_EQ(run_skydda({"org", "add", "--db", db, "--name", "A"}).exit_code, 0);
    {
        // Back to what version 9 wrote: no migration 10, entries hashed the unkeyed way.
        auto database = std::move(*storage::open_database(db));
        ASSERT_TRUE(database->transact(storage::TxMode::write, [](storage::Connection& c) -> Status {
            auto row = TRY(c.query("SELECT seq, at, actor_id, org_id, action, entity, entity_id, before_json, "
                                   "after_json FROM audit_log WHERE seq = 1"))
                           .at(0);
            domain::AuditEntry entry{1, *parse_rfc3339(row.text(1), "at"), row.text(2), row.text(3), row.text(4),
                                      row.text(5), row.text(6), row.text(7), row.text(8),
                                      std::string(storage::k_audit_genesis), ""};
            entry.hash = storage::legacy_audit_hash(entry);
            TRY_STATUS(c.execute_script("DROP INDEX audit_log_by_action; ALTER TABLE audit_log DROP COLUMN payload_hash; "
                                        "ALTER TABLE audit_log DROP COLUMN erased_at; ALTER TABLE audit_log DROP COLUMN "
                                        "erasure_mac; DELETE FROM schema_migrations WHERE version = 10"));
            TRY(c.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = 1", {entry.prev_hash, entry.hash}));
            return {};
        }));
    }
    auto migrated = run_skydda({"migrate", "--db", db});
    ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
    EXPECT_NE(migrated.out.find("\"applied\": 1"), std::string::npos) << migrated.out;
    EXPECT_NE(migrated.out.find("\"audit_rechained\": 1"), std::string::npos) << migrated.out;
    EXPECT_NE(migrated.out.find("verified with the unkeyed hash only"), std::string::npos) << migrated.out;
    auto verified = run_skydda({"audit", "verify", "--db", db});
    EXPECT_EQ(verified.exit_code, 0) << verified.out;
    EXPECT_NE(verified.out.find("intact: 2 entries"), std::string::npos) << verified.out; // + audit.rechain
}
