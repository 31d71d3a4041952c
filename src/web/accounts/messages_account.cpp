// The account page's texts: the person's own password and API tokens.
#include "web/i18n.hpp"

namespace skydda::web {
namespace {
constexpr Message k_messages[] = {
    {"layout.account", "Mitt konto", "My account"},
    {"account.title", "Mitt konto", "My account"},
    {"account.intro", "Här byter du lösenord och ser de API-nycklar som gäller för dig.",
     "Change your password here and see the API tokens that act as you."},
    {"account.password_heading", "Byt lösenord", "Change password"},
    {"account.password_rules",
     "Minst 12 tecken. Inte ett av de vanligaste lösenorden och inte din e-postadress. En mening av flera ord är lätt att minnas och svår att gissa.",
     "At least 12 characters. Not one of the most common passwords and not your e-mail address. A sentence of several words is easy to remember and hard to guess."},
    {"account.current_password", "Nuvarande lösenord", "Current password"},
    {"account.new_password", "Nytt lösenord", "New password"},
    {"account.new_password_repeat", "Nytt lösenord igen", "New password again"},
    {"account.change_button", "Byt lösenord", "Change password"},
    {"account.changed",
     "Lösenordet är bytt. Alla dina andra inloggningar och alla dina API-nycklar har avslutats.",
     "Your password is changed. All your other sign-ins and all your API tokens have been ended."},
    {"account.error.current", "Det nuvarande lösenordet stämmer inte", "The current password is not right"},
    {"account.error.short", "Lösenordet måste vara minst 12 tecken", "The password must be at least 12 characters"},
    {"account.error.long", "Lösenordet får vara högst 1024 tecken", "The password may be at most 1024 characters"},
    {"account.error.common", "Lösenordet är ett av de 10 000 vanligaste. Välj ett annat.",
     "The password is one of the 10,000 most common. Choose another."},
    {"account.error.email", "Lösenordet får inte vara din e-postadress", "The password must not be your e-mail address"},
    {"account.error.repeat", "Skriv samma nya lösenord två gånger", "Type the same new password twice"},
    {"account.error.invalid", "Lösenordet går inte att använda", "The password cannot be used"},
    {"account.tokens_heading", "API-nycklar", "API tokens"},
    {"account.tokens_intro",
     "En API-nyckel låter ett annat system arbeta i Skydda som du. Ta bort nycklar som inte längre används. En nyckel slutar gälla av sig själv efter {days} dagar.",
     "An API token lets another system work in Skydda as you. Revoke tokens that are no longer used. A token stops working by itself after {days} days."},
    {"account.tokens_none", "Du har inga API-nycklar.", "You have no API tokens."},
    {"account.tokens_caption", "Dina API-nycklar", "Your API tokens"},
    {"account.token_id", "Id", "Id"},
    {"account.token_created", "Skapad", "Created"},
    {"account.token_expires", "Slutar gälla", "Expires"},
    {"account.token_last_used", "Senast använd", "Last used"},
    {"account.token_never", "Aldrig", "Never"},
    {"account.revoke", "Ta bort", "Revoke"},
    {"account.revoked", "API-nyckeln är borttagen och går inte längre att använda.",
     "The API token is revoked and can no longer be used."},
    {"account.create_token", "Skapa en API-nyckel", "Create an API token"},
    {"account.created_title", "Ny API-nyckel", "New API token"},
    {"account.created",
     "Här är din nya API-nyckel. Den visas bara nu: kopiera den till det system som ska använda den. Skydda sparar bara ett fingeravtryck av den.",
     "Here is your new API token. It is shown only now: copy it to the system that will use it. Skydda keeps only a fingerprint of it."},
    {"account.back", "Tillbaka till Mitt konto", "Back to My account"},
};
} // namespace

std::span<const Message> account_messages() { return k_messages; }

} // namespace skydda::web
