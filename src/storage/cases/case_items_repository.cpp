// The items of a case file: notes, tasks, questions and attachments (the attachments' names and
// content encrypted at rest), and a person's saved views of the case register.
#include "storage/cases/case_search.hpp"
#include "storage/data_keys.hpp"
#include "storage/repositories.hpp"

namespace skydda::storage {

Status insert_saved_view(Connection& db, const SavedView& view) {
    TRY(db.execute("INSERT INTO saved_views (id, user_id, name, query, created_at) VALUES (?, ?, ?, ?, ?)",
                   {view.id, view.user_id, view.name, view.query, format_utc(view.created_at)}));
    return {};
}

Result<std::vector<SavedView>> list_saved_views(Connection& db, std::string_view user_id) {
    std::vector<SavedView> out;
    for (const auto& row : TRY(db.query("SELECT id, user_id, name, query, created_at FROM saved_views WHERE user_id = ? "
                                        "ORDER BY name, id",
                                        {std::string(user_id)})))
        out.push_back({row.text(0), row.text(1), row.text(2), row.text(3), row.time(4)});
    return out;
}

Result<bool> delete_saved_view(Connection& db, std::string_view id, std::string_view user_id) {
    auto changed = TRY(db.execute("DELETE FROM saved_views WHERE id = ? AND user_id = ?",
                                  {std::string(id), std::string(user_id)}));
    return changed == 1;
}

Status insert_note(Connection& db, const Note& note) {
    TRY(db.execute("INSERT INTO notes (id, incident_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)",
                   {note.id, note.incident_id, note.author_id, note.body, format_utc(note.created_at)}));
    // The note's words are searched with the case's.
    if (auto incident = TRY(find_incident(db, note.incident_id))) TRY_STATUS(index_case(db, *incident));
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
