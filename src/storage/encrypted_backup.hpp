// Encrypted backup files: the portable snapshot (storage/backup.hpp) through an
// XChaCha20-Poly1305 secretstream, keyed by a passphrase (argon2id) or a key file:
//   "SKYDDA-ENCRYPTED-BACKUP-1\n"  kind ('P' passphrase | 'K' key file)  salt (16)
//   opslimit (8, little-endian)  memlimit (8)  secretstream header (24)  messages...
// Every message is authenticated with the bytes before the secretstream header, so the limits
// and salt cannot be changed either. A wrong passphrase or key fails on the first message,
// before anything is written to the target; a file cut short has no FINAL message.
#pragma once
#include <iosfwd>
#include <string>

#include "storage/backup.hpp"

namespace skydda::storage {

struct BackupSecret {
    enum class Kind { passphrase, key_file } kind = Kind::passphrase;
    std::string secret; // the passphrase, or the key file's 32 raw bytes
    std::string field() const { return kind == Kind::passphrase ? "passphrase" : "key-file"; }
};

bool is_encrypted_backup(const std::string& path);
Result<TableCounts> export_encrypted(Database& database, std::ostream& out, const BackupSecret& secret);
// Refuses a wrong passphrase or key (invalid_argument naming "passphrase" or "key-file") and an
// altered or truncated file; the restore is one transaction, so nothing is half-written.
Result<TableCounts> import_encrypted(Database& database, std::istream& in, const BackupSecret& secret);

} // namespace skydda::storage
