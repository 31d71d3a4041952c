#include "cli/mail_setup.hpp"

#include <unistd.h>

#include <cstdlib>

#include "cli/config.hpp"
#include "mail/mime.hpp"
#include "util/crypto.hpp"

namespace skydda::cli {

MailService::MailService(app::App& app, std::unique_ptr<SmtpTransport> transport, app::DeliveryOptions options)
    : m_transport(std::move(transport)), m_delivery(app, m_transport.get(), std::move(options)) {
    app::MailOptions mail = app.mail_options();
    mail.on_queued = [this] { m_delivery.wake(); };
    app.set_mail_options(std::move(mail));
    m_delivery.start();
}

MailService::~MailService() { m_delivery.stop(); }

namespace {

// Unique per process, readable in the outbox's claimed_by: host, pid and a random suffix.
std::string worker_id() {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    return std::string(host) + ":" + std::to_string(getpid()) + ":" + crypto::random_token(6);
}

Result<std::unique_ptr<SmtpTransport>> configured_transport(const CommandContext& context) {
    mail::SmtpSettings settings;
    settings.url = config_value(context, "smtp_url").value;
    if (settings.url.empty()) return std::unique_ptr<SmtpTransport>();
    if (!settings.url.starts_with("smtp://") && !settings.url.starts_with("smtps://"))
        return fail(Error::invalid("smtp_url", "must start with smtp:// or smtps://"));
    settings.tls = TRY(mail::parse_tls_mode(config_value(context, "smtp_tls").value));
    if (settings.url.starts_with("smtps://")) settings.tls = mail::TlsMode::tls;
    settings.user = config_value(context, "smtp_user").value;
    settings.password = config_value(context, "smtp_password").value;
    auto from = config_value(context, "smtp_from").value;
    if (!mail::valid_address(from))
        return fail(Error::invalid("smtp_from", "must be a plain e-mail address when smtp_url is set"));
    return std::make_unique<SmtpTransport>(std::move(settings), std::move(from));
}

} // namespace

Result<std::unique_ptr<MailService>> start_mail(const CommandContext& context, app::App& app,
                                                const std::string& default_public_url) {
    auto transport = TRY(configured_transport(context));
    app::MailOptions options;
    options.enabled = transport != nullptr;
    options.public_url = config_value(context, "public_url").value;
    if (options.public_url.empty()) options.public_url = default_public_url;
    if (!options.public_url.starts_with("http://") && !options.public_url.starts_with("https://"))
        return fail(Error::invalid("public_url", "must start with http:// or https://"));
    app.set_mail_options(std::move(options));
    app::DeliveryOptions delivery;
    delivery.worker_id = worker_id();
    int retry = std::atoi(config_value(context, "smtp_retry_seconds").value.c_str());
    if (retry < 1 || retry > 3600) return fail(Error::invalid("smtp_retry_seconds", "must be 1 to 3600"));
    delivery.retry_base = std::chrono::seconds(retry);
    return std::make_unique<MailService>(app, std::move(transport), std::move(delivery));
}

} // namespace skydda::cli
