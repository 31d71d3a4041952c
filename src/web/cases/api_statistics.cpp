// GET /api/v1/statistics?org=ID|all&from=DATE&to=DATE: the case register's figures for a
// period (App::statistics), the contract's codes as keys; every figure can be reproduced from
// GET /api/v1/incidents/export with the same organisation and reported_from/reported_to.
#include <boost/json.hpp>

#include "web/api_json.hpp"
#include "web/cases/cases.hpp"

namespace skydda::web {
namespace {
namespace json = boost::json;

json::object counts(const std::map<std::string, int64_t>& by, std::string_view none = "unknown") {
    json::object out;
    for (const auto& [key, count] : by) out[key.empty() ? none : std::string_view(key)] = count;
    return out;
}

json::value share(int64_t part, int64_t whole) {
    if (whole == 0) return nullptr;
    return std::round(static_cast<double>(part) * 1000.0 / static_cast<double>(whole)) / 1000.0;
}

json::object hours(const app::HoursFigure& figure) {
    return {{"count", figure.count},
            {"median", figure.median ? json::value(*figure.median) : json::value(nullptr)},
            {"p90", figure.p90 ? json::value(*figure.p90) : json::value(nullptr)}};
}

Result<http::Response> get_statistics(Context& context) {
    std::string org;
    std::optional<Instant> from, to;
    for (const auto& [name, value] : context.request.query) {
        if (name == "org") org = value;
        else if (name == "from") from = TRY(query_moment(name, value, false));
        else if (name == "to") to = TRY(query_moment(name, value, true));
        else return fail(Error::invalid(name, "is not a parameter of the statistics"));
    }
    auto stats = TRY(context.app.statistics(*context.actor, org, from, to));
    return json_response(200, statistics_json(stats));
}

} // namespace

json::object statistics_json(const app::CaseStatistics& s) {
    json::object risk;
    for (const auto& [code, count] : s.by_risk) risk[code.empty() ? "undecided" : code == "unlikely" ? "none" : code] = count;
    json::array late;
    for (const auto& item : s.late_notifications)
        late.push_back(json::object{{"id", item.incident_id}, {"case_number", item.case_number},
                                    {"hours", item.hours}, {"reason", item.reason}});
    json::array recurring;
    for (const auto& [cause, count] : s.recurring_causes) recurring.push_back(json::object{{"cause", cause}, {"count", count}});
    json::array orgs;
    for (const auto& id : s.org_ids) orgs.emplace_back(id);
    return {{"organisations", std::move(orgs)},
            {"from", s.from ? json::value(format_stockholm(*s.from)) : json::value(nullptr)},
            {"to", s.to ? json::value(format_stockholm(*s.to)) : json::value(nullptr)},
            {"total", s.total},
            {"by_what_happened", counts(s.by_what_happened)},
            {"by_cause", counts(s.by_cause)},
            {"by_discovered_by", counts(s.by_discovered_by)},
            {"by_org", counts(s.by_org)},
            {"by_unit", counts(s.by_unit, "none")},
            {"by_month", counts(s.by_month)},
            {"by_status", counts(s.by_status)},
            {"by_risk", std::move(risk)},
            {"decided", s.decided},
            {"notified", s.notified},
            {"notified_share", share(s.notified, s.total)},
            {"notified_within_72h", s.notified_within_72h},
            {"notified_within_72h_share", share(s.notified_within_72h, s.notified)},
            {"hours_to_decision", hours(s.hours_to_decision)},
            {"hours_to_notification", hours(s.hours_to_notification)},
            {"late_notifications", std::move(late)},
            {"subjects_told", s.subjects_told},
            {"subjects_told_share", share(s.subjects_told, s.total)},
            {"recurring_causes", std::move(recurring)}};
}

void register_statistics_api(Site& site) { site.add("GET", "/api/v1/statistics", api_handler(get_statistics)); }

} // namespace skydda::web
