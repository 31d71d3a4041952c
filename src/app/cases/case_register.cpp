// The case register's lists: who may see which cases, the filters checked and passed on to the
// repository (storage/repositories.hpp: find_incidents), the cursor of a page, and the audit of
// what a list showed.
#include <boost/json.hpp>

#include <algorithm>
#include <map>

#include "app/app.hpp"
#include "app/audit_support.hpp"
#include "domain/codes.hpp"
#include "storage/cases/duty_repository.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"
#include "util/text.hpp"

namespace skydda::app {
namespace {

namespace json = boost::json;
using storage::Connection;
using storage::TxMode;

constexpr size_t k_view_name_max = 80;
constexpr size_t k_view_query_max = 2000;
constexpr size_t k_views_max = 20;

constexpr std::pair<CaseSort, std::string_view> k_sorts[] = {
    {CaseSort::urgency, "urgency"}, {CaseSort::reported, "reported"}, {CaseSort::case_number, "case_number"}};

storage::IncidentSort storage_sort(CaseSort sort) {
    switch (sort) {
    case CaseSort::reported: return storage::IncidentSort::reported;
    case CaseSort::case_number: return storage::IncidentSort::case_number;
    case CaseSort::urgency: break;
    }
    return storage::IncidentSort::urgency;
}

// A cursor is the sort's name and the last case's sort key, as JSON in URL-safe base64: opaque
// to the client, checked when it comes back.
std::string encode_cursor(CaseSort sort, const std::vector<storage::Value>& key) {
    json::array values;
    for (const auto& value : key) {
        if (const auto* number = std::get_if<int64_t>(&value)) values.emplace_back(*number);
        else if (const auto* text = std::get_if<std::string>(&value)) values.emplace_back(*text);
        else values.emplace_back(nullptr);
    }
    auto encoded = crypto::to_base64(json::serialize(json::object{{"s", case_sort_name(sort)}, {"k", std::move(values)}}));
    for (auto& c : encoded) c = c == '+' ? '-' : c == '/' ? '_' : c;
    while (!encoded.empty() && encoded.back() == '=') encoded.pop_back();
    return encoded;
}

Result<std::vector<storage::Value>> decode_cursor(CaseSort sort, std::string cursor) {
    auto refused = [] { return fail(Error::invalid("cursor", "is not a cursor of this list; start again without it")); };
    if (cursor.size() > 2048) return refused();
    for (auto& c : cursor) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (cursor.size() % 4) cursor += '=';
    auto bytes = crypto::from_base64(cursor);
    if (!bytes) return refused();
    boost::system::error_code ec;
    auto parsed = json::parse(*bytes, ec);
    if (ec || !parsed.is_object()) return refused();
    const auto& object = parsed.get_object();
    const auto* name = object.if_contains("s");
    const auto* key = object.if_contains("k");
    if (!name || !name->is_string() || name->get_string() != case_sort_name(sort) || !key || !key->is_array())
        return refused();
    std::vector<storage::Value> out;
    for (const auto& value : key->get_array()) {
        if (value.is_int64()) out.emplace_back(value.get_int64());
        else if (value.is_string()) out.emplace_back(std::string(value.get_string()));
        else return refused();
    }
    return out;
}

Status check_code(std::span<const std::string_view> list, std::string_view code, const char* field) {
    if (!code.empty() && !domain::codes::contains(list, code))
        return fail(Error::invalid(field, "is not one of the contract's codes"));
    return {};
}

} // namespace

Status validate_case_query(const CaseQuery& query) {
    TRY_STATUS(check_code(domain::codes::what_happened(), query.what_happened, "what_happened"));
    TRY_STATUS(check_code(domain::codes::cause(), query.cause, "cause"));
    if (!query.risk.empty() && query.risk != "none" && query.risk != "risk" && query.risk != "high")
        return fail(Error::invalid("risk", "must be none, risk or high"));
    if (query.text.size() > 500) return fail(Error::invalid("q", "is longer than 500 characters"));
    return {};
}

std::string cases_org(const std::vector<CaseSummary>& cases) {
    std::string org_id = cases.empty() ? std::string() : cases.front().incident.org_id;
    for (const auto& item : cases)
        if (item.incident.org_id != org_id) return {};
    return org_id;
}

std::vector<std::string> case_ids(const std::vector<CaseSummary>& cases) {
    std::vector<std::string> ids;
    ids.reserve(cases.size());
    for (const auto& item : cases) ids.push_back(item.incident.id);
    return ids;
}

std::optional<CaseSort> parse_case_sort(std::string_view text) {
    for (const auto& [sort, name] : k_sorts)
        if (name == text) return sort;
    return std::nullopt;
}

std::string_view case_sort_name(CaseSort sort) {
    for (const auto& [value, name] : k_sorts)
        if (value == sort) return name;
    return "urgency";
}

Result<CasePage> App::find_cases(const Actor& actor, const CaseQuery& query) {
    auto page = TRY(read_case_page(actor, query, true));
    // A list carries each case's facts: one entry names every case shown (none for an empty list).
    if (!page.items.empty())
        record_read(&actor, {cases_org(page.items), "incident.list.read", "incident_list", {},
                             read_ids("cases", case_ids(page.items))});
    return page;
}

Result<CasePage> App::read_case_page(const Actor& actor, const CaseQuery& query, bool count_total) {
    storage::IncidentFilter filter;
    filter.status = query.status;
    filter.open = query.open;
    filter.limit = std::clamp<size_t>(query.limit, 1, 500);
    if (query.mine) {
        // The reporter's own cases, in any organisation (or the one named).
        filter.reporter_id = actor.user_id;
        if (!query.org_id.empty()) filter.org_ids = {query.org_id};
    } else if (!query.org_id.empty()) {
        if (!actor.member_of(query.org_id)) return fail(Error::not_found("no such organisation"));
        if (!actor.allows(query.org_id, domain::Action::read_all_cases)) return fail(Error::denied());
        filter.org_ids = {query.org_id};
    } else {
        filter.org_ids = actor.org_ids_allowing(domain::Action::read_all_cases);
        if (filter.org_ids.empty()) filter.reporter_id = actor.user_id;
    }
    TRY_STATUS(validate_case_query(query));
    filter.unit_id = query.unit_id;
    filter.what_happened = query.what_happened;
    filter.cause = query.cause;
    if (query.risk == "none") filter.risk = "unlikely";
    else filter.risk = query.risk;
    filter.notified = query.notified;
    auto now = m_clock.now();
    if (query.overdue) filter.overdue_at = now;
    filter.aware_from = query.aware_from;
    filter.aware_to = query.aware_to;
    filter.reported_from = query.reported_from;
    filter.reported_to = query.reported_to;
    filter.text = query.text;
    filter.sort = storage_sort(query.sort);
    if (!query.cursor.empty()) filter.after = TRY(decode_cursor(query.sort, query.cursor));
    filter.count_by_status = query.count_by_status;
    filter.count_total = count_total;

    CasePage page;
    TRY_STATUS(m_database.transact(TxMode::read, [&](Connection& db) -> Status {
        auto found = TRY(storage::find_incidents(db, filter));
        auto facts = TRY(storage::duty_facts(db, found.items));
        page.items.reserve(found.items.size());
        std::map<std::string, std::string> names; // the handlers' names, each read once
        for (size_t i = 0; i < found.items.size(); ++i) {
            auto& incident = found.items[i];
            std::string name;
            if (!incident.handler_id.empty()) {
                auto known = names.find(incident.handler_id);
                if (known == names.end()) {
                    auto user = TRY(storage::find_user(db, incident.handler_id));
                    known = names.emplace(incident.handler_id, user ? user->name : std::string()).first;
                }
                name = known->second;
            }
            page.items.push_back({std::move(incident), domain::case_duties(facts[i], now), std::move(name),
                                  found.risks.at(i)});
        }
        page.total = found.total;
        for (const auto& [status, count] : found.by_status)
            if (auto parsed = domain::parse_status(status)) page.by_status.emplace_back(*parsed, count);
        if (!found.next.empty()) page.next_cursor = encode_cursor(query.sort, found.next);
        return {};
    }));
    return page;
}

Result<SavedView> App::save_view(const Actor& actor, std::string_view name, std::string_view query) {
    std::string trimmed(text::trim(name));
    if (trimmed.empty()) return fail(Error::invalid("name", "is required"));
    TRY_STATUS(text::check_free_text("name", trimmed, k_view_name_max));
    if (trimmed.find('\n') != std::string::npos) return fail(Error::invalid("name", "must be one line"));
    if (query.size() > k_view_query_max) return fail(Error::invalid("query", "is too long"));
    TRY_STATUS(text::check_free_text("query", query, k_view_query_max));
    storage::SavedView view{crypto::new_id(), actor.user_id, trimmed, std::string(query), m_clock.now()};
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        if (TRY(storage::list_saved_views(db, actor.user_id)).size() >= k_views_max)
            return fail(Error::invalid("name", "you have " + std::to_string(k_views_max) + " saved views: delete one first"));
        TRY_STATUS(storage::insert_saved_view(db, view));
        json::object after{{"name", view.name}, {"query", view.query}};
        return audit_change(db, m_clock, &actor, {"view.save", "saved_view", view.id, "", "", json::serialize(after)});
    }));
    return SavedView{view.id, view.name, view.query, view.created_at};
}

Result<std::vector<SavedView>> App::saved_views(const Actor& actor) {
    auto rows = TRY(storage::transact_value<std::vector<storage::SavedView>>(
        m_database, TxMode::read, [&](Connection& db) { return storage::list_saved_views(db, actor.user_id); }));
    std::vector<SavedView> out;
    for (auto& row : rows) out.push_back({std::move(row.id), std::move(row.name), std::move(row.query), row.created_at});
    return out;
}

Status App::delete_view(const Actor& actor, std::string_view id) {
    return m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        if (!TRY(storage::delete_saved_view(db, id, actor.user_id))) return fail(Error::not_found("no such saved view"));
        return audit_change(db, m_clock, &actor, {"view.delete", "saved_view", std::string(id), "", "", ""});
    });
}

Result<std::vector<CaseSummary>> App::list_cases(const Actor& actor, const CaseQuery& query) {
    auto page = TRY(find_cases(actor, query));
    return std::move(page.items);
}

} // namespace skydda::app
