// The outbox as people see it: what was sent, what waits and why. Recipient addresses and
// subjects are shown; bodies never (they are only ever read by the delivery worker).
#include "app/app.hpp"

#include <algorithm>

#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "storage/mail/outbox_repository.hpp"
#include "storage/repositories.hpp"

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

// The letters go to the data subjects: their addresses are for those who inform them (the DPO
// and the handlers), not for the administrator who watches delivery.
void mask_subject_addresses(const Actor& actor, std::vector<storage::OutboxMessage>& messages) {
    for (auto& m : messages)
        if (m.kind == "letter" && !actor.has_role(m.org_id, domain::Role::dpo) &&
            !actor.allows(m.org_id, domain::Action::notify))
            m.to_address = mask_address(m.to_address);
}

// What one entry of the read audit says about a list of messages: how many, and their cases.
ReadRecord outbox_read(std::string org_id, std::string entity_id, const std::vector<storage::OutboxMessage>& messages) {
    std::vector<std::string> cases;
    for (const auto& m : messages)
        if (!m.incident_id.empty() && std::find(cases.begin(), cases.end(), m.incident_id) == cases.end())
            cases.push_back(m.incident_id);
    return {std::move(org_id), "outbox.read", entity_id.empty() ? "outbox" : "incident", std::move(entity_id),
            read_ids("cases", cases)};
}

} // namespace

std::string mask_address(std::string_view address) {
    auto at = address.rfind('@');
    if (at == std::string_view::npos || at == 0) return "***";
    // The first character whole, even when it is more than one byte of UTF-8.
    size_t first = 1;
    while (first < at && (static_cast<unsigned char>(address[first]) & 0xC0) == 0x80) ++first;
    return std::string(address.substr(0, first)) + "***" + std::string(address.substr(at));
}

Result<std::vector<storage::OutboxMessage>> App::outbox(const Actor& actor, size_t limit) {
    auto orgs = outbox_orgs(actor);
    if (orgs.empty()) return fail(Error::denied("only the DPO or an administrator sees the outbox"));
    auto messages = TRY(storage::transact_value<std::vector<storage::OutboxMessage>>(
        m_database, TxMode::read, [&](Connection& db) { return storage::list_outbox(db, {orgs, "", limit}); }));
    mask_subject_addresses(actor, messages);
    if (!messages.empty()) record_read(&actor, outbox_read(orgs.size() == 1 ? orgs.front() : std::string(), {}, messages));
    return messages;
}

Result<std::vector<storage::OutboxMessage>> App::operator_outbox(size_t limit) {
    auto messages = TRY(storage::transact_value<std::vector<storage::OutboxMessage>>(
        m_database, TxMode::read, [&](Connection& db) -> Result<std::vector<storage::OutboxMessage>> {
            std::vector<std::string> orgs;
            for (const auto& org : TRY(storage::list_organisations(db))) orgs.push_back(org.id);
            return storage::list_outbox(db, {orgs, "", limit});
        }));
    if (!messages.empty()) record_read(nullptr, outbox_read({}, {}, messages));
    return messages;
}

Result<std::vector<storage::OutboxMessage>> App::case_mail(const Actor& actor, std::string_view incident_id) {
    std::string org_id;
    auto messages = TRY(storage::transact_value<std::vector<storage::OutboxMessage>>(
        m_database, TxMode::read, [&](Connection& db) -> Result<std::vector<storage::OutboxMessage>> {
            auto [incident, view] = TRY(load_visible(db, actor, incident_id));
            if (view != CaseView::full ||
                !(actor.allows(incident.org_id, domain::Action::notify) || sees_outbox(actor, incident.org_id)))
                return fail(Error::denied("not allowed for your role"));
            org_id = incident.org_id;
            return storage::list_outbox(db, {{incident.org_id}, incident.id, 100});
        }));
    mask_subject_addresses(actor, messages);
    // The delivery's detail (the relay's last answer) is the DPO's and the administrator's.
    if (!sees_outbox(actor, org_id))
        for (auto& m : messages) m.last_error.clear();
    if (!messages.empty()) record_read(&actor, outbox_read(org_id, std::string(incident_id), messages));
    return messages;
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
