// Encryption at rest on both backends: what the database holds of attachments, scan summaries
// and letter recipients is ciphertext bound to its row; the repositories return the plaintext;
// a wrong master key, a moved ciphertext and a missing key ring fail with clear errors; rows
// from before migration 12 are encrypted once; both rotations keep everything readable; and an
// encrypted backup restores only with its secret.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "storage/backup.hpp"
#include "storage/data_keys.hpp"
#include "storage/encrypted_backup.hpp"
#include "storage/key_ring.hpp"
#include "storage/letters/letter_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories.hpp"
#include "storage/scans/scan_repository.hpp"
#include "support/test_database.hpp"
#include "support/test_keys.hpp"
#include "util/key_file.hpp"

using namespace skydda;
using namespace skydda::storage;

namespace {

const Instant k_now = *parse_rfc3339("2026-11-23T10:00:00Z", "now");
const std::string k_content = "Lönelista: Karin Andersson 19790301-2383 lön 41 300 kr";
const std::string k_email = "karl.karlsson@exempelby.se";
const std::string k_name = "Karl Karlsson";
const std::string k_address = "Storgatan 12, 123 45 Exempelby";
const std::string k_summary = R"({"format":"skydda.scan/1","files":3,"marker":"SUMMARY-MARKER-4711"})";

class AtRest : public testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        SKIP_WITHOUT_DATABASE(m_database);
        m_db = open_with(test_support::test_key_ring());
        ASSERT_TRUE(m_db);
        ASSERT_TRUE(m_db->transact(TxMode::write, [](Connection& c) -> Status {
            for (auto org : {"org1", "org2"})
                TRY_STATUS(insert_organisation(c, Organisation{org, org, "", "public", "", "", "", "", "PUI {YYYY}/{NNNN}"},
                                               k_now));
            TRY_STATUS(insert_user(c, User{"u1", "a@example.se", "A", "", "sv"}, k_now));
            for (auto [id, org] : {std::pair{"i1", "org1"}, std::pair{"i2", "org1"}, std::pair{"i3", "org2"}}) {
                domain::Incident incident;
                incident.id = id;
                incident.org_id = org;
                incident.case_number = std::string("PUI 2026/") + id;
                incident.reporter_id = "u1";
                incident.reported_at = incident.updated_at = k_now;
                incident.facts.title = "Fel mottagare";
                TRY_STATUS(insert_incident(c, incident));
            }
            return {};
        }));
    }

    std::unique_ptr<Database> open_with(std::shared_ptr<KeyRing> ring) {
        auto database = open_database(m_database.url());
        EXPECT_TRUE(database) << database.error().message;
        if (!database) return nullptr;
        (*database)->set_key_ring(std::move(ring));
        auto migrated = migrate(**database);
        EXPECT_TRUE(migrated) << migrated.error().message;
        return std::move(*database);
    }

    void store_everything(Database& database) {
        auto status = database.transact(TxMode::write, [](Connection& c) -> Status {
            TRY_STATUS(insert_attachment(c, Attachment{"a1", "i1", "lonelista-karin.txt", "text/plain", "hash", "u1",
                                                       static_cast<int64_t>(k_content.size()), k_now, k_content}));
            TRY_STATUS(insert_attachment(c, Attachment{"a2", "i1", "other.txt", "text/plain", "hash", "u1", 5, k_now,
                                                       "other"}));
            TRY_STATUS(insert_recipients(c, {RecipientRecord{"r1", "i1", 1, k_name, k_address, k_email, "sv"},
                                             RecipientRecord{"r2", "i1", 2, "Eva Ek", "", "eva.ek@exempelby.se", "sv"},
                                             RecipientRecord{"r3", "i3", 1, "Per Persson", "Väg 1", "", "en"}}));
            ScanRecord scan;
            scan.id = "s1";
            scan.incident_id = "i1";
            scan.summary_json = k_summary;
            scan.data = {"name"};
            scan.created_at = k_now;
            return insert_scan(c, scan);
        });
        ASSERT_TRUE(status) << status.error().message;
    }

    std::vector<Row> raw(const std::string& sql) {
        return *transact_value<std::vector<Row>>(*m_db, TxMode::read, [&](Connection& c) { return c.query(sql); });
    }
    void execute(const std::string& sql) {
        ASSERT_TRUE(m_db->transact(TxMode::write, [&](Connection& c) -> Status {
            TRY(c.execute(sql));
            return {};
        }));
    }

    test_support::TestDatabase m_database{GetParam()};
    std::unique_ptr<Database> m_db;
};

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, AtRest, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(AtRest, TheStoredBytesHoldNoPlaintext) {
    store_everything(*m_db);
    std::string stored;
    for (const auto& row : raw("SELECT filename, data, data_key_id FROM attachments"))
        stored += row.text(0) + row.blob(1) + "|";
    for (const auto& row : raw("SELECT name, address, email FROM letter_recipients"))
        stored += row.text(0) + row.text(1) + row.text(2) + "|";
    for (const auto& row : raw("SELECT summary_json FROM scan_summaries")) stored += row.text(0) + "|";
    for (const auto& secret : {k_content, std::string("Karin Andersson"), std::string("lonelista"), k_email, k_name,
                               std::string("Storgatan"), std::string("SUMMARY-MARKER-4711")})
        EXPECT_FALSE(contains(stored, secret)) << secret;
    // Every sealed row names its data key, and the data key is stored wrapped, not in the clear.
    EXPECT_EQ(raw("SELECT COUNT(*) FROM attachments WHERE data_key_id IS NULL").at(0).integer(0), 0);
    EXPECT_EQ(raw("SELECT COUNT(*) FROM data_keys").at(0).integer(0), 2); // one per organisation
    // An address left out stays NULL (the counts need it), a given one is ciphertext.
    auto r2 = raw("SELECT address, email FROM letter_recipients WHERE id = 'r2'");
    EXPECT_TRUE(r2.at(0).is_null(0));
    EXPECT_FALSE(r2.at(0).is_null(1));
    if (GetParam() == "sqlite") {
        auto path = std::string(m_database.url().substr(7));
        auto bytes = file_bytes(path) + file_bytes(path + "-wal");
        EXPECT_FALSE(contains(bytes, k_email));
        EXPECT_FALSE(contains(bytes, "Karin Andersson"));
        EXPECT_FALSE(contains(bytes, "SUMMARY-MARKER-4711"));
    }
}

