#include "storage/encrypted_backup.hpp"

#include <cstring>
#include <fstream>
#include <istream>
#include <ostream>
#include <streambuf>

#include "util/sealed.hpp"

namespace skydda::storage {
namespace {

constexpr std::string_view k_magic = "SKYDDA-ENCRYPTED-BACKUP-1\n";
constexpr size_t k_prefix_bytes = k_magic.size() + 1 + crypto::k_salt_bytes + 8 + 8;
constexpr size_t k_message_bytes = crypto::k_stream_chunk + crypto::k_stream_overhead;

void put_u64(std::string& out, uint64_t value) {
    for (int i = 0; i < 8; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}
uint64_t get_u64(std::string_view in) {
    uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(in[static_cast<size_t>(i)]);
    return value;
}

Result<std::string> derive(const BackupSecret& secret, std::string_view salt, crypto::PassphraseLimits limits) {
    if (secret.kind == BackupSecret::Kind::key_file) {
        if (secret.secret.size() != crypto::k_secret_key_bytes)
            return fail(Error::invalid("key-file", "must hold a 32-byte key (64 hex digits)"));
        return secret.secret;
    }
    auto key = crypto::key_from_passphrase(secret.secret, salt, limits);
    if (!key) return fail(Error::invalid("from", "the backup's key derivation limits are not acceptable"));
    return std::move(*key);
}

// The encrypting side: everything export_portable writes goes through here.
class SealingBuffer : public std::streambuf {
public:
    SealingBuffer(std::string_view key, std::string ad, std::ostream& out) : m_writer(key, std::move(ad)), m_out(out) {
        m_out.write(m_writer.header().data(), static_cast<std::streamsize>(m_writer.header().size()));
    }
    void finish() {
        auto last = m_writer.finish();
        m_out.write(last.data(), static_cast<std::streamsize>(last.size()));
        m_out.flush();
    }

protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        char byte = traits_type::to_char_type(c);
        xsputn(&byte, 1);
        return c;
    }
    std::streamsize xsputn(const char* data, std::streamsize size) override {
        auto sealed = m_writer.push(std::string_view(data, static_cast<size_t>(size)));
        m_out.write(sealed.data(), static_cast<std::streamsize>(sealed.size()));
        return m_out ? size : 0;
    }

private:
    crypto::StreamWriter m_writer;
    std::ostream& m_out;
};

// The decrypting side: import_portable reads lines from here; a message that does not
// authenticate ends the stream and marks it failed.
class OpeningBuffer : public std::streambuf {
public:
    OpeningBuffer(std::string_view key, std::string ad, std::string_view header, std::istream& in)
        : m_reader(key, std::move(ad), header), m_in(in) {}
    bool next() {
        if (m_failed || m_reader.finished()) return false;
        std::string message(k_message_bytes, '\0');
        m_in.read(message.data(), static_cast<std::streamsize>(message.size()));
        message.resize(static_cast<size_t>(m_in.gcount()));
        auto clear = m_reader.pull(message);
        if (!clear || (!m_reader.finished() && message.size() < k_message_bytes) ||
            (m_reader.finished() && m_in.peek() != std::char_traits<char>::eof())) {
            m_failed = true;
            return false;
        }
        ++m_messages;
        m_clear = std::move(*clear);
        setg(m_clear.data(), m_clear.data(), m_clear.data() + m_clear.size());
        return true;
    }
    bool failed() const { return m_failed; }
    size_t messages() const { return m_messages; }

protected:
    int_type underflow() override {
        while (gptr() == egptr())
            if (!next()) return traits_type::eof();
        return traits_type::to_int_type(*gptr());
    }

private:
    crypto::StreamReader m_reader;
    std::istream& m_in;
    std::string m_clear;
    bool m_failed = false;
    size_t m_messages = 0;
};

} // namespace

bool is_encrypted_backup(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string start(k_magic.size(), '\0');
    in.read(start.data(), static_cast<std::streamsize>(start.size()));
    return in && start == k_magic;
}

Result<TableCounts> export_encrypted(Database& database, std::ostream& out, const BackupSecret& secret) {
    crypto::PassphraseLimits limits;
    auto salt = crypto::random_bytes(crypto::k_salt_bytes);
    std::string prefix(k_magic);
    prefix += secret.kind == BackupSecret::Kind::passphrase ? 'P' : 'K';
    prefix += salt;
    put_u64(prefix, secret.kind == BackupSecret::Kind::passphrase ? limits.opslimit : 0);
    put_u64(prefix, secret.kind == BackupSecret::Kind::passphrase ? limits.memlimit : 0);
    auto key = TRY(derive(secret, salt, limits));
    out.write(prefix.data(), static_cast<std::streamsize>(prefix.size()));
    SealingBuffer buffer(key, prefix, out);
    crypto::wipe(key);
    std::ostream sealed(&buffer);
    auto counts = TRY(export_portable(database, sealed));
    buffer.finish();
    if (!out) return fail(Error{ErrorCode::unavailable, "could not write the backup file", "to"});
    return counts;
}

Result<TableCounts> import_encrypted(Database& database, std::istream& in, const BackupSecret& secret) {
    std::string prefix(k_prefix_bytes, '\0'), header(crypto::k_stream_header_bytes, '\0');
    in.read(prefix.data(), static_cast<std::streamsize>(prefix.size()));
    in.read(header.data(), static_cast<std::streamsize>(header.size()));
    if (!in || !prefix.starts_with(k_magic)) return fail(Error::invalid("from", "is not an encrypted Skydda backup"));
    const char kind = prefix[k_magic.size()];
    if ((kind == 'P') != (secret.kind == BackupSecret::Kind::passphrase))
        return fail(Error::invalid(secret.field(), kind == 'P' ? "this backup is encrypted with a passphrase; give "
                                                                 "--passphrase-stdin"
                                                               : "this backup is encrypted with a key file; give "
                                                                 "--key-file FILE"));
    auto salt = std::string_view(prefix).substr(k_magic.size() + 1, crypto::k_salt_bytes);
    auto limits = crypto::PassphraseLimits{get_u64(std::string_view(prefix).substr(k_prefix_bytes - 16, 8)),
                                           get_u64(std::string_view(prefix).substr(k_prefix_bytes - 8, 8))};
    auto key = TRY(derive(secret, salt, limits));
    OpeningBuffer buffer(key, prefix, header, in);
    crypto::wipe(key);
    // The first message decides whether the secret is right, before the target is touched.
    if (!buffer.next())
        return fail(Error::invalid(secret.field(), secret.kind == BackupSecret::Kind::passphrase
                                                       ? "the passphrase does not open this backup (or the file was "
                                                         "altered); nothing was restored"
                                                       : "the key file does not open this backup (or the file was "
                                                         "altered); nothing was restored"));
    std::istream clear(&buffer);
    auto imported = import_portable(database, clear);
    if (buffer.failed())
        return fail(Error::invalid("from", "the backup was altered or cut short (message " +
                                               std::to_string(buffer.messages() + 1) +
                                               " does not authenticate); nothing was restored"));
    return imported;
}

} // namespace skydda::storage
