// Notes, tasks, questions to the reporter, attachments and the personal inbox.
#include <boost/json.hpp>
#include <map>

#include "app/app.hpp"
#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"
#include "util/text.hpp"

namespace skydda::app {
using storage::Connection;
using storage::TxMode;

namespace {

std::string json_of(std::initializer_list<std::pair<std::string_view, std::string>> fields) {
    boost::json::object out;
    for (const auto& [key, value] : fields) out[key] = value;
    return boost::json::serialize(out);
}

// Only what is safe to serve back and to save under: one plain name (not "." or "..", no path
// separator), free text on one line (text::check_free_text, and no tab or line feed), no
// bidirectional override or isolate, bounded. Quotes are dropped: they are harmless in the
// percent-encoded Content-Disposition but confuse a careless copy of the name into a header.
Result<std::string> clean_filename(std::string_view name) {
    std::string out;
    for (char c : name)
        if (c != '"') out += c;
    auto trimmed = text::trim(out);
    if (trimmed.empty()) return fail(Error::invalid("file", "has no file name"));
    if (trimmed == "." || trimmed == "..") return fail(Error::invalid("file", "has a file name that is . or .."));
    if (out.find_first_of("/\\") != std::string::npos)
        return fail(Error::invalid("file", "has a file name with a path separator (/ or \\)"));
    TRY_STATUS(text::check_free_text("file", out, 200));
    if (out.find_first_of("\t\n") != std::string::npos)
        return fail(Error::invalid("file", std::string(text::k_control_character_error) + " (a tab or line break)"));
    if (text::has_bidi_control(out))
        return fail(Error::invalid("file", "has a file name with a bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069)"));
    return out;
}

// Content types are not trusted from the browser; attachments are always served for download.
std::string safe_content_type(std::string_view declared) {
    static constexpr std::string_view k_known[] = {"application/pdf", "image/png", "image/jpeg", "text/plain",
                                                   "text/csv", "message/rfc822",
                                                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    for (auto type : k_known)
        if (declared == type) return std::string(type);
    return "application/octet-stream";
}

} // namespace

Result<domain::Note> App::add_note(const Actor& actor, std::string_view incident_id, std::string_view body) {
    TRY_STATUS(check_text_field("body", body, k_note_max, true));
    return storage::transact_value<domain::Note>(m_database, TxMode::write, [&](Connection& db) -> Result<domain::Note> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::write_notes));
        domain::Note note{crypto::new_id(), incident.id, actor.user_id, actor.name, std::string(body), m_clock.now()};
        TRY_STATUS(storage::insert_note(db, note));
        TRY_STATUS(audit_change(db, m_clock, &actor,
                                {"note.add", "incident", incident.id, incident.org_id, "", json_of({{"note", note.id}, {"body", note.body}})}));
        return note;
    });
}

Result<std::vector<domain::Note>> App::notes(const Actor& actor, std::string_view incident_id) {
    std::string org_id;
    auto notes = TRY(storage::transact_value<std::vector<domain::Note>>(
        m_database, TxMode::read, [&](Connection& db) -> Result<std::vector<domain::Note>> {
            auto [incident, view] = TRY(load_visible(db, actor, incident_id));
            if (view != CaseView::full) return fail(Error::denied());
            org_id = incident.org_id;
            return storage::list_notes(db, incident.id);
        }));
    record_read(&actor, {org_id, "note.read", "incident", std::string(incident_id), read_count("notes", notes.size())});
    return notes;
}

Result<domain::Task> App::add_task(const Actor& actor, std::string_view incident_id, const NewTask& input) {
    TRY_STATUS(check_text_field("title", input.title, k_task_title_max, true));
    return storage::transact_value<domain::Task>(m_database, TxMode::write, [&](Connection& db) -> Result<domain::Task> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::manage_tasks));
        domain::Task task;
        if (!input.assignee_id.empty()) {
            // Only someone who reads the whole case: the task, its inbox note and its title would
            // otherwise tell a reporter or an administrator about a case they may not see.
            auto user = TRY(storage::find_user(db, input.assignee_id));
            if (!user) return fail(Error::invalid("assignee", "no such person in the case's organisation"));
            auto memberships = TRY(storage::memberships_of(db, user->id)); // not inside the braces: see render_json.cpp
            Actor assignee{user->id, user->name, user->email, user->language, std::move(memberships)};
            if (!assignee.member_of(incident.org_id))
                return fail(Error::invalid("assignee", "no such person in the case's organisation"));
            if (!assignee.allows(incident.org_id, domain::Action::read_all_cases))
                return fail(Error::invalid("assignee", "must be someone who may read the case (not a reporter or "
                                                       "an administrator only)"));
            task.assignee_name = user->name;
        }
        task.id = crypto::new_id();
        task.incident_id = incident.id;
        task.title = std::string(text::trim(input.title));
        task.assignee_id = input.assignee_id;
        task.due_at = input.due_at;
        task.created_by = actor.user_id;
        task.created_at = m_clock.now();
        TRY_STATUS(storage::insert_task(db, task));
        if (!task.assignee_id.empty() && task.assignee_id != actor.user_id)
            TRY_STATUS(storage::insert_inbox_notification(
                db, {crypto::new_id(), task.assignee_id, incident.id, "task", {}, {}, m_clock.now(), false}));
        TRY_STATUS(audit_change(db, m_clock, &actor,
                                {"task.add", "incident", incident.id, incident.org_id, "",
                                 json_of({{"task", task.id}, {"title", task.title}, {"assignee", task.assignee_id},
                                          {"due_at", task.due_at ? format_utc(*task.due_at) : ""}})}));
        return task;
    });
}

