// `skydda outbox`: the e-mail outbox for the operator. `outbox list` prints every message's
// status (never its body); `outbox retry --id ID` puts a failed message back in the queue.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "cli/commands.hpp"
#include "storage/mail/outbox_repository.hpp"
#include "storage/repositories.hpp"

namespace skydda::cli {
namespace {

boost::json::object message_json(const storage::OutboxMessage& m) {
    boost::json::object out;
    out["id"] = m.id;
    out["org"] = m.org_id;
    out["incident"] = m.incident_id;
    out["kind"] = m.kind;
    out["to"] = m.to_address;
    out["subject"] = m.subject;
    out["status"] = m.status;
    out["attempts"] = m.attempts;
    out["next_attempt_at"] = format_utc(m.next_attempt_at);
    out["last_error"] = m.last_error;
    out["sent_at"] = m.sent_at ? format_utc(*m.sent_at) : "";
    return out;
}

} // namespace

int cmd_outbox_list(CommandContext& context) {
    auto database = open_migrated(context);
    if (!database) return report_error(context, database.error());
    // The operator sees every organisation's messages; the read is audited (written when `app`
    // goes out of scope, before the command returns).
    SystemClock clock;
    app::App app(**database, clock);
    auto messages = app.operator_outbox(1000);
    if (!messages) return report_error(context, messages.error());
    bool json = context.flag("json");
    for (const auto& m : *messages) {
        if (json) {
            context.out << boost::json::serialize(message_json(m)) << '\n';
            continue;
        }
        context.out << fmt::format("{}  {:<7}  {:>2}  {:<20}  {:<32}  {}\n", m.id, m.status, m.attempts,
                                   m.status == "sent" && m.sent_at ? format_utc(*m.sent_at) : format_utc(m.next_attempt_at),
                                   m.to_address, m.last_error);
    }
    return 0;
}

int cmd_outbox_retry(CommandContext& context) {
    auto id = context.option("id");
    if (!id || id->empty()) return report_error(context, Error::invalid("id", "is required"));
    auto database = open_migrated(context);
    if (!database) return report_error(context, database.error());
    SystemClock clock;
    app::App app(**database, clock);
    auto retried = app.retry_mail(nullptr, *id);
    if (!retried) return report_error(context, retried.error());
    context.out << fmt::format(R"({{"id":"{}","status":"queued"}})", *id) << '\n';
    return 0;
}

} // namespace skydda::cli
