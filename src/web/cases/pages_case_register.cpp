// The case register for case workers (/cases): a search box and every filter of the API as a
// GET form that works without JavaScript, counts per status, quick views, the organisation
// column for a DPO serving several nämnder, the handler's name, the time left, and paging by
// cursor. Built as html::Html (web/markup.hpp).
#include <fmt/format.h>

#include <map>

#include "domain/codes.hpp"
#include "web/cases/cases.hpp"

namespace skydda::web::pages {
namespace {

using html::Html;
using Params = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view k_statuses[] = {"reported", "registered", "assessing", "decided",
                                          "notified", "closed",     "not_a_breach"};

std::string value_of(const Params& params, std::string_view name) {
    for (const auto& [key, value] : params)
        if (key == name) return value;
    return {};
}

// "/cases?..." with `params`, `name` set to `value` (or removed when empty) and the cursor
// dropped unless it is the one set.
std::string list_url(const Params& params, std::string_view name, std::string_view value) {
    std::string query;
    auto add = [&](std::string_view key, std::string_view text) {
        query += query.empty() ? "?" : "&";
        query += http::percent_encode(key) + "=" + http::percent_encode(text);
    };
    for (const auto& [key, text] : params)
        if (key != name && key != "cursor" && !text.empty()) add(key, text);
    if (!value.empty()) add(name, value);
    return "/cases" + query;
}

Html option_list(const std::vector<std::pair<std::string, std::string>>& options, std::string_view selected) {
    Html out;
    for (const auto& [value, text] : options)
        out += html::format(R"(<option value="{}"{}>{}</option>)", value, value == selected ? Html(" selected") : Html(), text);
    return out;
}

struct FormView {
    const Params& params;
    const html::FieldError* error;
    const std::vector<std::string>& visible;
    const std::map<std::string, std::string>& org_names;
    std::vector<std::pair<std::string, std::vector<domain::Unit>>> units; // per visible organisation
};

Html select(const Context& context, const FormView& view, std::string_view name, std::string_view label_key,
            std::vector<std::pair<std::string, std::string>> options) {
    const html::FieldError* error = view.error && view.error->field == name ? view.error : nullptr;
    return html::labelled_control(context, {html::field_id(name), context.t(label_key), "", error}, [&](const Html& attrs) {
        return html::format(R"(<select {} name="{}">{}</select>)", attrs, name, option_list(options, value_of(view.params, name)));
    });
}

Html date_input(const Context& context, const FormView& view, std::string_view name, std::string_view label_key) {
    const html::FieldError* error = view.error && view.error->field == name ? view.error : nullptr;
    return html::labelled_control(context, {html::field_id(name), context.t(label_key), "", error}, [&](const Html& attrs) {
        return html::format(R"(<input {} type="date" name="{}" value="{}">)", attrs, name, value_of(view.params, name));
    });
}

Html filter_form(const Context& context, const FormView& view) {
    auto any = [&](std::string_view key) { return std::vector<std::pair<std::string, std::string>>{{"", std::string(context.t(key))}}; };
    auto codes = [&](std::string_view list, std::span<const std::string_view> values) {
        auto out = any("cases.any");
        for (auto code : values) out.emplace_back(std::string(code), std::string(label(context.lang, list, code)));
        return out;
    };
    auto statuses = any("cases.all_statuses");
    for (auto name : k_statuses) statuses.emplace_back(std::string(name), std::string(label(context.lang, "status", name)));
    Html org_select;
    if (view.visible.size() > 1) {
        auto orgs = any("cases.all_orgs");
        for (const auto& id : view.visible) {
            auto found = view.org_names.find(id);
            orgs.emplace_back(id, found == view.org_names.end() ? id : found->second);
        }
        org_select = select(context, view, "org", "cases.col_org", orgs);
    }
    const html::FieldError* q_error = view.error && view.error->field == "q" ? view.error : nullptr;
    Html search = html::labelled_control(
        context, {html::field_id("q"), context.t("cases.search"), context.t("cases.search_hint"), q_error},
        [&](const Html& attrs) {
            return html::format(R"(<input {} type="search" name="q" value="{}" maxlength="500">)", attrs, value_of(view.params, "q"));
        });
    bool filtered = false;
    for (const auto& [key, value] : view.params) filtered = filtered || (key != "q" && key != "cursor" && key != "limit" && !value.empty());
    Html unit_select;
    {
        const html::FieldError* error = view.error && view.error->field == "unit" ? view.error : nullptr;
        auto chosen = value_of(view.params, "unit");
        Html groups = html::format(R"(<option value="">{}</option>)", context.t("cases.any"));
        for (const auto& [org_id, units] : view.units) {
            if (units.empty()) continue;
            Html options;
            for (const auto& unit : units)
                options += html::format(R"(<option value="{}"{}>{}</option>)", unit.id, unit.id == chosen ? Html(" selected") : Html(),
                                        unit.name);
            auto name = view.org_names.find(org_id);
            groups += html::format(R"(<optgroup label="{}">{}</optgroup>)", name == view.org_names.end() ? org_id : name->second,
                                   options);
        }
        unit_select = html::labelled_control(context, {html::field_id("unit"), context.t("cases.unit"), "", error},
                                             [&](const Html& attrs) {
                                                 return html::format(R"(<select {} name="unit">{}</select>)", attrs, groups);
                                             });
    }
    Html more = org_select + unit_select + select(context, view, "status", "cases.col_status", statuses) +
                select(context, view, "open", "cases.open",
                       {{"", std::string(context.t("cases.any"))},
                        {"true", std::string(context.t("cases.open_true"))},
                        {"false", std::string(context.t("cases.open_false"))}}) +
                select(context, view, "what_happened", "cases.what_happened", codes("what_happened", domain::codes::what_happened())) +
                select(context, view, "cause", "cases.cause", codes("cause", domain::codes::cause())) +
                select(context, view, "risk", "cases.risk",
                       {{"", std::string(context.t("cases.any"))},
                        {"none", std::string(context.t("cases.risk_none"))},
                        {"risk", std::string(context.t("cases.risk_risk"))},
                        {"high", std::string(context.t("cases.risk_high"))}}) +
                select(context, view, "notified", "cases.notified",
                       {{"", std::string(context.t("cases.any"))},
                        {"true", std::string(context.t("cases.yes"))},
                        {"false", std::string(context.t("cases.no"))}}) +
                html::format(R"(<div class="field"><div class="choice"><input type="checkbox" id="field-overdue" name="overdue" value="true"{}><label for="field-overdue">{}</label></div></div>)",
                             value_of(view.params, "overdue") == "true" ? Html(" checked") : Html(), context.t("cases.overdue")) +
                date_input(context, view, "aware_from", "cases.aware_from") + date_input(context, view, "aware_to", "cases.aware_to") +
                date_input(context, view, "reported_from", "cases.reported_from") +
                date_input(context, view, "reported_to", "cases.reported_to") +
                select(context, view, "sort", "cases.sort",
                       {{"urgency", std::string(context.t("cases.sort_urgency"))},
                        {"reported", std::string(context.t("cases.sort_reported"))},
                        {"case_number", std::string(context.t("cases.sort_case_number"))}});
    Html limit = value_of(view.params, "limit").empty()
                     ? Html()
                     : html::format(R"(<input type="hidden" name="limit" value="{}">)", value_of(view.params, "limit"));
    return html::format(
        R"(<form method="get" action="/cases" class="filters" role="search">{}{}<details{}><summary>{}</summary>{}</details><div class="actions"><button type="submit" class="button secondary">{}</button> <a href="/cases">{}</a></div></form>)",
        search, limit, filtered || (view.error && view.error->field != "q") ? Html(" open") : Html(),
        context.t("cases.more_filters"), more, context.t("cases.filter"), context.t("cases.clear"));
}

// "Alla (12) · Rapporterade (3) · ...": the matches per status, each a link to them.
Html status_counts(const Context& context, const Params& params, const app::CasePage& page) {
    if (page.by_status.empty()) return {};
    auto current = value_of(params, "status");
    int64_t all = 0;
    for (const auto& [status, count] : page.by_status) all += count;
    auto item = [&](std::string_view status, std::string_view text, int64_t count) {
        return html::format(R"(<li><a href="{}"{}>{} ({})</a></li>)", list_url(params, "status", status),
                            current == status ? Html(R"( aria-current="page")") : Html(), text, count);
    };
    Html items = item("", context.t("cases.all_statuses"), all);
    for (const auto& [status, count] : page.by_status) {
        auto name = domain::status_name(status);
        items += item(name, label(context.lang, "status", name), count);
    }
    return html::format(R"(<nav aria-label="{}"><ul class="status-counts">{}</ul></nav>)", context.t("cases.by_status"), items);
}

Html quick_views(const Context& context) {
    return html::format(
        R"(<p class="quick-views">{} <a href="/cases?open=true">{}</a> · <a href="/cases?open=true&amp;overdue=true">{}</a> · <a href="/cases?notified=true">{}</a> · <a href="/cases?sort=reported">{}</a></p>)",
        context.t("cases.quick"), context.t("cases.quick_open"), context.t("cases.quick_overdue"),
        context.t("cases.quick_notified"), context.t("cases.quick_latest"));
}

Html case_table(const Context& context, const app::CasePage& page, const std::map<std::string, std::string>& org_names,
                bool several_orgs) {
    Html rows;
    for ([[maybe_unused]] const auto& [incident, duties, handler, risk] : page.items) {
        Html org = several_orgs ? html::format("<td>{}</td>", org_names.contains(incident.org_id) ? org_names.at(incident.org_id)
                                                                                                 : incident.org_id)
                                : Html();
        std::string who = incident.handler_id.empty()                     ? std::string(context.t("cases.no_handler"))
                          : incident.handler_id == context.actor->user_id ? fmt::format("{} ({})", handler, context.t("cases.handler_you"))
                                                                          : handler;
        rows += html::format(R"(<tr><th scope="row"><a href="{}">{}</a></th><td>{}</td>{}<td>{}</td><td>{}</td><td>{}</td></tr>)",
                             case_url(incident.id), incident.case_number, incident.facts.title, org,
                             status_label(context, incident.status), clock_cell(context, duties), who);
    }
    auto th = [&](std::string_view key) { return html::format(R"(<th scope="col">{}</th>)", context.t(key)); };
    return html::format(R"(<table class="cases"><caption>{}</caption><thead><tr>{}{}{}{}{}{}</tr></thead><tbody>{}</tbody></table>)",
                        context.t("cases.caption"), th("cases.col_number"), th("cases.col_title"),
                        several_orgs ? th("cases.col_org") : Html(), th("cases.col_status"), th("cases.col_clock"),
                        th("cases.col_handler"), rows);
}

// The person's saved views (links to their queries, each with a delete button) and a form that
// saves the current filters under a name.
Html saved_views(const Context& context, const Params& params, const std::vector<app::SavedView>& views,
                 const html::FieldError* error) {
    Html items;
    for (const auto& view : views)
        items += html::format(
            R"(<li><a href="/cases?{}">{}</a> <form method="post" action="/cases/views/{}/delete" class="inline">{}<button type="submit" class="link">{}<span class="visually-hidden"> {}</span></button></form></li>)",
            view.query, view.name, http::percent_encode(view.id), html::csrf_field(context), context.t("cases.view_delete"),
            view.name);
    std::string query;
    for (const auto& [key, value] : params)
        if (key != "cursor" && !value.empty())
            query += (query.empty() ? "" : "&") + http::percent_encode(key) + "=" + http::percent_encode(value);
    Html save;
    if (!query.empty())
        save = html::format(
            R"(<form method="post" action="/cases/views" class="filters">{}<input type="hidden" name="query" value="{}">{}<div class="actions"><button type="submit" class="button secondary">{}</button></div></form>)",
            html::csrf_field(context), query,
            html::labelled_control(context, {html::field_id("view_name"), context.t("cases.view_name"), "", error},
                                   [&](const Html& attrs) {
                                       return html::format(R"(<input {} type="text" name="view_name" maxlength="80">)", attrs);
                                   }),
            context.t("cases.view_save"));
    if (items.empty() && save.empty()) return {};
    return html::format(R"(<section aria-labelledby="views-heading"><h2 id="views-heading">{}</h2>{}{}</section>)",
                        context.t("cases.views"),
                        items.empty() ? html::format("<p>{}</p>", context.t("cases.views_none"))
                                      : html::format(R"(<ul class="saved-views">{}</ul>)", items),
                        save);
}

std::string count_text(const Context& context, int64_t total) {
    return fmt::format(fmt::runtime(context.t(total == 1 ? "cases.count_one" : "cases.count")), fmt::arg("count", total));
}

http::Response render_register(Context& context, const Params& raw, std::optional<html::FieldError> view_error);

http::Response case_register(Context& context) { return render_register(context, context.request.query, std::nullopt); }

std::optional<http::Response> guard(Context& context, std::string_view csrf) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    if (!csrf_ok(context, csrf)) return csrf_failed(context);
    return std::nullopt;
}

http::Response save_view(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    // The query must be one the list takes; it is kept as sent, links rebuild it.
    auto query = form_value(form, "query");
    auto params = http::parse_urlencoded(query);
    auto checked = params ? case_query(*params, true) : Result<app::CaseQuery>(fail(Error::invalid("query", "")));
    if (!checked || !app::validate_case_query(*checked))
        return error_page(context, Error::invalid("query", "is not a list's query"));
    auto saved = context.app.save_view(*context.actor, form_value(form, "view_name"), query);
    if (!saved) {
        if (saved.error().field != "name") return error_page(context, saved.error());
        return render_register(context, *params, html::FieldError{"view_name", std::string(context.t(
                                                                          saved.error().message.find("saved views") != std::string::npos
                                                                              ? "cases.view_error_many"
                                                                              : "cases.view_error_name"))});
    }
    return http::Response::redirect("/cases?" + query);
}

http::Response delete_view(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    auto done = context.app.delete_view(*context.actor, context.request.path_param("id"));
    if (!done) return error_page(context, done.error());
    return http::Response::redirect("/cases");
}

http::Response render_register(Context& context, const Params& raw, std::optional<html::FieldError> view_error) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto visible = context.actor->org_ids_allowing(domain::Action::read_all_cases);
    if (visible.empty()) return error_page(context, Error::denied());
    const auto org_names = organisation_names(context);
    // The page's own parameters: `mine` belongs to /my, and a page size that is not one of the
    // list's (1 to 500) is the default rather than an error without a box to correct it in.
    Params params;
    for (const auto& [key, value] : raw) {
        if (key == "mine") continue;
        if (key == "limit" && (value.empty() || value.size() > 3 || value.find_first_not_of("0123456789") != std::string::npos ||
                               std::stoi(value) < 1 || std::stoi(value) > 500))
            continue;
        params.emplace_back(key, value);
    }
    auto query = case_query(params, true);
    Result<app::CasePage> page = app::CasePage{};
    bool restarted = false;
    if (!query) {
        page = fail(query.error());
    } else {
        query->count_by_status = true;
        if (value_of(params, "limit").empty()) query->limit = 50;
        page = context.app.find_cases(*context.actor, *query);
        if (!page && page.error().field == "cursor") {
            // A cursor from another order or an old link: the first page instead.
            query->cursor.clear();
            restarted = true;
            page = context.app.find_cases(*context.actor, *query);
        }
    }
    std::optional<html::FieldError> error;
    if (!page) {
        if (page.error().code != ErrorCode::invalid_argument || page.error().field.empty())
            return error_page(context, page.error());
        std::string field = page.error().field;
        std::string key = "cases.error." + field;
        error = html::FieldError{field, std::string(has_message(key) ? context.t(key) : context.t("cases.error.value"))};
    }
    FormView view{params, error ? &*error : nullptr, visible, org_names, {}};
    for (const auto& org_id : visible)
        if (auto units = context.app.units_of(*context.actor, org_id)) view.units.emplace_back(org_id, std::move(*units));
    Html body = error ? html::error_summary(context, {*error}) : Html();
    body += quick_views(context) + filter_form(context, view);
    if (restarted) body += html::format(R"(<p class="notice" role="status">{}</p>)", context.t("cases.restarted"));
    if (view_error) body = html::error_summary(context, {*view_error}) + body;
    if (page) {
        // The same filters as a spreadsheet (GET /api/v1/incidents/export), for the whole match.
        std::string filters;
        for (const auto& [key, value] : params)
            if (key != "cursor" && key != "limit" && !value.empty())
                filters += "&" + http::percent_encode(key) + "=" + http::percent_encode(value);
        Html export_links = page->total == 0 ? Html()
                                             : html::format(R"( · {} <a href="/api/v1/incidents/export?format=csv{}" download>CSV</a> · <a href="/api/v1/incidents/export?format=xlsx{}" download>Excel (XLSX)</a>)",
                                                            context.t("cases.export"), filters, filters);
        body += html::format(R"(<p><strong role="status">{}</strong>{}</p>)", count_text(context, page->total), export_links);
        body += status_counts(context, params, *page);
        if (page->items.empty()) body += html::format("<p>{}</p>", context.t("cases.none"));
        else body += case_table(context, *page, org_names, visible.size() > 1);
        Html paging;
        if (!value_of(params, "cursor").empty() && !restarted)
            paging += html::format(R"(<a href="{}">{}</a>)", list_url(params, "cursor", ""), context.t("cases.first_page"));
        if (!page->next_cursor.empty())
            paging += html::format(R"({}<a rel="next" href="{}">{}</a>)", paging.empty() ? Html() : Html(" · "),
                                   list_url(params, "cursor", page->next_cursor), context.t("cases.next_page"));
        if (!paging.empty()) body += html::format(R"(<nav class="paging" aria-label="{}">{}</nav>)", context.t("cases.paging"), paging);
    }
    if (auto views = context.app.saved_views(*context.actor))
        body += saved_views(context, params, *views, view_error ? &*view_error : nullptr);
    std::string title(context.t("cases.title"));
    if (view_error) error = view_error;
    return html::page(context, error ? 400 : 200,
                      {error ? std::string(context.t("page.error.title_prefix")) + title : title, title, std::move(body),
                       "cases", false});
}

} // namespace

void register_case_register(Site& site) {
    site.add("GET", "/cases", case_register);
    site.add("POST", "/cases/views", save_view);
    site.add("POST", "/cases/views/{id}/delete", delete_view);
}

} // namespace skydda::web::pages