Result<domain::Task> App::set_task_done(const Actor& actor, std::string_view task_id, bool done,
                                         std::string_view incident_id) {
    return storage::transact_value<domain::Task>(m_database, TxMode::write, [&](Connection& db) -> Result<domain::Task> {
        auto task = TRY(storage::find_task(db, task_id));
        if (!task || (!incident_id.empty() && task->incident_id != incident_id)) return fail(not_in_case());
        auto incident = TRY(load_for(db, actor, task->incident_id, domain::Action::manage_tasks));
        std::optional<Instant> done_at;
        if (done) done_at = m_clock.now();
        TRY_STATUS(storage::set_task_done(db, task->id, done_at));
        task->done_at = done_at;
        TRY_STATUS(audit_change(db, m_clock, &actor,
                                {done ? "task.done" : "task.reopen", "incident", incident.id, incident.org_id, "",
                                 json_of({{"task", task->id}})}));
        return *task;
    });
}

Result<std::vector<domain::Task>> App::tasks(const Actor& actor, std::string_view incident_id) {
    std::string org_id;
    auto tasks = TRY(storage::transact_value<std::vector<domain::Task>>(
        m_database, TxMode::read, [&](Connection& db) -> Result<std::vector<domain::Task>> {
            auto [incident, view] = TRY(load_visible(db, actor, incident_id));
            if (view != CaseView::full) return fail(Error::denied());
            org_id = incident.org_id;
            return storage::list_tasks(db, incident.id);
        }));
    record_read(&actor, {org_id, "task.read", "incident", std::string(incident_id), read_count("tasks", tasks.size())});
    return tasks;
}

Result<std::vector<domain::Question>> App::questions(const Actor& actor, std::string_view incident_id) {
    std::string org_id;
    auto questions = TRY(storage::transact_value<std::vector<domain::Question>>(
        m_database, TxMode::read, [&](Connection& db) -> Result<std::vector<domain::Question>> {
            auto [incident, view] = TRY(load_visible(db, actor, incident_id)); // the reporter sees them too
            (void)view;
            org_id = incident.org_id;
            return storage::list_questions(db, incident.id);
        }));
    record_read(&actor, {org_id, "question.read", "incident", std::string(incident_id),
                         read_count("questions", questions.size())});
    return questions;
}

Result<domain::Question> App::ask_reporter(const Actor& actor, std::string_view incident_id, std::string_view text) {
    TRY_STATUS(check_text_field("question", text, 4000, true));
    return storage::transact_value<domain::Question>(
        m_database, TxMode::write, [&](Connection& db) -> Result<domain::Question> {
            auto incident = TRY(load_for(db, actor, incident_id, domain::Action::ask_reporter));
            domain::Question question{crypto::new_id(), incident.id, actor.user_id, actor.name, std::string(text), {},
                                       m_clock.now(), std::nullopt};
            TRY_STATUS(storage::insert_question(db, question));
            TRY_STATUS(storage::insert_inbox_notification(
                db, {crypto::new_id(), incident.reporter_id, incident.id, "question", {}, {}, m_clock.now(), false}));
            TRY_STATUS(audit_change(db, m_clock, &actor,
                                    {"question.ask", "incident", incident.id, incident.org_id, "",
                                     json_of({{"question", question.id}, {"text", question.question}})}));
            return question;
        });
}

