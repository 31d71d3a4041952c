// Issue 11: the SQLite database, its WAL and shared-memory files and its backups are readable
// by their owner only, whatever the umask; a database left wider is narrowed when opened.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "storage/backup.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "support/temp_dir.hpp"

using namespace skydda;

namespace {

unsigned mode_of(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return 0;
    return info.st_mode & 07777;
}

// A umask that would leave new files world-readable, restored afterwards.
class OpenUmask {
public:
    OpenUmask() : m_old(::umask(0)) {}
    ~OpenUmask() { ::umask(m_old); }
    OpenUmask(const OpenUmask&) = delete;
    OpenUmask& operator=(const OpenUmask&) = delete;

private:
    mode_t m_old;
};

} // namespace

TEST(FileModes, DatabaseWalShmAndBackupAreOwnerOnly) {
    OpenUmask umask;
    test_support::TempDir dir;
    auto file = dir.path() / "skydda.db";
    auto database = storage::open_sqlite(file.string());
    ASSERT_TRUE(database) << database.error().message;
    ASSERT_TRUE(storage::migrate(**database));
    EXPECT_EQ(mode_of(file), 0600u);
    EXPECT_EQ(mode_of(file.string() + "-wal"), 0600u);
    EXPECT_EQ(mode_of(file.string() + "-shm"), 0600u);
    auto backup = dir.path() / "backup.db";
    ASSERT_TRUE(storage::sqlite_online_backup(file.string(), backup.string()));
    EXPECT_EQ(mode_of(backup), 0600u);
    auto again = storage::sqlite_online_backup(file.string(), backup.string());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().field, "to") << "never over an existing file";
}

TEST(FileModes, AWiderDatabaseIsNarrowedWhenOpened) {
    test_support::TempDir dir;
    auto file = dir.path() / "old.db";
    {
        auto database = storage::open_sqlite(file.string());
        ASSERT_TRUE(database);
        ASSERT_TRUE(storage::migrate(**database));
    }
    ::chmod(file.c_str(), 0644);
    testing::internal::CaptureStderr();
    auto reopened = storage::open_sqlite(file.string());
    std::string notice = testing::internal::GetCapturedStderr();
    ASSERT_TRUE(reopened);
    EXPECT_EQ(mode_of(file), 0600u);
    EXPECT_NE(notice.find(R"("event":"file_mode_narrowed")"), std::string::npos) << notice;
    EXPECT_NE(notice.find(R"("was":"0644")"), std::string::npos) << notice;
}
