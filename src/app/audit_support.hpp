// Internal to app/: writing audit entries for changes (in the change's own transaction) and
// for reads (buffered and written in batches, so reading a case file does not cost a disk
// flush of its own; a crash can lose at most one flush interval of read entries, never a
// change entry).
#pragma once
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "app/app.hpp"

namespace skydda::app {

struct AuditFact {
    std::string action, entity, entity_id, org_id, before_json, after_json;
};

Status audit_change(storage::Connection& db, const Clock& clock, const Actor* actor, AuditFact fact);
std::string incident_audit_json(const domain::Incident& incident);
// The detail of a read-audit entry: {"<key>": n} or {"<key>": [ids]}.
std::string read_count(std::string_view key, size_t count);
std::string read_ids(std::string_view key, const std::vector<std::string>& ids);

class ReadAuditBuffer {
public:
    ReadAuditBuffer(storage::Database& database, std::chrono::milliseconds interval);
    ~ReadAuditBuffer();
    void record(domain::AuditEntry entry);
    void flush();

private:
    void run();

    storage::Database& m_database;
    std::chrono::milliseconds m_interval;
    std::mutex m_mutex;
    std::mutex m_flush_mutex; // one flush at a time keeps the entries in order
    std::condition_variable m_wake;
    std::vector<domain::AuditEntry> m_pending;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace skydda::app
