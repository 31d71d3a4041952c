#include "util/private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace skydda::files {

Status create_private(const std::filesystem::path& path, std::string_view field) {
    // O_EXCL: never an existing file (nor a link an attacker placed there); the mode given is
    // only narrowed by the umask, so fchmod makes sure of 0600 either way.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return fail(Error::invalid(std::string(field), path.string() + " already exists"));
        return fail(Error{ErrorCode::unavailable, "cannot create " + path.string() + ": " + std::strerror(errno),
                          std::string(field)});
    }
    ::fchmod(fd, 0600);
    ::close(fd);
    return {};
}

std::optional<unsigned> make_private(const std::filesystem::path& path) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode) || (info.st_mode & 0077) == 0) return std::nullopt;
    if (::chmod(path.c_str(), info.st_mode & 0700) != 0) return std::nullopt;
    return static_cast<unsigned>(info.st_mode & 07777);
}

} // namespace skydda::files
