#include "cli/smtp_transport.hpp"

#include "mail/mime.hpp"

namespace skydda::cli {

Status SmtpTransport::send(const app::OutgoingMail& outgoing) {
    mail::MimeMessage message;
    message.from = m_from;
    message.from_name = m_from_name;
    message.to = outgoing.to;
    message.subject = outgoing.subject;
    message.body = outgoing.body;
    message.message_id = mail::message_id_for(outgoing.outbox_id, m_from);
    message.date = outgoing.date;
    message.attachment_name = outgoing.attachment_name;
    message.attachment = outgoing.attachment;
    auto text = mail::build_message(message);
    if (!text) return fail(Error::invalid("to", text.error().message)); // never deliverable as it is
    return mail::smtp_send(m_settings, m_from, outgoing.to, *text);
}

} // namespace skydda::cli
