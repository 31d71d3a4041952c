#include "util/keyed_crypto.hpp"

#include <sodium.h>

#include <stdexcept>

#include "util/crypto.hpp"

namespace skydda::crypto {
namespace {

const unsigned char* bytes(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

struct KeyPair {
    unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
    unsigned char secret_key[crypto_sign_SECRETKEYBYTES];
    explicit KeyPair(std::string_view seed) {
        init();
        if (seed.size() != crypto_sign_SEEDBYTES) throw std::invalid_argument("an Ed25519 seed has 32 bytes");
        crypto_sign_seed_keypair(public_key, secret_key, bytes(seed));
    }
    ~KeyPair() { sodium_memzero(secret_key, sizeof secret_key); }
    KeyPair(const KeyPair&) = delete;
    KeyPair& operator=(const KeyPair&) = delete;
};

} // namespace

std::string keyed_hash_hex(std::string_view key, std::string_view data) {
    if (key.size() != crypto_generichash_KEYBYTES) throw std::invalid_argument("a MAC key has 32 bytes");
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, bytes(data), data.size(), bytes(key), key.size());
    return to_hex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string sign_public_key(std::string_view seed) {
    KeyPair pair(seed);
    return std::string(reinterpret_cast<const char*>(pair.public_key), sizeof pair.public_key);
}

std::string sign_detached(std::string_view seed, std::string_view message) {
    KeyPair pair(seed);
    unsigned char signature[crypto_sign_BYTES];
    crypto_sign_detached(signature, nullptr, bytes(message), message.size(), pair.secret_key);
    return std::string(reinterpret_cast<const char*>(signature), sizeof signature);
}

bool sign_verify(std::string_view public_key, std::string_view message, std::string_view signature) {
    init();
    if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) return false;
    return crypto_sign_verify_detached(bytes(signature), bytes(message), message.size(), bytes(public_key)) == 0;
}

} // namespace skydda::crypto
