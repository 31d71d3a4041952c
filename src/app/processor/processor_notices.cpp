// Notices from the processor to its customers (the controllers) on one case: selection (one
// notice per customer, deadlines from the agreements), sending through the outbox or another
// way, acknowledgements and questions. Changes need Action::notify; each is one transaction
// with its audit entry.
#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "app/outgoing_check.hpp"
#include "app/processor/processor.hpp"
#include "app/processor/processor_internal.hpp"
#include "storage/cases/duty_repository.hpp"
#include "storage/assessment/assessment_repository.hpp"
#include "storage/notify/notification_repository.hpp"
#include "storage/mail/outbox_repository.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"
#include "util/text.hpp"

namespace skydda::app {
using storage::Connection;
using storage::CustomerRecord;
using storage::NoticeRecord;
using storage::TxMode;

// What the notices and the replies to them (processor_notice_replies.cpp) share
// (processor_internal.hpp).
namespace notice_parts {

namespace json = boost::json;

Status audit(Connection& db, const App& app, const Actor& actor, const domain::Incident& incident,
             std::string action, std::string entity_id, json::object after) {
    TRY_STATUS(audit_change(db, app.clock(), &actor,
                            {std::move(action), "processor_notice", std::move(entity_id), incident.org_id, "",
                             json::serialize(after)}));
    return storage::refresh_due_order(db, incident.id); // the notices fulfil the case's duty
}

Result<NoticeRecord> notice_of_case(Connection& db, const domain::Incident& incident, std::string_view notice_id) {
    auto notice = TRY(storage::find_notice(db, notice_id));
    if (!notice || notice->incident_id != incident.id) return fail(not_in_case());
    return std::move(*notice);
}

Status check_past(std::string_view field, Instant at, Instant now) {
    if (at > now + std::chrono::minutes(5)) return fail(Error::invalid(std::string(field), "cannot be in the future"));
    return {};
}

// The notice for one customer, finished as App::document finishes documents.
Result<doc::Document> notice_document(Connection& db, const domain::Incident& incident,
                                      const domain::Organisation& organisation, const CustomerRecord& customer,
                                      Instant now) {
    DocumentRequest request{DocumentKind::processor_notice, customer.language, 0, customer.id};
    DocumentSource source{incident, organisation, request, now};
    auto built = TRY(build_processor_notice(db, source));
    finish_document(built, source); // keeps the customer's language, as the builder wrote it
    TRY_STATUS(attach_logo(db, built, incident.org_id));
    return built;
}

// Records the notice as given in the case's notifications (recipient "controller", phase 0 for
// each customer, details {"customer_id", "notice_id", "via"} in the shape app/notify/notifications.cpp
// stores), with the document frozen as sent. Lateness is against the agreement's deadline.
Status record_notification(Connection& db, const domain::Incident& incident, const NoticeRecord& notice,
                           const Actor& actor, const std::string& document_json, Instant now) {
    json::object details{{"customer_id", notice.customer_id}, {"notice_id", notice.id}, {"via", notice.sent_via}};
    storage::NotificationRecord row;
    row.id = crypto::new_id();
    row.incident_id = incident.id;
    row.recipient = "controller";
    row.phase = 0;
    row.submitted_at = *notice.sent_at;
    row.our_reference = incident.case_number;
    row.seconds_after_awareness = (*notice.sent_at - domain::awareness(incident)).count();
    row.late = notice.deadline_at && *notice.sent_at > *notice.deadline_at;
    row.details_json = json::serialize(json::object{{"details", std::move(details)}});
    row.document_json = document_json;
    row.created_by = actor.user_id;
    row.created_at = now;
    return storage::insert_notification(db, row);
}

} // namespace notice_parts

namespace {

using namespace notice_parts;

namespace json = boost::json;


Result<std::vector<CustomerRecord>> chosen_customers(Connection& db, const domain::Incident& incident,
                                                     const NoticeSelection& selection) {
    if (selection.all) return storage::list_customers(db, incident.org_id, false);
    if (selection.customer_ids.empty())
        return fail(Error::invalid("customer_ids", "choose at least one customer, or all"));
    std::vector<CustomerRecord> out;
    std::set<std::string> seen;
    for (const auto& id : selection.customer_ids) {
        if (!seen.insert(id).second) continue;
        auto customer = TRY(storage::find_customer(db, id));
        if (!customer || customer->org_id != incident.org_id || !customer->active)
            return fail(Error::invalid("customer_ids", "not an active customer of the organisation: " + id));
        out.push_back(std::move(*customer));
    }
    return out;
}


// One notice ready to go: built and rendered before the write transaction.
struct PreparedNotice {
    NoticeRecord notice;
    CustomerRecord customer;
    doc::Document document;
    std::string text, json, pdf; // pdf empty when the renderer is unavailable
};

struct Prepared {
    domain::Incident incident;
    domain::Organisation organisation;
    std::vector<PreparedNotice> notices;
    std::vector<PersonalDataWarning> findings; // in the notice's text for the controllers
};

NoticeText notice_text_of(const std::optional<storage::NoticeTextRecord>& stored) {
    if (!stored) return {};
    return {stored->description, stored->consequences, stored->measures, stored->updated_at};
}

std::vector<PersonalDataWarning> text_findings(const NoticeText& text, const domain::Organisation& organisation,
                                               const domain::Incident& incident, Instant today) {
    return outgoing_findings({{"description", text.description},
                              {"consequences", text.consequences},
                              {"measures", text.measures}},
                             own_details(organisation, incident), today);
}

// Reads what is to be sent and builds each customer's notice in a read transaction.
Result<Prepared> prepare_notices(App& app, const Actor& actor, std::string_view incident_id,
                                 const std::vector<std::string>& notice_ids, Instant now) {
    return storage::transact_value<Prepared>(app.database(), TxMode::read, [&](Connection& db) -> Result<Prepared> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::notify));
        auto organisation = TRY(organisation_of(db, incident.org_id));
        std::set<std::string> wanted(notice_ids.begin(), notice_ids.end());
        auto notices = TRY(storage::list_notices(db, incident.id));
        for (const auto& id : wanted) {
            bool known = false;
            for (const auto& notice : notices) known = known || notice.id == id;
            if (!known) return fail(Error::invalid("notice_ids", "no such notice on the case: " + id));
        }
        // The organisation's customers in one query, not one look-up per notice.
        std::map<std::string, CustomerRecord> customers;
        for (auto& customer : TRY(storage::list_customers(db, incident.org_id, true)))
            customers.emplace(customer.id, std::move(customer));
        Prepared out{incident, organisation, {}, {}};
        out.findings = text_findings(notice_text_of(TRY(storage::find_notice_text(db, incident.id))), organisation,
                                     incident, now);
        for (auto& notice : notices) {
            if (notice.sent_at || (!wanted.empty() && !wanted.contains(notice.id))) continue;
            auto customer = customers.find(notice.customer_id);
            if (customer == customers.end()) return fail(Error::internal("a notice's customer is missing"));
            auto document = TRY(notice_document(db, incident, organisation, customer->second, now));
            out.notices.push_back({std::move(notice), customer->second, std::move(document), {}, {}, {}});
        }
        return out;
    });
}

