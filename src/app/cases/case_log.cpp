// The case's history read back for people (app/cases/case_log.hpp).
#include "app/cases/case_log.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "app/case_access.hpp"
#include "storage/audit_log.hpp"
#include "storage/repositories.hpp"

namespace skydda::app {
namespace {
namespace json = boost::json;

// A trail is read in batches of this many entries; a page never reads more than k_max_entries
// (a run of reads longer than that is shown as one line, cut where the page ends).
constexpr size_t k_batch = 500;
constexpr size_t k_max_entries = 5000;

std::string flat(const json::value& value) {
    if (value.is_null()) return {};
    if (value.is_string()) return std::string(value.get_string());
    if (value.is_bool()) return value.get_bool() ? "true" : "false";
    if (value.is_int64()) return std::to_string(value.get_int64());
    if (value.is_uint64()) return std::to_string(value.get_uint64());
    if (value.is_double()) return json::serialize(value);
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value.get_array()) out += (out.empty() ? "" : ",") + flat(item);
        return out;
    }
    return json::serialize(value);
}

// Every leaf of an object as "path" → flat value (objects one inside another join with ".").
void flatten(const json::object& object, const std::string& prefix, std::map<std::string, std::string>& out) {
    for (const auto& [key, value] : object) {
        std::string path = prefix + std::string(key);
        if (value.is_object()) flatten(value.get_object(), path + ".", out);
        else out[path] = flat(value);
    }
}

std::optional<json::object> parse_object(const std::string& text) {
    if (text.empty()) return std::nullopt;
    boost::system::error_code error;
    auto value = json::parse(text, error);
    if (error || !value.is_object()) return std::nullopt;
    return std::move(value.get_object());
}

// The leaves that differ between two objects, in the order of `order` first, then the rest.
std::vector<FieldChange> differences(const std::map<std::string, std::string>& before,
                                     const std::map<std::string, std::string>& after) {
    std::vector<FieldChange> out;
    auto value_in = [](const std::map<std::string, std::string>& map, const std::string& key) {
        auto found = map.find(key);
        return found == map.end() ? std::string() : found->second;
    };
    std::vector<std::string> keys;
    for (const auto& [key, value] : before) keys.push_back(key);
    for (const auto& [key, value] : after)
        if (!before.contains(key)) keys.push_back(key);
    for (const auto& key : keys) {
        auto was = value_in(before, key), now = value_in(after, key);
        if (was != now) out.push_back({key, std::move(was), std::move(now)});
    }
    return out;
}

// The case's fields in an incident entry (incident_audit_json): the facts and the case's own.
std::map<std::string, std::string> incident_fields(const json::object& object) {
    std::map<std::string, std::string> out;
    for (auto key : {"status", "handler", "status_reason"})
        if (const auto* value = object.if_contains(key)) out[key] = flat(*value);
    if (const auto* facts = object.if_contains("facts"); facts && facts->is_object()) flatten(facts->get_object(), "", out);
    return out;
}

// Facts in the order the report form asks them, the case's own fields first.
size_t field_rank(std::string_view field) {
    static constexpr std::string_view k_order[] = {
        "status", "status_reason", "handler", "aware_at", "aware_source", "title", "unit", "description",
        "what_happened", "cause", "cause_other", "discovered_by", "occurred_at", "discovered_at", "ended_at",
        "data", "records", "subjects.count", "subjects.groups", "effects.confidentiality", "effects.integrity",
        "effects.availability", "recipients", "recipient_trusted", "consequences", "measures",
        "processor_involved", "processor_name"};
    auto found = std::find(std::begin(k_order), std::end(k_order), field);
    return static_cast<size_t>(found - std::begin(k_order));
}

} // namespace

bool is_read_action(std::string_view action) {
    return action.ends_with(".read") || action.find(".read:") != std::string_view::npos;
}

std::vector<FieldChange> field_changes(const domain::AuditEntry& entry) {
    auto before = parse_object(entry.before_json);
    auto after = parse_object(entry.after_json);
    if (!before || !after) return {};
    std::vector<FieldChange> out;
    if (entry.action == "incident.aware") {
        auto pick = [](const json::object& object) {
            std::map<std::string, std::string> fields;
            if (const auto* at = object.if_contains("aware_at")) fields["aware_at"] = flat(*at);
            if (const auto* source = object.if_contains("source")) fields["aware_source"] = flat(*source);
            return fields;
        };
        out = differences(pick(*before), pick(*after));
    } else if (entry.entity == "incident" && before->contains("facts") && after->contains("facts")) {
        out = differences(incident_fields(*before), incident_fields(*after));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const FieldChange& a, const FieldChange& b) { return field_rank(a.field) < field_rank(b.field); });
    return out;
}

