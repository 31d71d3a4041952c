// Repository functions: one small function per query, all taking the transaction's
// Connection, so a use case composes several in one transaction.
#pragma once
#include "domain/incident.hpp"
#include "storage/database.hpp"
#include "domain/records.hpp"

namespace skydda::storage {
// The plain records live in domain/records.hpp; the repositories read and write them.
using domain::ApiTokenRow;
using domain::Attachment;
using domain::AuditEntry;
using domain::InboxNotification;
using domain::Membership;
using domain::Note;
using domain::Organisation;
using domain::Question;
using domain::Task;
using domain::Unit;
using domain::User;

// Organisations and units
Status insert_organisation(Connection& db, const Organisation& org, Instant now);
Result<std::optional<Organisation>> find_organisation(Connection& db, std::string_view id);
Result<std::vector<Organisation>> list_organisations(Connection& db);
Status insert_unit(Connection& db, const Unit& unit);
Result<std::vector<Unit>> list_units(Connection& db, std::string_view org_id);

// People
Status insert_user(Connection& db, const User& user, Instant now);
Result<std::optional<User>> find_user_by_email(Connection& db, std::string_view email);
Result<std::optional<User>> find_user(Connection& db, std::string_view id);
Status set_password_hash(Connection& db, std::string_view user_id, std::string_view hash);
Status add_membership(Connection& db, std::string_view user_id, std::string_view org_id, domain::Role role);
Result<std::vector<Membership>> memberships_of(Connection& db, std::string_view user_id);
// Users holding `role` in `org_id`.
Result<std::vector<User>> members_with_role(Connection& db, std::string_view org_id, domain::Role role);

// Sessions, tokens, throttling. Only hashes of secrets are stored.
Status insert_session(Connection& db, std::string_view token_hash, std::string_view user_id,
                      std::string_view csrf_token, Instant now, Instant expires);
struct SessionRow {
    std::string user_id, csrf_token;
    Instant expires_at{};
    Instant last_seen_at{}; // the session's last request (written at most once a minute)
};
Result<std::optional<SessionRow>> find_session(Connection& db, std::string_view token_hash);
Status touch_session(Connection& db, std::string_view token_hash, Instant now);
Status delete_session(Connection& db, std::string_view token_hash);
Status delete_expired_sessions(Connection& db, Instant now);
// Every session of a person; returns how many.
Result<int64_t> delete_sessions_of(Connection& db, std::string_view user_id);
Status insert_api_token(Connection& db, std::string_view id, std::string_view user_id, std::string_view token_hash,
                        Instant now, Instant expires);
Result<std::optional<ApiTokenRow>> find_api_token(Connection& db, std::string_view token_hash);
Result<std::optional<ApiTokenRow>> find_api_token_by_id(Connection& db, std::string_view id);
// Every token, or a person's (user_id non-empty), newest first.
Result<std::vector<ApiTokenRow>> list_api_tokens(Connection& db, std::string_view user_id);
Status set_api_token_used(Connection& db, std::string_view id, Instant now);
Result<bool> delete_api_token(Connection& db, std::string_view id);
Result<int64_t> delete_api_tokens_of(Connection& db, std::string_view user_id);
// A failed sign-in for the account `subject` (a normalised e-mail address) from `client`.
Status record_login_failure(Connection& db, std::string_view subject, std::string_view client, Instant now);
struct LoginFailures {
    int64_t count = 0;
    std::optional<Instant> last;
};
// Failures since `since` for an account (client empty), a client (subject empty) or the pair.
Result<LoginFailures> count_login_failures(Connection& db, std::string_view subject, std::string_view client,
                                           Instant since);
Status clear_login_failures(Connection& db, std::string_view subject, std::string_view client);
Status delete_login_failures_before(Connection& db, Instant before);

// Incidents
Result<int64_t> next_registry_sequence(Connection& db, std::string_view org_id, int year);
Status insert_incident(Connection& db, const domain::Incident& incident);
Result<std::optional<domain::Incident>> find_incident(Connection& db, std::string_view id);
// Writes the incident when its stored version is `expected_version`; bumps the version.
// Returns false when the stored version differs (someone else changed it).
Result<bool> update_incident(Connection& db, const domain::Incident& incident, int64_t expected_version);
// The orders of the case register (storage/cases/incident_repository.cpp says each in SQL):
// urgency (the stored order of domain::more_urgent, then the newest report first), the newest
// report first, or by case number.
enum class IncidentSort { urgency, reported, case_number };
struct IncidentFilter {
    std::vector<std::string> org_ids;  // cases of these organisations...
    std::string reporter_id;           // ...or, when set, only this reporter's own (in org_ids if any)
    std::optional<domain::CaseStatus> status;
    std::optional<bool> open;          // domain::is_open
    std::string unit_id, what_happened, cause;
    std::string risk;                  // the latest decision's: unlikely, risk or high
    std::optional<bool> notified;      // IMY notified (the notification submitted)
    std::optional<Instant> overdue_at; // only cases with an open duty due before this time
    std::optional<Instant> aware_from, aware_to, reported_from, reported_to; // [from, to)
    std::string text;                  // free text (storage/cases/case_search.hpp)
    IncidentSort sort = IncidentSort::urgency;
    // The sort key of the last case of the previous page (IncidentPage::next): the page starts
    // after it. Keys are plain values so that a cursor can carry them.
    std::vector<Value> after;
    size_t limit = 100;
    bool count_total = true;      // count every match (IncidentPage::total); false: total is 0
    bool count_by_status = false; // also count the matches per status, the status filter aside
};
struct IncidentPage {
    std::vector<domain::Incident> items;
    std::vector<std::string> risks; // beside each item: its latest decision's risk, "" when undecided
    std::vector<Value> next; // the last item's sort key when more follow; empty at the end
    int64_t total = 0;       // every case matching the filter, on every page
    std::vector<std::pair<std::string, int64_t>> by_status; // when asked: status name → count
};
// One page of the cases matching `filter`, and how many match in all. An `after` key of the
// wrong shape for the sort is refused (invalid_argument, field "cursor").
Result<IncidentPage> find_incidents(Connection& db, const IncidentFilter& filter);

// A person's saved views of the case register: a name and the list's query string.
struct SavedView {
    std::string id, user_id, name, query;
    Instant created_at{};
};
Status insert_saved_view(Connection& db, const SavedView& view);
Result<std::vector<SavedView>> list_saved_views(Connection& db, std::string_view user_id); // by name
Result<bool> delete_saved_view(Connection& db, std::string_view id, std::string_view user_id);

// The case file's items
Status insert_note(Connection& db, const Note& note);
Result<std::vector<Note>> list_notes(Connection& db, std::string_view incident_id);
Status insert_task(Connection& db, const Task& task);
Result<std::optional<Task>> find_task(Connection& db, std::string_view task_id);
Status set_task_done(Connection& db, std::string_view task_id, std::optional<Instant> done_at);
Result<std::vector<Task>> list_tasks(Connection& db, std::string_view incident_id);
Status insert_question(Connection& db, const Question& question);
Result<std::optional<Question>> find_question(Connection& db, std::string_view question_id);
Status answer_question(Connection& db, std::string_view question_id, std::string_view answer, Instant at);
Result<std::vector<Question>> list_questions(Connection& db, std::string_view incident_id);
Status insert_attachment(Connection& db, const Attachment& attachment);
Result<std::vector<Attachment>> list_attachments(Connection& db, std::string_view incident_id);
Result<std::optional<Attachment>> find_attachment(Connection& db, std::string_view attachment_id); // with data
Status insert_inbox_notification(Connection& db, const InboxNotification& notification);
Result<std::vector<InboxNotification>> list_inbox(Connection& db, std::string_view user_id, size_t limit);
Result<bool> has_unread_inbox(Connection& db, std::string_view user_id, std::string_view incident_id);
Status mark_inbox_read(Connection& db, std::string_view user_id, std::string_view incident_id, Instant at);

} // namespace skydda::storage
