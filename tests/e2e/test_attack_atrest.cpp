// Attack suite for encryption at rest (issue 11, part 7), against the real binary: someone
// with a copy of the SQLite file, or of a backup, but not the master key or the passphrase.
// An attachment is uploaded and recipients imported through the server; the file's raw bytes
// then hold neither the attachment's text nor a recipient's name, address or e-mail, while the
// server still returns them, also after `skydda keys rotate` (with new data keys too). A
// backup holds none of it either, restores with its passphrase and refuses a wrong one.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "e2e_support.hpp"

using namespace skydda;
using namespace skydda::e2e;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

const std::string k_secret_text = "HEMLIGT-BILAGEINNEHALL Karin Andersson 19790301-2383 lön 41 300 kr";
const std::string k_email = "karl.karlsson@exempelby.se";
const std::string k_name = "Karl Karlssonsson";
const std::string k_address = "Hemligagatan 12";
const std::string k_passphrase = "en lång och hemlig lösenfras 2026";

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream out;
    out << in.rdbuf();
    return out.str();
}

// The database file and its WAL, as someone who copied them would read them.
std::string raw_database(const test_support::TempDir& dir) {
    auto db = dir.path() / "test.db";
    return read_bytes(db) + read_bytes(db.string() + "-wal");
}

bool holds(const std::string& bytes, const std::string& text) { return bytes.find(text) != std::string::npos; }

class AttackAtRest : public testing::Test {
protected:
    void SetUp() override {
        m_db = m_dir.db_url();
        m_org = id_from_json(run_skydda({"org", "add", "--db", m_db, "--name", "Nämnd A"}).out);
        m_token = add_account(m_db, m_org, "handler", "handler").token;
        m_server = std::make_unique<ServerProcess>(m_db, free_port());
        auto created = call("POST", "/api/v1/incidents",
                            R"({"org":")" + m_org + R"(","title":"Lönelista till fel mottagare","what_happened":"disclosure_other","description":"En lista skickades fel.","occurred_at":"2026-01-05T09:00:00+01:00","data":["name"]})",
                            "application/json");
        ASSERT_EQ(created.status, 201) << created.body;
        m_case = std::string(json::parse(created.body).at("id").as_string());
        upload_and_import();
    }

    http::ClientResponse call(const std::string& method, const std::string& target, const std::string& body = {},
                              const std::string& type = {}) {
        std::vector<std::pair<std::string, std::string>> headers{{"Authorization", "Bearer " + m_token}};
        if (!type.empty()) headers.emplace_back("Content-Type", type);
        return http::request("127.0.0.1", m_server->port(), method, target, body, headers);
    }

    void upload_and_import() {
        const std::string boundary = "skyddaBoundary4711";
        std::string body = "--" + boundary +
                           "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lonelista.txt\"\r\n"
                           "Content-Type: text/plain\r\n\r\n" +
                           k_secret_text + "\r\n--" + boundary + "--\r\n";
        auto uploaded = call("POST", "/cases/" + m_case + "/attachments", body,
                             "multipart/form-data; boundary=" + boundary);
        ASSERT_LT(uploaded.status, 400) << uploaded.body;
        auto imported = call("POST", "/api/v1/incidents/" + m_case + "/letters/recipients",
                             "name,address,email\n" + k_name + "," + k_address + "," + k_email + "\n", "text/csv");
        ASSERT_EQ(imported.status, 201) << imported.body;
    }

    // What the server gives back: the attachment's bytes, the recipient's name on the letters
    // page, and the recipient's address in the letter exported for them.
    void expect_server_returns_everything() {
        auto page = call("GET", "/cases/" + m_case);
        ASSERT_EQ(page.status, 200);
        std::smatch link;
        ASSERT_TRUE(std::regex_search(page.body, link, std::regex("/cases/" + m_case + "/attachments/([0-9a-f]+)")));
        EXPECT_TRUE(holds(page.body, "lonelista.txt"));
        auto download = call("GET", link[0].str());
        ASSERT_EQ(download.status, 200) << download.body;
        EXPECT_EQ(download.body, k_secret_text);
        auto letters = call("GET", "/cases/" + m_case + "/letters");
        ASSERT_EQ(letters.status, 200);
        EXPECT_TRUE(holds(letters.body, k_name));
        auto counts = json::parse(call("GET", "/api/v1/incidents/" + m_case + "/letters").body);
        EXPECT_EQ(counts.at("recipients").at("with_email").as_int64(), 1);
        std::smatch recipient;
        ASSERT_TRUE(std::regex_search(letters.body, recipient, std::regex("/letters/recipients/([0-9a-f]+)\\.pdf")));
        auto exported = run_skydda({"export", "--db", m_db, "--case", m_case, "--document", "subject-letter",
                                    "--format", "json", "--recipient", recipient[1].str()});
        ASSERT_EQ(exported.exit_code, 0) << exported.err;
        EXPECT_TRUE(holds(exported.out, k_address)) << exported.out.substr(0, 400);
    }

