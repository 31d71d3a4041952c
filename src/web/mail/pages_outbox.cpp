// The e-mail status pages: /outbox for the DPO and the administrator (every message of their
// organisations: recipient, subject, kind, status, attempts, next attempt, last error, sent
// time; never the body), a retry button for failed messages, and the case file's "E-post om
// ärendet" list. Built as html::Html (web/markup.hpp): every text is escaped by construction.
#include "web/mail/mail.hpp"
#include "web/markup.hpp"

namespace skydda::web::pages {
namespace {

using html::Html;

// The catalogue's word for a code, or the code itself; escaped by html::format either way.
std::string_view status_text(const Context& context, const app::OutboxMessage& m) {
    auto key = "outbox.status." + m.status;
    return has_message(key) ? context.t(key) : std::string_view(m.status);
}

std::string_view kind_text(const Context& context, const app::OutboxMessage& m) {
    auto key = "outbox.kind." + m.kind;
    return has_message(key) ? context.t(key) : std::string_view(m.kind);
}

std::string when(const app::OutboxMessage& m) {
    if (m.status == "sent" || m.status == "failed") return "–";
    return html::stockholm_time(m.next_attempt_at);
}

Html retry_form(const Context& context, const app::OutboxMessage& m) {
    if (m.status != "failed") return {};
    return html::format(
        R"(<form method="post" action="/outbox/{}/retry" class="inline">{}<button type="submit" class="button secondary">{}</button></form>)",
        http::percent_encode(m.id), html::csrf_field(context), context.t("outbox.retry"));
}

// One table for both views; `with_case` adds the case column and retry buttons (/outbox);
// `detail` the delivery's attempts, next attempt and last error, which are for the DPO and the
// administrator only (the handlers see what was sent to whom and whether it went).
Html messages_table(const Context& context, const std::vector<app::OutboxMessage>& messages, bool with_case,
                    bool detail = true) {
    Html rows;
    for (const auto& m : messages) {
        Html case_cell;
        if (with_case)
            case_cell = m.incident_id.empty() ? Html("<td>–</td>")
                                              : html::format(R"(<td><a href="{}">{}</a></td>)", case_url(m.incident_id),
                                                             context.t("outbox.case"));
        Html delivery = detail ? html::format(R"(<td class="num">{}</td><td>{}</td><td>{}</td>)", m.attempts, when(m),
                                              m.last_error)
                               : Html();
        rows += html::format(R"(<tr><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td>{}<td>{}</td>{}</tr>)", m.to_address,
                             m.subject, kind_text(context, m), status_text(context, m),
                             with_case ? retry_form(context, m) : Html(), delivery,
                             m.sent_at ? html::stockholm_time(*m.sent_at) : "–", case_cell);
    }
    Html case_head = with_case ? html::format(R"(<th scope="col">{}</th>)", context.t("outbox.case")) : Html();
    Html delivery_head =
        detail ? html::format(R"(<th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col">{}</th>)",
                              context.t("outbox.attempts"), context.t("outbox.next_attempt"), context.t("outbox.last_error"))
               : Html();
    return html::format(
        R"(<table class="outbox"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>{}<th scope="col">{}</th>{}</tr></thead><tbody>{}</tbody></table>)",
        context.t("outbox.caption"), context.t("outbox.to"), context.t("outbox.subject"), context.t("outbox.kind"),
        context.t("outbox.status"), delivery_head, context.t("outbox.sent_at"), case_head, rows);
}

http::Response outbox_page(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto messages = context.app.outbox(*context.actor);
    if (!messages) return error_page(context, messages.error());
    Html body = html::format("<p>{}</p>", context.t("outbox.intro"));
    if (context.request.query_param("retried").value_or("") == "1")
        body += html::format(R"(<p class="notice" role="status">{}</p>)", context.t("outbox.retried"));
    if (!context.app.mail_options().enabled)
        body += html::format(R"(<p class="notice warning" role="status">{}</p>)", context.t("outbox.off"));
    size_t waiting = 0;
    for (const auto& m : *messages) waiting += m.status == "queued" || m.status == "sending";
    body += html::format("<p>{}</p>", count_text(context.lang, "outbox.waiting", static_cast<long long>(waiting)));
    body += messages->empty() ? html::format("<p>{}</p>", context.t("outbox.empty"))
                              : messages_table(context, *messages, true);
    return html::page(context, 200, {std::string(context.t("outbox.title")), "", std::move(body), "outbox", false});
}

http::Response retry(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto form = read_form(context);
    if (!csrf_ok(context, form_value(form, "csrf"))) return csrf_failed(context);
    auto done = context.app.retry_mail(&*context.actor, context.request.path_param("id"));
    if (!done) return error_page(context, done.error());
    return http::Response::redirect("/outbox?retried=1");
}

} // namespace

html::Html case_mail_section(const Context& context, const app::CaseFile& file) {
    auto messages = context.app.case_mail(*context.actor, file.incident.id);
    if (!messages) return {}; // not for this role
    bool detail = app::sees_outbox(*context.actor, file.incident.org_id);
    Html body = messages->empty() ? html::format("<p>{}</p>", context.t("outbox.case_none"))
                                  : messages_table(context, *messages, false, detail);
    if (!context.app.mail_options().enabled && detail)
        body = html::format(R"(<p class="notice warning">{}</p>)", context.t("outbox.off")) + body;
    return html::format(R"(<section id="mail" aria-labelledby="mail-heading"><h2 id="mail-heading">{}</h2>{}</section>)",
                        context.t("outbox.case_heading"), body);
}

} // namespace skydda::web::pages

namespace skydda::web {

void register_outbox_pages(Site& site) {
    site.add("GET", "/outbox", pages::outbox_page);
    site.add("POST", "/outbox/{id}/retry", pages::retry);
}

} // namespace skydda::web