// Renders text, JSON and (when the renderer is available) PDF of each notice; outside any
// transaction, since a PDF takes milliseconds and hundreds of them would hold the write lock.
void render_notices(std::vector<PreparedNotice>& notices) {
    for (auto& prepared : notices) {
        prepared.text = notice_text(prepared.document);
        prepared.json = doc::render_json(prepared.document);
        if (auto pdf = doc::render_pdf(prepared.document)) prepared.pdf = std::move(*pdf);
    }
}

Result<int64_t> queue_notice(Connection& db, const Prepared& prepared, const PreparedNotice& one, Instant now) {
    const auto& incident = prepared.incident;
    const auto& organisation = prepared.organisation;
    std::string subject = one.customer.language == "en"
                              ? fmt::format("Personal data breach notice from {} ({})", organisation.name, incident.case_number)
                              : fmt::format("Underrättelse om personuppgiftsincident från {} ({})", organisation.name,
                                            incident.case_number);
    // (mail::build_message keeps a subject to one header line whatever the organisation's name holds.)
    int64_t queued = 0;
    for (const auto& address : one.customer.emails) {
        storage::OutboxMessage message;
        message.id = crypto::new_id();
        message.org_id = organisation.id;
        message.incident_id = incident.id;
        message.kind = "processor.notice";
        message.dedupe_key = "processor-notice:" + one.notice.id + ":" + address;
        message.to_address = address;
        message.subject = subject;
        message.body = one.text;
        if (!one.pdf.empty()) {
            message.attachment_name = fmt::format("{}-{}.pdf", incident.case_number, one.customer.orgnr);
            message.attachment = one.pdf;
        }
        message.next_attempt_at = message.created_at = now;
        if (TRY(storage::enqueue_mail(db, message))) ++queued;
    }
    return queued;
}

} // namespace