std::vector<LogLine> log_lines(const std::vector<domain::AuditEntry>& entries, LogFilter filter, size_t max_lines,
                               bool more_follow, size_t* consumed) {
    std::vector<LogLine> lines;
    size_t used = 0;
    for (size_t i = 0; i < entries.size() && lines.size() < max_lines;) {
        const auto& entry = entries[i];
        if (!is_read_action(entry.action)) {
            lines.push_back({entry, field_changes(entry), {}});
            used = ++i;
            continue;
        }
        if (filter == LogFilter::reads) {
            lines.push_back({entry, {}, {entry}});
            used = ++i;
            continue;
        }
        size_t end = i;
        while (end < entries.size() && is_read_action(entries[end].action)) ++end;
        if (end == entries.size() && more_follow) break; // the run may go on: the next batch decides
        LogLine line{entry, {}, {}};
        line.reads.assign(entries.begin() + static_cast<std::ptrdiff_t>(i),
                          entries.begin() + static_cast<std::ptrdiff_t>(end));
        lines.push_back(std::move(line));
        used = i = end;
    }
    if (consumed) *consumed = used;
    return lines;
}

namespace {

storage::TrailKind kind_of(LogFilter filter) {
    return filter == LogFilter::changes ? storage::TrailKind::changes
           : filter == LogFilter::reads ? storage::TrailKind::reads
                                        : storage::TrailKind::all;
}

// Reads the trail from the query's cursor in its direction until the page's lines are complete;
// the lines come in that direction (newest first, or oldest first after `after_seq`).
Result<std::vector<LogLine>> page_lines(storage::Connection& db, std::string_view incident_id, const CaseLogQuery& query,
                                        bool* more) {
    storage::CaseTrailQuery trail{std::string(incident_id), kind_of(query.filter), query.before_seq, query.after_seq,
                                  k_batch};
    bool ascending = query.after_seq > 0;
    std::vector<domain::AuditEntry> buffer;
    while (true) {
        auto batch = TRY(storage::case_trail(db, trail));
        bool exhausted = batch.size() < k_batch;
        if (!batch.empty()) (ascending ? trail.after_seq : trail.before_seq) = batch.back().seq;
        buffer.insert(buffer.end(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
        bool full = buffer.size() >= k_max_entries;
        size_t consumed = 0;
        auto lines = log_lines(buffer, query.filter, query.lines, !exhausted && !full, &consumed);
        if (lines.size() >= query.lines || exhausted || full) {
            *more = consumed < buffer.size() || !exhausted;
            return lines;
        }
    }
}

Result<bool> any_beyond(storage::Connection& db, std::string_view incident_id, LogFilter filter, int64_t before,
                        int64_t after) {
    storage::CaseTrailQuery probe{std::string(incident_id), kind_of(filter), before, after, 1};
    return !TRY(storage::case_trail(db, probe)).empty();
}

} // namespace

Result<CaseLog> case_log(App& app, const Actor& actor, std::string_view incident_id, const CaseLogQuery& query) {
    auto log = TRY(storage::transact_value<CaseLog>(app.database(), storage::TxMode::read, [&](storage::Connection& db) -> Result<CaseLog> {
        CaseLog out;
        out.incident = TRY(load_for(db, actor, incident_id, domain::Action::read_audit));
        bool more = false;
        out.lines = TRY(page_lines(db, out.incident.id, query, &more));
        bool ascending = query.after_seq > 0;
        if (ascending) {
            std::reverse(out.lines.begin(), out.lines.end());
            for (auto& line : out.lines) {
                std::reverse(line.reads.begin(), line.reads.end());
                if (line.is_reads()) line.entry = line.reads.front();
            }
        }
        if (!out.lines.empty()) {
            int64_t newest = out.lines.front().entry.seq;
            const auto& last = out.lines.back();
            int64_t oldest = last.is_reads() ? last.reads.back().seq : last.entry.seq;
            bool older = more, newer = more;
            // The direction read says whether more follow; the other end is probed.
            if (ascending) older = TRY(any_beyond(db, out.incident.id, query.filter, oldest, 0));
            else newer = TRY(any_beyond(db, out.incident.id, query.filter, 0, newest));
            if (older) out.older = oldest;
            if (newer) out.newer = newest;
        }
        auto reads = TRY(storage::case_trail_reads(db, out.incident.id));
        out.reads = reads.reads;
        out.readers = reads.readers;
        std::vector<std::string> ids;
        for (const auto& line : out.lines) {
            ids.push_back(line.entry.actor_id);
            for (const auto& read : line.reads) ids.push_back(read.actor_id);
            for (const auto& change : line.changes)
                if (change.field == "handler") ids.insert(ids.end(), {change.before, change.after});
        }
        for (const auto& id : ids)
            if (!id.empty() && !out.names.contains(id))
                if (auto user = TRY(storage::find_user(db, id))) out.names.emplace(user->id, user->name);
        for (const auto& task : TRY(storage::list_tasks(db, out.incident.id))) out.task_titles.emplace(task.id, task.title);
        return out;
    }));
    app.record_read(&actor, {log.incident.org_id, "audit.read", "incident", log.incident.id,
                             boost::json::serialize(json::object{{"lines", log.lines.size()}})});
    return log;
}

} // namespace skydda::app
