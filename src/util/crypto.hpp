// Thin wrappers over libsodium: random tokens, BLAKE2b hashes, argon2id password hashes, the
// hex and base64 encodings, and wiping secrets from memory.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace skydda::crypto {

void init(); // call once before use (idempotent)
std::string random_token(size_t bytes = 32);  // URL-safe base64 without padding
std::string new_id();                          // 32 hex characters, random
std::string hash_hex(std::string_view data);   // BLAKE2b-256 in hex
std::string password_hash(std::string_view password);             // argon2id, interactive limits
bool password_verify(std::string_view hash, std::string_view password);
bool equal_constant_time(std::string_view a, std::string_view b);

std::string to_hex(std::string_view raw);                    // lower-case
std::optional<std::string> from_hex(std::string_view hex);   // nullopt unless only hex digits, even length
std::string to_base64(std::string_view bytes);               // RFC 4648 with padding, one line
std::optional<std::string> from_base64(std::string_view text);
// Overwrites a secret held in memory (sodium_memzero: not optimised away).
void wipe(std::string& secret);

} // namespace skydda::crypto
