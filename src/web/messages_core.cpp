// Labels for the contract's codes, statuses and roles, and the texts of the layout. The IMY
// choices use IMY's own Swedish wording (seed 000), so a DPO can copy them into IMY's form.
#include <array>

#include "web/i18n.hpp"

namespace skydda::web {
namespace {
constexpr Message k_messages[] = {
    // IMY question 15
    // Plain-words hints with the seed's examples
    {"what_happened_hint.misdirected_communication", "T.ex. en lärare skickade e-post till fel vårdnadshavare.",
     "E.g. a teacher e-mailed the wrong guardian."},
    {"what_happened_hint.disclosure_other", "T.ex. en lista med sjukskrivna medarbetare publicerades på webben.",
     "E.g. a list of employees on sick leave was published on the web."},
    {"what_happened_hint.unauthorised_access",
     "T.ex. stulna inloggningsuppgifter, hackning, för breda behörigheter eller en delad mapp utan behörighetsstyrning.",
     "E.g. stolen log-in details, hacking, too broad permissions or a shared folder without access control."},
    {"what_happened_hint.loss", "T.ex. ett USB-minne tappat på bussen eller en stulen dator.",
     "E.g. a USB stick lost on the bus or a stolen laptop."},
    {"what_happened_hint.destruction", "T.ex. ett register raderades av misstag eller krypterades av utpressningsprogram.",
     "E.g. a register was deleted by mistake or encrypted by ransomware."},
    {"what_happened_hint.alteration", "T.ex. någon ändrade medicineringen för en patient eller lönen för medarbetare.",
     "E.g. someone changed a patient's medication or employees' salaries."},
    // IMY question 18
    // IMY question 17
    // IMY question 19
    // Effects
    // Data categories (IMY question 26)
    // Groups (IMY question 25)
    // Workflow
    {"urgency.overdue", "Försenad", "Overdue"},
    {"urgency.critical", "Under 12 timmar kvar", "Under 12 hours left"},
    {"urgency.soon", "Under 24 timmar kvar", "Under 24 hours left"},
    {"urgency.running", "Klockan går", "Clock running"},
    {"urgency.stopped", "Klockan stoppad", "Clock stopped"},
    {"inbox.reported", "Ny rapport", "New report"},
    {"inbox.assigned", "Tilldelad dig", "Assigned to you"},
    {"inbox.task", "Ny uppgift", "New task"},
    {"inbox.question", "Fråga till dig", "Question for you"},
    {"inbox.answer", "Svar på fråga", "Answer to a question"},
    // Layout and common
    {"app.name", "Skydda", "Skydda"},
    {"app.tagline", "Personuppgiftsincidenter", "Personal data breaches"},
    {"layout.skip", "Hoppa till innehållet", "Skip to content"},
    {"layout.report", "Rapportera incident", "Report a breach"},
    {"layout.my_reports", "Mina rapporter", "My reports"},
    {"layout.cases", "Ärenden", "Cases"},
    {"layout.statistics", "Statistik", "Statistics"},
    {"layout.inbox", "Inkorg", "Inbox"},
    {"layout.sign_in", "Logga in", "Sign in"},
    {"layout.sign_out", "Logga ut", "Sign out"},
    {"layout.language_switch", "In English", "På svenska"},
    {"layout.signed_in_as", "Inloggad som", "Signed in as"},
    {"layout.nav", "Huvudmeny", "Main menu"},
    {"common.save", "Spara", "Save"},
    {"error.summary_title", "Det finns problem", "There is a problem"},
    {"error.not_found", "Sidan finns inte, eller så har du inte behörighet att se den.",
     "The page does not exist, or you are not allowed to see it."},
    {"error.forbidden", "Din roll får inte göra detta.", "Your role is not allowed to do this."},
    {"error.internal", "Något gick fel hos oss. Försök igen om en stund.", "Something went wrong on our side. Try again shortly."},
    {"error.csrf", "Formuläret hade gått ut. Ladda om sidan och försök igen.",
     "The form had expired. Reload the page and try again."},
    {"error.stale", "Ärendet har ändrats av någon annan sedan du öppnade det. Se de aktuella uppgifterna nedan och gör din ändring igen.",
     "Someone else changed the case since you opened it. See the current facts below and make your change again."},
    {"error.back_home", "Till startsidan", "Back to the start page"},
};
} // namespace

std::span<const Message> core_messages() { return k_messages; }

} // namespace skydda::web
