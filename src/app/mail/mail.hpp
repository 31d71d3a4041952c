// E-mail in the use cases: the alert on a new report and the deadline reminders are queued in
// the durable outbox (storage/mail/outbox_repository.hpp) inside the transaction of the change that
// causes them; a delivery worker (MailDelivery) sends them through a MailTransport. The SMTP
// implementation lives in src/mail and is wired in by the CLI, so app never sees libcurl.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "util/error.hpp"
#include "util/time.hpp"

namespace skydda::app {

class App;

struct MailOptions {
    bool enabled = false;            // an SMTP relay is configured; otherwise mail stays queued
    std::string public_url;          // links in e-mails: public_url + "/cases/{id}"; empty: no link
    std::function<void()> on_queued; // wakes the delivery worker; set before serving
};

// One message as it leaves: the transport builds the MIME text from it.
struct OutgoingMail {
    std::string outbox_id; // gives the Message-ID, the same on every attempt
    std::string to, subject, body, attachment_name, attachment;
    Instant date{};
};

class MailTransport {
public:
    virtual ~MailTransport() = default;
    // ErrorCode::invalid_argument: refused for good (no retry); any other error: try again later.
    virtual Status send(const OutgoingMail& mail) = 0;
};

struct DeliveryOptions {
    std::string worker_id;                              // unique per process: host:pid:random
    std::chrono::seconds lease{120};                    // longer than the transport's timeout
    std::chrono::seconds poll{5};                       // look for due mail this often
    std::chrono::seconds reminder_interval{60};         // run the reminder scheduler this often
    int max_attempts = 10;                              // then the message is 'failed'
    std::chrono::seconds retry_base{60};                // first back-off; doubles per attempt
    size_t batch = 20;
};

// Back-off after the n-th failed attempt (n >= 1): base, 2 base, 4 base, ... (1, 2, 4 ...
// minutes by default), at most 60 minutes.
std::chrono::seconds retry_delay(int64_t attempts, std::chrono::seconds base = std::chrono::seconds(60));

struct DeliveryPass {
    size_t reminders_queued = 0, sent = 0, retried = 0, failed = 0;
};

// The worker: a thread that queues due reminders and delivers due mail, woken early when this
// process queues a message. With no transport (e-mail off) it only queues reminders.
class MailDelivery {
public:
    MailDelivery(App& app, MailTransport* transport, DeliveryOptions options);
    ~MailDelivery(); // stops the thread
    MailDelivery(const MailDelivery&) = delete;
    MailDelivery& operator=(const MailDelivery&) = delete;

    void start();
    void stop(); // waits for a send in progress to finish (bounded by the transport's timeout)
    void wake();
    // One pass, on the caller's thread (tests; the thread calls it too).
    Result<DeliveryPass> run_once(bool reminders = true);

private:
    void run();
    Result<DeliveryPass> deliver_due();

    App& m_app;
    MailTransport* m_transport;
    DeliveryOptions m_options;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false, m_woken = false;
    std::thread m_thread;
};

} // namespace skydda::app
