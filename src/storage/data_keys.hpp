// Encryption at rest of what identifies people most directly: attachments (name and content),
// scan summaries, and the letters' recipients (name, postal address, e-mail). Each
// organisation has a random data key, stored in `data_keys` wrapped by the master key
// (storage/key_ring.hpp, kept outside the database). A field is one libsodium secretstream
// whose associated data names the organisation, table, column, row and data key, so a
// ciphertext copied into another row, column or organisation does not open. TEXT columns hold
// the ciphertext as base64, BLOB columns as bytes; NULL stays NULL (whether a recipient has an
// e-mail address is visible, what it is is not). Each sealed row names its data key in its
// `data_key_id` column, which is how rotation finds the rows to re-encrypt.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "storage/database.hpp"

namespace skydda::storage {

// Seals the fields of rows of one organisation with its current data key (made, and stored
// wrapped, on first use: the caller's transaction must be a write transaction).
class RowSealer {
public:
    static Result<RowSealer> for_incident(Connection& db, std::string_view incident_id);
    static Result<RowSealer> for_organisation(Connection& db, std::string_view org_id);
    ~RowSealer();
    RowSealer(RowSealer&& other) noexcept = default;
    RowSealer& operator=(RowSealer&&) = delete;

    const std::string& key_id() const { return m_key_id; }
    std::string seal(std::string_view table, std::string_view column, std::string_view row_id,
                     std::string_view plaintext) const;
    // Base64, for TEXT columns.
    Value seal_text(std::string_view table, std::string_view column, std::string_view row_id,
                    std::string_view plaintext) const;
    Value seal_blob(std::string_view table, std::string_view column, std::string_view row_id,
                    std::string_view plaintext) const {
        return Blob{seal(table, column, row_id, plaintext)};
    }

private:
    RowSealer(std::string org_id, std::string key_id, std::string key)
        : m_org_id(std::move(org_id)), m_key_id(std::move(key_id)), m_key(std::move(key)) {}
    std::string m_org_id, m_key_id, m_key;
};

// Opens sealed fields; keeps the data keys it unwrapped for its own lifetime (one call of a
// repository function), never longer.
class RowOpener {
public:
    explicit RowOpener(Connection& db) : m_db(db) {}
    ~RowOpener();
    RowOpener(const RowOpener&) = delete;
    RowOpener& operator=(const RowOpener&) = delete;

    // `key_id` is the row's data_key_id; an empty one (a row not yet encrypted) is refused.
    Result<std::string> open(std::string_view org_id, std::string_view key_id, std::string_view table,
                             std::string_view column, std::string_view row_id, std::string_view sealed);
    // The base64 form; NULL (`sealed` nullopt) opens as "".
    Result<std::string> open_text(std::string_view org_id, std::string_view key_id, std::string_view table,
                                  std::string_view column, std::string_view row_id,
                                  const std::optional<std::string>& sealed);

private:
    Result<std::string> data_key(std::string_view org_id, std::string_view key_id);
    Connection& m_db;
    std::map<std::string, std::string, std::less<>> m_keys;
};

using Progress = std::function<void(std::string_view table, int64_t done, int64_t total)>;

// After the migrations (storage::migrate calls it when the database has a key ring): checks
// that the ring opens this database's data keys, then encrypts the rows written before
// migration 12, in batches. Idempotent; returns the rows it encrypted.
Result<int64_t> seal_plaintext_rows(Database& database, const Progress& progress = {});
// Fails with a clear message when a data key is wrapped by a master key the ring lacks.
Status check_master_key(Connection& db);

// `skydda keys rotate`: wraps every data key not wrapped by the ring's current master key
// again with it, in transactions of up to 100 keys; `when_all_current` runs inside the
// write transaction that finds none left (cli removes master.key.old there, so no server can
// wrap a new data key with the old master key in between). Returns how many were wrapped again.
Result<int64_t> rewrap_data_keys(Database& database, const std::function<Status()>& when_all_current = {});
// `skydda keys rotate --data-keys`: a new data key per organisation (the old one retired), then
// every row sealed with a retired key re-encrypted with its organisation's current key in
// batches (one transaction each), then the retired keys no row uses any more deleted. Safe to
// run again after a crash: it continues with what is still sealed with retired keys.
Result<int64_t> replace_data_keys(Database& database, const Progress& progress = {});

} // namespace skydda::storage
