// Notifications as sent (table `notifications`) and the drafts of the notification to IMY and
// its supplements (table `notification_drafts`). A sent notification is never updated: its
// document and its lateness are frozen at recording.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "util/time.hpp"

namespace skydda::storage {

struct NotificationRecord {
    std::string id, incident_id;
    std::string recipient;          // imy | controller | subjects | public
    int64_t phase = 0;              // 0: the notification; 1, 2, ...: supplements (per recipient)
    Instant submitted_at{};
    std::string authority_reference; // IMY's case number
    std::string our_reference;       // our case (registry) number by default
    int64_t seconds_after_awareness = 0;
    bool late = false;
    std::string late_reason;
    bool supplement_promised = false;
    std::string supplement_reason;
    std::optional<Instant> supplement_due_at;
    std::string details_json;  // {"fields": {key: value} as sent, "details": {...}, ...}
    std::string document_json; // the document as sent (doc::render_json), "{}" when none
    std::string created_by;
    Instant created_at{};
};

Status insert_notification(Connection& db, const NotificationRecord& record);
// Oldest first (by recipient's phase order within the same submission time).
Result<std::vector<NotificationRecord>> list_notifications(Connection& db, std::string_view incident_id);

struct NotificationDraftRecord {
    std::string incident_id;
    int64_t phase = 0;
    std::string fields_json = "{}";
    int64_t version = 0; // 0: no draft stored yet
    std::string updated_by;
    Instant updated_at{};
};

Result<std::optional<NotificationDraftRecord>> find_notification_draft(Connection& db, std::string_view incident_id,
                                                                       int64_t phase);
// Stores the draft when its stored version still equals `expected_version` (0: none stored
// yet); returns false when someone else saved it meanwhile. The stored version becomes
// expected_version + 1.
Result<bool> save_notification_draft(Connection& db, const NotificationDraftRecord& draft, int64_t expected_version);

} // namespace skydda::storage