Result<SelectionResult> select_customers(App& app, const Actor& actor, std::string_view incident_id,
                                         const NoticeSelection& selection) {
    return storage::transact_value<SelectionResult>(app.database(), TxMode::write, [&](Connection& db) -> Result<SelectionResult> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::notify));
        auto customers = TRY(chosen_customers(db, incident, selection));
        std::set<std::string> noticed;
        for (const auto& notice : TRY(storage::list_notices(db, incident.id))) noticed.insert(notice.customer_id);
        SelectionResult result;
        auto now = app.clock().now();
        auto aware = domain::awareness(incident);
        json::array added;
        for (const auto& customer : customers) {
            if (noticed.contains(customer.id)) {
                ++result.already;
                continue;
            }
            NoticeRecord notice;
            notice.id = crypto::new_id();
            notice.incident_id = incident.id;
            notice.customer_id = customer.id;
            notice.selected_by = actor.user_id;
            notice.selected_at = now;
            if (customer.notice_hours) notice.deadline_at = aware + std::chrono::hours(*customer.notice_hours);
            TRY_STATUS(storage::insert_notice(db, notice));
            added.emplace_back(customer.id);
            ++result.added;
        }
        result.total = static_cast<int64_t>(noticed.size()) + result.added;
        if (result.added > 0)
            TRY_STATUS(audit(db, app, actor, incident, "processor_notice.select", incident.id,
                             {{"added", result.added}, {"customer_ids", std::move(added)}}));
        return result;
    });
}

Result<SendResult> send_notices(App& app, const Actor& actor, std::string_view incident_id,
                                const std::vector<std::string>& notice_ids,
                                const std::vector<std::string>& acknowledge_personal_data) {
    auto now = app.clock().now();
    auto prepared = TRY(prepare_notices(app, actor, incident_id, notice_ids, now));
    if (!prepared.notices.empty()) TRY_STATUS(check_acknowledged(prepared.findings, acknowledge_personal_data));
    render_notices(prepared.notices);
    return storage::transact_value<SendResult>(app.database(), TxMode::write, [&](Connection& db) -> Result<SendResult> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::notify)); // still allowed
        SendResult result;
        json::array sent_ids;
        for (auto& one : prepared.notices) {
            // Someone may have sent it, or recorded another way, since it was prepared.
            auto current = TRY(storage::find_notice(db, one.notice.id));
            if (!current || current->sent_at) continue;
            result.mails_queued += TRY(queue_notice(db, prepared, one, now));
            result.pdf_attached = result.pdf_attached || !one.pdf.empty();
            auto notice = *current;
            notice.status = "sent";
            notice.sent_at = now;
            notice.sent_by = actor.user_id;
            notice.sent_via = "email";
            TRY_STATUS(storage::update_notice(db, notice));
            TRY_STATUS(record_notification(db, incident, notice, actor, one.json, now));
            sent_ids.emplace_back(notice.id);
            ++result.notices;
        }
        if (result.notices > 0) {
            TRY_STATUS(audit(db, app, actor, incident, "processor_notice.send", incident.id,
                             {{"notices", result.notices}, {"mails", result.mails_queued}, {"notice_ids", std::move(sent_ids)}}));
            TRY_STATUS(audit_acknowledged(db, app.clock(), actor, incident, "processor-notice", "send", prepared.findings));
        }
        return result;
    });
}

