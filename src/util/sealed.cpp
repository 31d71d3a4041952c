#include "util/sealed.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "util/crypto.hpp"

namespace skydda::crypto {
namespace {

const unsigned char* bytes(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }
unsigned char* bytes(std::string& text) { return reinterpret_cast<unsigned char*>(text.data()); }

static_assert(k_stream_header_bytes == crypto_secretstream_xchacha20poly1305_HEADERBYTES);
static_assert(k_stream_overhead == crypto_secretstream_xchacha20poly1305_ABYTES);
static_assert(k_secret_key_bytes == crypto_secretstream_xchacha20poly1305_KEYBYTES);
static_assert(k_secret_key_bytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(k_salt_bytes == crypto_pwhash_SALTBYTES);

void require_key(std::string_view key) {
    if (key.size() != k_secret_key_bytes) throw std::logic_error("a secret key must be 32 bytes");
}

} // namespace

std::string random_bytes(size_t count) {
    init();
    std::string out(count, '\0');
    randombytes_buf(out.data(), out.size());
    return out;
}

std::string random_key() { return random_bytes(k_secret_key_bytes); }

std::string key_fingerprint(std::string_view key) {
    init();
    std::string digest(16, '\0');
    static constexpr std::string_view k_label = "skydda key fingerprint v1";
    crypto_generichash(bytes(digest), digest.size(), bytes(k_label), k_label.size(), bytes(key), key.size());
    return to_hex(digest);
}

struct StreamWriter::State {
    crypto_secretstream_xchacha20poly1305_state state;
};

StreamWriter::StreamWriter(std::string_view key, std::string ad) : m_state(new State), m_ad(std::move(ad)) {
    init();
    require_key(key);
    m_header.resize(k_stream_header_bytes);
    crypto_secretstream_xchacha20poly1305_init_push(&m_state->state, bytes(m_header), bytes(key));
}

StreamWriter::~StreamWriter() {
    sodium_memzero(m_state, sizeof *m_state);
    delete m_state;
    sodium_memzero(m_pending.data(), m_pending.size());
}

std::string StreamWriter::encrypt(std::string_view message, bool final) {
    std::string out(message.size() + k_stream_overhead, '\0');
    crypto_secretstream_xchacha20poly1305_push(
        &m_state->state, bytes(out), nullptr, bytes(message), message.size(), bytes(m_ad), m_ad.size(),
        final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    return out;
}

std::string StreamWriter::push(std::string_view plaintext) {
    m_pending.append(plaintext);
    std::string out;
    // A full message is written only once more follows, so finish() always has the last one.
    size_t used = 0;
    while (m_pending.size() - used > k_stream_chunk) {
        out += encrypt(std::string_view(m_pending).substr(used, k_stream_chunk), false);
        used += k_stream_chunk;
    }
    if (used) {
        sodium_memzero(m_pending.data(), used);
        m_pending.erase(0, used);
    }
    return out;
}

std::string StreamWriter::finish() {
    auto out = encrypt(m_pending, true);
    sodium_memzero(m_pending.data(), m_pending.size());
    m_pending.clear();
    return out;
}

struct StreamReader::State {
    crypto_secretstream_xchacha20poly1305_state state;
};

StreamReader::StreamReader(std::string_view key, std::string ad, std::string_view header)
    : m_state(new State), m_ad(std::move(ad)) {
    init();
    require_key(key);
    m_ok = header.size() == k_stream_header_bytes &&
           crypto_secretstream_xchacha20poly1305_init_pull(&m_state->state, bytes(header), bytes(key)) == 0;
}

StreamReader::~StreamReader() {
    sodium_memzero(m_state, sizeof *m_state);
    delete m_state;
}

std::optional<std::string> StreamReader::pull(std::string_view message) {
    if (!m_ok || m_finished || message.size() < k_stream_overhead) return std::nullopt;
    std::string out(message.size() - k_stream_overhead, '\0');
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&m_state->state, bytes(out), nullptr, &tag, bytes(message),
                                                   message.size(), bytes(m_ad), m_ad.size()) != 0) {
        m_ok = false;
        return std::nullopt;
    }
    if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) m_finished = true;
    else if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) m_ok = false;
    if (!m_ok) return std::nullopt;
    return out;
}

std::string stream_seal(std::string_view key, std::string_view ad, std::string_view plaintext) {
    StreamWriter writer(key, std::string(ad));
    std::string out = writer.header();
    out += writer.push(plaintext);
    out += writer.finish();
    return out;
}

std::optional<std::string> stream_open(std::string_view key, std::string_view ad, std::string_view sealed) {
    if (sealed.size() < k_stream_header_bytes + k_stream_overhead) return std::nullopt;
    StreamReader reader(key, std::string(ad), sealed.substr(0, k_stream_header_bytes));
    sealed.remove_prefix(k_stream_header_bytes);
    std::string out;
    while (!sealed.empty()) {
        auto size = std::min(sealed.size(), k_stream_chunk + k_stream_overhead);
        auto message = reader.pull(sealed.substr(0, size));
        if (!message) return std::nullopt;
        out += *message;
        sealed.remove_prefix(size);
        if (reader.finished() != sealed.empty()) return std::nullopt; // truncated, or bytes after FINAL
    }
    return out;
}

std::string wrap_key(std::string_view wrapping_key, std::string_view ad, std::string_view key) {
    require_key(wrapping_key);
    auto out = random_bytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    std::string cipher(key.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(bytes(cipher), &length, bytes(key), key.size(), bytes(ad), ad.size(),
                                               nullptr, bytes(out), bytes(wrapping_key));
    cipher.resize(length);
    return out + cipher;
}

std::optional<std::string> unwrap_key(std::string_view wrapping_key, std::string_view ad, std::string_view wrapped) {
    require_key(wrapping_key);
    init();
    constexpr size_t nonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    if (wrapped.size() < nonce + crypto_aead_xchacha20poly1305_ietf_ABYTES) return std::nullopt;
    std::string out(wrapped.size() - nonce - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(bytes(out), &length, nullptr, bytes(wrapped.substr(nonce)),
                                                   wrapped.size() - nonce, bytes(ad), ad.size(), bytes(wrapped),
                                                   bytes(wrapping_key)) != 0)
        return std::nullopt;
    out.resize(length);
    return out;
}

std::optional<std::string> key_from_passphrase(std::string_view passphrase, std::string_view salt,
                                               PassphraseLimits limits) {
    init();
    if (salt.size() != k_salt_bytes || limits.opslimit < crypto_pwhash_OPSLIMIT_MIN ||
        limits.opslimit > 64 || limits.memlimit < crypto_pwhash_MEMLIMIT_MIN ||
        limits.memlimit > (4ull << 30))
        return std::nullopt;
    std::string key(k_secret_key_bytes, '\0');
    if (crypto_pwhash(bytes(key), key.size(), passphrase.data(), passphrase.size(), bytes(salt), limits.opslimit,
                      static_cast<size_t>(limits.memlimit), crypto_pwhash_ALG_ARGON2ID13) != 0)
        return std::nullopt;
    return key;
}


} // namespace skydda::crypto
