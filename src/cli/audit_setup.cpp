#include "cli/audit_setup.hpp"
#include "cli/master_key.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <iostream>

#include "cli/config.hpp"
#include "storage/audit_checkpoint.hpp"
#include "util/crypto.hpp"
#include "util/key_file.hpp"

namespace skydda::cli {
namespace {

Result<std::chrono::seconds> checkpoint_interval(const CommandContext& context) {
    return std::chrono::seconds(TRY(config_integer(context, "audit_checkpoint_interval", 60, 86400)));
}

} // namespace

std::filesystem::path audit_key_path(const std::filesystem::path& key_directory) { return key_directory / "audit.key"; }
std::filesystem::path audit_sign_key_path(const std::filesystem::path& key_directory) {
    return key_directory / "audit-sign.key";
}

Status attach_audit_key(storage::Database& database, const std::filesystem::path& key_directory, bool create) {
    auto key = std::make_shared<storage::AuditKey>();
    if (const char* hex = audit_key_from_environment()) {
        key->mac_key = TRY(keys::parse_key_hex(hex, k_audit_key_environment));
    } else {
        auto path = audit_key_path(key_directory);
        std::error_code ignored;
        bool exists = std::filesystem::exists(path, ignored);
        if (!exists && !create) return {};
        if (!exists) {
            auto keyed = TRY(storage::transact_value<bool>(database, storage::TxMode::read, storage::audit_trail_is_keyed));
            if (keyed)
                return fail(Error::invalid("key_dir", "the audit key file " + path.string() +
                                                          " is missing, but this database's audit trail is keyed: "
                                                          "put the audit.key it was written with there (or set " +
                                                          std::string(k_audit_key_environment) + ")"));
        }
        key->mac_key = TRY(keys::load_key(path, create));
    }
    database.set_audit_key(std::move(key));
    return {};
}

Status attach_writing_audit_key(storage::Database& database, const std::filesystem::path& key_directory) {
    TRY_STATUS(attach_audit_key(database, key_directory, true));
    auto problem = TRY(storage::transact_value<std::string>(
        database, storage::TxMode::read, [](storage::Connection& db) -> Result<std::string> {
            if (!TRY(storage::audit_trail_is_keyed(db))) return std::string();
            return storage::check_audit_key(db);
        }));
    if (!problem.empty()) return fail(Error::invalid("key_dir", problem));
    return {};
}

Status share_audit_keys(const std::filesystem::path& from_directory, const std::filesystem::path& to_directory) {
    namespace fs = std::filesystem;
    std::error_code error;
    if (fs::equivalent(from_directory, to_directory, error)) return {};
    // The master key goes along: the encrypted rows are copied as they are (storage/data_keys.hpp).
    using KeyPath = std::filesystem::path (*)(const std::filesystem::path&);
    for (KeyPath path : {KeyPath(audit_key_path), KeyPath(audit_sign_key_path), KeyPath(master_key_path)}) {
        auto from = path(from_directory), to = path(to_directory);
        if (!fs::exists(from, error)) continue;
        auto source = TRY(keys::load_key(from, false));
        if (fs::exists(to, error)) {
            if (TRY(keys::load_key(to, false)) != source)
                return fail(Error::invalid("key_dir", "the target's key file " + to.string() + " differs from the "
                                                      "source's " + from.string() +
                                                      ": a copied audit trail verifies only with the keys it was "
                                                      "written with"));
            continue;
        }
        fs::create_directories(to_directory, error);
        ::chmod(to_directory.c_str(), 0700);
        if (!fs::copy_file(from, to, fs::copy_options::none, error) || ::chmod(to.c_str(), 0600) != 0)
            return fail(Error::internal("cannot copy the key file " + from.string() + " to " + to.string()));
    }
    return {};
}

Result<std::string> audit_signing_seed(const std::filesystem::path& key_directory, bool create) {
    return keys::load_key(audit_sign_key_path(key_directory), create);
}

Status ensure_audit_signing_key(const std::filesystem::path& key_directory) {
    auto seed = TRY(audit_signing_seed(key_directory, true));
    crypto::wipe(seed);
    return {};
}

const char* audit_key_from_environment() {
    const char* hex = std::getenv(std::string(k_audit_key_environment).c_str());
    return hex && *hex ? hex : nullptr;
}

Status write_new_file(const std::filesystem::path& path, const std::string& text) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0)
        return fail(Error::invalid("out", "cannot create " + path.string() + ": " + std::strerror(errno) +
                                              (errno == EEXIST ? " (a checkpoint is never overwritten)" : "")));
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return fail(Error::internal("cannot write " + path.string()));
    return {};
}

CheckpointWriter::CheckpointWriter(storage::Database& database, std::string seed, std::filesystem::path directory,
                                   std::chrono::seconds interval)
    : m_database(database), m_seed(std::move(seed)), m_directory(std::move(directory)), m_interval(interval),
      m_thread([this] { run(); }) {}

CheckpointWriter::~CheckpointWriter() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    write_now();
}

void CheckpointWriter::write_now() {
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto written = storage::transact_value<storage::AuditCheckpoint>(
        m_database, storage::TxMode::read,
        [&](storage::Connection& db) { return storage::make_audit_checkpoint(db, m_seed, now); });
    Status status;
    if (!written) status = fail(written.error());
    std::filesystem::path path;
    if (written) {
        // audit-checkpoint-20261202T061500Z-1234.json: sorted by time, one file per checkpoint.
        std::string stamp = written->at;
        std::erase(stamp, '-');
        std::erase(stamp, ':');
        path = m_directory / fmt::format("audit-checkpoint-{}-{}.json", stamp, written->entries);
        std::error_code ignored;
        if (std::filesystem::exists(path, ignored)) return; // the same second and head: already written
        status = write_new_file(path, storage::checkpoint_json(*written));
    }
    if (status) {
        std::cerr << fmt::format(R"({{"level":"info","event":"audit_checkpoint","entries":{},"file":"{}"}})",
                                 written->entries, path.filename().string())
                  << '\n';
    } else {
        std::cerr << fmt::format(R"({{"level":"error","event":"audit_checkpoint_failed","reason":"{}"}})",
                                 status.error().message.substr(0, status.error().message.find('"')))
                  << '\n';
    }
}

void CheckpointWriter::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        write_now();
        lock.lock();
        m_wake.wait_for(lock, m_interval, [this] { return m_stopping; });
    }
}

Result<std::unique_ptr<CheckpointWriter>> start_checkpoints(const CommandContext& context, storage::Database& database) {
    auto directory = config_value(context, "audit_checkpoint_dir").value;
    auto interval = TRY(checkpoint_interval(context));
    if (directory.empty()) return std::unique_ptr<CheckpointWriter>();
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error))
        return fail(Error::invalid("audit_checkpoint_dir", "is not a directory: " + directory));
    auto seed = TRY(audit_signing_seed(key_dir(context), true));
    return std::make_unique<CheckpointWriter>(database, std::move(seed), directory, interval);
}

} // namespace skydda::cli