TEST_P(AtRest, TheRepositoriesReturnThePlaintext) {
    store_everything(*m_db);
    auto read = m_db->transact(TxMode::read, [](Connection& c) -> Status {
        auto attachment = TRY(find_attachment(c, "a1"));
        EXPECT_TRUE(attachment);
        EXPECT_EQ(attachment->data, k_content);
        EXPECT_EQ(attachment->filename, "lonelista-karin.txt");
        auto listed = TRY(list_attachments(c, "i1"));
        EXPECT_EQ(listed.size(), 2u);
        EXPECT_EQ(listed.at(0).filename, "lonelista-karin.txt");
        auto recipients = TRY(list_recipients(c, "i1"));
        EXPECT_EQ(recipients.size(), 2u);
        EXPECT_EQ(recipients.at(0).name, k_name);
        EXPECT_EQ(recipients.at(0).address, k_address);
        EXPECT_EQ(recipients.at(0).email, k_email);
        EXPECT_EQ(recipients.at(1).address, "");
        auto one = TRY(find_recipient(c, "r3"));
        EXPECT_EQ(one->name, "Per Persson");
        auto counts = TRY(recipient_counts(c, "i1"));
        EXPECT_EQ(counts.with_address, 1);
        EXPECT_EQ(counts.with_email, 2);
        auto scan = TRY(find_scan(c, "s1"));
        EXPECT_EQ(scan->summary_json, k_summary);
        EXPECT_EQ(TRY(list_scans(c, "i1")).at(0).summary_json, k_summary);
        return {};
    });
    ASSERT_TRUE(read) << read.error().message;
}