Result<domain::Question> App::answer_question(const Actor& actor, std::string_view question_id,
                                               std::string_view answer, std::string_view incident_id) {
    TRY_STATUS(check_text_field("answer", answer, 8000, true));
    return storage::transact_value<domain::Question>(
        m_database, TxMode::write, [&](Connection& db) -> Result<domain::Question> {
            auto question = TRY(storage::find_question(db, question_id));
            if (!question || (!incident_id.empty() && question->incident_id != incident_id)) return fail(not_in_case());
            auto [incident, view] = TRY(load_visible(db, actor, question->incident_id));
            (void)view;
            // The reporter answers; a case worker may record an answer given by phone.
            if (incident.reporter_id != actor.user_id && !actor.allows(incident.org_id, domain::Action::ask_reporter))
                return fail(Error::denied());
            if (question->answered_at) return fail(Error::conflict("the question has already been answered"));
            TRY_STATUS(storage::answer_question(db, question->id, answer, m_clock.now()));
            question->answer = std::string(answer);
            question->answered_at = m_clock.now();
            TRY_STATUS(storage::insert_inbox_notification(
                db, {crypto::new_id(), question->asked_by, incident.id, "answer", {}, {}, m_clock.now(), false}));
            TRY_STATUS(audit_change(db, m_clock, &actor,
                                    {"question.answer", "incident", incident.id, incident.org_id, "",
                                     json_of({{"question", question->id}, {"answer", question->answer}})}));
            return *question;
        });
}

Result<domain::Attachment> App::add_attachment(const Actor& actor, std::string_view incident_id,
                                                const NewAttachment& input) {
    if (input.data.empty()) return fail(Error::invalid("file", "is empty"));
    if (input.data.size() > k_attachment_max_bytes) return fail(Error::invalid("file", "must be at most 10 MB"));
    auto filename = TRY(clean_filename(input.filename));
    return storage::transact_value<domain::Attachment>(
        m_database, TxMode::write, [&](Connection& db) -> Result<domain::Attachment> {
            auto [incident, view] = TRY(load_visible(db, actor, incident_id));
            bool own_report = incident.reporter_id == actor.user_id;
            if (!own_report && !actor.allows(incident.org_id, domain::Action::upload_attachment))
                return fail(Error::denied());
            domain::Attachment attachment{crypto::new_id(), incident.id, filename,
                                           safe_content_type(input.content_type), crypto::hash_hex(input.data),
                                           actor.user_id, static_cast<int64_t>(input.data.size()), m_clock.now(),
                                           input.data};
            TRY_STATUS(storage::insert_attachment(db, attachment));
            TRY_STATUS(audit_change(db, m_clock, &actor,
                                    {"attachment.add", "incident", incident.id, incident.org_id, "",
                                     json_of({{"attachment", attachment.id}, {"filename", filename},
                                              {"blake2b", attachment.blake2b},
                                              {"size", std::to_string(attachment.size)}})}));
            attachment.data.clear();
            return attachment;
        });
}

Result<domain::Attachment> App::get_attachment(const Actor& actor, std::string_view attachment_id,
                                                std::string_view incident_id) {
    auto attachment = TRY(storage::transact_value<domain::Attachment>(
        m_database, TxMode::read, [&](Connection& db) -> Result<domain::Attachment> {
            auto found = TRY(storage::find_attachment(db, attachment_id));
            if (!found || (!incident_id.empty() && found->incident_id != incident_id)) return fail(not_in_case());
            auto [incident, view] = TRY(load_visible(db, actor, found->incident_id));
            if (view != CaseView::full && found->uploaded_by != actor.user_id) return fail(not_in_case());
            found->uploaded_by = incident.org_id; // carried out for the audit entry below
            return std::move(*found);
        }));
    record_read(&actor, {attachment.uploaded_by, "attachment.read", "incident", attachment.incident_id,
                         json_of({{"attachment", attachment.id}})});
    return attachment;
}

Result<std::vector<domain::InboxNotification>> App::inbox(const Actor& actor, size_t limit) {
    std::vector<std::string> cases; // each case shown, once
    auto inbox = TRY(storage::transact_value<std::vector<domain::InboxNotification>>(
        m_database, TxMode::read, [&](Connection& db) -> Result<std::vector<domain::InboxNotification>> {
            cases.clear(); // a retried transaction starts over
            auto items = TRY(storage::list_inbox(db, actor.user_id, limit));
            // A note names its case's number and title: only while the person may still see the case.
            std::map<std::string, bool> visible;
            std::vector<domain::InboxNotification> out;
            for (auto& item : items) {
                auto known = visible.find(item.incident_id);
                if (known == visible.end()) {
                    auto incident = TRY(storage::find_incident(db, item.incident_id));
                    bool sees = incident && view_of(actor, *incident) != CaseView::none;
                    known = visible.emplace(item.incident_id, sees).first;
                    if (sees) cases.push_back(item.incident_id);
                }
                if (known->second) out.push_back(std::move(item));
            }
            return out;
        }));
    if (!inbox.empty()) record_read(&actor, {{}, "inbox.read", "inbox", actor.user_id, read_ids("cases", cases)});
    return inbox;
}

} // namespace skydda::app
