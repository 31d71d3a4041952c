// The case's history (Logg) for people: the audit trail of one case read back as lines, the
// changes with each field's value before and after, consecutive reads folded into one line, in
// pages newest first. The words are the web layer's (web/cases/pages_case_log.cpp); this is the data:
// who, when, what, and the fields that changed. Needs Action::read_audit on the case's
// organisation, like the raw trail on the case page, and is itself an audited read.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "domain/records.hpp"

namespace skydda::app {

enum class LogFilter { all, changes, reads };

// One field of a change. Values are as the audit entry holds them, made flat: text as is,
// times in RFC 3339, lists of codes joined with ",", true/false, numbers in digits; "" is
// "not given". `field` is the path in the incident's JSON ("title", "subjects.count",
// "effects.integrity") or one of the case's own: "status", "handler", "status_reason",
// "aware_at" (kännedom as the clock used it), "aware_source".
struct FieldChange {
    std::string field, before, after;
};

// One line of the log: one change, or consecutive reads folded (`reads`, newest first).
struct LogLine {
    domain::AuditEntry entry;               // the change, or the newest read of the run
    std::vector<FieldChange> changes;        // what the change changed, field by field
    std::vector<domain::AuditEntry> reads;  // non-empty: this line is a run of reads
    bool is_reads() const { return !reads.empty(); }
};

struct CaseLogQuery {
    LogFilter filter = LogFilter::all;
    int64_t before_seq = 0; // "Äldre": lines below this entry
    int64_t after_seq = 0;  // "Nyare": lines above this entry
    size_t lines = 50;
};

struct CaseLog {
    domain::Incident incident;
    std::vector<LogLine> lines;                      // newest first
    std::map<std::string, std::string> names;        // user ids (actors, handlers) → names
    std::map<std::string, std::string> task_titles;  // task id → title
    std::optional<int64_t> older;                    // before_seq for the next older page
    std::optional<int64_t> newer;                    // after_seq for the next newer page
    int64_t reads = 0, readers = 0;                  // every read of the case, by how many people
};

// True for the actions that record a read ("incident.read", "document.read:imy").
bool is_read_action(std::string_view action);
// The fields that `entry` changed, from its before/after JSON (incident entries and kännedom);
// empty for entries that carry no before.
std::vector<FieldChange> field_changes(const domain::AuditEntry& entry);
// Turns a trail, newest first, into lines: each change its own line, consecutive reads one
// line (in the reads filter every read is its own line). At most `max_lines`; `consumed` is
// how many entries the lines used (a run of reads cut by the end of `entries` is left out when
// more may follow, so that it is not split).
std::vector<LogLine> log_lines(const std::vector<domain::AuditEntry>& entries, LogFilter filter, size_t max_lines,
                               bool more_follow, size_t* consumed = nullptr);

Result<CaseLog> case_log(App& app, const Actor& actor, std::string_view incident_id, const CaseLogQuery& query);

} // namespace skydda::app
