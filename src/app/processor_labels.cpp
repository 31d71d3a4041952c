// Labels of the contract codes that the processor notice prints (what happened, data
// categories, groups of people), in Swedish and English. Documents are built in app/, which
// cannot reach the web layer's message catalogue; these rows are the catalogue's own words
// (web/messages_core.cpp), so a change there must be made here too until the labels move to
// a layer both can use.
#include "app/processor.hpp"

#include <string>
#include <unordered_map>

namespace skydda::app {
namespace {

struct CodeLabel {
    std::string_view key, sv, en;
};

constexpr CodeLabel k_labels[] = {
    {"what_happened.misdirected_communication", "Obehörigt röjande genom felaktigt utskick av mejl/brev/sms", "Unauthorised disclosure by a misdirected e-mail, letter or text message"},
    {"what_happened.disclosure_other", "Obehörigt röjande: övrigt", "Unauthorised disclosure: other"},
    {"what_happened.unauthorised_access", "Obehörig åtkomst: någon inom eller utanför organisationen har tagit del av information som den saknade behörighet till", "Unauthorised access: someone inside or outside the organisation saw information they had no right to"},
    {"what_happened.loss", "Förlust: information har gått förlorad, till exempel genom att en dator blivit stulen", "Loss: information was lost, for example a computer was stolen"},
    {"what_happened.destruction", "Förstöring: någon eller något har förstört information, till exempel en dator som gått sönder", "Destruction: someone or something destroyed information, for example a computer broke"},
    {"what_happened.alteration", "Ändring: personuppgifter har ändrats", "Alteration: personal data were changed"},
    {"data.name", "Namn", "Names"},
    {"data.contact", "Kontaktuppgifter (adress, telefon, e-post)", "Contact details (address, phone, e-mail)"},
    {"data.date_of_birth", "Födelsedatum", "Dates of birth"},
    {"data.personal_identity_number", "Personnummer eller samordningsnummer", "Personal identity or coordination numbers"},
    {"data.id_document", "Id-handlingar (pass, id-kort, körkort)", "Identity documents (passport, ID card, licence)"},
    {"data.images", "Bilder, filmer eller ljud", "Images, video or sound"},
    {"data.education", "Utbildning och skolgång", "Education and schooling"},
    {"data.employment", "Anställning och arbete", "Employment and work"},
    {"data.family", "Familjeförhållanden", "Family circumstances"},
    {"data.vehicle", "Fordon", "Vehicles"},
    {"data.online_identifiers", "IP-adresser, användarnamn och andra onlineidentiteter", "IP addresses, user names and other online identifiers"},
    {"data.location", "Platsuppgifter", "Location data"},
    {"data.traffic_metadata", "Trafik- och loggdata", "Traffic data and logs"},
    {"data.preferences", "Intressen och vanor", "Preferences and habits"},
    {"data.purchase_history", "Köphistorik", "Purchase history"},
    {"data.communication_content", "Innehåll i meddelanden", "Content of communications"},
    {"data.financial", "Ekonomiska förhållanden", "Financial circumstances"},
    {"data.bank_account", "Bankkontonummer", "Bank account numbers"},
    {"data.payment_card", "Betalkortsuppgifter", "Payment card data"},
    {"data.salary", "Lön", "Salary"},
    {"data.debts", "Skulder", "Debts"},
    {"data.insurance", "Försäkringar", "Insurance"},
    {"data.social_welfare", "Ekonomiskt bistånd och andra förmåner", "Social welfare benefits"},
    {"data.credentials", "Inloggningsuppgifter och lösenord", "Log-in details and passwords"},
    {"data.health", "Hälsa (t.ex. diagnoser, sjukskrivning, mediciner)", "Health (e.g. diagnoses, sick leave, medication)"},
    {"data.genetic", "Genetiska uppgifter", "Genetic data"},
    {"data.biometric", "Biometriska uppgifter (t.ex. fingeravtryck)", "Biometric data (e.g. fingerprints)"},
    {"data.racial_ethnic", "Etniskt ursprung", "Racial or ethnic origin"},
    {"data.political", "Politiska åsikter", "Political opinions"},
    {"data.religious_philosophical", "Religiös eller filosofisk övertygelse", "Religious or philosophical beliefs"},
    {"data.trade_union", "Medlemskap i fackförening", "Trade union membership"},
    {"data.sex_life_orientation", "Sexualliv eller sexuell läggning", "Sex life or sexual orientation"},
    {"data.criminal_offences", "Lagöverträdelser och brott", "Criminal offences"},
    {"data.social_services", "Socialtjänstuppgifter (t.ex. LVU, LVM, bistånd)", "Social services data (e.g. care orders, assistance)"},
    {"data.other", "Andra uppgifter", "Other data"},
    {"groups.children", "Barn", "Children"},
    {"groups.pupils", "Elever", "Pupils"},
    {"groups.students", "Studenter", "Students"},
    {"groups.patients", "Patienter", "Patients"},
    {"groups.employees", "Anställda", "Employees"},
    {"groups.job_seekers", "Arbetssökande", "Job seekers"},
    {"groups.customers", "Kunder", "Customers"},
    {"groups.members", "Medlemmar", "Members"},
    {"groups.tenants", "Hyresgäster", "Tenants"},
    {"groups.elected_officials", "Förtroendevalda", "Elected officials"},
    {"groups.consultants", "Konsulter", "Consultants"},
    {"groups.suppliers", "Leverantörer", "Suppliers"},
    {"groups.residents", "Invånare", "Residents"},
    {"groups.social_services_clients", "Klienter inom socialtjänsten", "Social services clients"},
    {"groups.elderly_care_recipients", "Mottagare av äldreomsorg", "Elderly care recipients"},
    {"groups.vulnerable", "Andra personer i utsatt ställning", "Other vulnerable people"},
    {"groups.protected_identity", "Personer med skyddade personuppgifter", "People with protected personal data"},
    {"groups.public_figures", "Offentliga personer", "Public figures"},
    {"groups.other", "Andra", "Others"},
};

} // namespace

std::string_view notice_code_label(std::string_view language, std::string_view list, std::string_view code) {
    static const auto* by_key = [] {
        auto* map = new std::unordered_map<std::string, const CodeLabel*>();
        for (const auto& label : k_labels) map->emplace(std::string(label.key), &label);
        return map;
    }();
    auto found = by_key->find(std::string(list) + "." + std::string(code));
    if (found == by_key->end()) return code;
    return language == "en" ? found->second->en : found->second->sv;
}

} // namespace skydda::app
