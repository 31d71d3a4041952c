// The audit trail's keys and checkpoints for the CLI (docs/audit.md). Two files in key_dir,
// created 0600 by every command that migrates: audit.key, the chain's MAC key (or the
// environment's SKYDDA_AUDIT_KEY, 64 hex digits, which takes precedence), and audit-sign.key,
// the seed of the Ed25519 key that signs checkpoints. Every server of one database needs the
// same two keys. `skydda serve` writes checkpoints with CheckpointWriter.
#pragma once
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "cli/command.hpp"
#include "storage/database.hpp"

namespace skydda::cli {

inline constexpr std::string_view k_audit_key_environment = "SKYDDA_AUDIT_KEY";
std::filesystem::path audit_key_path(const std::filesystem::path& key_directory);      // .../audit.key
std::filesystem::path audit_sign_key_path(const std::filesystem::path& key_directory); // .../audit-sign.key

// Sets the chain's key on `database` (SKYDDA_AUDIT_KEY, else the audit.key in `key_directory`).
// With `create` a missing file is made, unless the trail is already keyed: then the key it was
// written with is needed, and it is not silently replaced. Without `create` a missing file
// leaves the database without a key (writing an audit entry then fails, naming the file).
Status attach_audit_key(storage::Database& database, const std::filesystem::path& key_directory, bool create);
// attach_audit_key(create) and a check that the key verifies the trail's last entry: for the
// commands that write, so that no server appends with a key the trail was not written with.
Status attach_writing_audit_key(storage::Database& database, const std::filesystem::path& key_directory);
// copy-db: a copied trail verifies only with the keys it was written with, so the source's
// audit.key and audit-sign.key are copied into the target's key directory when missing there;
// different keys already there are refused (naming the file) before anything is copied.
Status share_audit_keys(const std::filesystem::path& from_directory, const std::filesystem::path& to_directory);
// The checkpoints' Ed25519 seed (32 bytes) from audit-sign.key.
Result<std::string> audit_signing_seed(const std::filesystem::path& key_directory, bool create);
// Makes audit-sign.key (0600) when it is missing, without keeping the seed.
Status ensure_audit_signing_key(const std::filesystem::path& key_directory);
// The audit key given in the environment (k_audit_key_environment), or nullptr when unset or empty.
const char* audit_key_from_environment();

// Writes a signed checkpoint into a directory (never overwriting a file) at start, every
// interval, and when destroyed. A failed write is logged and retried at the next interval.
class CheckpointWriter {
public:
    CheckpointWriter(storage::Database& database, std::string seed, std::filesystem::path directory,
                     std::chrono::seconds interval);
    ~CheckpointWriter();
    CheckpointWriter(const CheckpointWriter&) = delete;
    CheckpointWriter& operator=(const CheckpointWriter&) = delete;
    void write_now();

private:
    void run();

    storage::Database& m_database;
    std::string m_seed;
    std::filesystem::path m_directory;
    std::chrono::seconds m_interval;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

// From audit_checkpoint_dir and audit_checkpoint_interval; nullptr when the directory is not set.
Result<std::unique_ptr<CheckpointWriter>> start_checkpoints(const CommandContext& context, storage::Database& database);
// Writes `checkpoint_json` to a new file `path` (refusing to replace one).
Status write_new_file(const std::filesystem::path& path, const std::string& text);

} // namespace skydda::cli
