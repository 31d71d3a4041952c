#include "storage/key_ring.hpp"

#include "util/key_file.hpp"
#include "util/sealed.hpp"

namespace skydda::storage {

KeyRing::~KeyRing() {
    for (auto& held : m_keys) crypto::wipe(held.key);
}

Result<std::shared_ptr<KeyRing>> KeyRing::from_file(const std::filesystem::path& path) {
    std::shared_ptr<KeyRing> ring(new KeyRing());
    ring->m_path = path;
    ring->m_origin = path.string();
    TRY_STATUS(ring->reload());
    return ring;
}

std::shared_ptr<KeyRing> KeyRing::from_key(std::string key, std::string origin) {
    std::shared_ptr<KeyRing> ring(new KeyRing());
    ring->m_origin = std::move(origin);
    ring->m_keys.push_back({crypto::key_fingerprint(key), std::move(key)});
    return ring;
}

Status KeyRing::reload() {
    std::vector<Held> keys;
    auto current = TRY(keys::load_key(*m_path, false));
    keys.push_back({crypto::key_fingerprint(current), std::move(current)});
    auto old_path = *m_path;
    old_path += ".old";
    std::error_code ignored;
    if (std::filesystem::exists(old_path, ignored)) {
        auto old = TRY(keys::load_key(old_path, false));
        keys.push_back({crypto::key_fingerprint(old), std::move(old)});
    }
    std::lock_guard lock(m_mutex);
    for (auto& held : m_keys) crypto::wipe(held.key);
    m_keys = std::move(keys);
    return {};
}

std::string KeyRing::current_fingerprint() const {
    std::lock_guard lock(m_mutex);
    return m_keys.front().fingerprint;
}

std::string KeyRing::current_key() const {
    std::lock_guard lock(m_mutex);
    return m_keys.front().key;
}

std::string KeyRing::origin() const { return m_origin; }

Status KeyRing::refresh() {
    if (!m_path) return {};
    return reload();
}

std::optional<std::string> KeyRing::key_for(std::string_view fingerprint) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        {
            std::lock_guard lock(m_mutex);
            for (const auto& held : m_keys)
                if (held.fingerprint == fingerprint) return held.key;
        }
        if (!m_path || attempt > 0 || !reload()) break;
    }
    return std::nullopt;
}

} // namespace skydda::storage
