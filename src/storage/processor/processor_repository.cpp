#include "storage/processor/processor_repository.hpp"

#include "util/text.hpp"

namespace skydda::storage {
namespace {

constexpr const char* k_customer_select =
    "SELECT id, org_id, name, orgnr, emails, contact_name, notice_hours, agreement_reference, language, active, "
    "created_at, updated_at FROM processor_customers ";

// Addresses are stored one a line: they never contain a line break.
std::string join_lines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : "\n") + item;
    return out;
}

CustomerRecord read_customer(const Row& row) {
    CustomerRecord c{row.text(0), row.text(1), row.text(2), row.text(3), {}, row.text(5), row.optional_integer(6),
                     row.text(7), row.text(8), row.integer(9) != 0, row.time(10), row.time(11)};
    const std::string emails = row.text(4); // split() returns views into it
    for (auto email : text::split(emails, '\n'))
        if (!email.empty()) c.emails.emplace_back(email);
    return c;
}

std::vector<Value> customer_values(const CustomerRecord& c) {
    return {c.name, c.orgnr, join_lines(c.emails), text_or_null(c.contact_name), optional_integer(c.notice_hours),
            text_or_null(c.agreement_reference), c.language, int64_t{c.active ? 1 : 0}, format_utc(c.updated_at)};
}

constexpr const char* k_notice_select =
    "SELECT id, incident_id, customer_id, selected_by, selected_at, deadline_at, status, sent_at, sent_by, sent_via, "
    "acknowledged_at, acknowledged_by_name, acknowledged_recorded_by, subjects_count, records FROM processor_notices ";

NoticeRecord read_notice(const Row& row) {
    return {row.text(0),          row.text(1), row.text(2),          row.text(3), row.time(4),
            row.optional_time(5), row.text(6), row.optional_time(7), row.text(8), row.text(9),
            row.optional_time(10), row.text(11), row.text(12), row.optional_integer(13), row.optional_integer(14)};
}

constexpr const char* k_question_select =
    "SELECT q.id, q.notice_id, q.asked_at, q.question, q.answer, q.answered_at, q.recorded_by, q.created_at "
    "FROM processor_notice_questions q ";

NoticeQuestionRecord read_question(const Row& row) {
    return {row.text(0), row.text(1), row.time(2), row.text(3), row.text(4), row.optional_time(5), row.text(6),
            row.time(7)};
}

} // namespace

Status insert_customer(Connection& db, const CustomerRecord& c) {
    auto values = customer_values(c);
    values.insert(values.begin(), {c.id, c.org_id});
    values.push_back(format_utc(c.created_at));
    TRY(db.execute("INSERT INTO processor_customers (id, org_id, name, orgnr, emails, contact_name, notice_hours, "
                   "agreement_reference, language, active, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                   "?, ?, ?)",
                   values));
    return {};
}

Status update_customer(Connection& db, const CustomerRecord& c) {
    auto values = customer_values(c);
    values.push_back(c.id);
    TRY(db.execute("UPDATE processor_customers SET name = ?, orgnr = ?, emails = ?, contact_name = ?, notice_hours = ?, "
                   "agreement_reference = ?, language = ?, active = ?, updated_at = ? WHERE id = ?",
                   values));
    return {};
}

Result<std::optional<CustomerRecord>> find_customer(Connection& db, std::string_view id) {
    auto rows = TRY(db.query(std::string(k_customer_select) + "WHERE id = ?", {std::string(id)}));
    if (rows.empty()) return std::optional<CustomerRecord>();
    return std::optional<CustomerRecord>(read_customer(rows[0]));
}

Result<std::optional<CustomerRecord>> find_customer_by_orgnr(Connection& db, std::string_view org_id,
                                                             std::string_view orgnr) {
    auto rows = TRY(db.query(std::string(k_customer_select) + "WHERE org_id = ? AND orgnr = ?",
                             {std::string(org_id), std::string(orgnr)}));
    if (rows.empty()) return std::optional<CustomerRecord>();
    return std::optional<CustomerRecord>(read_customer(rows[0]));
}

Result<std::vector<CustomerRecord>> list_customers(Connection& db, std::string_view org_id, bool include_inactive) {
    auto rows = TRY(db.query(std::string(k_customer_select) + "WHERE org_id = ?" +
                                 (include_inactive ? "" : " AND active = 1") + " ORDER BY name, orgnr",
                             {std::string(org_id)}));
    std::vector<CustomerRecord> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(read_customer(row));
    return out;
}

