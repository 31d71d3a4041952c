// `skydda org set ORG --logo FILE` as an operator runs it: a checked image stored per
// organisation, bad input refused with exit 2 naming the field, removal, the logo on an exported
// document, and the logo carried by a backup and restore and by copy-db.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>

#include "e2e_support.hpp"
#include "support/logo_images.hpp"
#include "support/test_database.hpp"

using namespace skydda;
using namespace skydda::e2e;
namespace json = boost::json;

namespace {

class OrgLogoCli : public testing::Test {
protected:
    void SetUp() override {
        SKIP_WITHOUT_DATABASE(m_source);
        ::setenv("SKYDDA_KEY_DIR", (m_source.dir().path() / "keys").c_str(), 1);
        ASSERT_EQ(run_skydda({"demo", "--db", m_source.url()}).exit_code, 0);
        auto orgs = json::parse(run_skydda({"org", "list", "--db", m_source.url()}).out).as_object();
        const auto& first = orgs.at("items").as_array().at(0).as_object();
        m_org = std::string(first.at("id").as_string());
        m_org_name = std::string(first.at("name").as_string());
    }
    void TearDown() override { ::unsetenv("SKYDDA_KEY_DIR"); }
    std::string file(const std::string& name, const std::string& bytes) {
        auto path = (m_source.dir().path() / name).string();
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }
    static json::object last_json(const std::string& out) {
        auto end = out.find_last_not_of('\n');
        auto start = out.rfind('\n', end);
        return json::parse(out.substr(start == std::string::npos ? 0 : start + 1)).as_object();
    }

    test_support::TestDatabase m_source{"sqlite"}, m_target{"sqlite"};
    std::string m_org, m_org_name;
};

} // namespace

TEST_F(OrgLogoCli, SetsTheLogoByIdOrName) {
    auto set = run_skydda({"org", "set", m_org, "--logo", file("logo.png", test_support::k_png_40x20), "--db", m_source.url()});
    ASSERT_EQ(set.exit_code, 0) << set.err;
    auto result = json::parse(set.out).as_object();
    EXPECT_EQ(result.at("id").as_string(), m_org);
    EXPECT_EQ(result.at("logo").at("content_type"), "image/png");
    EXPECT_EQ(result.at("logo").at("width"), 40);
    auto by_name = run_skydda({"org", "set", m_org_name, "--logo", file("logo.jpg", test_support::k_jpeg_60x30), "--db",
                               m_source.url()});
    ASSERT_EQ(by_name.exit_code, 0) << by_name.err;
    EXPECT_EQ(json::parse(by_name.out).at("logo").at("content_type"), "image/jpeg");
    auto audit = run_skydda({"audit", "list", "--action", "organisation.logo", "--db", m_source.url()});
    EXPECT_EQ(std::count(audit.out.begin(), audit.out.end(), '\n'), 2) << audit.out;
}

TEST_F(OrgLogoCli, BadInputExitsTwoNamingTheField) {
    auto text = run_skydda({"org", "set", m_org, "--logo", file("logo.png", "not an image"), "--db", m_source.url()});
    EXPECT_EQ(text.exit_code, 2);
    EXPECT_EQ(text.err.rfind("logo: must be a PNG or JPEG image", 0), 0u) << text.err;
    auto large = run_skydda({"org", "set", m_org, "--logo", file("wide.png", test_support::k_png_2000x10), "--db", m_source.url()});
    EXPECT_EQ(large.exit_code, 2);
    EXPECT_EQ(large.err.rfind("logo: must be at most 1000 × 1000 pixels", 0), 0u) << large.err;
    auto missing = run_skydda({"org", "set", m_org, "--logo", "/nonexistent/logo.png", "--db", m_source.url()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_EQ(missing.err.rfind("logo: cannot read", 0), 0u) << missing.err;
    auto unknown = run_skydda({"org", "set", "Ingen sådan nämnd", "--no-logo", "--db", m_source.url()});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_EQ(unknown.err.rfind("org:", 0), 0u) << unknown.err;
    auto nothing = run_skydda({"org", "set", m_org, "--db", m_source.url()});
    EXPECT_EQ(nothing.exit_code, 2);
    EXPECT_EQ(nothing.err.rfind("logo:", 0), 0u) << nothing.err;
}

TEST_F(OrgLogoCli, RemovedWithAnEmptyLogoOrNoLogo) {
    auto png = file("logo.png", test_support::k_png_40x20);
    ASSERT_EQ(run_skydda({"org", "set", m_org, "--logo", png, "--db", m_source.url()}).exit_code, 0);
    auto removed = run_skydda({"org", "set", m_org, "--logo", "", "--db", m_source.url()});
    ASSERT_EQ(removed.exit_code, 0) << removed.err;
    EXPECT_TRUE(json::parse(removed.out).at("logo").is_null());
    ASSERT_EQ(run_skydda({"org", "set", m_org, "--logo", png, "--db", m_source.url()}).exit_code, 0);
    auto again = run_skydda({"org", "set", m_org, "--no-logo", "--db", m_source.url()});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(json::parse(again.out).at("logo").is_null());
}

TEST_F(OrgLogoCli, BackupRestoreAndCopyDbCarryIt) {
    ASSERT_EQ(run_skydda({"org", "set", m_org, "--logo", file("logo.png", test_support::k_png_40x20), "--db",
                          m_source.url()})
                  .exit_code,
              0);
    auto backup_file = (m_source.dir().path() / "backup.jsonl").string();
    auto backup = run_skydda({"backup", "--db", m_source.url(), "--to", backup_file, "--format", "portable", "--unencrypted"});
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    EXPECT_EQ(last_json(backup.out).at("tables").at("organisation_logos"), 1);
    auto restore = run_skydda({"restore", "--from", backup_file, "--db", m_target.url()});
    ASSERT_EQ(restore.exit_code, 0) << restore.err;
    EXPECT_EQ(last_json(restore.out).at("tables").at("organisation_logos"), 1);
    test_support::TestDatabase copied{"sqlite"};
    auto copy = run_skydda({"copy-db", "--from", m_source.url(), "--to", copied.url()});
    ASSERT_EQ(copy.exit_code, 0) << copy.err;
    EXPECT_EQ(last_json(copy.out).at("tables").at("organisation_logos"), 1);
}
