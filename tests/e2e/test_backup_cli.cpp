// `skydda backup`, `restore` and `copy-db` driven as an operator would, on both backends:
// encrypted with a key file, and --unencrypted. Source and target share one key directory
// (SKYDDA_KEY_DIR), as an operator restoring with the original master key would.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "e2e_support.hpp"
#include "support/test_database.hpp"

using namespace skydda;
using namespace skydda::e2e;
namespace json = boost::json;

namespace {

class BackupCli : public testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        SKIP_WITHOUT_DATABASE(m_source);
        SKIP_WITHOUT_DATABASE(m_target);
        ::setenv("SKYDDA_KEY_DIR", (m_source.dir().path() / "keys").c_str(), 1);
        auto demo = run_skydda({"demo", "--db", m_source.url()});
        ASSERT_EQ(demo.exit_code, 0) << demo.err;
        // A restored audit trail verifies only with the keys it was written with, and encrypted
        // rows open only with their master key: source and target share one key_dir here (the
        // operator copies the key files beside a new database; CopyDb below tests that).
    }
    void TearDown() override { ::unsetenv("SKYDDA_KEY_DIR"); }
    // The last line of a command's output as JSON.
    static json::object last_json(const CommandResult& result) {
        auto end = result.out.find_last_not_of('\n');
        auto start = result.out.rfind('\n', end);
        return json::parse(result.out.substr(start == std::string::npos ? 0 : start + 1)).as_object();
    }
    void expect_audit_intact(const std::string& url) {
        auto verified = run_skydda({"audit", "verify", "--db", url});
        EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
        EXPECT_NE(verified.out.find("intact"), std::string::npos) << verified.out;
    }

    test_support::TestDatabase m_source{GetParam()}, m_target{GetParam()};
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, BackupCli, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(BackupCli, BackupRestoreKeepsCountsAndTheAuditTrail) {
    auto file = (m_source.dir().path() / "backup.out").string();
    auto backup = run_skydda({"backup", "--db", m_source.url(), "--to", file, "--unencrypted"});
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    auto written = last_json(backup);
    EXPECT_EQ(written.at("format"), GetParam() == "sqlite" ? "sqlite" : "portable");
    EXPECT_GT(written.at("tables").at("audit_log").as_int64(), 0);

    auto restore = run_skydda({"restore", "--from", file, "--db", m_target.url()});
    ASSERT_EQ(restore.exit_code, 0) << restore.err;
    auto restored = last_json(restore);
    EXPECT_EQ(restored.at("tables"), written.at("tables"));
    EXPECT_EQ(restored.at("audit"), "intact");
    expect_audit_intact(m_target.url());
    EXPECT_EQ(run_skydda({"org", "list", "--db", m_target.url()}).out, run_skydda({"org", "list", "--db", m_source.url()}).out);

    auto again = run_skydda({"restore", "--from", file, "--db", m_target.url()});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("not empty"), std::string::npos) << again.err;
}

TEST_P(BackupCli, PortableBackupOfEitherBackendRestores) {
    auto file = (m_source.dir().path() / "backup.jsonl").string();
    auto backup = run_skydda({"backup", "--db", m_source.url(), "--to", file, "--format", "portable", "--unencrypted"});
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    auto restore = run_skydda({"restore", "--from", file, "--db", m_target.url()});
    ASSERT_EQ(restore.exit_code, 0) << restore.err;
    expect_audit_intact(m_target.url());
    auto exists = run_skydda({"backup", "--db", m_source.url(), "--to", file, "--unencrypted"});
    EXPECT_EQ(exists.exit_code, 2);
    EXPECT_EQ(exists.err.rfind("to:", 0), 0u) << exists.err;
}

