// cases/: reporting an incident, the case file and its workflow (status, assignment, facts and
// kännedom), notes, tasks, questions to the reporter, attachments, the inbox and the case log.
// The use cases are App's (app/app.hpp); this header holds what they take and return.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/duties.hpp"
#include "domain/incident.hpp"
#include "domain/records.hpp"
#include "storage/scans/scan_repository.hpp"
#include "util/time.hpp"

namespace skydda::app {

// What a person sees of one case: the reporter sees their report and the questions to them;
// case workers see the whole file.
struct CaseFile {
    domain::Incident incident;
    domain::Organisation organisation;
    bool full_view = false;
    std::string reporter_name, handler_name, unit_name;
    std::vector<domain::Note> notes;
    std::vector<domain::Task> tasks;
    std::vector<domain::Question> questions;
    std::vector<domain::Attachment> attachments;
    std::vector<storage::ScanRecord> scans; // summaries of scans of the leaked data
    std::vector<domain::AuditEntry> audit; // the latest changes, newest first, when the actor may read the audit trail
    std::map<std::string, std::string> actor_names; // user id → name, for the audit trail
    bool unread_inbox = false; // the actor had unread notifications about this case
    std::vector<domain::User> handlers;   // candidates for assignment
    std::vector<domain::User> members;    // the organisation's people, for task assignees
    domain::CaseDuties duties;             // computed at the read (domain/duties.hpp)
};

// A case in a list, with its duties computed at the read: what the urgency order sorts by.
struct CaseSummary {
    domain::Incident incident;
    domain::CaseDuties duties;
    std::string handler_name; // "" when no handler is assigned
    std::string risk;         // the latest decision's: unlikely, risk, high; "" when undecided
};

// The orders of the case register: urgency (open cases with the earliest deadline first, then
// the newest report), the newest report first, or by case number.
enum class CaseSort { urgency, reported, case_number };
std::optional<CaseSort> parse_case_sort(std::string_view text);
std::string_view case_sort_name(CaseSort sort);

// What a list of cases asks for; every filter given must hold.
struct CaseQuery {
    std::string org_id;                      // empty: every organisation the actor can see
    std::optional<domain::CaseStatus> status;
    bool mine = false;                       // only the actor's own reports
    size_t limit = 100;
    std::optional<bool> open;                // open (not closed, not "not a breach") or not
    std::string unit_id;
    std::string what_happened, cause;        // the contract's codes
    std::string risk;                        // the latest decision: none, risk or high
    std::optional<bool> notified;            // IMY notified
    bool overdue = false;                    // a duty past its deadline, still open
    std::optional<Instant> aware_from, aware_to, reported_from, reported_to; // [from, to)
    std::string text;                        // free text over title, description, notes, case number
    CaseSort sort = CaseSort::urgency;
    std::string cursor;                      // CasePage::next_cursor of the previous page
    bool count_by_status = false;            // fill CasePage::by_status
};

// The checks of a query that need no database: the codes, the risk, the length of `text`
// (invalid_argument naming the field). App::find_cases makes them too.
Status validate_case_query(const CaseQuery& query);

// The organisation of every case in `cases`, or "" when they are of several (an audit entry's
// org); their ids in order.
std::string cases_org(const std::vector<CaseSummary>& cases);
std::vector<std::string> case_ids(const std::vector<CaseSummary>& cases);

// One page of a list: following next_cursor until it is empty yields every matching case
// exactly once, even while cases are added; `total` counts them all.
struct CasePage {
    std::vector<CaseSummary> items;
    std::string next_cursor;
    int64_t total = 0;
    // When asked: how many match in each status, the status filter aside (a list's tabs).
    std::vector<std::pair<domain::CaseStatus, int64_t>> by_status;
};

// The case register's statistics for a period (app/cases/case_statistics.cpp): counts by
// IMY's categories, organisation, unit, month, risk and status, and the figures of the 72 hours.
// Hours are from the instant the 72 hours run from; median and 90th percentile by nearest rank.
struct HoursFigure {
    int64_t count = 0;
    std::optional<double> median, p90;
};
struct LateNotification {
    std::string incident_id, case_number, reason;
    double hours = 0;
};
struct CaseStatistics {
    std::vector<std::string> org_ids;        // the organisations counted
    std::optional<Instant> from, to;         // reported in [from, to)
    int64_t total = 0;
    std::map<std::string, int64_t> by_what_happened, by_cause, by_discovered_by, by_org, by_unit, by_month, by_risk,
        by_status;                           // codes as keys; "" for not given
    int64_t decided = 0, notified = 0, notified_within_72h = 0, subjects_told = 0;
    HoursFigure hours_to_decision, hours_to_notification;
    std::vector<LateNotification> late_notifications;
    std::vector<std::pair<std::string, int64_t>> recurring_causes; // causes seen more than once, most first
};

// The DPO's own text in an organisation's annual report of a year (assessments and
// recommendations), as stored: version 0 and empty when nothing is written yet.
struct AnnualReportText {
    std::string org_id;
    int year = 0;
    std::string body;
    int64_t version = 0;
    std::optional<Instant> updated_at;
    std::string updated_by_name;
    // The kinds of personal data the text holds ("personnummer", "email", "phone"; never the
    // values): an annual report goes to the board and is often a public record.
    std::vector<std::string> personal_data;
};
inline constexpr size_t k_annual_text_max = 20000;
// The years an annual report may be made for (and how many earlier years its trend shows).
inline constexpr int k_annual_first_year = 2018; // the GDPR applies from 25 May 2018
inline constexpr int k_annual_trend_years = 5;

// A person's saved view of the case register: a name and the list's query string.
struct SavedView {
    std::string id, name, query;
    Instant created_at{};
};

struct NewTask {
    std::string title;
    std::string assignee_id;
    std::optional<Instant> due_at;
};

struct NewAttachment {
    std::string filename;
    std::string content_type;
    std::string data;
};

// Limits the use cases enforce (also stated in the API documentation).
inline constexpr size_t k_note_max = 20000;
inline constexpr size_t k_task_title_max = 300;
inline constexpr size_t k_attachment_max_bytes = 10 * 1024 * 1024;

} // namespace skydda::app
