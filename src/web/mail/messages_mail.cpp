// The e-mail status texts: the outbox page (/outbox) and the case file's "E-post om ärendet".
#include "web/i18n.hpp"

namespace skydda::web {
namespace {
constexpr Message k_messages[] = {
    {"layout.outbox", "E-post", "E-mail"},
    {"outbox.title", "Utkorg för e-post", "E-mail outbox"},
    {"outbox.intro",
     "Här syns e-post som Skydda skickar: larm om nya incidenter och påminnelser om tidsfrister. Innehållet visas inte här.",
     "E-mail that Skydda sends: alerts about new breaches and deadline reminders. The content is not shown here."},
    {"outbox.off",
     "E-post är avstängd på den här servern: ingen e-postserver är inställd. Meddelandena väntar i kön och skickas när driften har ställt in en.",
     "E-mail is off on this server: no mail relay is set up. Messages wait in the queue and are sent once the operators have set one up."},
    {"outbox.waiting", "Väntar på att skickas: {count}", "Waiting to be sent: {count}"},
    {"outbox.empty", "Ingen e-post ännu.", "No e-mail yet."},
    {"outbox.caption", "Meddelanden, nyaste först", "Messages, newest first"},
    {"outbox.to", "Mottagare", "Recipient"},
    {"outbox.subject", "Ämne", "Subject"},
    {"outbox.kind", "Slag", "Kind"},
    {"outbox.status", "Status", "Status"},
    {"outbox.attempts", "Försök", "Attempts"},
    {"outbox.next_attempt", "Nästa försök", "Next attempt"},
    {"outbox.last_error", "Senaste fel", "Last error"},
    {"outbox.sent_at", "Skickat", "Sent"},
    {"outbox.case", "Ärende", "Case"},
    {"outbox.retry", "Försök igen", "Try again"},
    {"outbox.retried", "Meddelandet ligger i kön igen.", "The message is queued again."},
    {"outbox.status.queued", "I kö", "Queued"},
    {"outbox.status.sending", "Skickas", "Sending"},
    {"outbox.status.sent", "Skickat", "Sent"},
    {"outbox.status.failed", "Misslyckades", "Failed"},
    {"outbox.kind.alert.reported", "Larm: ny incident", "Alert: new breach"},
    {"outbox.kind.reminder.imy", "Påminnelse: anmälan till IMY", "Reminder: notification to IMY"},
    {"outbox.kind.reminder.supplement", "Påminnelse: komplettering", "Reminder: supplement"},
    {"outbox.case_heading", "E-post om ärendet", "E-mail about the case"},
    {"outbox.case_none", "Ingen e-post om ärendet ännu.", "No e-mail about this case yet."},
};
} // namespace

std::span<const Message> mail_messages() { return k_messages; }

} // namespace skydda::web
