// Incidents: their rows, registry numbers and the case register's filtered, paged lists.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/facts_json.hpp"
#include "storage/cases/case_search.hpp"
#include "storage/repositories.hpp"

namespace skydda::storage {
namespace {

constexpr const char* k_incident_columns =
    "id, org_id, case_number, status, version, facts_json, reported_at, registered_at, updated_at, reporter_id, "
    "handler_id, status_reason";

Result<domain::Incident> read_incident(const Row& row) {
    domain::Incident incident;
    incident.id = row.text(0);
    incident.org_id = row.text(1);
    incident.case_number = row.text(2);
    incident.status = domain::parse_status(row.text(3)).value_or(domain::CaseStatus::reported);
    incident.version = row.integer(4);
    boost::system::error_code ec;
    auto parsed = boost::json::parse(row.text(5), ec);
    if (ec || !parsed.is_object()) return fail(Error::internal("stored facts of " + incident.id + " are not JSON"));
    incident.facts = TRY(domain::facts_from_json(parsed.get_object()));
    incident.reported_at = row.time(6);
    incident.registered_at = row.optional_time(7);
    incident.updated_at = row.time(8);
    incident.reporter_id = row.text(9);
    incident.handler_id = row.text(10);
    incident.status_reason = row.text(11);
    return incident;
}

std::vector<Value> incident_values(const domain::Incident& incident) {
    return {std::string(domain::status_name(incident.status)),
            incident.facts.title,
            boost::json::serialize(domain::facts_to_json(incident.facts)),
            time_or_null(incident.facts.aware_at),
            time_or_null(incident.registered_at),
            format_utc(incident.updated_at),
            text_or_null(incident.handler_id),
            text_or_null(incident.status_reason)};
}

} // namespace

Result<int64_t> next_registry_sequence(Connection& db, std::string_view org_id, int year) {
    // Runs inside the report's write transaction: a rolled-back report gives its number back,
    // so the sequence has no gaps, and two reports can never draw the same number.
    auto changed = TRY(db.execute("UPDATE registry_counters SET last_sequence = last_sequence + 1 "
                                  "WHERE org_id = ? AND year = ?",
                                  {std::string(org_id), static_cast<int64_t>(year)}));
    if (changed == 0) {
        TRY(db.execute("INSERT INTO registry_counters (org_id, year, last_sequence) VALUES (?, ?, 1)",
                       {std::string(org_id), static_cast<int64_t>(year)}));
        return 1;
    }
    auto rows = TRY(db.query("SELECT last_sequence FROM registry_counters WHERE org_id = ? AND year = ?",
                             {std::string(org_id), static_cast<int64_t>(year)}));
    return rows.at(0).integer(0);
}

Status insert_incident(Connection& db, const domain::Incident& incident) {
    auto values = incident_values(incident);
    std::vector<Value> params = {incident.id, incident.org_id, incident.case_number, incident.version,
                                 format_utc(incident.reported_at), incident.reporter_id};
    params.insert(params.end(), values.begin(), values.end());
    // The urgency order's columns start as "most urgent" until the change's own refresh
    // (storage/cases/duty_repository.hpp) computes them in the same transaction.
    TRY(db.execute("INSERT INTO incidents (id, org_id, case_number, version, reported_at, reporter_id, status, title, "
                   "facts_json, aware_at, registered_at, updated_at, handler_id, status_reason, due_rank, due_at, "
                   "due_decided) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', 1)",
                   params));
    return index_case(db, incident);
}

Result<std::optional<domain::Incident>> find_incident(Connection& db, std::string_view id) {
    auto rows =
        TRY(db.query(std::string("SELECT ") + k_incident_columns + " FROM incidents WHERE id = ?", {std::string(id)}));
    if (rows.empty()) return std::optional<domain::Incident>();
    return std::optional<domain::Incident>(TRY(read_incident(rows[0])));
}

Result<bool> update_incident(Connection& db, const domain::Incident& incident, int64_t expected_version) {
    auto params = incident_values(incident);
    params.push_back(incident.id);
    params.push_back(expected_version);
    auto changed = TRY(db.execute("UPDATE incidents SET status = ?, title = ?, facts_json = ?, aware_at = ?, "
                                  "registered_at = ?, updated_at = ?, handler_id = ?, status_reason = ?, "
                                  "version = version + 1 WHERE id = ? AND version = ?",
                                  params));
    if (changed == 1) TRY_STATUS(index_case(db, incident));
    return changed == 1;
}

namespace {

// One column of a sort: its SQL, its direction, and whether its key is a number.
struct SortColumn {
    const char* sql;
    bool descending;
    bool integer;
};

// The urgency order of domain::more_urgent over every matching case (migration 14): an open
// duty by its due time, a decided one first on a tie, then open duties without a due time,
// then the rest; within each the newest report first. The columns are plain (never NULL: a new
// case is written with rank 0 and refreshed in the same transaction, and migrate fills older
// rows) so that the ORDER BY walks incidents_by_urgency_order instead of sorting every match.
// The id last makes every key unique, so that a page starts exactly after the previous one.
std::vector<SortColumn> sort_columns(IncidentSort sort) {
    switch (sort) {
    case IncidentSort::reported: return {{"i.reported_at", true, false}, {"i.id", true, false}};
    case IncidentSort::case_number: return {{"i.case_number", false, false}, {"i.id", false, false}};
    case IncidentSort::urgency: break;
    }
    return {{"i.due_rank", false, true},
            {"i.due_at", false, false},
            {"i.due_decided", true, true},
            {"i.reported_at", true, false},
            {"i.id", false, false}};
}

// The WHERE clause of every filter but the page's position.
Status add_filters(Connection& db, const IncidentFilter& filter, std::string& sql, std::vector<Value>& params) {
    sql += " WHERE ";
    if (!filter.reporter_id.empty()) {
        sql += "i.reporter_id = ?";
        params.emplace_back(filter.reporter_id);
        if (!filter.org_ids.empty()) sql += " AND ";
    }
    if (!filter.org_ids.empty()) {
        sql += "i.org_id IN (";
        for (size_t i = 0; i < filter.org_ids.size(); ++i) {
            sql += i ? ", ?" : "?";
            params.emplace_back(filter.org_ids[i]);
        }
        sql += ")";
    }
    auto equals = [&](const char* column, const std::string& value) {
        if (value.empty()) return;
        sql += fmt::format(" AND {} = ?", column);
        params.emplace_back(value);
    };
    if (filter.status) equals("i.status", std::string(domain::status_name(*filter.status)));
    if (filter.open) sql += *filter.open ? " AND i.status NOT IN ('closed', 'not_a_breach')"
                                         : " AND i.status IN ('closed', 'not_a_breach')";
    equals("i.unit_id", filter.unit_id);
    equals("i.what_happened", filter.what_happened);
    equals("i.cause", filter.cause);
    equals("i.risk", filter.risk);
    if (filter.notified) sql += *filter.notified ? " AND i.notified_at IS NOT NULL" : " AND i.notified_at IS NULL";
    if (filter.overdue_at) {
        sql += " AND i.due_rank = 0 AND i.due_at < ?";
        params.emplace_back(format_utc(*filter.overdue_at));
    }
    auto range = [&](const char* column, const std::optional<Instant>& from, const std::optional<Instant>& to) {
        if (from) {
            sql += fmt::format(" AND {} >= ?", column);
            params.emplace_back(format_utc(*from));
        }
        if (to) {
            sql += fmt::format(" AND {} < ?", column);
            params.emplace_back(format_utc(*to));
        }
    };
    range("i.aware_at", filter.aware_from, filter.aware_to);
    range("i.reported_at", filter.reported_from, filter.reported_to);
    if (auto search = search_condition(db.dialect(), filter.text)) {
        sql += " AND " + search->sql;
        params.insert(params.end(), search->params.begin(), search->params.end());
    }
    return {};
}

} // namespace

Result<IncidentPage> find_incidents(Connection& db, const IncidentFilter& filter) {
    IncidentPage page;
    if (filter.reporter_id.empty() && filter.org_ids.empty()) return page;
    const auto columns = sort_columns(filter.sort);
    std::string where;
    std::vector<Value> params;
    TRY_STATUS(add_filters(db, filter, where, params));
    if (filter.count_total) page.total = TRY(db.query("SELECT COUNT(*) FROM incidents i" + where, params)).at(0).integer(0);
    if (filter.count_by_status) {
        auto all_statuses = filter;
        all_statuses.status.reset();
        std::string any_where;
        std::vector<Value> any_params;
        TRY_STATUS(add_filters(db, all_statuses, any_where, any_params));
        for (const auto& row : TRY(db.query("SELECT i.status, COUNT(*) FROM incidents i" + any_where +
                                                " GROUP BY i.status ORDER BY i.status",
                                            any_params)))
            page.by_status.emplace_back(row.text(0), row.integer(1));
    }

    // One page in the sort's order after the cursor, for the organisations of `f`.
    auto page_query = [&](const IncidentFilter& f, std::vector<Value>& arm_params) -> Result<std::string> {
        std::string arm_where;
        TRY_STATUS(add_filters(db, f, arm_where, arm_params));
        std::string arm = "SELECT i.id, i.org_id, i.case_number, i.status, i.version, i.facts_json, i.reported_at, "
                          "i.registered_at, i.updated_at, i.reporter_id, i.handler_id, i.status_reason, i.risk";
        for (size_t k = 0; k < columns.size(); ++k) arm += fmt::format(", {} AS k{}", columns[k].sql, k);
        arm += " FROM incidents i" + arm_where;
        if (!f.after.empty()) {
            // After the key: a row whose first k columns equal it and whose next one lies beyond.
            std::string after;
            for (size_t k = 0; k < columns.size(); ++k) {
                after += k ? " OR (" : "(";
                for (size_t j = 0; j < k; ++j) {
                    after += fmt::format("{} = ? AND ", columns[j].sql);
                    arm_params.push_back(f.after[j]);
                }
                after += fmt::format("{} {} ?)", columns[k].sql, columns[k].descending ? "<" : ">");
                arm_params.push_back(f.after[k]);
            }
            arm += " AND (" + after + ")";
        }
        arm += " ORDER BY ";
        for (size_t k = 0; k < columns.size(); ++k)
            arm += fmt::format("{}{}{}", k ? ", " : "", columns[k].sql, columns[k].descending ? " DESC" : "");
        arm += " LIMIT ?";
        arm_params.emplace_back(static_cast<int64_t>(f.limit + 1));
        return arm;
    };
    if (!filter.after.empty()) {
        if (filter.after.size() != columns.size())
            return fail(Error::invalid("cursor", "does not belong to this sort order"));
        for (size_t k = 0; k < columns.size(); ++k)
            if (std::holds_alternative<int64_t>(filter.after[k]) != columns[k].integer ||
                (!columns[k].integer && !std::holds_alternative<std::string>(filter.after[k])))
                return fail(Error::invalid("cursor", "does not belong to this sort order"));
    }
    std::string sql;
    params.clear();
    if (filter.org_ids.size() > 1 && filter.reporter_id.empty() && !search_condition(db.dialect(), filter.text)) {
        // Several organisations: each one's page from its own index (incidents_by_org_urgency,
        // incidents_by_org_reported, the unique (org_id, case_number)), merged and cut to one
        // page, so that no list sorts every case of every organisation. A free-text search
        // reads its matches once instead (each arm would search again).
        for (size_t o = 0; o < filter.org_ids.size(); ++o) {
            auto one = filter;
            one.org_ids = {filter.org_ids[o]};
            sql += fmt::format("{}SELECT * FROM ({}) a{}", o ? " UNION ALL " : "", TRY(page_query(one, params)), o);
        }
        sql += " ORDER BY ";
        for (size_t k = 0; k < columns.size(); ++k)
            sql += fmt::format("{}k{}{}", k ? ", " : "", k, columns[k].descending ? " DESC" : "");
        sql += " LIMIT ?";
        params.emplace_back(static_cast<int64_t>(filter.limit + 1));
    } else {
        sql = TRY(page_query(filter, params));
    }
    auto rows = TRY(db.query(sql, params));
    const size_t shown = std::min(rows.size(), filter.limit);
    page.items.reserve(shown);
    for (size_t r = 0; r < shown; ++r) {
        page.items.push_back(TRY(read_incident(rows[r])));
        page.risks.push_back(rows[r].text(12));
    }
    if (rows.size() > filter.limit && shown > 0) {
        const auto& last = rows[shown - 1];
        for (size_t k = 0; k < columns.size(); ++k) {
            const size_t at = 13 + k;
            page.next.push_back(columns[k].integer ? Value(last.integer(at)) : Value(last.text(at)));
        }
    }
    return page;
}

} // namespace skydda::storage