TEST_P(AtRest, ACiphertextMovedToAnotherRowDoesNotOpen) {
    store_everything(*m_db);
    // Same organisation, same data key: only the row binding can tell them apart.
    auto r1 = raw("SELECT email FROM letter_recipients WHERE id = 'r1'").at(0).text(0);
    execute("UPDATE letter_recipients SET email = '" + r1 + "' WHERE id = 'r2'");
    auto moved = transact_value<std::optional<RecipientRecord>>(*m_db, TxMode::read,
                                                                [](Connection& c) { return find_recipient(c, "r2"); });
    ASSERT_FALSE(moved);
    EXPECT_NE(moved.error().message.find("letter_recipients.email of row r2 does not open"), std::string::npos)
        << moved.error().message;
    // The original row still opens.
    auto original = transact_value<std::optional<RecipientRecord>>(
        *m_db, TxMode::read, [](Connection& c) { return find_recipient(c, "r1"); });
    ASSERT_TRUE(original) << original.error().message;
    EXPECT_EQ((*original)->email, k_email);
    // A column moved within its row (name into email) does not open either.
    execute("UPDATE letter_recipients SET email = name WHERE id = 'r1'");
    EXPECT_FALSE(transact_value<std::optional<RecipientRecord>>(*m_db, TxMode::read,
                                                                [](Connection& c) { return find_recipient(c, "r1"); }));
    // Attachments' contents swapped between two rows.
    ASSERT_TRUE(m_db->transact(TxMode::write, [](Connection& c) -> Status {
        auto rows = TRY(c.query("SELECT data FROM attachments WHERE id = 'a1'"));
        TRY(c.execute("UPDATE attachments SET data = ? WHERE id = 'a2'", {Blob{rows.at(0).blob(0)}}));
        return {};
    }));
    auto swapped = transact_value<std::optional<Attachment>>(*m_db, TxMode::read,
                                                             [](Connection& c) { return find_attachment(c, "a2"); });
    ASSERT_FALSE(swapped);
    EXPECT_NE(swapped.error().message.find("attachments.data of row a2 does not open"), std::string::npos);
}

TEST_P(AtRest, AWrongMasterKeyFailsWithAClearError) {
    store_everything(*m_db);
    auto other = KeyRing::from_key(std::string(32, '\x11'), "SKYDDA_MASTER_KEY");
    auto database = open_database(m_database.url());
    ASSERT_TRUE(database);
    (*database)->set_key_ring(other);
    auto migrated = migrate(**database); // checks the key before anything else
    ASSERT_FALSE(migrated);
    EXPECT_NE(migrated.error().message.find("wrong master key"), std::string::npos) << migrated.error().message;
    EXPECT_NE(migrated.error().message.find("SKYDDA_MASTER_KEY"), std::string::npos);
    auto read = transact_value<std::optional<Attachment>>(**database, TxMode::read,
                                                          [](Connection& c) { return find_attachment(c, "a1"); });
    ASSERT_FALSE(read);
    EXPECT_NE(read.error().message.find("wrong master key"), std::string::npos);
    // Without any key ring, nothing is written in the clear.
    (*database)->set_key_ring(nullptr);
    auto write = (*database)->transact(TxMode::write, [](Connection& c) {
        return insert_attachment(c, Attachment{"a9", "i1", "x", "text/plain", "h", "u1", 1, k_now, "x"});
    });
    ASSERT_FALSE(write);
    EXPECT_NE(write.error().message.find("needs the master key"), std::string::npos);
}

