// The wiring between app's MailTransport and the mail layer: builds the MIME message
// (mail/mime.hpp) and sends it over SMTP (mail/smtp.hpp). Lives in cli so that app never
// depends on libcurl and mail never depends on app.
#pragma once
#include "app/mail/mail.hpp"
#include "mail/smtp.hpp"

namespace skydda::cli {

class SmtpTransport final : public app::MailTransport {
public:
    SmtpTransport(mail::SmtpSettings settings, std::string from, std::string from_name = "Skydda")
        : m_settings(std::move(settings)), m_from(std::move(from)), m_from_name(std::move(from_name)) {}
    Status send(const app::OutgoingMail& mail) override;

private:
    mail::SmtpSettings m_settings;
    std::string m_from, m_from_name;
};

} // namespace skydda::cli
