#include "util/key_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "util/crypto.hpp"

namespace skydda::keys {
namespace {

// Creates the file exclusively (O_EXCL), so two processes that migrate at once cannot both
// write a key: the loser reads the winner's.
Status create_key_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (path.has_parent_path()) {
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec) return fail(Error::internal("cannot create the key directory " + path.parent_path().string()));
        ::chmod(path.parent_path().c_str(), 0700);
    }
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return {};
        return fail(Error::internal("cannot create the key file " + path.string() + ": " + std::strerror(errno)));
    }
    crypto::init();
    std::string raw(k_key_bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string text = crypto::to_hex(raw) + "\n";
    crypto::wipe(raw);
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    crypto::wipe(text);
    if (!ok) {
        std::filesystem::remove(path, ec);
        return fail(Error::internal("cannot write the key file " + path.string()));
    }
    return {};
}

} // namespace

Result<std::string> parse_key_hex(std::string_view hex, std::string_view field) {
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' ')) hex.remove_suffix(1);
    auto raw = hex.size() == k_key_bytes * 2 ? crypto::from_hex(hex) : std::nullopt;
    if (!raw) return fail(Error::invalid(std::string(field), "a key must be 64 hexadecimal digits (32 bytes)"));
    return std::move(*raw);
}

Result<std::string> load_key(const std::filesystem::path& path, bool create) {
    if (create) TRY_STATUS(create_key_file(path));
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return fail(Error::invalid("key_dir", "the key file " + path.string() + " is missing (run skydda migrate)"));
    if ((info.st_mode & 0077) != 0)
        return fail(Error::invalid("key_dir", "the key file " + path.string() + " may be read by others; chmod 600 it"));
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return fail(Error::internal("cannot read the key file " + path.string()));
    return parse_key_hex(text.str(), "key_dir");
}

} // namespace skydda::keys
