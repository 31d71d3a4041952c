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

std::string to_hex(const std::string& raw) {
    std::string hex(raw.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
    hex.pop_back();
    return hex;
}

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
    std::string text = to_hex(raw) + "\n";
    sodium_memzero(raw.data(), raw.size());
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    sodium_memzero(text.data(), text.size());
    if (!ok) {
        std::filesystem::remove(path, ec);
        return fail(Error::internal("cannot write the key file " + path.string()));
    }
    return {};
}

} // namespace

Result<std::string> parse_key_hex(std::string_view hex, std::string_view field) {
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' ')) hex.remove_suffix(1);
    std::string raw(k_key_bytes, '\0');
    size_t length = 0;
    if (hex.size() != k_key_bytes * 2 ||
        sodium_hex2bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), hex.data(), hex.size(), nullptr,
                       &length, nullptr) != 0 ||
        length != k_key_bytes)
        return fail(Error::invalid(std::string(field), "a key must be 64 hexadecimal digits (32 bytes)"));
    return raw;
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
