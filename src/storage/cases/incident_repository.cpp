// Incidents and the items of their case files.
#include <boost/json.hpp>

#include "storage/data_keys.hpp"
#include "domain/facts_json.hpp"
#include "storage/repositories.hpp"

namespace skydda::storage {
namespace {

constexpr const char* k_incident_columns =
    "id, org_id, case_number, status, version, facts_json, reported_at, registered_at, updated_at, reporter_id, "
    "handler_id, status_reason";

Result<domain::Incident> read_incident(const Row& row) {
    domain::Incident incident;
    incident.id = row.text(0);
    incident.org_id = row.text(1);
    incident.case_number = row.text(2);
    incident.status = domain::parse_status(row.text(3)).value_or(domain::CaseStatus::reported);
    incident.version = row.integer(4);
    boost::system::error_code ec;
    auto parsed = boost::json::parse(row.text(5), ec);
    if (ec || !parsed.is_object()) return fail(Error::internal("stored facts of " + incident.id + " are not JSON"));
    incident.facts = TRY(domain::facts_from_json(parsed.get_object()));
    incident.reported_at = row.time(6);
    incident.registered_at = row.optional_time(7);
    incident.updated_at = row.time(8);
    incident.reporter_id = row.text(9);
    incident.handler_id = row.text(10);
    incident.status_reason = row.text(11);
    return incident;
}

std::vector<Value> incident_values(const domain::Incident& incident) {
    return {std::string(domain::status_name(incident.status)),
            incident.facts.title,
            boost::json::serialize(domain::facts_to_json(incident.facts)),
            time_or_null(incident.facts.aware_at),
            time_or_null(incident.registered_at),
            format_utc(incident.updated_at),
            text_or_null(incident.handler_id),
            text_or_null(incident.status_reason)};
}

} // namespace

Result<int64_t> next_registry_sequence(Connection& db, std::string_view org_id, int year) {
    // Runs inside the report's write transaction: a rolled-back report gives its number back,
    // so the sequence has no gaps, and two reports can never draw the same number.
    auto changed = TRY(db.execute("UPDATE registry_counters SET last_sequence = last_sequence + 1 "
                                  "WHERE org_id = ? AND year = ?",
                                  {std::string(org_id), static_cast<int64_t>(year)}));
    if (changed == 0) {
        TRY(db.execute("INSERT INTO registry_counters (org_id, year, last_sequence) VALUES (?, ?, 1)",
                       {std::string(org_id), static_cast<int64_t>(year)}));
        return 1;
    }
    auto rows = TRY(db.query("SELECT last_sequence FROM registry_counters WHERE org_id = ? AND year = ?",
                             {std::string(org_id), static_cast<int64_t>(year)}));
    return rows.at(0).integer(0);
}

Status insert_incident(Connection& db, const domain::Incident& incident) {
    auto values = incident_values(incident);
    std::vector<Value> params = {incident.id, incident.org_id, incident.case_number, incident.version,
                                 format_utc(incident.reported_at), incident.reporter_id};
    params.insert(params.end(), values.begin(), values.end());
    TRY(db.execute("INSERT INTO incidents (id, org_id, case_number, version, reported_at, reporter_id, status, title, "
                   "facts_json, aware_at, registered_at, updated_at, handler_id, status_reason) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   params));
    return {};
}

Result<std::optional<domain::Incident>> find_incident(Connection& db, std::string_view id) {
    auto rows =
        TRY(db.query(std::string("SELECT ") + k_incident_columns + " FROM incidents WHERE id = ?", {std::string(id)}));
    if (rows.empty()) return std::optional<domain::Incident>();
    return std::optional<domain::Incident>(TRY(read_incident(rows[0])));
}

Result<bool> update_incident(Connection& db, const domain::Incident& incident, int64_t expected_version) {
    auto params = incident_values(incident);
    params.push_back(incident.id);
    params.push_back(expected_version);
    auto changed = TRY(db.execute("UPDATE incidents SET status = ?, title = ?, facts_json = ?, aware_at = ?, "
                                  "registered_at = ?, updated_at = ?, handler_id = ?, status_reason = ?, "
                                  "version = version + 1 WHERE id = ? AND version = ?",
                                  params));
    return changed == 1;
}

Result<std::vector<domain::Incident>> list_incidents(Connection& db, const IncidentFilter& filter) {
    std::string sql = std::string("SELECT ") + k_incident_columns + " FROM incidents WHERE ";
    std::vector<Value> params;
    if (!filter.reporter_id.empty()) {
        sql += "reporter_id = ?";
        params.emplace_back(filter.reporter_id);
    } else {
        if (filter.org_ids.empty()) return std::vector<domain::Incident>();
        sql += "org_id IN (";
        for (size_t i = 0; i < filter.org_ids.size(); ++i) {
            sql += i ? ", ?" : "?";
            params.emplace_back(filter.org_ids[i]);
        }
        sql += ")";
    }
    if (filter.status) {
        sql += " AND status = ?";
        params.emplace_back(std::string(domain::status_name(*filter.status)));
    }
    // The urgency order of domain::more_urgent over every matching case (migration 14): an
    // open duty by its due time, a decided one first on a tie, then open duties without a due
    // time, then the rest by recency. Not yet computed (NULL) sorts first, so it is never lost.
    sql += " ORDER BY COALESCE(due_rank, 0), COALESCE(due_at, ''), COALESCE(due_decided, 1) DESC, updated_at DESC, id "
           "LIMIT ?";
    params.emplace_back(static_cast<int64_t>(filter.limit));
    auto rows = TRY(db.query(sql, params));
    std::vector<domain::Incident> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(TRY(read_incident(row)));
    return out;
}

Status insert_note(Connection& db, const Note& note) {
    TRY(db.execute("INSERT INTO notes (id, incident_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)",
                   {note.id, note.incident_id, note.author_id, note.body, format_utc(note.created_at)}));
    return {};
}

Result<std::vector<Note>> list_notes(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query("SELECT n.id, n.incident_id, n.author_id, u.name, n.body, n.created_at FROM notes n "
                             "JOIN users u ON u.id = n.author_id WHERE n.incident_id = ? ORDER BY n.created_at, n.id",
                             {std::string(incident_id)}));
    std::vector<Note> out;
    for (const auto& row : rows)
        out.push_back(Note{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.time(5)});
    return out;
}

namespace {
constexpr const char* k_task_select =
    "SELECT t.id, t.incident_id, t.title, t.assignee_id, u.name, t.created_by, t.due_at, t.done_at, t.created_at "
    "FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id ";
Task read_task(const Row& row) {
    return Task{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5),
                row.optional_time(6), row.optional_time(7), row.time(8)};
}
constexpr const char* k_question_select =
    "SELECT q.id, q.incident_id, q.asked_by, u.name, q.question, q.answer, q.asked_at, q.answered_at "
    "FROM questions q JOIN users u ON u.id = q.asked_by ";
Question read_question(const Row& row) {
    return Question{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5),
                    row.time(6), row.optional_time(7)};
}
} // namespace

