#include "app/audit_support.hpp"

#include <boost/json.hpp>
#include <iostream>

#include "storage/cases/duty_repository.hpp"
#include "domain/facts_json.hpp"

namespace skydda::app {

Status audit_change(storage::Connection& db, const Clock& clock, const Actor* actor, AuditFact fact) {
    domain::AuditEntry entry;
    entry.at = clock.now();
    entry.actor_id = actor ? actor->user_id : std::string();
    entry.org_id = std::move(fact.org_id);
    entry.action = std::move(fact.action);
    entry.entity = std::move(fact.entity);
    entry.entity_id = std::move(fact.entity_id);
    entry.before_json = std::move(fact.before_json);
    entry.after_json = std::move(fact.after_json);
    // E-mail entries (mail.*: the reminders, one per recipient, written by the scheduler's
    // loop) record what was sent, never a change of the case's duties: no refresh for them.
    const bool a_case = entry.entity == "incident" && !entry.action.starts_with("mail.");
    const std::string case_id = a_case ? entry.entity_id : std::string();
    TRY(storage::append_audit(db, std::move(entry)));
    // Every change of a case keeps its place in the urgency order, in the same transaction.
    if (a_case) TRY_STATUS(storage::refresh_due_order(db, case_id));
    return {};
}

std::string incident_audit_json(const domain::Incident& incident) {
    boost::json::object out;
    out["case_number"] = incident.case_number;
    out["status"] = domain::status_name(incident.status);
    out["version"] = incident.version;
    out["handler"] = incident.handler_id;
    out["status_reason"] = incident.status_reason;
    out["facts"] = domain::facts_to_json(incident.facts);
    return boost::json::serialize(out);
}

std::string read_count(std::string_view key, size_t count) {
    return boost::json::serialize(boost::json::object{{key, count}});
}

std::string read_ids(std::string_view key, const std::vector<std::string>& ids) {
    boost::json::array out;
    for (const auto& id : ids) out.emplace_back(id);
    return boost::json::serialize(boost::json::object{{key, std::move(out)}});
}

ReadAuditBuffer::ReadAuditBuffer(storage::Database& database, std::chrono::milliseconds interval)
    : m_database(database), m_interval(interval), m_thread([this] { run(); }) {}

ReadAuditBuffer::~ReadAuditBuffer() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    flush();
}

void ReadAuditBuffer::record(domain::AuditEntry entry) {
    bool full;
    {
        std::lock_guard lock(m_mutex);
        m_pending.push_back(std::move(entry));
        full = m_pending.size() >= 512;
    }
    if (full) m_wake.notify_all();
}

void ReadAuditBuffer::flush() {
    std::lock_guard flush_lock(m_flush_mutex);
    std::vector<domain::AuditEntry> batch;
    {
        std::lock_guard lock(m_mutex);
        batch.swap(m_pending);
    }
    if (batch.empty()) return;
    auto status = m_database.transact(storage::TxMode::write, [&](storage::Connection& db) -> Status {
        for (auto& entry : batch) TRY(storage::append_audit(db, entry));
        return {};
    });
    if (!status) {
        // Keep them for the next attempt rather than lose the trail of who read what.
        std::lock_guard lock(m_mutex);
        m_pending.insert(m_pending.begin(), batch.begin(), batch.end());
        std::cerr << R"({"level":"error","event":"audit_flush_failed"})" << '\n';
    }
}

void ReadAuditBuffer::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_wake.wait_for(lock, m_interval, [this] { return m_stopping || m_pending.size() >= 512; });
        if (m_pending.empty()) continue;
        lock.unlock();
        flush();
        lock.lock();
    }
}

} // namespace skydda::app
