// Authenticated encryption for what Skydda keeps at rest (libsodium): contents as an
// XChaCha20-Poly1305 secretstream, keys wrapped with XChaCha20-Poly1305 AEAD, passphrases
// stretched with argon2id. Every function binds its ciphertext to associated data the caller
// chooses (the row it belongs to, a file's header), so a ciphertext moved elsewhere fails to
// open. Nothing here knows a database or a file.
#pragma once
#include "util/crypto.hpp" // to_base64/from_base64, wipe
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skydda::crypto {

inline constexpr size_t k_secret_key_bytes = 32;
inline constexpr size_t k_stream_chunk = 64 * 1024;          // plaintext bytes per secretstream message
inline constexpr size_t k_stream_header_bytes = 24;          // crypto_secretstream_xchacha20poly1305_HEADERBYTES
inline constexpr size_t k_stream_overhead = 17;              // ..._ABYTES, per message
inline constexpr size_t k_salt_bytes = 16;                   // crypto_pwhash_SALTBYTES

std::string random_bytes(size_t count);
std::string random_key(); // k_secret_key_bytes
// A short, public name for a key (BLAKE2b-128 keyed by it, hex): tells which key wrapped what
// without revealing the key.
std::string key_fingerprint(std::string_view key);

// One whole value as a secretstream: header, 64 KiB messages, the last tagged FINAL; each
// message authenticated with `ad`. `open` gives nullopt for a wrong key or ad, or for any
// altered, truncated or extended byte.
std::string stream_seal(std::string_view key, std::string_view ad, std::string_view plaintext);
std::optional<std::string> stream_open(std::string_view key, std::string_view ad, std::string_view sealed);

// A key (or any short secret) wrapped by another: random 24-byte nonce, then the AEAD output.
std::string wrap_key(std::string_view wrapping_key, std::string_view ad, std::string_view key);
std::optional<std::string> unwrap_key(std::string_view wrapping_key, std::string_view ad, std::string_view wrapped);

// argon2id (crypto_pwhash) with the given limits; nullopt when libsodium refuses them, or past 64
// passes or 4 GiB (the limits come from a backup file, which must not stall a restore).
struct PassphraseLimits {
    uint64_t opslimit = 3;                 // crypto_pwhash_OPSLIMIT_MODERATE
    uint64_t memlimit = 256ull << 20;      // crypto_pwhash_MEMLIMIT_MODERATE (256 MiB)
};
std::optional<std::string> key_from_passphrase(std::string_view passphrase, std::string_view salt,
                                               PassphraseLimits limits);

// Streaming form of stream_seal, for files too large to hold (backups). push() takes any
// amount and returns the ciphertext of each full message; finish() returns the FINAL message.
class StreamWriter {
public:
    StreamWriter(std::string_view key, std::string ad);
    ~StreamWriter();
    StreamWriter(const StreamWriter&) = delete;
    StreamWriter& operator=(const StreamWriter&) = delete;
    const std::string& header() const { return m_header; }
    std::string push(std::string_view plaintext);
    std::string finish();

private:
    std::string encrypt(std::string_view message, bool final);
    struct State;
    State* m_state;
    std::string m_header, m_ad, m_pending;
};

// Reads what StreamWriter wrote, one message at a time: pull() is given exactly one message's
// ciphertext (k_stream_chunk + k_stream_overhead bytes, less for the last) and returns its
// plaintext, or nullopt when it does not authenticate.
class StreamReader {
public:
    // A malformed header makes every pull() answer nullopt.
    StreamReader(std::string_view key, std::string ad, std::string_view header);
    ~StreamReader();
    StreamReader(const StreamReader&) = delete;
    StreamReader& operator=(const StreamReader&) = delete;
    std::optional<std::string> pull(std::string_view message);
    bool finished() const { return m_finished; } // the FINAL message was read

private:
    struct State;
    State* m_state;
    std::string m_ad;
    bool m_ok = false, m_finished = false;
};

} // namespace skydda::crypto
