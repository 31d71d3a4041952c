// Use cases: one function per user action. Each checks who may do it (organisation and role),
// runs domain + storage in one transaction, and writes the audit entry in that same
// transaction. The web layer and the CLI call these, never storage directly.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/accounts.hpp"
#include "app/cases/cases.hpp"
#include "app/documents/documents.hpp"
#include "app/notify/notifications.hpp"
#include "app/mail/mail.hpp"
#include "app/scans/scans.hpp"
#include "domain/duties.hpp"
#include "domain/incident.hpp"
#include "domain/roles.hpp"
#include "domain/scan_update.hpp"
#include "storage/audit_log.hpp"
#include "storage/database.hpp"
#include "storage/accounts/logo_repository.hpp"
#include "domain/records.hpp"
#include "storage/mail/outbox_repository.hpp"
#include "storage/scans/scan_repository.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

namespace skydda::app {
// The rows this capability hands to the web layer, under app's name (web never names storage).
using storage::NotificationRecord;
using storage::OutboxMessage;

// A read of case content or people's data, for the audit trail (App::record_read): `entity`
// and `entity_id` name what was read ("incident" and the case id for anything within one case;
// "incident_list" for a list of cases, whose ids `detail_json` names), `detail_json` says what
// of it (counts or ids, never the content).
struct ReadRecord {
    std::string org_id, action, entity, entity_id, detail_json;
};

class ReadAuditBuffer;

class App {
public:
    App(storage::Database& database, const Clock& clock);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    storage::Database& database() { return m_database; }
    const Clock& clock() const { return m_clock; }
    // Writes read-audit entries still buffered (called on shutdown; tests call it to look).
    void flush_audit();
    // Records that `actor` (null: the local CLI operator) was shown what `read` names. Buffered
    // and written every 200 ms (ARCHITECTURE.md, "Read audit is batched"). Every use case that
    // returns case content or people's data calls it once per response.
    void record_read(const Actor* actor, ReadRecord read);

    // Organisations and people (administration; `actor` null means the local CLI operator)
    Result<std::string> add_organisation(const Actor* actor, const OrganisationInput& input);
    Result<std::string> add_unit(const Actor* actor, std::string_view org_id, std::string_view name);
    // Creates the user on first use of the e-mail, then adds the role in `org_id`.
    Result<std::string> add_user(const Actor* actor, std::string_view org_id, std::string_view email,
                                 std::string_view name, std::string_view role, std::optional<std::string> password);
    Result<std::string> create_api_token(const Actor* actor, std::string_view email);
    // API tokens (never the secret): the actor's own, or for the operator (null) every token or
    // one person's (`email` non-empty). Expiry is filled in for tokens from before it existed.
    Result<std::vector<domain::ApiTokenRow>> api_tokens(const Actor* actor, std::string_view email);
    Status revoke_api_token(const Actor* actor, std::string_view token_id);
    // Both end every session and API token of the person. The change (the person, who gives the
    // current password) returns a new session for the browser that made it; the reset is the
    // operator's (`actor` null).
    Result<LoginResult> change_password(const Actor& actor, std::string_view current_password,
                                        std::string_view new_password);
    Status reset_password(const Actor* actor, std::string_view email, std::string_view new_password);
    void set_account_options(AccountOptions options) { m_accounts = options; }
    const AccountOptions& account_options() const { return m_accounts; }
    Result<std::vector<domain::Organisation>> organisations_of(const Actor& actor);
    // The organisation's logo (app/accounts/organisation_logo.cpp): set (checked by doc::check_logo; the
    // field is "logo") or removed (nullopt) by the operator or the organisation's administrator,
    // audited as organisation.logo; read by its members only (anyone else: not_found).
    Result<std::optional<storage::LogoRecord>> set_organisation_logo(const Actor* actor, std::string_view org_id,
                                                                     std::optional<std::string> image);
    Result<storage::LogoRecord> organisation_logo(const Actor& actor, std::string_view org_id);
    // Without the image, for the page header; nullopt when the organisation has none.
    Result<std::optional<storage::LogoRecord>> organisation_logo_info(const Actor& actor, std::string_view org_id);
    // What every visitor may know of the organisations (app/accounts/organisation_pages.cpp): name,
    // address and the DPO's contact, which the GDPR has them publish (art. 37.7), for the page
    // footer, the privacy notice and the accessibility statement; signed out too.
    Result<std::vector<domain::Organisation>> public_organisations();
    // The organisation of a case the actor may see (the page header); not_found otherwise.
    Result<domain::Organisation> case_organisation(const Actor& actor, std::string_view incident_id);
    Result<std::vector<domain::Unit>> units_of(const Actor& actor, std::string_view org_id);

