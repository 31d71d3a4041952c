// The portable backup on both backends and across them: what goes out comes back, counts and
// audit chain included; restore refuses a database that is not empty or a truncated file.
#include <gtest/gtest.h>

#include <sstream>

#include "storage/audit_log.hpp"
#include "storage/backup.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories.hpp"
#include "support/test_database.hpp"
#include "support/test_keys.hpp"

using namespace skydda;
using namespace skydda::storage;

namespace {

const Instant k_now = *parse_rfc3339("2026-11-23T10:00:00Z", "now");
const std::string k_bytes("\0\x01\xff%PDF'\"?\n", 11);

std::unique_ptr<Database> open_migrated(const test_support::TestDatabase& where) {
    auto database = open_database(where.url());
    EXPECT_TRUE(database) << database.error().message;
    test_support::use_test_audit_key(**database);
    (*database)->set_key_ring(test_support::test_key_ring());
    EXPECT_TRUE(migrate(**database));
    return std::move(*database);
}

// A small database with a row in most tables, bytes with NUL and quotes, and an audit chain.
void fill(Database& database) {
    ASSERT_TRUE(database.transact(TxMode::write, [](Connection& c) -> Status {
        TRY_STATUS(insert_organisation(c, Organisation{"org1", "Nämnd 'A'", "", "public", "", "", "", "", "PUI {YYYY}/{NNNN}"}, k_now));
        TRY_STATUS(insert_user(c, User{"u1", "a@example.se", "Å Ö", "", "sv"}, k_now));
        TRY_STATUS(add_membership(c, "u1", "org1", domain::Role::handler));
        TRY(next_registry_sequence(c, "org1", 2026));
        domain::Incident incident;
        incident.id = "i1";
        incident.org_id = "org1";
        incident.case_number = "PUI 2026/0001";
        incident.reporter_id = "u1";
        incident.reported_at = incident.updated_at = k_now;
        incident.facts.title = "Fel mottagare?";
        TRY_STATUS(insert_incident(c, incident));
        TRY_STATUS(insert_attachment(c, Attachment{"a1", "i1", "x.pdf", "application/pdf", "hash", "u1",
                                                   static_cast<int64_t>(k_bytes.size()), k_now, k_bytes}));
        TRY_STATUS(record_login_failure(c, "a@example.se", "10.0.0.1", k_now));
        TRY_STATUS(record_login_failure(c, "a@example.se", "10.0.0.1", k_now)); // two identical rows
        // The organisation's and the case's creation entries (a trail with fewer is not intact).
        for (const char* action : {"organisation.add", "incident.report", "incident.update"}) {
            AuditEntry entry;
            entry.at = k_now;
            entry.actor_id = "u1";
            entry.action = action;
            entry.entity = "incident";
            entry.entity_id = "i1";
            TRY(append_audit(c, entry));
        }
        return {};
    }));
}

int64_t rows_of(const TableCounts& counts, const std::string& table) {
    for (const auto& [name, rows] : counts)
        if (name == table) return rows;
    return -1;
}

struct Pair {
    std::string from, to;
};
void PrintTo(const Pair& pair, std::ostream* out) { *out << pair.from << " to " << pair.to; }

class Backup : public testing::TestWithParam<Pair> {
protected:
    void SetUp() override {
        SKIP_WITHOUT_DATABASE(m_source);
        SKIP_WITHOUT_DATABASE(m_target);
    }
    test_support::TestDatabase m_source{GetParam().from}, m_target{GetParam().to};
};

std::string pair_name(const testing::TestParamInfo<Pair>& info) { return info.param.from + "_to_" + info.param.to; }

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, Backup,
                         testing::Values(Pair{"sqlite", "sqlite"}, Pair{"postgresql", "postgresql"},
                                         Pair{"sqlite", "postgresql"}, Pair{"postgresql", "sqlite"}),
                         pair_name);

TEST_P(Backup, RestoreGivesBackEveryRowAndTheAuditChainVerifies) {
    auto source = open_migrated(m_source);
    fill(*source);
    std::stringstream file;
    auto exported = export_portable(*source, file);
    ASSERT_TRUE(exported) << exported.error().message;
    EXPECT_EQ(rows_of(*exported, "login_failures"), 2);

    auto target = open_migrated(m_target);
    auto imported = import_portable(*target, file);
    ASSERT_TRUE(imported) << imported.error().message;
    EXPECT_EQ(*imported, *exported);
    EXPECT_EQ(*count_rows(*target), *exported);
    auto audit = *transact_value<AuditVerification>(*target, TxMode::read, [](Connection& c) { return verify_audit_chain(c); });
    EXPECT_TRUE(audit.intact) << audit.problem;
    EXPECT_EQ(audit.entries, 3);
    auto attachment = *transact_value<std::optional<Attachment>>(*target, TxMode::read,
                                                                 [](Connection& c) { return find_attachment(c, "a1"); });
    ASSERT_TRUE(attachment);
    EXPECT_EQ(attachment->data, k_bytes);
    auto org = *transact_value<std::optional<Organisation>>(*target, TxMode::read,
                                                            [](Connection& c) { return find_organisation(c, "org1"); });
    EXPECT_EQ(org->name, "Nämnd 'A'");
    // The registry continues where the source stopped.
    EXPECT_EQ(*transact_value<int64_t>(*target, TxMode::write,
                                       [](Connection& c) { return next_registry_sequence(c, "org1", 2026); }),
              2);
}

TEST_P(Backup, RestoreRefusesADatabaseThatIsNotEmpty) {
    auto source = open_migrated(m_source);
    fill(*source);
    std::stringstream file;
    ASSERT_TRUE(export_portable(*source, file));
    auto target = open_migrated(m_target);
    ASSERT_TRUE(target->transact(TxMode::write, [](Connection& c) {
        return insert_user(c, User{"u9", "z@example.se", "Z", "", "sv"}, k_now);
    }));
    auto result = import_portable(*target, file);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::conflict);
    EXPECT_NE(result.error().message.find("not empty"), std::string::npos) << result.error().message;
}

TEST_P(Backup, TruncatedFileRestoresNothing) {
    auto source = open_migrated(m_source);
    fill(*source);
    std::stringstream file;
    ASSERT_TRUE(export_portable(*source, file));
    auto text = file.str();
    std::stringstream truncated(text.substr(0, text.rfind("{\"end\"")));
    auto target = open_migrated(m_target);
    auto result = import_portable(*target, truncated);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().field, "from");
    auto counts = count_rows(*target);
    ASSERT_TRUE(counts);
    for (const auto& [table, rows] : *counts) EXPECT_EQ(rows, 0) << table;
}
