// The e-mail status pages: /outbox for the DPO and the administrator (every message of their
// organisations: recipient, subject, kind, status, attempts, next attempt, last error, sent
// time; never the body), a retry button for failed messages, and the case file's "E-post om
// ärendet" list.
#include <fmt/format.h>

#include "web/pages.hpp"

namespace skydda::web::pages {
namespace {

std::string status_text(const Context& context, const app::OutboxMessage& m) {
    auto key = "outbox.status." + m.status;
    return has_message(key) ? tx(context, key) : esc(m.status);
}

std::string kind_text(const Context& context, const app::OutboxMessage& m) {
    auto key = "outbox.kind." + m.kind;
    return has_message(key) ? tx(context, key) : esc(m.kind);
}

std::string when(const app::OutboxMessage& m) {
    if (m.status == "sent" || m.status == "failed") return "–";
    return esc(html::stockholm_time(m.next_attempt_at));
}

std::string retry_form(const Context& context, const app::OutboxMessage& m) {
    if (m.status != "failed") return {};
    return fmt::format(
        R"(<form method="post" action="/outbox/{}/retry" class="inline">{}<button type="submit" class="button secondary">{}</button></form>)",
        http::percent_encode(m.id), html::csrf_field(context), tx(context, "outbox.retry"));
}

// One table for both views; `with_case` adds the case column and retry buttons (/outbox);
// `detail` the delivery's attempts, next attempt and last error, which are for the DPO and the
// administrator only (the handlers see what was sent to whom and whether it went).
std::string messages_table(const Context& context, const std::vector<app::OutboxMessage>& messages, bool with_case,
                           bool detail = true) {
    std::string rows;
    for (const auto& m : messages) {
        std::string case_cell;
        if (with_case)
            case_cell = m.incident_id.empty()
                            ? "<td>–</td>"
                            : fmt::format(R"(<td><a href="/cases/{}">{}</a></td>)", http::percent_encode(m.incident_id),
                                          tx(context, "outbox.case"));
        std::string delivery =
            detail ? fmt::format(R"(<td class="num">{}</td><td>{}</td><td>{}</td>)", m.attempts, when(m), esc(m.last_error))
                   : std::string();
        rows += fmt::format(R"(<tr><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td>{}<td>{}</td>{}</tr>)", esc(m.to_address),
                            esc(m.subject), kind_text(context, m), status_text(context, m),
                            with_case ? retry_form(context, m) : "", delivery,
                            m.sent_at ? esc(html::stockholm_time(*m.sent_at)) : "–", case_cell);
    }
    std::string case_head = with_case ? fmt::format(R"(<th scope="col">{}</th>)", tx(context, "outbox.case")) : "";
    std::string delivery_head =
        detail ? fmt::format(R"(<th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col">{}</th>)",
                             tx(context, "outbox.attempts"), tx(context, "outbox.next_attempt"), tx(context, "outbox.last_error"))
               : std::string();
    return fmt::format(
        R"(<table class="outbox"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>{}<th scope="col">{}</th>{}</tr></thead><tbody>{}</tbody></table>)",
        tx(context, "outbox.caption"), tx(context, "outbox.to"), tx(context, "outbox.subject"),
        tx(context, "outbox.kind"), tx(context, "outbox.status"), delivery_head, tx(context, "outbox.sent_at"), case_head,
        rows);
}

http::Response outbox_page(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto messages = context.app.outbox(*context.actor);
    if (!messages) return error_page(context, messages.error());
    std::string body = fmt::format("<p>{}</p>", tx(context, "outbox.intro"));
    if (context.request.query_param("retried").value_or("") == "1")
        body += fmt::format(R"(<p class="notice" role="status">{}</p>)", tx(context, "outbox.retried"));
    if (!context.app.mail_options().enabled)
        body += fmt::format(R"(<p class="notice warning" role="status">{}</p>)", tx(context, "outbox.off"));
    size_t waiting = 0;
    for (const auto& m : *messages) waiting += m.status == "queued" || m.status == "sending";
    body += fmt::format("<p>{}</p>", esc(count_text(context.lang, "outbox.waiting", static_cast<long long>(waiting))));
    body += messages->empty() ? fmt::format("<p>{}</p>", tx(context, "outbox.empty"))
                              : messages_table(context, *messages, true);
    return html::page(context, 200, {std::string(context.t("outbox.title")), "", body, "outbox", false});
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

std::string case_mail_section(const Context& context, const app::CaseFile& file) {
    auto messages = context.app.case_mail(*context.actor, file.incident.id);
    if (!messages) return {}; // not for this role
    bool detail = app::sees_outbox(*context.actor, file.incident.org_id);
    std::string body = messages->empty() ? fmt::format("<p>{}</p>", tx(context, "outbox.case_none"))
                                         : messages_table(context, *messages, false, detail);
    if (!context.app.mail_options().enabled && detail)
        body = fmt::format(R"(<p class="notice warning">{}</p>)", tx(context, "outbox.off")) + body;
    return fmt::format(R"(<section id="mail" aria-labelledby="mail-heading"><h2 id="mail-heading">{}</h2>{}</section>)",
                       tx(context, "outbox.case_heading"), body);
}

} // namespace skydda::web::pages

namespace skydda::web {

void register_outbox_pages(Site& site) {
    site.add("GET", "/outbox", pages::outbox_page);
    site.add("POST", "/outbox/{id}/retry", pages::retry);
}

} // namespace skydda::web