    // Sign-in
    // Throttled by a progressive delay (domain/accounts.hpp), never a lock: too_many_requests
    // with the wait in `retry_after` when this client must wait, checked before the password.
    Result<LoginResult> login(std::string_view email, std::string_view password, std::string_view remote_address,
                              std::chrono::seconds* retry_after = nullptr);
    Result<SessionInfo> resolve_session(std::string_view session_token);
    Result<Actor> resolve_api_token(std::string_view token);
    Status logout(std::string_view session_token);
    Result<Actor> load_actor(std::string_view user_id);

    // Incidents
    Result<domain::Incident> report_incident(const Actor& actor, std::string_view org_id,
                                             domain::IncidentFacts facts);
    // Several reports at once, each in its organisation with its own case number, in one
    // transaction: every case or none (a supplier's breach in every nämnd it serves).
    Result<std::vector<domain::Incident>> report_incidents(const Actor& actor,
                                                           std::vector<std::pair<std::string, domain::IncidentFacts>> reports);
    Result<domain::Incident> get_incident(const Actor& actor, std::string_view id); // audited read
    Result<CaseFile> open_case(const Actor& actor, std::string_view id);            // audited read
    // Sorted by urgency (domain::more_urgent): the earliest open duty first. Audited.
    // One page of the cases the actor may see that match `query` (invalid_argument naming the
    // field for a bad code, risk or cursor); list_cases is its items.
    Result<CasePage> find_cases(const Actor& actor, const CaseQuery& query);
    Result<std::vector<CaseSummary>> list_cases(const Actor& actor, const CaseQuery& query);
    // A person's saved views of the case register (case_register.cpp): a name (one line, at
    // most 80 characters) and the list's query string (checked by the web layer before), at
    // most 20 per person, theirs alone; saving and deleting are audited.
    Result<SavedView> save_view(const Actor& actor, std::string_view name, std::string_view query);
    Result<std::vector<SavedView>> saved_views(const Actor& actor);
    Status delete_view(const Actor& actor, std::string_view id);
    // The statistics of the cases reported in [from, to) in `org_id`, or in every organisation
    // whose cases the actor may read ("" or "all"); audited as a read.
    Result<CaseStatistics> statistics(const Actor& actor, std::string_view org_id, std::optional<Instant> from,
                                      std::optional<Instant> to);
    // The DPO's annual report (verksamhetsberättelse) of an organisation and a calendar year in
    // Europe/Stockholm (app/documents/doc_annual_report.cpp): the year's figures as
    // `statistics` counts them, the trend over the years before, the late notifications with
    // their reasons and the DPO's own text; for those who may read every case of the
    // organisation, audited as a read. "year" outside 2018..this year is invalid_argument.
    Result<doc::Document> annual_report(const Actor& actor, std::string_view org_id, int year,
                                        std::string_view language);
    Result<AnnualReportText> annual_report_text(const Actor& actor, std::string_view org_id, int year);
    // The DPO's text (Action::write_dpo_report), at most k_annual_text_max characters; saved
    // over `expected_version` as read (0 for none yet), else conflict. Audited before → after.
    Result<AnnualReportText> save_annual_report_text(const Actor& actor, std::string_view org_id, int year,
                                                     std::string_view body, int64_t expected_version);
    // Every case `query` matches (its cursor and limit aside) as CSV or XLSX ("csv", "xlsx"),
    // labelled in "sv" or "en" (app/documents/case_export.cpp); audited as an export.
    Result<CaseExport> export_cases(const Actor& actor, CaseQuery query, std::string_view format,
                                    std::string_view language);
    // The duties of a case the caller has already read (domain/duties.hpp), computed now from
    // the stored facts: every view of a case shows these, so a deadline is the same everywhere.
    Result<domain::CaseDuties> case_duties(const domain::Incident& incident);
    // A change of kännedom (aware_at) is audited on its own ("incident.aware", before → after
    // with the reason); the reason is required when a given kännedom changes or the clock would
    // start later than before ("aware_reason").
    Result<domain::Incident> update_facts(const Actor& actor, std::string_view id, domain::IncidentFacts facts,
                                          std::optional<int64_t> expected_version, std::string_view aware_reason = {});
    // Registering may confirm or correct kännedom in the same step (`aware`), under the
    // registrar's permission, with the same rule for the reason.
    struct AwarenessInput {
        std::optional<Instant> aware_at;
        std::string reason;
    };
    Result<domain::Incident> change_status(const Actor& actor, std::string_view id, domain::CaseStatus to,
                                           std::string_view reason, std::optional<int64_t> expected_version,
                                           const AwarenessInput* aware = nullptr);
    Result<domain::Incident> assign(const Actor& actor, std::string_view id, std::string_view handler_id);

