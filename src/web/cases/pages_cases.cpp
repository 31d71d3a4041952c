// Lists: the reporter's own reports (/my) and the inbox (the case register, /cases, is
// pages_case_register.cpp).
// Built as html::Html (web/markup.hpp): every text is escaped by construction.
#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

#include "web/cases/cases.hpp"

namespace skydda::web::pages {
namespace {

using html::Html;

Html th(const Context& context, std::string_view key) {
    return html::format(R"(<th scope="col">{}</th>)", context.t(key));
}

Html case_link(const domain::Incident& incident) {
    return html::format(R"(<a href="/cases/{}">{}</a>)", http::percent_encode(incident.id), incident.case_number);
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
    Html body = html::format(R"(<p>{}</p>)", context.t("my.intro"));
    if (cases->empty()) {
        body += html::format(R"(<p>{}</p><p><a class="button" href="/report">{}</a></p>)", context.t("my.none"),
                             context.t("home.report_button"));
    } else {
        Html rows;
        for ([[maybe_unused]] const auto& [incident, duties, handler, risk] : *cases) {
            Html badge = waiting.contains(incident.id)
                             ? html::format(R"( <strong class="badge">{}</strong>)", context.t("my.question_waiting"))
                             : Html();
            rows += html::format(R"(<tr><th scope="row">{}</th><td>{}{}</td><td>{}</td><td>{}</td></tr>)", case_link(incident),
                                 incident.facts.title, badge, status_label(context, incident.status),
                                 html::stockholm_time(incident.reported_at));
        }
        body += html::format(R"(<table><caption class="visually-hidden">{}</caption><thead><tr>{}{}{}{}</tr></thead><tbody>{}</tbody></table>)",
                             context.t("my.title"), th(context, "cases.col_number"), th(context, "cases.col_title"),
                             th(context, "cases.col_status"), th(context, "my.col_reported"), rows);
    }
    return html::page(context, 200, {std::string(context.t("my.title")), "", std::move(body), "mine", false});
}

http::Response inbox(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto notes = context.app.inbox(*context.actor, 100);
    if (!notes) return error_page(context, notes.error());
    Html body;
    // Cases waiting for registration in the organisations where the actor registers.
    auto register_orgs = context.actor->org_ids_allowing(domain::Action::register_case);
    if (!register_orgs.empty()) {
        auto names = organisation_names(context);
        Html rows;
        for (const auto& org : register_orgs) {
            app::CaseQuery query;
            query.org_id = org;
            query.status = domain::CaseStatus::reported;
            auto cases = context.app.list_cases(*context.actor, query);
            if (!cases) continue;
            for ([[maybe_unused]] const auto& [incident, duties, handler, risk] : *cases)
                rows += html::format(R"(<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
                                     case_link(incident), incident.facts.title, names[incident.org_id],
                                     html::stockholm_time(incident.reported_at), clock_cell(context, duties));
        }
        body += html::format(R"(<h2 id="to-register">{}</h2><p>{}</p>)", context.t("inbox.to_register"),
                             context.t("inbox.to_register_hint"));
        if (rows.empty()) body += html::format("<p>{}</p>", context.t("inbox.nothing_to_register"));
        else
            body += html::format(R"(<table><caption class="visually-hidden">{}</caption><thead><tr>{}{}{}{}{}</tr></thead><tbody>{}</tbody></table>)",
                                 context.t("inbox.to_register"), th(context, "cases.col_number"),
                                 th(context, "cases.col_title"), th(context, "cases.col_org"), th(context, "my.col_reported"),
                                 th(context, "cases.col_clock"), rows);
    }
    body += html::format(R"(<h2 id="notifications">{}</h2>)", context.t("inbox.notifications"));
    if (notes->empty()) {
        body += html::format("<p>{}</p>", context.t("inbox.empty"));
    } else {
        Html items;
        for (const auto& note : *notes) {
            std::string kind_key = "inbox." + note.kind;
            std::string_view kind = has_message(kind_key) ? context.t(kind_key) : std::string_view(note.kind);
            items += html::format(
                R"(<li class="{}">{}<strong>{}</strong>: <a href="/cases/{}">{} {}</a> <span class="meta">{}</span></li>)",
                note.read ? "read" : "unread",
                note.read ? Html() : html::format(R"(<span class="badge">{}</span> )", context.t("inbox.new")), kind,
                http::percent_encode(note.incident_id), note.case_number, note.title,
                html::stockholm_time(note.created_at));
        }
        body += html::format(R"(<ul class="inbox">{}</ul>)", items);
    }
    return html::page(context, 200, {std::string(context.t("inbox.title")), "", std::move(body), "inbox", false});
}

} // namespace

std::map<std::string, std::string> organisation_names(Context& context) {
    std::map<std::string, std::string> out;
    if (auto orgs = context.app.organisations_of(*context.actor))
        for (const auto& org : *orgs) out[org.id] = org.name;
    return out;
}

void register_case_lists(Site& site) {
    site.add("GET", "/my", my_reports);
    site.add("GET", "/inbox", inbox);
}

} // namespace skydda::web::pages
