// Texts of the document download links.
#include "web/i18n.hpp"

namespace skydda::web {
namespace {
constexpr Message k_messages[] = {
    {"documents.download_pdf", "Ladda ner som PDF", "Download as PDF"},
    {"documents.open_html", "Öppna som webbsida (för utskrift)", "Open as a web page (for printing)"},
    {"annual_page.title", "Årsrapport {year}", "Annual report {year}"},
    {"annual_page.intro",
     "Dataskyddsombudets årsrapport (verksamhetsberättelse) för en organisation och ett år: årets incidenter och utvecklingen "
     "över åren, sena anmälningar med skälen, återkommande orsaker och dina egna bedömningar och rekommendationer. "
     "Siffrorna räknas fram ur ärendena när rapporten skapas.",
     "The data protection officer's annual report for one organisation and one year: the year's breaches and the trend over "
     "the years, late notifications with their reasons, recurring causes and your own assessments and recommendations. The "
     "figures are computed from the cases when the report is made."},
    {"annual_page.year", "År", "Year"},
    {"annual_page.show", "Visa", "Show"},
    {"annual_page.report", "Rapporten", "The report"},
    {"annual_page.report_hint",
     "Nästa steg: skriv dina bedömningar och rekommendationer nedan, ladda sedan ned rapporten och lämna den till nämnden eller styrelsen.",
     "Next: write your assessments and recommendations below, then download the report and give it to the board."},
    {"annual_page.text", "Dina bedömningar och rekommendationer", "Your assessments and recommendations"},
    {"annual_page.text_hint",
     "Tomma rader skiljer stycken. Skriv inga personuppgifter: rapporten blir ofta en allmän handling.",
     "Blank lines separate paragraphs. Write no personal data: the report is often a public record."},
    {"annual_page.save", "Spara texten", "Save the text"},
    {"annual_page.saved", "Texten är sparad. Nästa steg: ladda ned rapporten.", "The text is saved. Next: download the report."},
    {"annual_page.signed", "Senast ändrad av {name}, {at}.", "Last changed by {name}, {at}."},
    {"annual_page.not_written", "Dataskyddsombudet har inte skrivit någon text för året ännu.",
     "The data protection officer has not written a text for the year yet."},
    {"annual_page.stored", "Den sparade texten", "The saved text"},
    {"annual_page.conflict",
     "Någon annan har ändrat texten sedan du öppnade sidan. Den sparade texten står nedanför; din text finns kvar i rutan. Spara igen för att ersätta den.",
     "Someone else changed the text since you opened the page. The saved text is below; yours is still in the box. Save again to replace it."},
    {"annual_page.text_error",
     "Texten får vara högst 20 000 tecken och inte innehålla styrtecken.",
     "The text may be at most 20 000 characters and hold no control characters."},
    {"annual_page.personal_data",
     "Texten verkar innehålla personuppgifter ({kinds}). Rapporten blir ofta en allmän handling: ta bort dem om de inte behövs.",
     "The text seems to hold personal data ({kinds}). The report is often a public record: remove them unless they are needed."},
    {"annual_page.statistics", "Se årets statistik", "See the year's statistics"},
    {"stats.annual_link", "Dataskyddsombudets årsrapport", "The DPO's annual report"},
};
} // namespace

std::span<const Message> document_messages() { return k_messages; }

} // namespace skydda::web