    // The case file's items
    Result<domain::Note> add_note(const Actor& actor, std::string_view incident_id, std::string_view body);
    Result<std::vector<domain::Note>> notes(const Actor& actor, std::string_view incident_id);
    Result<domain::Task> add_task(const Actor& actor, std::string_view incident_id, const NewTask& task);
    // `incident_id` (the case in the request's path) must be the task's case; empty: any case.
    Result<domain::Task> set_task_done(const Actor& actor, std::string_view task_id, bool done,
                                        std::string_view incident_id = {});
    Result<std::vector<domain::Task>> tasks(const Actor& actor, std::string_view incident_id);
    Result<domain::Question> ask_reporter(const Actor& actor, std::string_view incident_id, std::string_view text);
    Result<domain::Question> answer_question(const Actor& actor, std::string_view question_id,
                                              std::string_view answer, std::string_view incident_id = {});
    // The questions to the reporter (the reporter sees them too); audited.
    Result<std::vector<domain::Question>> questions(const Actor& actor, std::string_view incident_id);
    Result<domain::Attachment> add_attachment(const Actor& actor, std::string_view incident_id,
                                               const NewAttachment& attachment);
    // Audited; `incident_id` (the case in the request's path) must be the attachment's case.
    Result<domain::Attachment> get_attachment(const Actor& actor, std::string_view attachment_id,
                                               std::string_view incident_id = {});
    Result<std::vector<domain::InboxNotification>> inbox(const Actor& actor, size_t limit = 50); // audited

    // Scans of the leaked data (`actor` null means the local CLI operator)
    Result<domain::Incident> find_case_as_operator(std::string_view incident_id);
    Result<storage::ScanRecord> attach_scan(const Actor* actor, std::string_view incident_id,
                                            const ScanAttachment& scan);
    Result<std::vector<storage::ScanRecord>> scans(const Actor& actor, std::string_view incident_id);
    // Adds the scan's data categories to the case and raises its number of people when the
    // scan found more; never lowers or removes what a person recorded.
    Result<domain::Incident> apply_scan(const Actor* actor, std::string_view incident_id, std::string_view scan_id,
                                        std::optional<int64_t> expected_version);

