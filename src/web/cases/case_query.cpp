// The case register's filters from a query string, the same for the API (GET /api/v1/incidents)
// and the /cases page's form: every parameter checked, an unknown one refused by name.
#include <set>

#include "web/cases/cases.hpp"

namespace skydda::web {
namespace {

Result<std::optional<bool>> boolean(const std::string& name, const std::string& value) {
    if (value.empty()) return std::optional<bool>();
    if (value == "true") return std::optional<bool>(true);
    if (value == "false") return std::optional<bool>(false);
    return fail(Error::invalid(name, "must be true or false"));
}

} // namespace

Result<std::optional<Instant>> query_moment(const std::string& name, const std::string& value, bool end) {
    if (value.empty()) return std::optional<Instant>();
    if (value.size() <= 10) {
        auto day = parse_stockholm_date(value, name);
        if (!day) return fail(Error::invalid(name, "must be a date (2026-03-01) or an RFC 3339 time"));
        return std::optional<Instant>(end ? stockholm_start_of_day(*day + std::chrono::hours(36)) : *day);
    }
    auto at = parse_rfc3339(value, name);
    if (!at) return fail(Error::invalid(name, "must be a date (2026-03-01) or an RFC 3339 time"));
    return std::optional<Instant>(*at);
}

Result<app::CaseQuery> case_query(const std::vector<std::pair<std::string, std::string>>& params,
                                  bool ignore_unknown) {
    static const std::set<std::string, std::less<>> k_known{
        "org",    "status",   "mine",        "limit",      "q",         "open",       "unit",
        "what_happened", "cause", "risk",    "notified",   "overdue",   "aware_from", "aware_to",
        "reported_from", "reported_to", "sort", "cursor"};
    app::CaseQuery query;
    std::set<std::string> seen;
    for (const auto& [name, value] : params) {
        if (!k_known.contains(name)) {
            if (ignore_unknown) continue;
            return fail(Error::invalid(name, "is not a parameter of this list"));
        }
        if (!seen.insert(name).second) return fail(Error::invalid(name, "is given twice"));
        if (name == "org") query.org_id = value;
        else if (name == "status") {
            if (value.empty()) continue;
            query.status = domain::parse_status(value);
            if (!query.status) return fail(Error::invalid("status", "unknown status"));
        } else if (name == "mine") {
            query.mine = TRY(boolean(name, value)).value_or(false);
        } else if (name == "limit") {
            if (value.empty()) continue;
            size_t used = 0;
            long long number = 0;
            try {
                number = std::stoll(value, &used);
            } catch (...) {
                used = 0;
            }
            if (used != value.size() || number < 1 || number > 500)
                return fail(Error::invalid("limit", "must be a whole number from 1 to 500"));
            query.limit = static_cast<size_t>(number);
        } else if (name == "q") query.text = value;
        else if (name == "open") query.open = TRY(boolean(name, value));
        else if (name == "unit") query.unit_id = value;
        else if (name == "what_happened") query.what_happened = value;
        else if (name == "cause") query.cause = value;
        else if (name == "risk") query.risk = value;
        else if (name == "notified") query.notified = TRY(boolean(name, value));
        else if (name == "overdue") {
            if (!value.empty() && value != "true") return fail(Error::invalid("overdue", "must be true"));
            query.overdue = value == "true";
        } else if (name == "aware_from") query.aware_from = TRY(query_moment(name, value, false));
        else if (name == "aware_to") query.aware_to = TRY(query_moment(name, value, true));
        else if (name == "reported_from") query.reported_from = TRY(query_moment(name, value, false));
        else if (name == "reported_to") query.reported_to = TRY(query_moment(name, value, true));
        else if (name == "sort") {
            if (value.empty()) continue;
            auto sort = app::parse_case_sort(value);
            if (!sort) return fail(Error::invalid("sort", "must be urgency, reported or case_number"));
            query.sort = *sort;
        } else if (name == "cursor") query.cursor = value;
    }
    return query;
}

} // namespace skydda::web
