// The page shell's footer, the error pages' texts and what they offer next, and the legal basis
// of each deadline in words: the texts every page may show.
#include "web/i18n.hpp"

namespace skydda::web {
namespace {
constexpr Message k_messages[] = {
    {"footer.dpo", "Dataskyddsombud", "Data protection officer"},
    {"footer.dpo_unnamed", "Dataskyddsombudet", "The data protection officer"},
    {"footer.privacy", "Så behandlar vi personuppgifter", "How we process personal data"},
    {"footer.accessibility", "Tillgänglighetsredogörelse", "Accessibility statement"},
    {"footer.links", "Om tjänsten", "About the service"},

    // Error pages: what the person can do next.
    {"error.next_heading", "Vad du kan göra", "What you can do"},
    {"error.next_home", "Gå till startsidan", "Go to the start page"},
    {"error.next_report", "Rapportera en personuppgiftsincident", "Report a personal data breach"},
    {"error.next_sign_in", "Logga in, om sidan bara visas för inloggade", "Sign in, if the page is only for those signed in"},
    {"error.next_dpo", "Kontakta dataskyddsombudet om du behöver hjälp:", "Contact the data protection officer if you need help:"},
    {"error.next_dpo_page", "Kontakta dataskyddsombudet", "Contact the data protection officer"},
    {"error.next_reload", "Gå tillbaka, ladda om sidan och försök igen", "Go back, reload the page and try again"},

    // The legal basis of each deadline (domain/duties.cpp words it in English).
    {"basis.GDPR art. 33(1)", "Dataskyddsförordningen art. 33.1", "GDPR art. 33(1)"},
    {"basis.GDPR art. 33(2); contract", "Dataskyddsförordningen art. 33.2; avtalet", "GDPR art. 33(2); contract"},
    {"basis.GDPR art. 33(2); target 24 h", "Dataskyddsförordningen art. 33.2; mål: 24 timmar", "GDPR art. 33(2); target 24 h"},
    {"basis.GDPR art. 33(4); IMY practice: 4 weeks", "Dataskyddsförordningen art. 33.4; IMY:s praxis: 4 veckor", "GDPR art. 33(4); IMY practice: 4 weeks"},
    {"basis.GDPR art. 34(1): without undue delay", "Dataskyddsförordningen art. 34.1: utan onödigt dröjsmål", "GDPR art. 34(1): without undue delay"},
    {"basis.GDPR art. 34(3)(c): without undue delay", "Dataskyddsförordningen art. 34.3 c: utan onödigt dröjsmål", "GDPR art. 34(3)(c): without undue delay"},
    {"basis.NIS2 art. 23(4)(a); SFS 2025:1506", "NIS2 art. 23.4 a; SFS 2025:1506", "NIS2 art. 23(4)(a); SFS 2025:1506"},
    {"basis.NIS2 art. 23(4)(b); SFS 2025:1506", "NIS2 art. 23.4 b; SFS 2025:1506", "NIS2 art. 23(4)(b); SFS 2025:1506"},
    {"basis.NIS2 art. 23(4)(d): one month after the notification", "NIS2 art. 23.4 d: en månad efter incidentanmälan", "NIS2 art. 23(4)(d): one month after the notification"},
    {"basis.NIS2 art. 23(4)(d): one month after the notification, counted from its latest time", "NIS2 art. 23.4 d: en månad efter incidentanmälan, räknat från dess senaste tid", "NIS2 art. 23(4)(d): one month after the notification, counted from its latest time"},
    {"basis.Reg. (EU) 2025/301 art. 5(1)(a)", "Förordning (EU) 2025/301 art. 5.1 a", "Reg. (EU) 2025/301 art. 5(1)(a)"},
    {"basis.Reg. (EU) 2025/301 art. 5(1)(b), counted from the initial report's latest time", "Förordning (EU) 2025/301 art. 5.1 b, räknat från den första rapportens senaste tid", "Reg. (EU) 2025/301 art. 5(1)(b), counted from the initial report's latest time"},
    {"basis.Reg. (EU) 2025/301 art. 5(1)(c)", "Förordning (EU) 2025/301 art. 5.1 c", "Reg. (EU) 2025/301 art. 5(1)(c)"},

    // Errors
    {"page.error.title", "Det gick inte", "That did not work"},
    {"page.error.title_prefix", "Fel: ", "Error: "},
    {"page.error.prefix", "Fel:", "Error:"},
    {"page.error.conflict", "Ärendet är inte i ett läge där det går att göra så. Ladda om ärendet och se vad som gäller nu.",
     "The case is not in a state that allows this. Reload the case to see where it stands now."},
    {"page.error.invalid", "Något av svaren behöver rättas. Kontrollera det markerade fältet.",
     "One of the answers needs correcting. Check the marked field."},
    {"page.error.control", "Texten innehåller osynliga styrtecken (till exempel från en kopierad text). Ta bort dem och försök igen.",
     "The text contains invisible control characters (from copied text, for example). Remove them and try again."},
    {"page.error.unavailable", "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
     "The service is temporarily unavailable. Try again shortly."},
    {"page.error.signed_out", "Du är utloggad. Logga in igen och försök på nytt.", "You are signed out. Sign in again and retry."},
};
} // namespace

std::span<const Message> finish_messages() { return k_messages; }

} // namespace skydda::web
