// Keyed primitives over libsodium for what must hold against someone who holds the database but
// not the keys: a MAC (keyed BLAKE2b) and Ed25519 signatures, plus hex conversion.
#pragma once
#include "util/crypto.hpp" // to_hex/from_hex, used with these
#include <optional>
#include <string>
#include <string_view>

namespace skydda::crypto {

// libsodium's keyed BLAKE2b (crypto_generichash with a 32-byte key), a MAC: 32 bytes as hex.
std::string keyed_hash_hex(std::string_view key, std::string_view data);

// Ed25519 (libsodium crypto_sign) with the key pair made from a 32-byte seed.
std::string sign_public_key(std::string_view seed);                          // 32 raw bytes
std::string sign_detached(std::string_view seed, std::string_view message);  // 64 raw bytes
bool sign_verify(std::string_view public_key, std::string_view message, std::string_view signature);

} // namespace skydda::crypto
