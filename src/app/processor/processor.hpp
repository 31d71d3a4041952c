// Processor duties (GDPR art. 28(3)(f) and 33(2)): an organisation that processes personal data
// for others (personuppgiftsbiträde) keeps a register of those controllers, its customers, and
// when it has a breach, notifies each affected one without undue delay, within the hours its
// data processing agreement sets. One case, many controllers: select the affected customers
// (one notice each), send the notices by e-mail through the outbox or record another way, and
// track per customer whether it was sent, acknowledged, and which questions it asked.
// Free functions over App so that app.hpp stays as it is.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "storage/processor/processor_repository.hpp"

namespace skydda::app {
// The rows this capability hands to the web layer, under app's name (web never names storage).
using storage::CustomerRecord;
using storage::NoticeQuestionRecord;
using storage::NoticeRecord;

// --- the customer register (Action::manage_templates to change; the case workers read it) ---

struct CustomerInput {
    std::string name;
    std::string orgnr;               // NNNNNN-NNNN, Luhn-checked
    std::vector<std::string> emails; // where breach notices go: one or more
    std::string contact_name;
    std::optional<int64_t> notice_hours; // the agreement's deadline for our notice, 1..720
    std::string agreement_reference;
    std::string language = "sv";     // the notice's language: "sv" or "en"
};

inline constexpr size_t k_customer_emails_max = 10;
inline constexpr int64_t k_notice_hours_max = 720;
inline constexpr size_t k_customer_import_max_lines = 20000;

// Checks a customer; the error names the field (name, orgnr, emails, notice_hours, ...).
Status check_customer(const CustomerInput& input);

Result<storage::CustomerRecord> add_customer(App& app, const Actor& actor, std::string_view org_id,
                                             const CustomerInput& input);
Result<storage::CustomerRecord> update_customer(App& app, const Actor& actor, std::string_view org_id,
                                                std::string_view customer_id, const CustomerInput& input);
// Deactivated customers are kept (their notices refer to them) but cannot be selected.
Result<storage::CustomerRecord> set_customer_active(App& app, const Actor& actor, std::string_view org_id,
                                                    std::string_view customer_id, bool active);
Result<std::vector<storage::CustomerRecord>> list_customers(App& app, const Actor& actor, std::string_view org_id,
                                                            bool include_inactive);
Result<storage::CustomerRecord> get_customer(App& app, const Actor& actor, std::string_view org_id,
                                             std::string_view customer_id);
// Whether the organisation acts as a processor: it has an active customer registered. The
// processor features (the home page's link to the register) show only then; a case shows its
// processor part also when its latest assessment says role processor (ProcessorOverview). A
// yes or no, no customer's data: no read audit.
Result<bool> is_processor(App& app, const Actor& actor, std::string_view org_id);

// CSV import: one customer a line, "name,orgnr,email,hours" (comma or semicolon, quotes as in
// RFC 4180, an optional header line; several addresses in one field separated by spaces or
// "|"; hours may be empty). Customers whose orgnr is registered are updated, others added.
struct CsvLineError {
    size_t line = 0;   // 1-based, as an editor shows it
    std::string field; // name, orgnr, emails, notice_hours, line
    std::string message;
};
struct CustomerCsv {
    std::vector<std::pair<size_t, CustomerInput>> rows; // line number, customer
    std::vector<CsvLineError> errors;
};
CustomerCsv parse_customer_csv(std::string_view csv);
struct ImportResult {
    int64_t added = 0, updated = 0;
    std::vector<CsvLineError> errors; // set when nothing was imported
};
// All or nothing: with any bad line nothing is written and `errors` lists every bad line (a
// value, not an Error, so that a page can show them all). One transaction, one audit entry.
Result<ImportResult> import_customers(App& app, const Actor& actor, std::string_view org_id, std::string_view csv);

// --- notices on a case (Action::notify to change; Action::read_all_cases to read) ---

struct NoticeSelection {
    bool all = false;                      // every active customer
    std::vector<std::string> customer_ids; // or these
};
struct SelectionResult {
    int64_t added = 0;   // new notices
    int64_t already = 0; // customers that already had one
    int64_t total = 0;   // notices on the case now
};
// One notice per newly selected customer, in one transaction; selecting again adds only the
// new ones. The deadline is awareness + the customer's agreement hours, when registered.
Result<SelectionResult> select_customers(App& app, const Actor& actor, std::string_view incident_id,
                                         const NoticeSelection& selection);

// The notice's text written for the controllers: what happened, the likely consequences and
// the measures, in words meant for them. The notice never carries the case's own description,
// consequences or measures (internal text that names the people involved); until this text is
// written its parts are empty in the notice ("not yet known") and the page says what to write.
struct NoticeText {
    std::string description, consequences, measures;
    std::optional<Instant> updated_at; // none: not written yet
};
inline constexpr size_t k_notice_text_max = 20000;
// Needs Action::notify. Audited ("processor_notice.text", lengths only). Invalid text: 400
// naming the field. Notices already sent keep the text they were sent with (frozen).
Result<NoticeText> save_notice_text(App& app, const Actor& actor, std::string_view incident_id, const NoticeText& text);

struct SendResult {
    int64_t notices = 0;      // notices marked sent now
    int64_t mails_queued = 0; // one per address; an address already queued for the notice is not queued again
    bool pdf_attached = false;
};
// Queues the notice to every contact address of each unsent notice (`notice_ids` empty: all
// unsent ones) and marks them sent by e-mail; records each in `notifications` (recipient
// "controller", the document frozen as JSON). The notice's text is checked for personal data
// first: a finding is refused (invalid_argument naming "description", "consequences" or
// "measures") unless `acknowledge_personal_data` names the field; the acknowledgement is
// audited.
Result<SendResult> send_notices(App& app, const Actor& actor, std::string_view incident_id,
                                const std::vector<std::string>& notice_ids,
                                const std::vector<std::string>& acknowledge_personal_data = {});
// A notice given another way (phone, portal, other) at `at`.
Result<storage::NoticeRecord> mark_notice_sent(App& app, const Actor& actor, std::string_view incident_id,
                                               std::string_view notice_id, std::string_view via, Instant at);
// The customer confirmed receipt: when and who at the customer (recorded by our user).
Result<storage::NoticeRecord> acknowledge_notice(App& app, const Actor& actor, std::string_view incident_id,
                                                 std::string_view notice_id, Instant at, std::string_view by_name);

// This controller's share of the people and records, when known (null: unknown, the notice
// then states the case's totals). Allowed until the notice is sent.
Result<storage::NoticeRecord> set_notice_figures(App& app, const Actor& actor, std::string_view incident_id,
                                                 std::string_view notice_id, std::optional<int64_t> subjects_count,
                                                 std::optional<int64_t> records);

struct NoticeQuestionInput {
    Instant asked_at{};
    std::string question;
    std::string answer; // may be empty: answered later
};
Result<storage::NoticeQuestionRecord> add_notice_question(App& app, const Actor& actor, std::string_view incident_id,
                                                          std::string_view notice_id, const NoticeQuestionInput& input);
Result<storage::NoticeQuestionRecord> answer_notice_question(App& app, const Actor& actor,
                                                             std::string_view incident_id,
                                                             std::string_view question_id, std::string_view answer);

struct NoticeView {
    storage::NoticeRecord notice;
    storage::CustomerRecord customer;
    std::vector<storage::NoticeQuestionRecord> questions;
    bool overdue = false; // past its deadline and not sent
    int64_t open_questions = 0;
};
struct NoticeCounts {
    int64_t selected = 0, sent = 0, acknowledged = 0, overdue = 0, with_open_questions = 0;
};
struct ProcessorOverview {
    std::vector<storage::CustomerRecord> customers; // every active customer of the organisation
    std::vector<NoticeView> notices;
    NoticeCounts counts;
    bool may_notify = false;
    bool assessed_as_processor = false;         // the case's latest assessment input: role processor
    NoticeText text;                            // for the controllers
    std::vector<PersonalDataWarning> warnings;  // in `text`: field and kinds only
};
Result<ProcessorOverview> processor_overview(App& app, const Actor& actor, std::string_view incident_id);

// The notice as plain text, for the e-mail body.
std::string notice_text(const doc::Document& document);

inline constexpr size_t k_question_max = 20000;

} // namespace skydda::app
