// The delivery worker. Guarantee: a message is queued in the transaction of the change that
// caused it, so it exists exactly when that change committed. A crash (or SIGKILL) at any point
// before the SMTP relay accepts the message loses nothing: the claim's lease runs out and a
// server claims it again. A crash after the relay accepted it and before "sent" was committed
// sends that one message again, with the same Message-ID, so the recipient's mail program can
// recognise the duplicate. The window is kept small: "sent" is committed in its own short
// transaction straight after the relay's final reply, before anything else is done.
#include "app/mail/mail.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include <algorithm>
#include <iostream>

#include "app/app.hpp"
#include "storage/mail/outbox_repository.hpp"

namespace skydda::app {

std::chrono::seconds retry_delay(int64_t attempts, std::chrono::seconds base) {
    int64_t exponent = std::clamp<int64_t>(attempts - 1, 0, 20);
    return std::min(base * (int64_t{1} << exponent), std::chrono::seconds(std::chrono::minutes(60)));
}

MailDelivery::MailDelivery(App& app, MailTransport* transport, DeliveryOptions options)
    : m_app(app), m_transport(transport), m_options(std::move(options)) {}

MailDelivery::~MailDelivery() { stop(); }

void MailDelivery::start() {
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable()) return;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
}

void MailDelivery::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void MailDelivery::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_all();
}

void MailDelivery::run() {
    auto next_reminders = std::chrono::steady_clock::now();
    for (;;) {
        bool reminders = std::chrono::steady_clock::now() >= next_reminders;
        if (reminders) next_reminders = std::chrono::steady_clock::now() + m_options.reminder_interval;
        auto pass = run_once(reminders);
        if (!pass) // a database error; the messages stay in the outbox for the next pass
            std::cerr << fmt::format(R"({{"level":"warning","event":"mail","error":{}}})",
                                     boost::json::serialize(boost::json::value(pass.error().message)))
                      << '\n';
        std::unique_lock lock(m_mutex);
        // A full batch means more may be due: go round again at once.
        bool more = pass && pass->sent + pass->retried + pass->failed >= m_options.batch;
        if (!more)
            m_wake.wait_for(lock, m_options.poll, [this] { return m_stopping || m_woken; });
        m_woken = false;
        if (m_stopping) return;
    }
}

Result<DeliveryPass> MailDelivery::run_once(bool reminders) {
    DeliveryPass pass;
    if (reminders) pass.reminders_queued = TRY(m_app.queue_due_reminders());
    if (!m_transport) return pass; // e-mail off: messages wait in the outbox
    auto delivered = TRY(deliver_due());
    delivered.reminders_queued = pass.reminders_queued;
    return delivered;
}

Result<DeliveryPass> MailDelivery::deliver_due() {
    DeliveryPass pass;
    auto& database = m_app.database();
    auto now = m_app.clock().now();
    auto claimed = TRY(storage::transact_value<std::vector<storage::OutboxMessage>>(
        database, storage::TxMode::write, [&](storage::Connection& db) {
            return storage::claim_due_mail(db, now, m_options.worker_id, m_options.lease, m_options.batch);
        }));
    for (const auto& message : claimed) {
        bool stopping = false;
        {
            std::lock_guard lock(m_mutex);
            stopping = m_stopping;
        }
        if (stopping) { // shutting down: give the rest back at once rather than wait for the lease
            TRY_STATUS(database.transact(storage::TxMode::write, [&](storage::Connection& db) {
                return storage::release_mail(db, message.id, m_options.worker_id);
            }));
            continue;
        }
        auto sent = m_transport->send({message.id, message.to_address, message.subject, message.body,
                                       message.attachment_name, message.attachment, message.created_at});
        auto at = m_app.clock().now();
        if (sent) {
            TRY_STATUS(database.transact(storage::TxMode::write, [&](storage::Connection& db) -> Status {
                TRY(storage::mark_mail_sent(db, message.id, at));
                return {};
            }));
            ++pass.sent;
            continue;
        }
        bool permanent = sent.error().code == ErrorCode::invalid_argument;
        bool give_up = permanent || message.attempts >= m_options.max_attempts;
        // The error names the relay's reply, never the message's content.
        TRY_STATUS(database.transact(storage::TxMode::write, [&](storage::Connection& db) {
            return storage::mark_mail_retry(db, message.id, m_options.worker_id, sent.error().message,
                                            at + retry_delay(message.attempts, m_options.retry_base), give_up);
        }));
        ++(give_up ? pass.failed : pass.retried);
    }
    return pass;
}

} // namespace skydda::app
