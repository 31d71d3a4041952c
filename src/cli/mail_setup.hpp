// `skydda serve`'s e-mail: reads the smtp_* and public_url configuration, and runs the
// delivery worker (app::MailDelivery) with the SMTP transport while the server runs.
#pragma once
#include <memory>

#include "app/app.hpp"
#include "cli/command.hpp"
#include "cli/smtp_transport.hpp"

namespace skydda::cli {

class MailService {
public:
    MailService(app::App& app, std::unique_ptr<SmtpTransport> transport, app::DeliveryOptions options);
    ~MailService(); // stops the worker
    bool enabled() const { return m_transport != nullptr; }

private:
    std::unique_ptr<SmtpTransport> m_transport;
    app::MailDelivery m_delivery;
};

// Configures the App's e-mail options and starts the worker. `default_public_url` is used when
// public_url is not set. Refuses (naming the key) an invalid smtp_tls or a missing smtp_from.
Result<std::unique_ptr<MailService>> start_mail(const CommandContext& context, app::App& app,
                                                const std::string& default_public_url);

} // namespace skydda::cli
