// The durable e-mail outbox (table `outbox`). A use case queues a message in its own
// transaction, so a message exists exactly when the change that caused it was committed; the
// delivery worker claims due messages, sends them over SMTP and records the outcome.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "util/time.hpp"

namespace skydda::storage {

struct OutboxMessage {
    std::string id;
    std::string org_id;
    std::string incident_id;     // empty when the message is about no case
    std::string kind;            // "alert.reported", "reminder.imy", "letter", "processor.notice", ...
    std::string dedupe_key;      // empty: none; otherwise at most one message per key, ever
    std::string to_address;
    std::string subject;
    std::string body;            // text/plain, UTF-8
    std::string attachment_name; // empty: no attachment
    std::string attachment;      // bytes (a PDF)
    std::string status = "queued"; // queued | sending | sent | failed
    int64_t attempts = 0;
    Instant next_attempt_at{};
    std::string claimed_by;
    std::optional<Instant> claimed_until;
    std::string last_error;
    Instant created_at{};
    std::optional<Instant> sent_at;
};

// Queues `message` (status queued, due at `next_attempt_at`) in the caller's transaction.
// Returns false, writing nothing, when a message with the same non-empty dedupe key exists.
Result<bool> enqueue_mail(Connection& db, const OutboxMessage& message);

// Delivery (the worker in app/mail/mail_delivery.cpp). Claims up to `limit` messages that are due
// (queued with next_attempt_at <= now) or whose lease ran out (status sending, claimed_until
// <= now: the server that claimed them died while sending). A claim sets status 'sending',
// claimed_by = `worker`, claimed_until = now + lease, and counts the attempt. Safe across
// servers: on PostgreSQL the rows are locked FOR UPDATE SKIP LOCKED in the claim transaction,
// and every claim is a conditional UPDATE that only one transaction can win; on SQLite the
// single writer does the same.
Result<std::vector<OutboxMessage>> claim_due_mail(Connection& db, Instant now, std::string_view worker,
                                                  std::chrono::seconds lease, size_t limit);
// Records delivery. Returns false when the message was already recorded as sent.
Result<bool> mark_mail_sent(Connection& db, std::string_view id, Instant now);
// Records a failed attempt: queued again at `next_attempt`, or 'failed' when `give_up`.
Status mark_mail_retry(Connection& db, std::string_view id, std::string_view worker, std::string_view error,
                       Instant next_attempt, bool give_up);
// Gives back a claim that was never tried (clean shutdown): queued again, the attempt uncounted.
Status release_mail(Connection& db, std::string_view id, std::string_view worker);
// Puts a failed (or queued) message back in the queue now, with its attempts reset.
Result<bool> requeue_mail(Connection& db, std::string_view id, Instant now);

// Messages whose dedupe key starts with `prefix` (a reminder's key, one message per person).
Result<int64_t> count_mail_with_key_prefix(Connection& db, std::string_view prefix);

// What the status pages show: everything but the body and the attachment.
struct OutboxQuery {
    std::vector<std::string> org_ids; // required: only these organisations' messages
    std::string incident_id;          // empty: every case
    size_t limit = 200;
};
Result<std::vector<OutboxMessage>> list_outbox(Connection& db, const OutboxQuery& query);
Result<std::optional<OutboxMessage>> find_outbox_message(Connection& db, std::string_view id); // without body

} // namespace skydda::storage
