// The durable e-mail outbox (table `outbox`). A use case queues a message in its own
// transaction, so a message exists exactly when the change that caused it was committed; the
// delivery worker claims due messages, sends them over SMTP and records the outcome.
#pragma once
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

} // namespace skydda::storage