Status insert_task(Connection& db, const Task& task) {
    TRY(db.execute("INSERT INTO tasks (id, incident_id, title, assignee_id, due_at, done_at, created_by, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   {task.id, task.incident_id, task.title, text_or_null(task.assignee_id), time_or_null(task.due_at),
                    time_or_null(task.done_at), task.created_by, format_utc(task.created_at)}));
    return {};
}

Result<std::optional<Task>> find_task(Connection& db, std::string_view task_id) {
    auto rows = TRY(db.query(std::string(k_task_select) + "WHERE t.id = ?", {std::string(task_id)}));
    if (rows.empty()) return std::optional<Task>();
    return std::optional<Task>(read_task(rows[0]));
}

Status set_task_done(Connection& db, std::string_view task_id, std::optional<Instant> done_at) {
    TRY(db.execute("UPDATE tasks SET done_at = ? WHERE id = ?", {time_or_null(done_at), std::string(task_id)}));
    return {};
}

Result<std::vector<Task>> list_tasks(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query(std::string(k_task_select) + "WHERE t.incident_id = ? ORDER BY t.done_at IS NOT NULL, "
                                                          "t.due_at IS NULL, t.due_at, t.created_at",
                             {std::string(incident_id)}));
    std::vector<Task> out;
    for (const auto& row : rows) out.push_back(read_task(row));
    return out;
}

Status insert_question(Connection& db, const Question& question) {
    TRY(db.execute("INSERT INTO questions (id, incident_id, asked_by, question, asked_at) VALUES (?, ?, ?, ?, ?)",
                   {question.id, question.incident_id, question.asked_by, question.question,
                    format_utc(question.asked_at)}));
    return {};
}

Result<std::optional<Question>> find_question(Connection& db, std::string_view question_id) {
    auto rows = TRY(db.query(std::string(k_question_select) + "WHERE q.id = ?", {std::string(question_id)}));
    if (rows.empty()) return std::optional<Question>();
    return std::optional<Question>(read_question(rows[0]));
}

Status answer_question(Connection& db, std::string_view question_id, std::string_view answer, Instant at) {
    TRY(db.execute("UPDATE questions SET answer = ?, answered_at = ? WHERE id = ?",
                   {std::string(answer), format_utc(at), std::string(question_id)}));
    return {};
}

