// A master key for tests that open a database themselves (the CLI loads key_dir/master.key):
// one fixed key per test process, so every Database a test opens on the same file agrees.
#pragma once
#include <memory>
#include <string>

#include "storage/database.hpp"
#include "storage/key_ring.hpp"
#include "support/test_database.hpp"

namespace skydda::test_support {

inline std::shared_ptr<storage::KeyRing> test_key_ring() {
    static const auto ring = storage::KeyRing::from_key(std::string(32, '\x5a'), "the tests' master key");
    return ring;
}

// The database as the CLI would hand it out: with the master key and the audit chain's key set.
inline std::unique_ptr<storage::Database> with_test_keys(std::unique_ptr<storage::Database> database) {
    database->set_key_ring(test_key_ring());
    use_test_audit_key(*database);
    return database;
}

} // namespace skydda::test_support
