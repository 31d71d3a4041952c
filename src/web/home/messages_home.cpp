// The start page's and the sign-in page's texts. Swedish first, plain words, and always what
// to do next. Placeholders in {braces} are filled by the pages (fmt named arguments).
#include "web/i18n.hpp"

namespace skydda::web {
namespace {
constexpr Message k_messages[] = {
    // Start page
    {"home.title", "Rapportera personuppgiftsincidenter", "Report personal data breaches"},
    {"home.dashboard_title", "Översikt", "Overview"},
    {"home.what",
     "En personuppgiftsincident är en säkerhetsincident där personuppgifter har kommit bort, förstörts, ändrats eller hamnat hos någon som inte borde ha dem.",
     "A personal data breach is a security incident where personal data were lost, destroyed, changed or reached someone who should not have them."},
    {"home.risk",
     "Det kan innebära risker för de personer som uppgifterna handlar om. Därför ska alla incidenter rapporteras, även små och även när du inte är säker.",
     "It can put the people the data are about at risk. That is why every breach must be reported, even small ones and even when you are not sure."},
    {"home.examples_heading", "Några exempel", "Some examples"},
    {"home.example1", "En lärare skickar e-post med personuppgifter till fel vårdnadshavare.",
     "A teacher e-mails personal data to the wrong guardian."},
    {"home.example2", "Någon tappar ett USB-minne med personuppgifter på bussen.",
     "Someone loses a USB stick with personal data on the bus."},
    {"home.example3", "Ett dokument sparas i en gemensam mapp där obehöriga kan läsa det.",
     "A document is saved in a shared folder where people without access can read it."},
    {"home.example4", "Ett utpressningsprogram krypterar ett register så att det inte går att läsa.",
     "Ransomware encrypts a register so that it can no longer be read."},
    {"home.always_report",
     "Rapportera direkt när du upptäcker eller misstänker en incident. Organisationen har bara 72 timmar på sig att anmäla allvarliga incidenter till Integritetsskyddsmyndigheten (IMY).",
     "Report as soon as you discover or suspect a breach. The organisation has only 72 hours to notify serious breaches to the Swedish Authority for Privacy Protection (IMY)."},
    {"home.report_button", "Rapportera en incident", "Report a breach"},
    {"home.hello", "Hej {name}!", "Hello {name}!"},
    {"home.unread", "Olästa meddelanden i din inkorg: {count}", "Unread messages in your inbox: {count}"},
    {"home.urgent_heading", "Brådskande öppna ärenden", "Urgent open cases"},
    {"home.no_urgent", "Inga öppna ärenden har 72-timmarsklockan igång just nu.",
     "No open case has the 72-hour clock running right now."},
    {"home.links_heading", "Vad vill du göra?", "What do you want to do?"},
    // Sign-in
    {"login.title", "Logga in", "Sign in"},
    {"login.intro", "Logga in med din e-postadress i arbetet och ditt lösenord.",
     "Sign in with your work e-mail address and your password."},
    {"login.email", "E-postadress", "E-mail address"},
    {"login.password", "Lösenord", "Password"},
    {"login.help", "Har du glömt ditt lösenord? Kontakta den som administrerar Skydda i din organisation.",
     "Forgot your password? Contact the person who administers Skydda in your organisation."},
    {"login.error.email", "Skriv din e-postadress", "Enter your e-mail address"},
    {"login.error.password", "Skriv ditt lösenord", "Enter your password"},
    {"login.error.wrong", "E-postadressen eller lösenordet stämmer inte. Kontrollera och försök igen.",
     "The e-mail address or password is not right. Check them and try again."},
    {"login.error.throttled", "Du har försökt logga in för många gånger. Vänta en stund och försök igen.",
     "You have tried to sign in too many times. Wait a while and try again."},
    {"login.error.throttled_seconds",
     "Det har varit för många misslyckade inloggningar härifrån. Vänta {seconds} sekunder och försök igen.",
     "There have been too many failed sign-ins from here. Wait {seconds} seconds and try again."},
};
} // namespace

std::span<const Message> home_messages() { return k_messages; }

} // namespace skydda::web