Status insert_notice(Connection& db, const NoticeRecord& n) {
    TRY(db.execute("INSERT INTO processor_notices (id, incident_id, customer_id, selected_by, selected_at, deadline_at, "
                   "status) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   {n.id, n.incident_id, n.customer_id, text_or_null(n.selected_by), format_utc(n.selected_at),
                    time_or_null(n.deadline_at), n.status}));
    return {};
}

Status update_notice(Connection& db, const NoticeRecord& n) {
    TRY(db.execute("UPDATE processor_notices SET status = ?, sent_at = ?, sent_by = ?, sent_via = ?, acknowledged_at = ?, "
                   "acknowledged_by_name = ?, acknowledged_recorded_by = ?, subjects_count = ?, records = ? WHERE id = ?",
                   {n.status, time_or_null(n.sent_at), text_or_null(n.sent_by), text_or_null(n.sent_via),
                    time_or_null(n.acknowledged_at), text_or_null(n.acknowledged_by_name),
                    text_or_null(n.acknowledged_recorded_by), optional_integer(n.subjects_count),
                    optional_integer(n.records), n.id}));
    return {};
}

Result<std::optional<NoticeRecord>> find_notice(Connection& db, std::string_view id) {
    auto rows = TRY(db.query(std::string(k_notice_select) + "WHERE id = ?", {std::string(id)}));
    if (rows.empty()) return std::optional<NoticeRecord>();
    return std::optional<NoticeRecord>(read_notice(rows[0]));
}

Result<std::optional<NoticeRecord>> find_notice_for(Connection& db, std::string_view incident_id,
                                                    std::string_view customer_id) {
    auto rows = TRY(db.query(std::string(k_notice_select) + "WHERE incident_id = ? AND customer_id = ?",
                             {std::string(incident_id), std::string(customer_id)}));
    if (rows.empty()) return std::optional<NoticeRecord>();
    return std::optional<NoticeRecord>(read_notice(rows[0]));
}

Result<std::vector<NoticeRecord>> list_notices(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query(std::string(k_notice_select) + "WHERE incident_id = ? ORDER BY selected_at, id",
                             {std::string(incident_id)}));
    std::vector<NoticeRecord> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(read_notice(row));
    return out;
}

Status insert_notice_question(Connection& db, const NoticeQuestionRecord& q) {
    TRY(db.execute("INSERT INTO processor_notice_questions (id, notice_id, asked_at, question, answer, answered_at, "
                   "recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   {q.id, q.notice_id, format_utc(q.asked_at), q.question, text_or_null(q.answer),
                    time_or_null(q.answered_at), text_or_null(q.recorded_by), format_utc(q.created_at)}));
    return {};
}

Status answer_notice_question(Connection& db, std::string_view id, std::string_view answer, Instant at) {
    TRY(db.execute("UPDATE processor_notice_questions SET answer = ?, answered_at = ? WHERE id = ?",
                   {std::string(answer), format_utc(at), std::string(id)}));
    return {};
}

Result<std::optional<NoticeQuestionRecord>> find_notice_question(Connection& db, std::string_view id) {
    auto rows = TRY(db.query(std::string(k_question_select) + "WHERE q.id = ?", {std::string(id)}));
    if (rows.empty()) return std::optional<NoticeQuestionRecord>();
    return std::optional<NoticeQuestionRecord>(read_question(rows[0]));
}

Result<std::vector<NoticeQuestionRecord>> list_notice_questions(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query(std::string(k_question_select) +
                                 "JOIN processor_notices n ON n.id = q.notice_id WHERE n.incident_id = ? "
                                 "ORDER BY q.asked_at, q.created_at, q.id",
                             {std::string(incident_id)}));
    std::vector<NoticeQuestionRecord> out;
    for (const auto& row : rows) out.push_back(read_question(row));
    return out;
}

Result<std::optional<NoticeTextRecord>> find_notice_text(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query("SELECT incident_id, description, consequences, measures, updated_by, updated_at "
                             "FROM processor_notice_texts WHERE incident_id = ?",
                             {std::string(incident_id)}));
    if (rows.empty()) return std::optional<NoticeTextRecord>();
    const auto& row = rows[0];
    return std::optional<NoticeTextRecord>(
        NoticeTextRecord{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.time(5)});
}

Status save_notice_text(Connection& db, const NoticeTextRecord& r) {
    // Portable replace: no upsert syntax both backends share; the write lock is held.
    TRY(db.execute("DELETE FROM processor_notice_texts WHERE incident_id = ?", {r.incident_id}));
    TRY(db.execute("INSERT INTO processor_notice_texts (incident_id, description, consequences, measures, updated_by, "
                   "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                   {r.incident_id, r.description, r.consequences, r.measures, text_or_null(r.updated_by),
                    format_utc(r.updated_at)}));
    return {};
}

} // namespace skydda::storage
