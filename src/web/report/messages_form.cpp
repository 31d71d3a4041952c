// The report form's own texts (web/report/pages_form.cpp, web/report/pages_report.cpp): the date and time
// boxes and what to type in them, the unit chooser, and the plain words beside IMY's terms.
#include "web/i18n.hpp"

namespace skydda::web {
namespace {
constexpr Message k_messages[] = {
    // What a personal data breach is, in plain words, before the first question.
    {"form.what_is",
     "En personuppgiftsincident är när uppgifter om personer har hamnat hos någon som inte skulle ha dem, kommit bort, "
     "förstörts, ändrats eller inte gått att nå. Är du osäker – rapportera ändå.",
     "A personal data breach is when data about people have reached someone who should not have them, or have been lost, "
     "destroyed, changed or out of reach. If you are unsure, report it anyway."},
    // Times: a date box and a time box, a date alone is an answer.
    {"form.time.date", "Datum", "Date"},
    {"form.time.clock", "Tid (lämna tomt om du inte vet)", "Time (leave empty if you do not know)"},
    {"form.time.format_hint",
     "Skriv datum som 2026-12-01 och tid som 14:30, svensk tid. Vet du bara dagen räcker datumet.",
     "Write the date as 2026-12-01 and the time as 14:30, Swedish time. If you only know the day, the date is enough."},
    {"form.time.error_date", "”{label}”: skriv datum som 2026-12-01.", "“{label}”: write the date as 2026-12-01."},
    {"form.time.error_clock", "”{label}”: skriv tid som 14:30, eller lämna tiden tom om du inte vet den.",
     "“{label}”: write the time as 14:30, or leave the time empty if you do not know it."},
    {"form.time.error_date_missing", "”{label}”: du har skrivit en tid men inget datum. Skriv datum som 2026-12-01.",
     "“{label}”: you wrote a time but no date. Write the date as 2026-12-01."},
    {"form.time.error_future", "”{label}”: tiden har inte varit än. Skriv ett datum i dag eller tidigare, som 2026-12-01.",
     "“{label}”: that time has not come yet. Write a date today or earlier, such as 2026-12-01."},
    {"form.time.error_before_occurred",
     "”{label}”: kan inte vara före när incidenten inträffade. Kontrollera båda datumen.",
     "“{label}”: cannot be before the breach happened. Check both dates."},
    {"form.time.error_gap",
     "”{label}”: den tiden fanns inte, klockan ställdes fram en timme. Skriv till exempel 03:00.",
     "“{label}”: that time did not exist, the clocks went forward an hour. Write 03:00, for example."},
    {"form.reporter_section_hint.times",
     "Organisationen har 72 timmar på sig att anmäla incidenten till Integritetsskyddsmyndigheten (IMY), räknat från när "
     "någon här först kände till den. Skriv därför när den upptäcktes, även om du bara vet dagen.",
     "The organisation has 72 hours to notify the Swedish data protection authority (IMY), counted from when someone here "
     "first knew of the breach. So write when it was discovered, even if you only know the day."},
    {"report.hint.discovered_at",
     "När du eller någon annan här först märkte det. Lämna tomt om det var nyss – då räknas tiden för din rapport.",
     "When you or anyone else here first noticed it. Leave empty if it was just now – the time of your report then counts."},
    {"form.reporter_section.consequences", "Vad har gjorts?", "What has been done?"},
    // Where: the unit decides the organisation.
    {"form.place.choose_unit", "Välj enhet", "Choose a unit"},
    {"form.place.choose_org", "Välj organisation", "Choose an organisation"},
    {"form.place.other_or_unknown", "Annan enhet eller vet inte", "Another unit, or don't know"},
    {"form.place.other_in", "Annan enhet eller vet inte ({org})", "Another unit, or don't know ({org})"},
    {"form.place.hint_one", "Välj skolan, förvaltningen eller verksamheten där det hände.",
     "Choose the school, department or service where it happened."},
    {"form.place.hint_many",
     "Välj skolan, förvaltningen eller verksamheten där det hände; organisationen följer av den. Vet du inte enheten, "
     "välj ”Annan enhet eller vet inte” under rätt organisation.",
     "Choose the school, department or service where it happened; the organisation follows from it. If you do not know "
     "the unit, choose “Another unit, or don't know” under the right organisation."},
    {"form.place.hint_many_orgs", "Du arbetar i flera organisationer. Välj den där det hände.",
     "You work in several organisations. Choose the one where it happened."},
    {"form.place.error_choose",
     "Välj enheten där det hände, eller ”Annan enhet eller vet inte” under rätt organisation",
     "Choose the unit where it happened, or “Another unit, or don't know” under the right organisation"},
    // Plain words beside IMY's terms (what happened, IMY question 15).
    {"plain.what_happened.misdirected_communication", "något skickades till fel person",
     "something was sent to the wrong person"},
    {"plain.what_happened.disclosure_other", "uppgifter har kommit till någon som inte skulle ha dem, på annat sätt",
     "data reached someone who should not have them, in another way"},
    {"plain.what_happened.unauthorised_access", "någon har sett eller öppnat uppgifter utan att få",
     "someone saw or opened data without being allowed to"},
    {"plain.what_happened.loss", "uppgifterna är borta och kan ha hamnat hos någon annan",
     "the data are gone and may be in someone else's hands"},
    {"plain.what_happened.destruction", "uppgifterna finns inte längre", "the data no longer exist"},
    {"plain.what_happened.alteration", "uppgifterna stämmer inte längre", "the data are no longer right"},
    // The cause (IMY question 18).
    {"plain.cause.human_error", "någon gjorde ett misstag, en gång", "someone made a one-off mistake"},
    {"plain.cause.organisational", "rutinerna brister, så det kan hända igen",
     "the routines fall short, so it can happen again"},
    {"plain.cause.technical", "ett system eller en inställning fungerade inte som det skulle",
     "a system or a setting did not work as it should"},
    {"plain.cause.internal_malicious", "någon här gjorde det med flit", "someone here did it on purpose"},
    {"plain.cause.external_attack", "någon utanför gjorde det med flit, till exempel hackare eller bluffmejl",
     "someone outside did it on purpose, for example hackers or phishing"},
    {"plain.cause.unknown", "vi vet inte varför det hände", "we do not know why it happened"},
    // How it was discovered (IMY question 17).
    {"plain.discovered_by.automated", "ett system varnade, till exempel ett larm eller en logg",
     "a system warned us, for example an alarm or a log"},
    {"plain.discovered_by.routine", "vid en kontroll som görs regelbundet", "at a check that is done regularly"},
    {"plain.discovered_by.employee", "du eller en kollega märkte det", "you or a colleague noticed it"},
    {"plain.discovered_by.processor", "en leverantör som hanterar uppgifterna åt oss berättade det",
     "a supplier that handles the data for us told us"},
    {"plain.discovered_by.outsider_or_subject",
     "någon utanför organisationen, eller en person som uppgifterna gäller, berättade det",
     "someone outside the organisation, or a person the data are about, told us"},
};
} // namespace

std::span<const Message> form_messages() { return k_messages; }

} // namespace skydda::web
