// A temporary directory removed at the end of the test.
#pragma once
#include <filesystem>
#include <random>
#include <string>

namespace skydda::test_support {

class TempDir {
public:
    TempDir() {
        std::random_device random;
        m_path = std::filesystem::temp_directory_path() / ("skydda-test-" + std::to_string(random()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    const std::filesystem::path& path() const { return m_path; }
    std::string db_url() const { return "sqlite:" + (m_path / "test.db").string(); }

private:
    std::filesystem::path m_path;
};

} // namespace skydda::test_support