TEST_P(AtRest, RowsFromBeforeEncryptionAreEncryptedOnceWhenTheKeyArrives) {
    // A database as migration 12 leaves it before the first run with a key: plaintext rows.
    execute("INSERT INTO attachments (id, incident_id, filename, content_type, size, blake2b, data, uploaded_by, "
            "uploaded_at) VALUES ('old1', 'i2', 'gammal.txt', 'text/plain', 3, 'h', 'abc', 'u1', '2026-01-01T00:00:00Z')");
    ASSERT_TRUE(m_db->transact(TxMode::write, [](Connection& c) -> Status {
        TRY(c.execute("UPDATE attachments SET data = ? WHERE id = 'old1'", {Blob{k_content}}));
        TRY(c.execute("INSERT INTO letter_recipients (id, incident_id, seq, name, address, email, language, created_at) "
                      "VALUES ('old2', 'i2', 1, ?, NULL, ?, 'sv', '2026-01-01T00:00:00Z')",
                      {k_name, k_email}));
        TRY(c.execute("INSERT INTO scan_summaries (id, incident_id, summary_json, subjects_estimate, data_codes, "
                      "created_at) VALUES ('old3', 'i2', ?, 1, '', '2026-01-01T00:00:00Z')",
                      {k_summary}));
        return {};
    }));
    auto unsealed = transact_value<std::optional<Attachment>>(
        *m_db, TxMode::read, [](Connection& c) { return find_attachment(c, "old1"); });
    ASSERT_FALSE(unsealed); // refused, never returned as if it had been encrypted
    EXPECT_NE(unsealed.error().message.find("not encrypted yet"), std::string::npos);
    auto sealed = seal_plaintext_rows(*m_db);
    ASSERT_TRUE(sealed) << sealed.error().message;
    EXPECT_EQ(*sealed, 3);
    EXPECT_EQ(*seal_plaintext_rows(*m_db), 0); // idempotent
    auto bytes = raw("SELECT data FROM attachments WHERE id = 'old1'").at(0).blob(0) +
                 raw("SELECT email FROM letter_recipients WHERE id = 'old2'").at(0).text(0);
    EXPECT_FALSE(contains(bytes, "Karin Andersson"));
    EXPECT_FALSE(contains(bytes, k_email));
    auto read = m_db->transact(TxMode::read, [](Connection& c) -> Status {
        EXPECT_EQ(TRY(find_attachment(c, "old1"))->data, k_content);
        EXPECT_EQ(TRY(find_recipient(c, "old2"))->email, k_email);
        EXPECT_EQ(TRY(find_scan(c, "old3"))->summary_json, k_summary);
        return {};
    });
    ASSERT_TRUE(read) << read.error().message;
}

TEST_P(AtRest, NewDataKeysReencryptEveryRowAndTheOldKeysGo) {
    store_everything(*m_db);
    auto before = raw("SELECT id FROM data_keys ORDER BY id");
    std::vector<std::string> progress;
    auto done = replace_data_keys(*m_db, [&](std::string_view table, int64_t n, int64_t total) {
        progress.push_back(std::string(table) + " " + std::to_string(n) + "/" + std::to_string(total));
    });
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_EQ(*done, 2 + 3 + 1);
    EXPECT_EQ(progress, (std::vector<std::string>{"attachments 2/2", "scan_summaries 1/1", "letter_recipients 3/3"}));
    auto after = raw("SELECT id FROM data_keys ORDER BY id");
    ASSERT_EQ(after.size(), 2u);
    for (const auto& old : before)
        for (const auto& current : after) EXPECT_NE(old.text(0), current.text(0));
    EXPECT_EQ(raw("SELECT COUNT(*) FROM letter_recipients WHERE data_key_id NOT IN (SELECT id FROM data_keys)")
                  .at(0)
                  .integer(0),
              0);
    auto read = m_db->transact(TxMode::read, [](Connection& c) -> Status {
        EXPECT_EQ(TRY(find_attachment(c, "a1"))->data, k_content);
        EXPECT_EQ(TRY(find_recipient(c, "r1"))->email, k_email);
        EXPECT_EQ(TRY(find_scan(c, "s1"))->summary_json, k_summary);
        return {};
    });
    ASSERT_TRUE(read) << read.error().message;
}

