// The statistics page's texts (pages_statistics.cpp). Placeholders in {braces}.
#include "web/i18n.hpp"

namespace skydda::web {
namespace {
constexpr Message k_messages[] = {
    {"stats.title", "Statistik", "Statistics"},
    {"stats.intro",
     "Incidenter rapporterade under perioden, räknade med IMY:s kategorier. Varje siffra går att räkna fram ur exporten av samma urval.",
     "Breaches reported in the period, counted in IMY's categories. Every figure can be recomputed from the export of the same selection."},
    {"stats.all_orgs", "Alla organisationer du arbetar för", "Every organisation you work for"},
    {"stats.from", "Rapporterade från och med", "Reported from"},
    {"stats.to", "Rapporterade till och med", "Reported to"},
    {"stats.total", "Incidenter", "Breaches"},
    {"stats.notified", "Anmälda till IMY", "Notified to IMY"},
    {"stats.within_72h", "Anmälda inom 72 timmar", "Notified within 72 hours"},
    {"stats.to_decision", "Timmar till beslut (median, 90:e percentil)", "Hours to decision (median, 90th percentile)"},
    {"stats.to_notification", "Timmar till anmälan (median, 90:e percentil)", "Hours to notification (median, 90th percentile)"},
    {"stats.hours_value", "{median} h · {p90} h", "{median} h · {p90} h"},
    {"stats.subjects_told", "De registrerade informerade", "People told"},
    {"stats.by_month", "Per månad", "By month"},
    {"stats.by_what_happened", "Vad hände (IMY:s kategorier)", "What happened (IMY's categories)"},
    {"stats.by_cause", "Orsak", "Cause"},
    {"stats.by_discovered_by", "Hur incidenten upptäcktes", "How the breach was discovered"},
    {"stats.by_org", "Per organisation", "By organisation"},
    {"stats.col_what", "Kategori", "Category"},
    {"stats.col_count", "Antal", "Count"},
    {"stats.col_hours", "Timmar från kännedom", "Hours from awareness"},
    {"stats.col_reason", "Skäl till förseningen", "Reason for the delay"},
    {"stats.not_given", "Inte angivet", "Not given"},
    {"stats.late", "Sena anmälningar", "Late notifications"},
    {"stats.none_late", "Inga anmälningar kom efter 72 timmar.", "No notification came after 72 hours."},
    {"stats.no_reason", "Inget skäl angivet", "No reason given"},
    {"stats.recurring", "Orsaker som återkommer", "Causes that recur"},
    {"stats.reproduce", "Siffrorna kommer från samma ärenden som", "The figures come from the same cases as"},
    {"stats.export", "exporten av perioden (Excel)", "the export of the period (Excel)"},
    {"stats.error.date", "Skriv ett datum som 2026-01-01.", "Write a date such as 2026-01-01."},
    {"stats.error.order", "Slutdatumet ska komma efter startdatumet.", "The end date must come after the start date."},
};
} // namespace

std::span<const Message> statistics_messages() { return k_messages; }

} // namespace skydda::web
