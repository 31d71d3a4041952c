// The command line, driven as a user would.
#include <gtest/gtest.h>

#include "e2e_support.hpp"

using namespace skydda;
using namespace skydda::e2e;

TEST(Cli, HelpListsEveryCommand) {
    auto result = run_skydda({"--help"});
    EXPECT_EQ(result.exit_code, 0);
    for (auto name : {"serve", "migrate", "org add", "user add", "token create", "audit verify", "config show", "assess",
                      "export", "scan", "backup", "restore", "copy-db"})
        EXPECT_NE(result.out.find(name), std::string::npos) << name;
}

TEST(Cli, BadInputExitsTwoNamingTheField) {
    test_support::TempDir dir;
    auto result = run_skydda({"org", "add", "--db", dir.db_url(), "--name", "X", "--orgnr", "12345"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err.rfind("orgnr:", 0), 0u) << result.err;
    auto no_name = run_skydda({"org", "add", "--db", dir.db_url()});
    EXPECT_EQ(no_name.exit_code, 2);
    EXPECT_EQ(no_name.err.rfind("name:", 0), 0u);
    auto bad_role = run_skydda({"user", "add", "--db", dir.db_url(), "--org", "x", "--email", "a@b.se", "--name", "A",
                                "--role", "boss"});
    EXPECT_EQ(bad_role.exit_code, 2);
    EXPECT_EQ(bad_role.err.rfind("role:", 0), 0u) << bad_role.err;
}

TEST(Cli, OneDpoServesSeveralControllers) {
    test_support::TempDir dir;
    auto db = dir.db_url();
    auto a = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "A"}).out);
    auto b = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "B"}).out);
    auto first = run_skydda({"user", "add", "--db", db, "--org", a, "--email", "dso@x.se", "--name", "D", "--role", "dpo",
                             "--password-stdin"},
                            "a long password\n");
    auto second = run_skydda({"user", "add", "--db", db, "--org", b, "--email", "DSO@x.se", "--name", "D", "--role", "dpo"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(id_from_json(first.out), id_from_json(second.out));
}

// Groups of organisations (the register's suppliers and systems are kept per group).
TEST(Cli, GroupsAreAddedAndOrganisationsJoinThem) {
    test_support::TempDir dir;
    auto db = dir.db_url();
    auto added = run_skydda({"group", "add", "--db", db, "--name", "Exempelby kommun"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    auto group = id_from_json(added.out);
    ASSERT_FALSE(group.empty());
    auto school = run_skydda({"org", "add", "--db", db, "--name", "Utbildningsnämnden", "--group", group});
    ASSERT_EQ(school.exit_code, 0) << school.err;
    auto social = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Socialnämnden"}).out);
    auto joined = run_skydda({"org", "set-group", social, "--db", db, "--group", group});
    EXPECT_EQ(joined.exit_code, 0) << joined.err;
    auto listed = run_skydda({"group", "list", "--db", db});
    EXPECT_NE(listed.out.find("Exempelby kommun"), std::string::npos);
    // Bad input: exit 2 naming the field, nothing written.
    auto twice = run_skydda({"group", "add", "--db", db, "--name", "Exempelby kommun"});
    EXPECT_EQ(twice.exit_code, 2);
    EXPECT_EQ(twice.err.rfind("name:", 0), 0u) << twice.err;
    auto no_group = run_skydda({"org", "add", "--db", db, "--name", "Kultur", "--group", "nope"});
    EXPECT_EQ(no_group.exit_code, 2);
    EXPECT_EQ(no_group.err.rfind("group:", 0), 0u) << no_group.err;
    EXPECT_EQ(run_skydda({"org", "list", "--db", db}).out.find("Kultur"), std::string::npos) << "nothing half-written";
    auto no_org = run_skydda({"org", "set-group", "nope", "--db", db, "--group", group});
    EXPECT_EQ(no_org.exit_code, 2);
    EXPECT_EQ(no_org.err.rfind("org:", 0), 0u) << no_org.err;
}

TEST(Cli, AuditVerifyFindsATamperedEntry) {
    test_support::TempDir dir;
    auto db = dir.db_url();
    run_skydda({"org", "add", "--db", db, "--name", "A"});
    run_skydda({"org", "add", "--db", db, "--name", "B"});
    EXPECT_EQ(run_skydda({"audit", "verify", "--db", db}).exit_code, 0);
    auto path = db.substr(7);
    ASSERT_EQ(std::system(("sqlite3 '" + path + "' \"UPDATE audit_log SET action='x' WHERE seq=1\"").c_str()), 0);
    auto broken = run_skydda({"audit", "verify", "--db", db});
    EXPECT_NE(broken.exit_code, 0);
    EXPECT_NE(broken.out.find("entry 1"), std::string::npos) << broken.out;
}

TEST(Cli, ConfigShowMasksPasswords) {
    auto result = run_skydda({"config", "show", "--db", "postgresql://skydda:secret@localhost/skydda"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.out.find("secret"), std::string::npos);
    EXPECT_NE(result.out.find("****"), std::string::npos);
}

TEST(Cli, ServerStopsCleanlyOnSigterm) {
    test_support::TempDir dir;
    ServerProcess server(dir.db_url(), free_port());
    EXPECT_EQ(server.stop(), 0);
}

TEST(Cli, ExportChecksItsInputBeforeTheDatabase) {
    test_support::TempDir dir;
    auto kind = run_skydda({"export", "--db", dir.db_url(), "--case", "x", "--document", "memo", "--format", "pdf"});
    EXPECT_EQ(kind.exit_code, 2);
    EXPECT_EQ(kind.err.rfind("document:", 0), 0u) << kind.err;
    auto format = run_skydda({"export", "--db", dir.db_url(), "--case", "x", "--document", "internal-report"});
    EXPECT_EQ(format.exit_code, 2);
    EXPECT_EQ(format.err.rfind("format:", 0), 0u) << format.err;
    auto unknown = run_skydda({"export", "--db", dir.db_url(), "--case", "x", "--document", "internal-report",
                               "--format", "json"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_EQ(unknown.err.rfind("case:", 0), 0u) << unknown.err;
}

TEST(Cli, ScanOfAMissingPathNamesTheField) {
    auto result = run_skydda({"scan", "/no/such/path/skydda"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.out, "");
    EXPECT_NE(result.err.find("path: no such file or directory"), std::string::npos);
}

TEST(Cli, DbPoolIsConfigurableAndChecked) {
    test_support::TempDir dir;
    auto bad = run_skydda({"migrate", "--db", dir.db_url(), "--db-pool", "0"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.err.rfind("db_pool:", 0), 0u) << bad.err;
    auto good = run_skydda({"migrate", "--db", dir.db_url(), "--db-pool", "2"});
    EXPECT_EQ(good.exit_code, 0) << good.err;
    auto shown = run_skydda({"config", "show", "--db-pool", "3"});
    EXPECT_NE(shown.out.find("db_pool"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("SKYDDA_DB_POOL"), std::string::npos) << shown.out;
}