    void expect_database_holds_no_plaintext() {
        auto bytes = raw_database(m_dir);
        ASSERT_GT(bytes.size(), 4096u);
        EXPECT_FALSE(holds(bytes, "HEMLIGT-BILAGEINNEHALL"));
        EXPECT_FALSE(holds(bytes, "19790301-2383"));
        EXPECT_FALSE(holds(bytes, k_email));
        EXPECT_FALSE(holds(bytes, k_name));
        EXPECT_FALSE(holds(bytes, k_address));
    }

    test_support::TempDir m_dir;
    std::string m_db, m_org, m_token, m_case;
    std::unique_ptr<ServerProcess> m_server;
};

} // namespace

TEST_F(AttackAtRest, TheDatabaseFileHoldsNoAttachmentTextAndNoRecipientAddress) {
    expect_database_holds_no_plaintext();
    expect_server_returns_everything();
    // The master key lives beside the database, not in it, and only its owner may read it.
    auto key = m_dir.path() / "test.db.keys" / "master.key";
    ASSERT_TRUE(fs::exists(key));
    EXPECT_EQ(fs::status(key).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_FALSE(holds(raw_database(m_dir), read_bytes(key).substr(0, 64)));
    auto shown = run_skydda({"config", "show", "--db", m_db});
    EXPECT_TRUE(holds(shown.out, key.string())) << shown.out;
    EXPECT_FALSE(holds(shown.out, read_bytes(key).substr(0, 64)));
}

TEST_F(AttackAtRest, AfterKeysRotateTheServerStillReturnsEverything) {
    const auto key = m_dir.path() / "test.db.keys" / "master.key";
    const auto before = read_bytes(key);
    auto rotated = run_skydda({"keys", "rotate", "--db", m_db});
    ASSERT_EQ(rotated.exit_code, 0) << rotated.out << rotated.err;
    EXPECT_NE(read_bytes(key), before);
    EXPECT_FALSE(fs::exists(key.string() + ".old"));
    // The running server follows the new key without a restart.
    expect_server_returns_everything();
    auto again = run_skydda({"keys", "rotate", "--data-keys", "--db", m_db});
    ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
    EXPECT_TRUE(holds(again.out, "re-encrypting attachments: 1/1")) << again.out;
    EXPECT_TRUE(holds(again.out, "re-encrypting letter_recipients: 1/1")) << again.out;
    expect_server_returns_everything();
    m_server.reset();
    expect_database_holds_no_plaintext();
    // With the old master key back in place the database refuses to open, saying why.
    {
        std::ofstream(key, std::ios::trunc) << before;
    }
    auto wrong = run_skydda({"org", "list", "--db", m_db});
    EXPECT_EQ(wrong.exit_code, 1);
    EXPECT_TRUE(holds(wrong.err, "wrong master key")) << wrong.err;
}

TEST_F(AttackAtRest, ABackupHoldsNoPlaintextAndRestoresOnlyWithItsPassphrase) {
    m_server.reset();
    const auto file = (m_dir.path() / "backup.skydda").string();
    auto refused = run_skydda({"backup", "--db", m_db, "--to", file});
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_TRUE(holds(refused.err, "--unencrypted")) << refused.err;
    EXPECT_FALSE(fs::exists(file));
    auto backup = run_skydda({"backup", "--db", m_db, "--to", file, "--passphrase-stdin"}, k_passphrase + "\n");
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    auto bytes = read_bytes(file);
    for (const auto& text : {std::string("HEMLIGT-BILAGEINNEHALL"), k_email, k_name, std::string("Lönelista till fel"),
                             std::string("handler@example.se"), std::string("organisations")})
        EXPECT_FALSE(holds(bytes, text)) << text;
    EXPECT_EQ(fs::status(file).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);

    test_support::TempDir target;
    const auto target_db = target.db_url();
    const auto keys = (m_dir.path() / "test.db.keys").string();
    auto wrong = run_skydda({"restore", "--db", target_db, "--key-dir", keys, "--from", file, "--passphrase-stdin"},
                            "not the passphrase at all\n");
    EXPECT_EQ(wrong.exit_code, 2);
    EXPECT_TRUE(holds(wrong.err, "passphrase: the passphrase does not open this backup")) << wrong.err;
    auto none = run_skydda({"restore", "--db", target_db, "--key-dir", keys, "--from", file});
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_TRUE(holds(none.err, "encrypted")) << none.err;
    auto restore = run_skydda({"restore", "--db", target_db, "--key-dir", keys, "--from", file, "--passphrase-stdin"},
                              k_passphrase + "\n");
    ASSERT_EQ(restore.exit_code, 0) << restore.err;
    EXPECT_EQ(json::parse(restore.out).at("audit"), "intact");
    // The restored database, with the original master key, serves the attachment and the
    // recipients (the environment reaches the server and the CLI the test starts).
    ::setenv("SKYDDA_KEY_DIR", keys.c_str(), 1);
    m_db = target_db;
    m_server = std::make_unique<ServerProcess>(target_db, free_port());
    expect_server_returns_everything();
    m_server.reset();
    ::unsetenv("SKYDDA_KEY_DIR");
}
