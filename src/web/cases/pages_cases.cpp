// Lists: the reporter's own reports (/my), the case workers' case list (/cases) and the inbox.
#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

#include "web/pages.hpp"

namespace skydda::web::pages {
namespace {

std::string th(const Context& context, std::string_view key) {
    return fmt::format(R"(<th scope="col">{}</th>)", tx(context, key));
}

std::map<std::string, std::string> org_names(Context& context) {
    std::map<std::string, std::string> out;
    if (auto orgs = context.app.organisations_of(*context.actor))
        for (const auto& org : *orgs) out[org.id] = org.name;
    return out;
}

std::string case_link(const domain::Incident& incident) {
    return fmt::format(R"(<a href="/cases/{}">{}</a>)", http::percent_encode(incident.id), esc(incident.case_number));
}

http::Response my_reports(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    app::CaseQuery query;
    query.mine = true;
    query.limit = 500;
    auto cases = context.app.list_cases(*context.actor, query);
    if (!cases) return error_page(context, cases.error());
    // A question waits when its notification is still unread (opening the case reads it).
    std::set<std::string> waiting;
    if (auto inbox = context.app.inbox(*context.actor, 200))
        for (const auto& note : *inbox)
            if (note.kind == "question" && !note.read) waiting.insert(note.incident_id);
    std::string body = fmt::format(R"(<p>{}</p>)", tx(context, "my.intro"));
    if (cases->empty()) {
        body += fmt::format(R"(<p>{}</p><p><a class="button" href="/report">{}</a></p>)", tx(context, "my.none"),
                            tx(context, "home.report_button"));
    } else {
        std::string rows;
        for (const auto& [incident, duties] : *cases) {
            std::string badge = waiting.contains(incident.id)
                                    ? fmt::format(R"( <strong class="badge">{}</strong>)", tx(context, "my.question_waiting"))
                                    : std::string();
            rows += fmt::format(R"(<tr><th scope="row">{}</th><td>{}{}</td><td>{}</td><td>{}</td></tr>)", case_link(incident),
                                esc(incident.facts.title), badge, status_label(context, incident.status),
                                esc(html::stockholm_time(incident.reported_at)));
        }
        body += fmt::format(R"(<table><caption class="visually-hidden">{}</caption><thead><tr>{}{}{}{}</tr></thead><tbody>{}</tbody></table>)",
                            tx(context, "my.title"), th(context, "cases.col_number"), th(context, "cases.col_title"),
                            th(context, "cases.col_status"), th(context, "my.col_reported"), rows);
    }
    return html::page(context, 200, {std::string(context.t("my.title")), "", unconverted(body), "mine", false});
}

std::string filter_form(const Context& context, const std::map<std::string, std::string>& orgs,
                        const std::vector<std::string>& visible, std::string_view status, std::string_view org) {
    std::string status_options = fmt::format(R"(<option value="">{}</option>)", tx(context, "cases.all_statuses"));
    for (auto name : {"reported", "registered", "assessing", "decided", "notified", "closed", "not_a_breach"})
        status_options += fmt::format(R"(<option value="{}"{}>{}</option>)", name, status == name ? " selected" : "",
                                      esc(label(context.lang, "status", name)));
    std::string org_select;
    if (visible.size() > 1) {
        std::string options = fmt::format(R"(<option value="">{}</option>)", tx(context, "cases.all_orgs"));
        for (const auto& id : visible) {
            auto found = orgs.find(id);
            options += fmt::format(R"(<option value="{}"{}>{}</option>)", esc(id), id == org ? " selected" : "",
                                   esc(found == orgs.end() ? id : found->second));
        }
        org_select = fmt::format(R"(<div class="field inline-field"><label for="field-org">{}</label><select id="field-org" name="org">{}</select></div>)",
                                 tx(context, "cases.col_org"), options);
    }
    return fmt::format(R"(<form method="get" action="/cases" class="filters"><div class="field inline-field"><label for="field-status">{}</label><select id="field-status" name="status">{}</select></div>{}<button type="submit" class="button secondary">{}</button></form>)",
                       tx(context, "cases.col_status"), status_options, org_select, tx(context, "cases.filter"));
}

http::Response case_list(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto visible = context.actor->org_ids_allowing(domain::Action::read_all_cases);
    if (visible.empty()) return error_page(context, Error::denied());
    app::CaseQuery query;
    query.limit = 500;
    auto status = context.request.query_param("status").value_or("");
    auto org = context.request.query_param("org").value_or("");
    if (!status.empty()) {
        query.status = domain::parse_status(status);
        if (!query.status) status.clear();
    }
    query.org_id = org;
    auto cases = context.app.list_cases(*context.actor, query);
    if (!cases) return error_page(context, cases.error());
    auto names = org_names(context);
    std::string body = filter_form(context, names, visible, status, org);
    if (cases->empty()) {
        body += fmt::format("<p>{}</p>", tx(context, "cases.none"));
    } else {
        std::string rows;
        for (const auto& [incident, duties] : *cases) {
            std::string handler = incident.handler_id.empty()     ? tx(context, "cases.no_handler")
                                  : incident.handler_id == context.actor->user_id ? tx(context, "cases.handler_you")
                                                                                  : tx(context, "cases.handler_assigned");
            rows += fmt::format(R"(<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
                                case_link(incident), esc(incident.facts.title), esc(names[incident.org_id]),
                                status_label(context, incident.status), clock_cell(context, duties), handler);
        }
        body += fmt::format(R"(<table class="cases"><caption>{}</caption><thead><tr>{}{}{}{}{}{}</tr></thead><tbody>{}</tbody></table>)",
                            tx(context, "cases.caption"), th(context, "cases.col_number"), th(context, "cases.col_title"),
                            th(context, "cases.col_org"), th(context, "cases.col_status"), th(context, "cases.col_clock"),
                            th(context, "cases.col_handler"), rows);
    }
    return html::page(context, 200, {std::string(context.t("cases.title")), "", unconverted(body), "cases", false});
}

http::Response inbox(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto notes = context.app.inbox(*context.actor, 100);
    if (!notes) return error_page(context, notes.error());
    std::string body;
    // Cases waiting for registration in the organisations where the actor registers.
    auto register_orgs = context.actor->org_ids_allowing(domain::Action::register_case);
    if (!register_orgs.empty()) {
        auto names = org_names(context);
        std::string rows;
        for (const auto& org : register_orgs) {
            app::CaseQuery query;
            query.org_id = org;
            query.status = domain::CaseStatus::reported;
            auto cases = context.app.list_cases(*context.actor, query);
            if (!cases) continue;
            for (const auto& [incident, duties] : *cases)
                rows += fmt::format(R"(<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
                                    case_link(incident), esc(incident.facts.title), esc(names[incident.org_id]),
                                    esc(html::stockholm_time(incident.reported_at)), clock_cell(context, duties));
        }
        body += fmt::format(R"(<h2 id="to-register">{}</h2><p>{}</p>)", tx(context, "inbox.to_register"),
                            tx(context, "inbox.to_register_hint"));
        if (rows.empty()) body += fmt::format("<p>{}</p>", tx(context, "inbox.nothing_to_register"));
        else
            body += fmt::format(R"(<table><caption class="visually-hidden">{}</caption><thead><tr>{}{}{}{}{}</tr></thead><tbody>{}</tbody></table>)",
                                tx(context, "inbox.to_register"), th(context, "cases.col_number"),
                                th(context, "cases.col_title"), th(context, "cases.col_org"), th(context, "my.col_reported"),
                                th(context, "cases.col_clock"), rows);
    }
    body += fmt::format(R"(<h2 id="notifications">{}</h2>)", tx(context, "inbox.notifications"));
    if (notes->empty()) {
        body += fmt::format("<p>{}</p>", tx(context, "inbox.empty"));
    } else {
        std::string items;
        for (const auto& note : *notes) {
            std::string kind_key = "inbox." + note.kind;
            std::string kind = has_message(kind_key) ? tx(context, kind_key) : esc(note.kind);
            items += fmt::format(
                R"(<li class="{}">{}<strong>{}</strong>: <a href="/cases/{}">{} {}</a> <span class="meta">{}</span></li>)",
                note.read ? "read" : "unread",
                note.read ? std::string() : fmt::format(R"(<span class="badge">{}</span> )", tx(context, "inbox.new")), kind,
                http::percent_encode(note.incident_id), esc(note.case_number), esc(note.title),
                esc(html::stockholm_time(note.created_at)));
        }
        body += "<ul class=\"inbox\">" + items + "</ul>";
    }
    return html::page(context, 200, {std::string(context.t("inbox.title")), "", unconverted(body), "inbox", false});
}

} // namespace

void register_case_lists(Site& site) {
    site.add("GET", "/my", my_reports);
    site.add("GET", "/cases", case_list);
    site.add("GET", "/inbox", inbox);
}

} // namespace skydda::web::pages