TEST_P(AtRest, ANewMasterKeyWrapsTheDataKeysAgain) {
    const auto keys = m_database.dir().path() / "keys";
    const auto master = keys / "master.key";
    ASSERT_TRUE(keys::load_key(master, true));
    auto ring = *KeyRing::from_file(master);
    auto database = open_with(ring);
    store_everything(*database);
    const auto old_fingerprint = ring->current_fingerprint();
    // What keys rotate does with the files: the old key as master.key.old, a new master.key.
    std::filesystem::rename(master, keys / "master.key.old");
    ASSERT_TRUE(keys::load_key(master, true));
    ASSERT_TRUE(ring->refresh());
    EXPECT_NE(ring->current_fingerprint(), old_fingerprint);
    bool finished = false;
    auto rewrapped = rewrap_data_keys(*database, [&]() -> Status {
        finished = true;
        return {};
    });
    ASSERT_TRUE(rewrapped) << rewrapped.error().message;
    EXPECT_EQ(*rewrapped, 2);
    EXPECT_TRUE(finished);
    EXPECT_EQ(*rewrap_data_keys(*database), 0);
    // Without the old key, a fresh process still reads everything.
    std::filesystem::remove(keys / "master.key.old");
    auto fresh = open_with(*KeyRing::from_file(master));
    ASSERT_TRUE(fresh);
    auto read = transact_value<std::optional<Attachment>>(*fresh, TxMode::read,
                                                          [](Connection& c) { return find_attachment(c, "a1"); });
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ((*read)->data, k_content);
}

TEST_P(AtRest, AnEncryptedBackupRestoresOnlyWithItsSecret) {
    store_everything(*m_db);
    ASSERT_TRUE(m_db->transact(TxMode::write, [](Connection& c) -> Status {
        auto incident = TRY(find_incident(c, "i2"));
        incident->facts.title = "Faktamarkör 19790301-2383";
        TRY(update_incident(c, *incident, incident->version));
        return {};
    }));
    const BackupSecret secret{BackupSecret::Kind::passphrase, "en lång lösenfras för säkerhetskopian"};
    std::stringstream file;
    auto written = export_encrypted(*m_db, file, secret);
    ASSERT_TRUE(written) << written.error().message;
    const auto bytes = file.str();
    EXPECT_TRUE(bytes.starts_with("SKYDDA-ENCRYPTED-BACKUP-1\n"));
    EXPECT_FALSE(contains(bytes, "19790301-2383"));
    EXPECT_FALSE(contains(bytes, "organisations"));

    test_support::TestDatabase target_place(GetParam());
    auto target = open_database(target_place.url());
    ASSERT_TRUE(target);
    (*target)->set_key_ring(test_support::test_key_ring());
    ASSERT_TRUE(migrate(**target));
    // A wrong passphrase: refused before anything is written.
    std::stringstream wrong_in(bytes);
    auto wrong = import_encrypted(**target, wrong_in, BackupSecret{BackupSecret::Kind::passphrase, "fel lösenfras"});
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(wrong.error().field, "passphrase");
    EXPECT_NE(wrong.error().message.find("does not open this backup"), std::string::npos);
    // A byte altered near the end: the restore fails whole.
    auto altered = bytes;
    altered[altered.size() - 5] ^= 1;
    std::stringstream altered_in(altered);
    EXPECT_FALSE(import_encrypted(**target, altered_in, secret));
    // Cut short by one byte.
    std::stringstream cut_in(bytes.substr(0, bytes.size() - 1));
    EXPECT_FALSE(import_encrypted(**target, cut_in, secret));
    EXPECT_TRUE(require_empty(**target));
    // The right passphrase restores everything, encrypted rows included.
    std::stringstream right_in(bytes);
    auto restored = import_encrypted(**target, right_in, secret);
    ASSERT_TRUE(restored) << restored.error().message;
    EXPECT_EQ(*restored, *written);
    auto read = transact_value<std::optional<RecipientRecord>>(**target, TxMode::read,
                                                               [](Connection& c) { return find_recipient(c, "r1"); });
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ((*read)->email, k_email);
}

TEST_P(AtRest, ARestoreWithAnotherMasterKeyIsRefusedWhole) {
    store_everything(*m_db);
    std::stringstream file;
    ASSERT_TRUE(export_portable(*m_db, file));
    test_support::TestDatabase target_place(GetParam());
    auto target = open_database(target_place.url());
    ASSERT_TRUE(target);
    (*target)->set_key_ring(KeyRing::from_key(std::string(32, '\x22'), "another master.key"));
    ASSERT_TRUE(migrate(**target));
    auto restored = import_portable(**target, file);
    ASSERT_FALSE(restored);
    EXPECT_NE(restored.error().message.find("wrong master key"), std::string::npos) << restored.error().message;
    EXPECT_TRUE(require_empty(**target));
}