Result<NoticeText> save_notice_text(App& app, const Actor& actor, std::string_view incident_id, const NoticeText& input) {
    for (auto [field, value] : {std::pair{"description", &input.description},
                                {"consequences", &input.consequences},
                                {"measures", &input.measures}})
        TRY_STATUS(check_text_field(field, *value, k_notice_text_max, false));
    return storage::transact_value<NoticeText>(app.database(), TxMode::write, [&](Connection& db) -> Result<NoticeText> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::notify));
        auto now = app.clock().now();
        storage::NoticeTextRecord record{incident.id,
                                         std::string(text::trim(input.description)),
                                         std::string(text::trim(input.consequences)),
                                         std::string(text::trim(input.measures)),
                                         actor.user_id,
                                         now};
        TRY_STATUS(storage::save_notice_text(db, record));
        // Lengths only: the text itself is in the table, the audit trail holds no case text.
        TRY_STATUS(audit(db, app, actor, incident, "processor_notice.text", incident.id,
                         {{"description", static_cast<int64_t>(record.description.size())},
                          {"consequences", static_cast<int64_t>(record.consequences.size())},
                          {"measures", static_cast<int64_t>(record.measures.size())}}));
        return NoticeText{record.description, record.consequences, record.measures, now};
    });
}


Result<ProcessorOverview> processor_overview(App& app, const Actor& actor, std::string_view incident_id) {
    std::string org_id;
    auto overview = TRY(storage::transact_value<ProcessorOverview>(app.database(), TxMode::read, [&](Connection& db) -> Result<ProcessorOverview> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::read_all_cases));
        org_id = incident.org_id;
        ProcessorOverview out;
        out.may_notify = actor.allows(incident.org_id, domain::Action::notify);
        auto assessments = TRY(storage::list_assessments(db, incident.id));
        if (!assessments.empty()) {
            boost::system::error_code error;
            auto input = boost::json::parse(assessments.back().input_json, error);
            const auto* role = !error && input.is_object() ? input.as_object().if_contains("role") : nullptr;
            out.assessed_as_processor = role && role->is_string() && role->get_string() == "processor";
        }
        out.text = notice_text_of(TRY(storage::find_notice_text(db, incident.id)));
        out.warnings = text_findings(out.text, TRY(organisation_of(db, incident.org_id)), incident, app.clock().now());
        std::map<std::string, CustomerRecord> by_id;
        for (auto& customer : TRY(storage::list_customers(db, incident.org_id, true))) {
            if (customer.active) out.customers.push_back(customer);
            by_id.emplace(customer.id, std::move(customer));
        }
        std::map<std::string, std::vector<storage::NoticeQuestionRecord>> questions;
        for (auto& question : TRY(storage::list_notice_questions(db, incident.id)))
            questions[question.notice_id].push_back(std::move(question));
        auto now = app.clock().now();
        for (auto& notice : TRY(storage::list_notices(db, incident.id))) {
            NoticeView view;
            view.customer = by_id[notice.customer_id];
            view.questions = std::move(questions[notice.id]);
            for (const auto& question : view.questions) view.open_questions += question.answer.empty();
            view.overdue = !notice.sent_at && notice.deadline_at && now > *notice.deadline_at;
            view.notice = std::move(notice);
            ++out.counts.selected;
            out.counts.sent += view.notice.sent_at.has_value();
            out.counts.acknowledged += view.notice.acknowledged_at.has_value();
            out.counts.overdue += view.overdue;
            out.counts.with_open_questions += view.open_questions > 0;
            out.notices.push_back(std::move(view));
        }
        std::sort(out.notices.begin(), out.notices.end(),
                  [](const NoticeView& a, const NoticeView& b) { return a.customer.name < b.customer.name; });
        return out;
    }));
    // The notices with their customers' contacts and questions.
    app.record_read(&actor, {org_id, "processor_notice.read", "incident", std::string(incident_id),
                             read_count("notices", overview.notices.size())});
    return overview;
}

} // namespace skydda::app