Result<std::vector<Question>> list_questions(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query(std::string(k_question_select) + "WHERE q.incident_id = ? ORDER BY q.asked_at, q.id",
                             {std::string(incident_id)}));
    std::vector<Question> out;
    for (const auto& row : rows) out.push_back(read_question(row));
    return out;
}

// The name and the content are encrypted at rest (storage/data_keys.hpp); size and hash are not.
Status insert_attachment(Connection& db, const Attachment& a) {
    auto sealer = TRY(RowSealer::for_incident(db, a.incident_id));
    TRY(db.execute("INSERT INTO attachments (id, incident_id, filename, content_type, size, blake2b, data, "
                   "uploaded_by, uploaded_at, data_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {a.id, a.incident_id, sealer.seal_text("attachments", "filename", a.id, a.filename), a.content_type,
                    a.size, a.blake2b, sealer.seal_blob("attachments", "data", a.id, a.data), a.uploaded_by,
                    format_utc(a.uploaded_at), sealer.key_id()}));
    return {};
}

namespace {

constexpr const char* k_attachment_select =
    "SELECT t.id, t.incident_id, t.filename, t.content_type, t.blake2b, t.uploaded_by, t.size, t.uploaded_at, "
    "t.data_key_id, i.org_id";

Result<Attachment> read_attachment(RowOpener& opener, const Row& row, bool with_data) {
    const auto id = row.text(0), key = row.text(8), org = row.text(9);
    auto filename = TRY(opener.open_text(org, key, "attachments", "filename", id, row.optional_text(2)));
    Attachment attachment{id, row.text(1), std::move(filename),
                          row.text(3), row.text(4), row.text(5), row.integer(6), row.time(7), {}};
    if (with_data) attachment.data = TRY(opener.open(org, key, "attachments", "data", id, row.blob(10)));
    return attachment;
}

} // namespace

Result<std::vector<Attachment>> list_attachments(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query(std::string(k_attachment_select) +
                                 " FROM attachments t JOIN incidents i ON i.id = t.incident_id WHERE t.incident_id = ? "
                                 "ORDER BY t.uploaded_at, t.id",
                             {std::string(incident_id)}));
    RowOpener opener(db);
    std::vector<Attachment> out;
    for (const auto& row : rows) out.push_back(TRY(read_attachment(opener, row, false)));
    return out;
}

Result<std::optional<Attachment>> find_attachment(Connection& db, std::string_view attachment_id) {
    auto rows = TRY(db.query(std::string(k_attachment_select) +
                                 ", t.data FROM attachments t JOIN incidents i ON i.id = t.incident_id WHERE t.id = ?",
                             {std::string(attachment_id)}));
    if (rows.empty()) return std::optional<Attachment>();
    RowOpener opener(db);
    return std::optional<Attachment>(TRY(read_attachment(opener, rows[0], true)));
}

Status insert_inbox_notification(Connection& db, const InboxNotification& n) {
    TRY(db.execute("INSERT INTO inbox_notifications (id, user_id, incident_id, kind, created_at) VALUES (?, ?, ?, ?, ?)",
                   {n.id, n.user_id, n.incident_id, n.kind, format_utc(n.created_at)}));
    return {};
}

Result<std::vector<InboxNotification>> list_inbox(Connection& db, std::string_view user_id, size_t limit) {
    auto rows = TRY(db.query("SELECT n.id, n.user_id, n.incident_id, n.kind, i.case_number, i.title, n.created_at, "
                             "n.read_at FROM inbox_notifications n JOIN incidents i ON i.id = n.incident_id "
                             "WHERE n.user_id = ? ORDER BY n.created_at DESC LIMIT ?",
                             {std::string(user_id), static_cast<int64_t>(limit)}));
    std::vector<InboxNotification> out;
    for (const auto& row : rows)
        out.push_back(InboxNotification{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5),
                                        row.time(6), !row.is_null(7)});
    return out;
}

Result<bool> has_unread_inbox(Connection& db, std::string_view user_id, std::string_view incident_id) {
    auto rows = TRY(db.query("SELECT 1 FROM inbox_notifications WHERE user_id = ? AND incident_id = ? AND read_at IS NULL "
                             "LIMIT 1",
                             {std::string(user_id), std::string(incident_id)}));
    return !rows.empty();
}

Status mark_inbox_read(Connection& db, std::string_view user_id, std::string_view incident_id, Instant at) {
    TRY(db.execute("UPDATE inbox_notifications SET read_at = ? WHERE user_id = ? AND incident_id = ? AND read_at IS NULL",
                   {format_utc(at), std::string(user_id), std::string(incident_id)}));
    return {};
}

} // namespace skydda::storage
