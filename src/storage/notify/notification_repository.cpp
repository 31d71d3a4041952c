#include "storage/notify/notification_repository.hpp"

namespace skydda::storage {
namespace {

constexpr const char* k_notification_select =
    "SELECT id, incident_id, recipient, phase, submitted_at, authority_reference, our_reference, "
    "seconds_after_awareness, late, late_reason, supplement_promised, supplement_reason, supplement_due_at, "
    "details_json, document_json, created_by, created_at FROM notifications ";

NotificationRecord read_notification(const Row& row) {
    NotificationRecord r;
    r.id = row.text(0);
    r.incident_id = row.text(1);
    r.recipient = row.text(2);
    r.phase = row.integer(3);
    r.submitted_at = row.time(4);
    r.authority_reference = row.text(5);
    r.our_reference = row.text(6);
    r.seconds_after_awareness = row.integer(7);
    r.late = row.integer(8) != 0;
    r.late_reason = row.text(9);
    r.supplement_promised = row.integer(10) != 0;
    r.supplement_reason = row.text(11);
    r.supplement_due_at = row.optional_time(12);
    r.details_json = row.text(13);
    r.document_json = row.text(14);
    r.created_by = row.text(15);
    r.created_at = row.time(16);
    return r;
}

} // namespace

Status insert_notification(Connection& db, const NotificationRecord& r) {
    TRY(db.execute("INSERT INTO notifications (id, incident_id, recipient, phase, submitted_at, authority_reference, "
                   "our_reference, seconds_after_awareness, late, late_reason, supplement_promised, supplement_reason, "
                   "supplement_due_at, details_json, document_json, created_by, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {r.id, r.incident_id, r.recipient, r.phase, format_utc(r.submitted_at),
                    text_or_null(r.authority_reference), r.our_reference, r.seconds_after_awareness,
                    int64_t{r.late ? 1 : 0}, text_or_null(r.late_reason), int64_t{r.supplement_promised ? 1 : 0},
                    text_or_null(r.supplement_reason), time_or_null(r.supplement_due_at), r.details_json,
                    r.document_json, text_or_null(r.created_by), format_utc(r.created_at)}));
    return {};
}

Result<std::vector<NotificationRecord>> list_notifications(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query(std::string(k_notification_select) +
                                 "WHERE incident_id = ? ORDER BY created_at, recipient, phase, id",
                             {std::string(incident_id)}));
    std::vector<NotificationRecord> out;
    for (const auto& row : rows) out.push_back(read_notification(row));
    return out;
}

Result<std::optional<NotificationDraftRecord>> find_notification_draft(Connection& db, std::string_view incident_id,
                                                                       int64_t phase) {
    auto rows = TRY(db.query("SELECT incident_id, phase, fields_json, version, updated_by, updated_at "
                             "FROM notification_drafts WHERE incident_id = ? AND phase = ?",
                             {std::string(incident_id), phase}));
    if (rows.empty()) return std::optional<NotificationDraftRecord>();
    const auto& row = rows[0];
    return std::optional<NotificationDraftRecord>(NotificationDraftRecord{
        row.text(0), row.integer(1), row.text(2), row.integer(3), row.text(4), row.time(5)});
}

Result<bool> save_notification_draft(Connection& db, const NotificationDraftRecord& d, int64_t expected_version) {
    if (expected_version == 0) {
        if (TRY(find_notification_draft(db, d.incident_id, d.phase))) return false;
        TRY(db.execute("INSERT INTO notification_drafts (incident_id, phase, fields_json, version, updated_by, "
                       "updated_at) VALUES (?, ?, ?, 1, ?, ?)",
                       {d.incident_id, d.phase, d.fields_json, text_or_null(d.updated_by), format_utc(d.updated_at)}));
        return true;
    }
    auto changed = TRY(db.execute("UPDATE notification_drafts SET fields_json = ?, version = ?, updated_by = ?, "
                                  "updated_at = ? WHERE incident_id = ? AND phase = ? AND version = ?",
                                  {d.fields_json, expected_version + 1, text_or_null(d.updated_by),
                                   format_utc(d.updated_at), d.incident_id, d.phase, expected_version}));
    return changed == 1;
}

} // namespace skydda::storage
