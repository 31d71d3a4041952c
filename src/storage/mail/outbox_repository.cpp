#include "storage/mail/outbox_repository.hpp"

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

namespace {

constexpr const char* k_summary_columns =
    "id, org_id, incident_id, kind, dedupe_key, to_address, subject, attachment_name, status, attempts, "
    "next_attempt_at, claimed_by, claimed_until, last_error, created_at, sent_at";

OutboxMessage read_summary(const Row& row) {
    OutboxMessage m;
    m.id = row.text(0);
    m.org_id = row.text(1);
    m.incident_id = row.text(2);
    m.kind = row.text(3);
    m.dedupe_key = row.text(4);
    m.to_address = row.text(5);
    m.subject = row.text(6);
    m.attachment_name = row.text(7);
    m.status = row.text(8);
    m.attempts = row.integer(9);
    m.next_attempt_at = row.time(10);
    m.claimed_by = row.text(11);
    m.claimed_until = row.optional_time(12);
    m.last_error = row.text(13);
    m.created_at = row.time(14);
    m.sent_at = row.optional_time(15);
    return m;
}

std::string placeholders(size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

// Due: queued and its time has come, or claimed by a server whose lease ran out.
constexpr const char* k_due =
    "((status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND claimed_until <= ?))";

} // namespace

Result<std::vector<OutboxMessage>> claim_due_mail(Connection& db, Instant now, std::string_view worker,
                                                  std::chrono::seconds lease, size_t limit) {
    auto at = format_utc(now);
    std::string select = std::string("SELECT id FROM outbox WHERE ") + k_due + " ORDER BY next_attempt_at, id LIMIT ?";
    // Another server's claim transaction holds its rows; skip them rather than wait. (Writers are
    // also serialised by the advisory lock today; the conditional UPDATE below is what makes a
    // claim exclusive either way.)
    if (db.dialect() == "postgresql") select += " FOR UPDATE SKIP LOCKED";
    auto candidates = TRY(db.query(select, {at, at, static_cast<int64_t>(limit)}));
    std::vector<OutboxMessage> claimed;
    auto until = format_utc(now + lease);
    for (const auto& candidate : candidates) {
        auto id = candidate.text(0);
        auto won = TRY(db.execute(std::string("UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_until = ?, "
                                              "attempts = attempts + 1 WHERE id = ? AND ") + k_due,
                                  {std::string(worker), until, id, at, at}));
        if (won != 1) continue;
        auto rows = TRY(db.query(std::string("SELECT ") + k_summary_columns +
                                     ", body, attachment FROM outbox WHERE id = ?",
                                 {id}));
        if (rows.empty()) continue;
        auto message = read_summary(rows.front());
        message.body = rows.front().text(16);
        if (!rows.front().is_null(17)) message.attachment = rows.front().blob(17);
        claimed.push_back(std::move(message));
    }
    return claimed;
}

Result<bool> mark_mail_sent(Connection& db, std::string_view id, Instant now) {
    // Recorded whoever holds the claim now: the message has left, and that is what counts.
    auto changed = TRY(db.execute("UPDATE outbox SET status = 'sent', sent_at = ?, claimed_by = NULL, "
                                  "claimed_until = NULL, last_error = NULL WHERE id = ? AND status <> 'sent'",
                                  {format_utc(now), std::string(id)}));
    return changed == 1;
}

Status mark_mail_retry(Connection& db, std::string_view id, std::string_view worker, std::string_view error,
                       Instant next_attempt, bool give_up) {
    // Only the holder of the claim records its failure: had the lease run out and another server
    // taken over (and perhaps sent it), this late failure must not undo that.
    TRY(db.execute("UPDATE outbox SET status = ?, next_attempt_at = ?, last_error = ?, claimed_by = NULL, "
                   "claimed_until = NULL WHERE id = ? AND status = 'sending' AND claimed_by = ?",
                   {std::string(give_up ? "failed" : "queued"), format_utc(next_attempt), std::string(error),
                    std::string(id), std::string(worker)}));
    return {};
}

Status release_mail(Connection& db, std::string_view id, std::string_view worker) {
    TRY(db.execute("UPDATE outbox SET status = 'queued', attempts = attempts - 1, claimed_by = NULL, "
                   "claimed_until = NULL WHERE id = ? AND status = 'sending' AND claimed_by = ?",
                   {std::string(id), std::string(worker)}));
    return {};
}

Result<bool> requeue_mail(Connection& db, std::string_view id, Instant now) {
    auto changed = TRY(db.execute("UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = ?, "
                                  "claimed_by = NULL, claimed_until = NULL WHERE id = ? AND status IN ('failed', 'queued')",
                                  {format_utc(now), std::string(id)}));
    return changed == 1;
}

Result<std::vector<OutboxMessage>> list_outbox(Connection& db, const OutboxQuery& query) {
    if (query.org_ids.empty()) return std::vector<OutboxMessage>();
    std::vector<Value> params(query.org_ids.begin(), query.org_ids.end());
    std::string sql = std::string("SELECT ") + k_summary_columns + " FROM outbox WHERE org_id IN (" +
                      placeholders(query.org_ids.size()) + ")";
    if (!query.incident_id.empty()) {
        sql += " AND incident_id = ?";
        params.emplace_back(query.incident_id);
    }
    sql += " ORDER BY created_at DESC, id LIMIT ?";
    params.emplace_back(static_cast<int64_t>(query.limit));
    std::vector<OutboxMessage> out;
    for (const auto& row : TRY(db.query(sql, params))) out.push_back(read_summary(row));
    return out;
}

Result<std::optional<OutboxMessage>> find_outbox_message(Connection& db, std::string_view id) {
    auto rows = TRY(db.query(std::string("SELECT ") + k_summary_columns + " FROM outbox WHERE id = ?", {std::string(id)}));
    if (rows.empty()) return std::optional<OutboxMessage>();
    return std::optional<OutboxMessage>(read_summary(rows.front()));
}

Result<int64_t> count_mail_with_key_prefix(Connection& db, std::string_view prefix) {
    auto rows = TRY(db.query("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE ?", {std::string(prefix) + "%"}));
    return rows.front().integer(0);
}

} // namespace skydda::storage
