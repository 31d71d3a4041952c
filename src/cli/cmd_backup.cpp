// `skydda backup`, `skydda restore` and `skydda copy-db`: keeping and moving a database.
// A backup is encrypted (storage/encrypted_backup.hpp: the portable snapshot under a passphrase
// via --passphrase-stdin, or a key file via --key-file) unless --unencrypted says otherwise;
// then SQLite is backed up with its online backup API (a database file), PostgreSQL, or SQLite
// with --format portable, into the portable JSON-lines snapshot (storage/backup.hpp). Restore
// and copy-db write only into an empty database, then check the row counts and the audit chain.
// Encrypted-at-rest rows travel as ciphertext: the target needs the same master key.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "cli/audit_setup.hpp"
#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "cli/master_key.hpp"
#include "storage/audit_log.hpp"
#include "storage/backup.hpp"
#include "storage/encrypted_backup.hpp"
#include "storage/migrations.hpp"
#include "util/private_file.hpp"
#include "util/key_file.hpp"
#include "util/text.hpp"

namespace skydda::cli {
namespace {

namespace fs = std::filesystem;

// A file next to `near` (same file system, so a rename is atomic), removed unless kept.
class ScratchFile {
public:
    explicit ScratchFile(const fs::path& near) {
        std::random_device random;
        m_path = near;
        m_path += fmt::format(".partial-{:08x}", random());
    }
    ~ScratchFile() {
        std::error_code ignored;
        if (!m_kept) fs::remove(m_path, ignored);
    }
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;
    const fs::path& path() const { return m_path; }
    // Makes the file, empty and 0600 (it will hold a whole database), before anything is written.
    Status create(std::string_view field) { return files::create_private(m_path, field); }
    Status keep_as(const fs::path& target) {
        std::error_code error;
        fs::rename(m_path, target, error);
        if (error) return fail(Error{ErrorCode::unavailable, "cannot write " + target.string(), "to"});
        m_kept = true;
        return {};
    }

private:
    fs::path m_path;
    bool m_kept = false;
};

Result<std::string> required(const CommandContext& context, std::string_view name) {
    auto value = context.option(name);
    if (!value || value->empty()) return fail(Error::invalid(std::string(name), "is required (--" + std::string(name) + ")"));
    return *value;
}

// Opens `url` with the keys of `key_directory` (the audit chain's and the master key, created
// when missing, as every migrating command does) and migrates it.
Result<std::unique_ptr<storage::Database>> open_url(const CommandContext& context, const std::string& url,
                                                    const fs::path& key_directory) {
    // The pool size comes from configuration like every other command's.
    auto pool = config_value(context, "db_pool").value;
    size_t pool_size = std::strtoul(pool.c_str(), nullptr, 10);
    auto database = TRY(storage::open_database(url, storage::DatabaseOptions{pool_size ? pool_size : 8}));
    TRY_STATUS(attach_audit_key(*database, key_directory, true));
    TRY_STATUS(ensure_audit_signing_key(key_directory));
    database->set_key_ring(TRY(master_key_ring(key_directory)));
    TRY(storage::migrate(*database));
    return database;
}

boost::json::object counts_json(const storage::TableCounts& counts) {
    boost::json::object out;
    for (const auto& [table, rows] : counts) out[table] = rows;
    return out;
}

// Writes a backup through a scratch file created 0600 (owner-only from the start: even
// encrypted, a backup is nobody else's to copy) and renamed into place when complete.
template <typename Export>
Result<storage::TableCounts> write_backup(const fs::path& to, Export&& export_to) {
    ScratchFile scratch(to);
    TRY_STATUS(scratch.create("to"));
    std::ofstream out(scratch.path(), std::ios::binary | std::ios::trunc);
    if (!out) return fail(Error{ErrorCode::unavailable, "cannot write " + to.string(), "to"});
    auto counts = TRY(export_to(out));
    out.close();
    if (!out) return fail(Error{ErrorCode::unavailable, "cannot write " + to.string(), "to"});
    TRY_STATUS(scratch.keep_as(to));
    return counts;
}

Result<storage::TableCounts> write_portable(storage::Database& database, const fs::path& to) {
    return write_backup(to, [&](std::ostream& out) { return storage::export_portable(database, out); });
}

// Fills the empty `target` from the portable file (whose end record is checked on the way),
// then checks the target's row counts against the file's and `expected` (the source's counts,
// when known), and its audit chain.
Result<boost::json::object> load_and_verify(storage::Database& target, const fs::path& portable,
                                            const std::optional<storage::TableCounts>& expected,
                                            const storage::BackupSecret* secret = nullptr) {
    std::ifstream in(portable, std::ios::binary);
    if (!in) return fail(Error::invalid("from", "cannot be read"));
    auto imported = TRY(secret ? storage::import_encrypted(target, in, *secret) : storage::import_portable(target, in));
    auto counted = TRY(storage::count_rows(target));
    if (counted != imported || (expected && *expected != imported))
        return fail(Error::internal("row counts differ after the copy; the target is incomplete"));
    auto audit = TRY(storage::transact_value<storage::AuditVerification>(
        target, storage::TxMode::read, [](storage::Connection& db) { return storage::verify_audit_chain(db); }));
    if (!audit.intact)
        return fail(Error::internal(fmt::format("the audit trail does not verify after the copy (entry {}: {}); a "
                                                "copied trail verifies only with the audit.key it was written with",
                                                audit.first_broken_seq, audit.problem)));
    return boost::json::object{{"tables", counts_json(counted)}, {"audit_entries", audit.entries}, {"audit", "intact"}};
}

// How the backup is (to be) encrypted: --passphrase-stdin (the first line of standard input)
// or --key-file FILE (64 hex digits; `backup` creates it 0600 when absent); nullopt with
// --unencrypted. `writing` is true for backup, which also insists on one of the three.
Result<std::optional<storage::BackupSecret>> backup_secret(CommandContext& context, bool writing) {
    const bool by_passphrase = context.flag("passphrase-stdin");
    auto key_file = context.option("key-file");
    if (by_passphrase + bool(key_file) + context.flag("unencrypted") > 1)
        return fail(Error::invalid("passphrase", "give only one of --passphrase-stdin, --key-file and --unencrypted"));
    if (by_passphrase) {
        std::string line;
        std::getline(context.in, line);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) return fail(Error::invalid("passphrase", "is empty (one line on standard input)"));
        if (writing && text::code_points(line) < 12)
            return fail(Error::invalid("passphrase", "must be at least 12 characters"));
        return storage::BackupSecret{storage::BackupSecret::Kind::passphrase, std::move(line)};
    }
    if (key_file) {
        if (key_file->empty()) return fail(Error::invalid("key-file", "names no file"));
        if (!writing && !fs::exists(*key_file)) return fail(Error::invalid("key-file", "does not exist"));
        auto key = keys::load_key(*key_file, writing);
        if (!key) return fail(Error::invalid("key-file", key.error().message));
        return storage::BackupSecret{storage::BackupSecret::Kind::key_file, std::move(*key)};
    }
    if (writing && !context.flag("unencrypted"))
        return fail(Error::invalid("passphrase", "a backup is encrypted: give --passphrase-stdin or --key-file FILE "
                                                 "(or --unencrypted to write it in the clear)"));
    return std::optional<storage::BackupSecret>();
}

Result<storage::TableCounts> write_encrypted(storage::Database& database, const fs::path& to,
                                             const storage::BackupSecret& secret) {
    return write_backup(to, [&](std::ostream& out) { return storage::export_encrypted(database, out, secret); });
}

int print_json(CommandContext& context, boost::json::object object) {
    context.out << boost::json::serialize(object) << '\n';
    return 0;
}

Result<int> backup(CommandContext& context) {
    auto to = TRY(required(context, "to"));
    if (fs::exists(to)) return report_error(context, Error::invalid("to", "already exists; back up into a new file"));
    auto url = config_value(context, "db").value;
    auto secret = TRY(backup_secret(context, true));
    if (secret) {
        if (context.option("format").value_or("portable") != "portable")
            return report_error(context, Error::invalid("format", "an encrypted backup is always portable; leave "
                                                                  "out --format (or add --unencrypted)"));
        auto database = TRY(open_url(context, url, key_dir(context)));
        auto counts = TRY(write_encrypted(*database, to, *secret));
        return print_json(context, {{"backup", to},
                                    {"format", "portable"},
                                    {"encrypted", secret->field()},
                                    {"tables", counts_json(counts)}});
    }
    auto format = context.option("format").value_or(url.starts_with("sqlite:") ? "sqlite" : "portable");
    auto database = TRY(open_url(context, url, key_dir(context)));
    if (format == "sqlite") {
        if (!url.starts_with("sqlite:"))
            return report_error(context, Error::invalid("format", "sqlite is for SQLite databases; use portable"));
        TRY_STATUS(storage::sqlite_online_backup(url.substr(7), to));
        auto counts = TRY(storage::count_rows(*database));
        return print_json(context, {{"backup", to}, {"format", "sqlite"}, {"tables", counts_json(counts)}});
    }
    if (format != "portable") return report_error(context, Error::invalid("format", "must be sqlite or portable"));
    auto counts = TRY(write_portable(*database, to));
    return print_json(context, {{"backup", to}, {"format", "portable"}, {"tables", counts_json(counts)}});
}

Result<int> restore(CommandContext& context) {
    auto from = TRY(required(context, "from"));
    if (!fs::exists(from)) return report_error(context, Error::invalid("from", "does not exist"));
    auto secret = TRY(backup_secret(context, false));
    const bool encrypted = storage::is_encrypted_backup(from);
    if (encrypted && !secret)
        return report_error(context, Error::invalid("passphrase", "the backup is encrypted: give --passphrase-stdin "
                                                                  "or --key-file FILE"));
    if (!encrypted && secret)
        return report_error(context, Error::invalid("from", "is not an encrypted backup; leave out the passphrase or "
                                                            "key file"));
    // The restored trail verifies only with the key it was written with, so it must be in place
    // (a new key made here could never verify it).
    std::error_code ignored;
    if (!audit_key_from_environment() && !fs::exists(audit_key_path(key_dir(context)), ignored))
        return report_error(context, Error::invalid("key_dir", fmt::format(
            "{} is missing: copy audit.key, audit-sign.key and master.key from the backed-up database's key directory there "
            "(for a backup from before the keyed audit chain, run skydda migrate on the new database first)",
            audit_key_path(key_dir(context)).string())));
    auto target = TRY(open_url(context, config_value(context, "db").value, key_dir(context)));
    TRY_STATUS(storage::require_empty(*target));
    if (encrypted) return print_json(context, TRY(load_and_verify(*target, from, std::nullopt, &*secret)));
    if (!storage::is_sqlite_file(from)) return print_json(context, TRY(load_and_verify(*target, from, std::nullopt)));
    // A SQLite backup file: read it through a copy (opening it would switch the file to WAL).
    ScratchFile copy(fs::temp_directory_path() / "skydda-restore.db");
    ScratchFile portable(fs::temp_directory_path() / "skydda-restore.jsonl");
    TRY_STATUS(copy.create("from"));
    {
        // Copied by hand: fs::copy_file would give the copy the backup's mode, perhaps wider.
        std::ifstream in(from, std::ios::binary);
        std::ofstream out(copy.path(), std::ios::binary | std::ios::trunc);
        out << in.rdbuf();
        if (!in || !out.flush()) return report_error(context, Error::invalid("from", "cannot be read"));
    }
    // The copy is read with the target's keys: an older, unkeyed backup is re-chained with them.
    auto source = TRY(open_url(context, "sqlite:" + copy.path().string(), key_dir(context)));
    auto counts = TRY(write_portable(*source, portable.path()));
    return print_json(context, TRY(load_and_verify(*target, portable.path(), counts)));
}

Result<int> copy_db(CommandContext& context) {
    auto from = TRY(required(context, "from"));
    auto to = TRY(required(context, "to"));
    auto source = TRY(open_url(context, from, key_dir_for(context, from)));
    TRY_STATUS(share_audit_keys(key_dir_for(context, from), key_dir_for(context, to)));
    auto target = TRY(open_url(context, to, key_dir_for(context, to)));
    TRY_STATUS(storage::require_empty(*target));
    ScratchFile portable(fs::temp_directory_path() / "skydda-copy.jsonl");
    auto counts = TRY(write_portable(*source, portable.path()));
    auto result = TRY(load_and_verify(*target, portable.path(), counts));
    result["from"] = source->describe();
    result["to"] = target->describe();
    return print_json(context, std::move(result));
}

// Runs a handler written with TRY (Result-returning) and reports its error the CLI way.
} // namespace

int cmd_backup(CommandContext& context) { return exit_code(context, backup(context)); }
int cmd_restore(CommandContext& context) { return exit_code(context, restore(context)); }
int cmd_copy_db(CommandContext& context) { return exit_code(context, copy_db(context)); }

} // namespace skydda::cli