    // Documents that leave the organisation (documents.cpp); an audited read of the case.
    // `actor` null means the local CLI operator (`skydda export`).
    Result<doc::Document> document(const Actor* actor, std::string_view incident_id, const DocumentRequest& request);

    // Notifications: the IMY notification's draft, recording what was sent (notifications.cpp).
    // Need Action::notify, except the list (any case worker who sees the whole case).
    Result<NotificationDraft> notification_draft(const Actor& actor, std::string_view incident_id, int64_t phase);
    Result<NotificationDraft> save_notification_draft(const Actor& actor, std::string_view incident_id, int64_t phase,
                                                      std::map<std::string, std::string> fields,
                                                      std::optional<int64_t> expected_version);
    Result<ImyPreparation> imy_preparation(const Actor& actor, std::string_view incident_id, std::string_view language);
    Result<storage::NotificationRecord> record_notification(const Actor& actor, std::string_view incident_id,
                                                            const NotificationInput& input);
    Result<std::vector<storage::NotificationRecord>> notifications(const Actor& actor, std::string_view incident_id);

    Result<storage::AuditVerification> verify_audit();

    // E-mail (app/mail/mail_alerts.cpp, app/mail/mail_delivery.cpp, app/mail/outbox.cpp). Options are set once,
    // before serving.
    void set_mail_options(MailOptions options);
    const MailOptions& mail_options() const { return m_mail; }
    // The outbox of the organisations where the actor is DPO or administrator; never bodies.
    // The data subjects' addresses are masked for whoever may not notify them (the
    // administrator): a***@example.se. Audited.
    Result<std::vector<storage::OutboxMessage>> outbox(const Actor& actor, size_t limit = 200);
    // Every organisation's outbox for the local CLI operator (`skydda outbox list`); audited.
    Result<std::vector<storage::OutboxMessage>> operator_outbox(size_t limit = 1000);
    // The e-mail about one case, for those who may notify on it or administer its organisation.
    Result<std::vector<storage::OutboxMessage>> case_mail(const Actor& actor, std::string_view incident_id);
    // Puts a failed message back in the queue now (`actor` null: the local CLI operator).
    Status retry_mail(const Actor* actor, std::string_view message_id);
    // Queues the reminders due now (domain/reminders.hpp); returns how many messages.
    Result<size_t> queue_due_reminders();

private:
    // One page of find_cases without its audit entry; `count_total` false skips the counting of
    // every match (total stays 0), for a caller that pages through all of them (export_cases).
    Result<CasePage> read_case_page(const Actor& actor, const CaseQuery& query, bool count_total);
    // The statistics of the cases of `org_ids` reported in [from, to), without an audit entry
    // (statistics and annual_report record their own).
    Result<CaseStatistics> tally_cases(std::vector<std::string> org_ids, std::optional<Instant> from,
                                       std::optional<Instant> to);

    MailOptions m_mail;
    AccountOptions m_accounts;
    storage::Database& m_database;
    const Clock& m_clock;
    std::unique_ptr<ReadAuditBuffer> m_read_audit;
    // API tokens resolved in the last seconds: an integration's every request would otherwise
    // pay a transaction for the token. Role changes reach a token within k_token_cache_ttl.
    struct CachedActor {
        Actor actor;
        Instant expires;
    };
    std::mutex m_token_mutex;
    std::unordered_map<std::string, CachedActor> m_token_cache;
    void forget_cached_tokens(); // after a revocation or a password change (this process)
    Instant token_expiry(const domain::ApiTokenRow& token) const;
};


// Who sees the e-mail outbox (app/mail/outbox.cpp): the DPO and the administrator of an organisation.
bool sees_outbox(const Actor& actor, std::string_view org_id);
bool sees_outbox(const Actor& actor); // in any of their organisations (the navigation link)
// An e-mail address as the administrator sees a data subject's: "a***@example.se".
std::string mask_address(std::string_view address);


} // namespace skydda::app
