// The outbox as people see it: what was sent, what waits and why. Recipient addresses and
// subjects are shown; bodies never (they are only ever read by the delivery worker).
#include "app/app.hpp"

#include <algorithm>

#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "storage/outbox_repository.hpp"

namespace skydda::app {
using storage::Connection;
using storage::TxMode;

bool sees_outbox(const Actor& actor, std::string_view org_id) {
    return actor.has_role(org_id, domain::Role::dpo) || actor.has_role(org_id, domain::Role::admin);
}

bool sees_outbox(const Actor& actor) {
    auto orgs = actor.org_ids();
    return std::any_of(orgs.begin(), orgs.end(), [&](const auto& org) { return sees_outbox(actor, org); });
}

namespace {

std::vector<std::string> outbox_orgs(const Actor& actor) {
    std::vector<std::string> orgs;
    for (const auto& org : actor.org_ids())
        if (sees_outbox(actor, org)) orgs.push_back(org);
    return orgs;
}

} // namespace

Result<std::vector<storage::OutboxMessage>> App::outbox(const Actor& actor, size_t limit) {
    auto orgs = outbox_orgs(actor);
    if (orgs.empty()) return fail(Error::denied("only the DPO or an administrator sees the outbox"));
    return storage::transact_value<std::vector<storage::OutboxMessage>>(m_database, TxMode::read, [&](Connection& db) {
        return storage::list_outbox(db, {orgs, "", limit});
    });
}

Result<std::vector<storage::OutboxMessage>> App::case_mail(const Actor& actor, std::string_view incident_id) {
    return storage::transact_value<std::vector<storage::OutboxMessage>>(
        m_database, TxMode::read, [&](Connection& db) -> Result<std::vector<storage::OutboxMessage>> {
            auto [incident, view] = TRY(load_visible(db, actor, incident_id));
            if (view != CaseView::full ||
                !(actor.allows(incident.org_id, domain::Action::notify) || sees_outbox(actor, incident.org_id)))
                return fail(Error::denied("not allowed for your role"));
            return storage::list_outbox(db, {{incident.org_id}, incident.id, 100});
        });
}

Status App::retry_mail(const Actor* actor, std::string_view message_id) {
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        auto message = TRY(storage::find_outbox_message(db, message_id));
        if (!message || (actor && !sees_outbox(*actor, message->org_id))) return fail(Error::not_found("no such message"));
        if (message->status != "failed" && message->status != "queued")
            return fail(Error::conflict("only a failed or waiting message can be retried (this one is " +
                                        message->status + ")"));
        TRY(storage::requeue_mail(db, message->id, m_clock.now()));
        return audit_change(db, m_clock, actor,
                            {"mail.retry", "outbox", message->id, message->org_id, "",
                             R"({"status":"queued"})"});
    }));
    if (m_mail.on_queued) m_mail.on_queued();
    return {};
}

} // namespace skydda::app
