// GET /api/v1/outbox: the e-mail outbox of the organisations where the caller is DPO or
// administrator, as on the /outbox page (no bodies). POST /api/v1/outbox/{id}/retry queues a
// failed message again.
#include <boost/json.hpp>

#include "web/api_json.hpp"
#include "web/mail/mail.hpp"
#include "web/site.hpp"

namespace skydda::web {
namespace {
namespace json = boost::json;

json::object message_json(const app::OutboxMessage& m) {
    bool waiting = m.status == "queued" || m.status == "sending";
    return json::object{{"id", m.id},
                        {"org", m.org_id},
                        {"incident", m.incident_id.empty() ? json::value(nullptr) : json::value(m.incident_id)},
                        {"kind", m.kind},
                        {"to", m.to_address},
                        {"subject", m.subject},
                        {"status", m.status},
                        {"attempts", m.attempts},
                        {"next_attempt_at", waiting ? time_or_null(m.next_attempt_at) : json::value(nullptr)},
                        {"last_error", m.last_error.empty() ? json::value(nullptr) : json::value(m.last_error)},
                        {"created_at", format_stockholm(m.created_at)},
                        {"sent_at", time_or_null(m.sent_at)}};
}

Result<http::Response> list_outbox(Context& context) {
    json::array items;
    for (const auto& m : TRY(context.app.outbox(*context.actor))) items.push_back(message_json(m));
    return json_response(200, json::object{{"delivery", context.app.mail_options().enabled ? "on" : "off"},
                                           {"items", std::move(items)}});
}

Result<http::Response> retry_message(Context& context) {
    TRY_STATUS(context.app.retry_mail(&*context.actor, context.request.path_param("id")));
    return json_response(200, json::object{{"id", context.request.path_param("id")}, {"status", "queued"}});
}

} // namespace

void register_outbox_api(Site& site) {
    site.add("GET", "/api/v1/outbox", api_handler(list_outbox));
    site.add("POST", "/api/v1/outbox/{id}/retry", api_handler(retry_message));
}

} // namespace skydda::web
