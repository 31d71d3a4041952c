// Files that hold the data are the owner's only (issue 11).
#include "util/private_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "support/temp_dir.hpp"

using namespace skydda;

namespace {
unsigned mode_of(const std::filesystem::path& path) {
    struct stat info {};
    ::stat(path.c_str(), &info);
    return info.st_mode & 07777;
}
} // namespace

TEST(PrivateFile, CreatesOwnerOnlyWhateverTheUmaskAndNeverAnExistingFile) {
    test_support::TempDir dir;
    auto old_umask = ::umask(0);
    auto created = files::create_private(dir.path() / "backup.db", "to");
    ::umask(old_umask);
    ASSERT_TRUE(created);
    EXPECT_EQ(mode_of(dir.path() / "backup.db"), 0600u);
    auto again = files::create_private(dir.path() / "backup.db", "to");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().field, "to");
}

TEST(PrivateFile, NarrowsAWiderFileAndSaysWhatItWas) {
    test_support::TempDir dir;
    auto path = dir.path() / "skydda.db";
    std::ofstream(path) << "x";
    ::chmod(path.c_str(), 0644);
    EXPECT_EQ(files::make_private(path), 0644u);
    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_EQ(files::make_private(path), std::nullopt) << "already private";
    EXPECT_EQ(files::make_private(dir.path() / "missing"), std::nullopt);
}
