// The case register's statistics (App::statistics): every count from the rows of
// storage/cases/case_statistics.hpp, so that each figure can be reproduced from the export.
#include <boost/json.hpp>

#include <algorithm>
#include <cmath>

#include "app/app.hpp"
#include "storage/cases/case_statistics.hpp"

namespace skydda::app {
namespace {

// Nearest rank: the smallest value with at least p of the values at or below it.
std::optional<double> percentile(std::vector<double> values, double p) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

HoursFigure figure(const std::vector<double>& hours) {
    return {static_cast<int64_t>(hours.size()), percentile(hours, 0.5), percentile(hours, 0.9)};
}

double hours_between(Instant from, Instant to) {
    return std::round(static_cast<double>((to - from).count()) / 36.0) / 100.0; // two decimals
}

} // namespace

Result<CaseStatistics> App::statistics(const Actor& actor, std::string_view org_id, std::optional<Instant> from,
                                       std::optional<Instant> to) {
    std::vector<std::string> org_ids;
    if (org_id.empty() || org_id == "all") {
        org_ids = actor.org_ids_allowing(domain::Action::read_all_cases);
        if (org_ids.empty()) return fail(Error::denied());
    } else {
        if (!actor.member_of(org_id)) return fail(Error::not_found("no such organisation"));
        if (!actor.allows(org_id, domain::Action::read_all_cases)) return fail(Error::denied());
        org_ids = {std::string(org_id)};
    }
    if (from && to && *to <= *from) return fail(Error::invalid("to", "must be after from"));
    auto out = TRY(tally_cases(std::move(org_ids), from, to));
    // The late notifications name cases: the read is audited with the period and the count.
    boost::json::object detail{{"total", out.total}};
    if (from) detail["from"] = format_utc(*from);
    if (to) detail["to"] = format_utc(*to);
    record_read(&actor, {out.org_ids.size() == 1 ? out.org_ids.front() : std::string(), "incident.statistics.read",
                         "incident_list", {}, boost::json::serialize(detail)});
    return out;
}

Result<CaseStatistics> App::tally_cases(std::vector<std::string> org_ids, std::optional<Instant> from,
                                        std::optional<Instant> to) {
    CaseStatistics out;
    out.org_ids = std::move(org_ids);
    out.from = from;
    out.to = to;
    auto rows = TRY(storage::transact_value<std::vector<storage::StatisticsRow>>(
        m_database, storage::TxMode::read,
        [&](storage::Connection& db) { return storage::statistics_rows(db, out.org_ids, from, to); }));
    std::vector<double> to_decision, to_notification;
    for (const auto& r : rows) {
        ++out.total;
        ++out.by_what_happened[r.what_happened];
        ++out.by_cause[r.cause];
        ++out.by_discovered_by[r.discovered_by];
        ++out.by_org[r.org_id];
        ++out.by_unit[r.unit_id];
        ++out.by_month[format_stockholm_date(r.reported_at).substr(0, 7)];
        ++out.by_risk[r.risk];
        ++out.by_status[r.status];
        if (r.decided_at) {
            ++out.decided;
            to_decision.push_back(hours_between(r.clock_at, *r.decided_at));
        }
        if (r.notified_at) {
            ++out.notified;
            double hours = std::round(static_cast<double>(r.seconds_to_notification) / 36.0) / 100.0;
            to_notification.push_back(hours);
            if (r.seconds_to_notification <= 72 * 3600) ++out.notified_within_72h;
            if (r.late || r.seconds_to_notification > 72 * 3600)
                out.late_notifications.push_back({r.id, r.case_number, r.late_reason, hours});
        }
        if (r.subjects_told_at) ++out.subjects_told;
    }
    out.hours_to_decision = figure(to_decision);
    out.hours_to_notification = figure(to_notification);
    for (const auto& [cause, count] : out.by_cause)
        if (!cause.empty() && count > 1) out.recurring_causes.emplace_back(cause, count);
    std::stable_sort(out.recurring_causes.begin(), out.recurring_causes.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return out;
}

} // namespace skydda::app