TEST_P(BackupCli, AnEncryptedBackupRestoresWithItsKeyFileOnly) {
    const auto file = (m_source.dir().path() / "backup.skydda").string();
    const auto key = (m_source.dir().path() / "backup.key").string();
    auto sqlite = run_skydda({"backup", "--db", m_source.url(), "--to", file, "--key-file", key, "--format", "sqlite"});
    EXPECT_EQ(sqlite.exit_code, 2);
    EXPECT_EQ(sqlite.err.rfind("format:", 0), 0u) << sqlite.err;
    auto backup = run_skydda({"backup", "--db", m_source.url(), "--to", file, "--key-file", key});
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    auto written = last_json(backup);
    EXPECT_EQ(written.at("encrypted"), "key-file");
    std::stringstream bytes;
    bytes << std::ifstream(file, std::ios::binary).rdbuf();
    EXPECT_EQ(bytes.str().find("exempelby"), std::string::npos); // the demo's addresses
    EXPECT_EQ(bytes.str().find("audit_log"), std::string::npos);

    const auto other_key = (m_source.dir().path() / "other.key").string();
    ASSERT_EQ(run_skydda({"backup", "--db", m_source.url(), "--to", file + ".2", "--key-file", other_key}).exit_code, 0);
    auto wrong = run_skydda({"restore", "--from", file, "--db", m_target.url(), "--key-file", other_key});
    EXPECT_EQ(wrong.exit_code, 2);
    EXPECT_EQ(wrong.err.rfind("key-file: the key file does not open this backup", 0), 0u) << wrong.err;
    auto passphrase = run_skydda({"restore", "--from", file, "--db", m_target.url(), "--passphrase-stdin"}, "x\n");
    EXPECT_EQ(passphrase.exit_code, 2);
    EXPECT_NE(passphrase.err.find("key file"), std::string::npos) << passphrase.err;
    auto empty = run_skydda({"org", "list", "--db", m_target.url()});
    EXPECT_EQ(json::parse(empty.out).at("items").as_array().size(), 0u); // nothing half-restored

    auto restore = run_skydda({"restore", "--from", file, "--db", m_target.url(), "--key-file", key});
    ASSERT_EQ(restore.exit_code, 0) << restore.err;
    EXPECT_EQ(last_json(restore).at("tables"), written.at("tables"));
    expect_audit_intact(m_target.url());
    EXPECT_EQ(run_skydda({"org", "list", "--db", m_target.url()}).out, run_skydda({"org", "list", "--db", m_source.url()}).out);
}

TEST_P(BackupCli, KeysRotateKeepsEverythingReadableAndSaysWhatItDid) {
    auto rotated = run_skydda({"keys", "rotate", "--db", m_source.url(), "--data-keys"});
    ASSERT_EQ(rotated.exit_code, 0) << rotated.out << rotated.err;
    auto summary = last_json(rotated);
    EXPECT_GE(summary.at("data_keys_rewrapped").as_int64(), 0);
    EXPECT_NE(rotated.out.find("master.key.old removed"), std::string::npos) << rotated.out;
    EXPECT_FALSE(std::filesystem::exists(m_source.dir().path() / "keys" / "master.key.old"));
    auto exported = run_skydda({"backup", "--db", m_source.url(), "--to", (m_source.dir().path() / "after.jsonl").string(),
                                "--format", "portable", "--unencrypted"});
    EXPECT_EQ(exported.exit_code, 0) << exported.err; // every encrypted row still opens
    // An interrupted rotation (crash after the new key was installed) is finished by the next run.
    const auto keys = m_source.dir().path() / "keys";
    std::filesystem::copy_file(keys / "master.key", keys / "master.key.old");
    std::filesystem::permissions(keys / "master.key.old", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    auto resumed = run_skydda({"keys", "rotate", "--db", m_source.url()});
    ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
    EXPECT_NE(resumed.out.find("continuing the rotation"), std::string::npos) << resumed.out;
    EXPECT_FALSE(std::filesystem::exists(keys / "master.key.old"));
    ::setenv("SKYDDA_MASTER_KEY", std::string(64, 'a').c_str(), 1);
    auto from_environment = run_skydda({"keys", "rotate", "--db", m_source.url()});
    ::unsetenv("SKYDDA_MASTER_KEY");
    EXPECT_EQ(from_environment.exit_code, 2);
    EXPECT_EQ(from_environment.err.rfind("master_key:", 0), 0u) << from_environment.err;
}

TEST(CopyDb, SqliteToPostgresqlKeepsCountsAndTheAuditTrail) {
    test_support::TestDatabase source("sqlite"), target("postgresql");
    if (!target.available()) GTEST_SKIP() << test_support::k_no_postgres;
    // One key directory for both: a copied trail verifies only with the key it was written with
    // (copy-db copies the source's keys into the target's key_dir when that has none).
    test_support::TempDir keys;
    auto key_dir = (keys.path() / "keys").string();
    ASSERT_EQ(run_skydda({"demo", "--db", source.url(), "--key-dir", key_dir}).exit_code, 0);
    auto copy = run_skydda({"copy-db", "--from", source.url(), "--to", target.url(), "--key-dir", key_dir});
    ASSERT_EQ(copy.exit_code, 0) << copy.err;
    auto result = json::parse(copy.out).as_object();
    EXPECT_EQ(result.at("audit"), "intact");
    EXPECT_GT(result.at("tables").at("incidents").as_int64(), 0);
    auto verified = run_skydda({"audit", "verify", "--db", target.url(), "--key-dir", key_dir});
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
    EXPECT_EQ(run_skydda({"org", "list", "--db", target.url(), "--key-dir", key_dir}).out,
              run_skydda({"org", "list", "--db", source.url(), "--key-dir", key_dir}).out);
    auto twice = run_skydda({"copy-db", "--from", source.url(), "--to", target.url(), "--key-dir", key_dir});
    EXPECT_EQ(twice.exit_code, 1);
    EXPECT_NE(twice.err.find("not empty"), std::string::npos) << twice.err;
}
