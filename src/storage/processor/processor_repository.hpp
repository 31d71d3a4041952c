// The processor's side of a breach (tables `processor_customers`, `processor_notices`,
// `processor_notice_questions`): the controllers an organisation processes personal data for,
// the notice each affected controller is owed on a case, and the questions a controller asked
// about it. One function per query, over the caller's transaction.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "util/time.hpp"

namespace skydda::storage {

struct CustomerRecord {
    std::string id, org_id, name, orgnr;
    std::vector<std::string> emails; // where breach notices go; at least one
    std::string contact_name;
    std::optional<int64_t> notice_hours; // the agreement's deadline for our notice
    std::string agreement_reference;
    std::string language = "sv";
    bool active = true;
    Instant created_at{}, updated_at{};
};

struct NoticeRecord {
    std::string id, incident_id, customer_id;
    std::string selected_by;
    Instant selected_at{};
    std::optional<Instant> deadline_at;
    std::string status = "selected"; // selected | sent | acknowledged
    std::optional<Instant> sent_at;
    std::string sent_by, sent_via;   // via: email | phone | portal | other
    std::optional<Instant> acknowledged_at;
    std::string acknowledged_by_name, acknowledged_recorded_by;
    // This controller's share, when known; the notice states the case's totals otherwise.
    std::optional<int64_t> subjects_count, records;
};

struct NoticeQuestionRecord {
    std::string id, notice_id;
    Instant asked_at{};
    std::string question;
    std::string answer;
    std::optional<Instant> answered_at;
    std::string recorded_by;
    Instant created_at{};
};

Status insert_customer(Connection& db, const CustomerRecord& customer);
Status update_customer(Connection& db, const CustomerRecord& customer);
Result<std::optional<CustomerRecord>> find_customer(Connection& db, std::string_view id);
Result<std::optional<CustomerRecord>> find_customer_by_orgnr(Connection& db, std::string_view org_id,
                                                             std::string_view orgnr);
// By name; inactive ones too when `include_inactive`.
Result<std::vector<CustomerRecord>> list_customers(Connection& db, std::string_view org_id, bool include_inactive);

Status insert_notice(Connection& db, const NoticeRecord& notice);
Status update_notice(Connection& db, const NoticeRecord& notice);
Result<std::optional<NoticeRecord>> find_notice(Connection& db, std::string_view id);
Result<std::optional<NoticeRecord>> find_notice_for(Connection& db, std::string_view incident_id,
                                                    std::string_view customer_id);
// In the order they were selected.
Result<std::vector<NoticeRecord>> list_notices(Connection& db, std::string_view incident_id);

Status insert_notice_question(Connection& db, const NoticeQuestionRecord& question);
Status answer_notice_question(Connection& db, std::string_view id, std::string_view answer, Instant at);
Result<std::optional<NoticeQuestionRecord>> find_notice_question(Connection& db, std::string_view id);
// Every question on the case's notices, oldest first.
Result<std::vector<NoticeQuestionRecord>> list_notice_questions(Connection& db, std::string_view incident_id);

// The notice's text written for the controllers (table `processor_notice_texts`, one per case).
struct NoticeTextRecord {
    std::string incident_id, description, consequences, measures, updated_by;
    Instant updated_at{};
};
Result<std::optional<NoticeTextRecord>> find_notice_text(Connection& db, std::string_view incident_id);
Status save_notice_text(Connection& db, const NoticeTextRecord& record); // replaces the case's text

} // namespace skydda::storage
