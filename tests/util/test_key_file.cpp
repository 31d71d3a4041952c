#include "util/key_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "support/temp_dir.hpp"

namespace skydda {
namespace {

mode_t mode_of(const std::filesystem::path& path) {
    struct stat info {};
    ::stat(path.c_str(), &info);
    return info.st_mode & 0777;
}

TEST(KeyFile, CreatedOwnerOnlyInAnOwnerOnlyDirectoryAndReadBackTheSame) {
    test_support::TempDir dir;
    auto path = dir.path() / "keys" / "audit.key";
    auto created = keys::load_key(path, true);
    ASSERT_TRUE(created) << created.error().message;
    EXPECT_EQ(created->size(), keys::k_key_bytes);
    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_EQ(mode_of(path.parent_path()), 0700u);
    auto again = keys::load_key(path, true);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, *created) << "an existing key must never be replaced";
}

TEST(KeyFile, MissingWithoutCreateNamesTheKeyDirectory) {
    test_support::TempDir dir;
    auto missing = keys::load_key(dir.path() / "absent.key", false);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(missing.error().field, "key_dir");
}

TEST(KeyFile, AKeyOthersMayReadIsRefused) {
    test_support::TempDir dir;
    auto path = dir.path() / "master.key";
    ASSERT_TRUE(keys::load_key(path, true));
    ::chmod(path.c_str(), 0644);
    auto loaded = keys::load_key(path, false);
    ASSERT_FALSE(loaded);
    EXPECT_NE(loaded.error().message.find("chmod 600"), std::string::npos);
}

TEST(KeyFile, HexMustBeSixtyFourDigits) {
    EXPECT_FALSE(keys::parse_key_hex("abcd", "SKYDDA_AUDIT_KEY"));
    EXPECT_EQ(keys::parse_key_hex("xyz", "SKYDDA_AUDIT_KEY").error().field, "SKYDDA_AUDIT_KEY");
    auto key = keys::parse_key_hex(std::string(64, 'a') + "\n", "k");
    ASSERT_TRUE(key);
    EXPECT_EQ(key->size(), 32u);
    EXPECT_EQ(static_cast<unsigned char>((*key)[0]), 0xaa);
}

} // namespace
} // namespace skydda
