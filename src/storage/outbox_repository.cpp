#include "storage/outbox_repository.hpp"

namespace skydda::storage {

Result<bool> enqueue_mail(Connection& db, const OutboxMessage& m) {
    // ON CONFLICT ... DO NOTHING is the same on SQLite (3.24+) and PostgreSQL.
    auto changed = TRY(db.execute(
        "INSERT INTO outbox (id, org_id, incident_id, kind, dedupe_key, to_address, subject, body, attachment_name, "
        "attachment, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, "
        "?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
        {m.id, text_or_null(m.org_id), text_or_null(m.incident_id), m.kind, text_or_null(m.dedupe_key),
         m.to_address, m.subject, m.body, text_or_null(m.attachment_name),
         m.attachment_name.empty() ? Value(nullptr) : Value(Blob{m.attachment}), format_utc(m.next_attempt_at),
         format_utc(m.created_at)}));
    return changed == 1;
}

} // namespace skydda::storage
