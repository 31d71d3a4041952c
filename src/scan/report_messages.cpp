#include "scan/report_messages.hpp"

#include "scan/report.hpp"

#include <utility>

namespace skydda::scan {
namespace {

struct Text {
    Message key;
    std::string_view sv, en;
};

constexpr Text k_texts[] = {
    {Message::title, "Skanning efter personuppgifter", "Personal data scan"},
    {Message::scanned, "Skannade {files}, {bytes} på {seconds} s ({speed}/s, {threads}).",
     "Scanned {files}, {bytes} in {seconds} s ({speed}/s, {threads})."},
    {Message::file_one, "fil", "file"},
    {Message::file_many, "filer", "files"},
    {Message::thread_one, "tråd", "thread"},
    {Message::thread_many, "trådar", "threads"},
    {Message::findings, "Fynd", "Findings"},
    {Message::category, "Kategori", "Category"},
    {Message::matches, "Träffar", "Matches"},
    {Message::distinct, "Unika", "Distinct"},
    {Message::files, "Filer", "Files"},
    {Message::subjects, "Uppskattat antal registrerade", "Estimated number of data subjects"},
    {Message::subjects_basis, "{value} (utifrån {basis}; mellan {low} och {high} om identiteterna inte överlappar)",
     "{value} (from {basis}; between {low} and {high} if the identifiers belong to different people)"},
    {Message::subjects_none, "inga personidentifierare hittades", "no person identifiers were found"},
    {Message::data_codes, "Datakategorier för riskbedömningen", "Data categories for the risk assessment"},
    {Message::data_none, "inga", "none"},
    {Message::unreadable, "Kunde inte läsas", "Could not be read"},
    {Message::reason, "Orsak", "Reason"},
    {Message::detail, "Detalj", "Detail"},
    {Message::path, "Fil", "File"},
    {Message::examples, "Exempel (maskerade)", "Examples (masked)"},
    {Message::example, "Exempel", "Example"},
    {Message::line, "Rad", "Line"},
    {Message::per_file, "Per fil", "Per file"},
    {Message::format, "Format", "Format"},
    {Message::bytes, "Text", "Text"},
    {Message::nothing_found, "Inga personuppgifter hittades.", "No personal data was found."},
    {Message::next_steps, "Nästa steg", "Next steps"},
    {Message::next_attach,
     "Koppla resultatet till ärendet: skydda scan --attach ÄRENDE-ID --db URL (samma sökvägar). Bara "
     "sammanfattningen sparas, aldrig identifierarna.",
     "Attach the result to the case: skydda scan --attach CASE-ID --db URL (same paths). Only the summary is "
     "stored, never the identifiers."},
    {Message::next_assess,
     "Använd antalet registrerade och datakategorierna i riskbedömningen (skydda assess eller ärendets sida "
     "Riskbedömning).",
     "Use the number of data subjects and the data categories in the risk assessment (skydda assess or the "
     "case's assessment page)."},
    {Message::next_unreadable,
     "Filer som inte kunde läsas ingår inte i siffrorna. Krypterade filer kan vara skäl för undantaget i "
     "artikel 34.3 a om nyckeln inte röjts.",
     "Files that could not be read are not in the figures. Encrypted files may support the art. 34(3)(a) "
     "exemption if the key was not compromised."},
    {Message::stats, "Tid per fas (summerad över trådar)", "Time per phase (summed over threads)"},
    {Message::phase, "Fas", "Phase"},
    {Message::seconds, "Sekunder", "Seconds"},
    {Message::generated, "Skapad", "Generated"},
    {Message::per_file_truncated, "Visar de {shown} filer med flest träffar av {total}.",
     "Showing the {shown} files with the most matches of {total}."},
    {Message::totals, "Totalt", "Totals"},
    {Message::masked_note,
     "Identifierare visas maskerade; hela värden finns aldrig i rapporten.",
     "Identifiers are masked; full values never appear in this report."},
    {Message::reason_encrypted, "krypterad eller lösenordsskyddad", "encrypted or password-protected"},
    {Message::reason_corrupt, "trasig eller ofullständig", "corrupt or truncated"},
    {Message::reason_too_deep, "för djupt nästlad", "nested too deeply"},
    {Message::reason_too_large, "för stor", "too large"},
    {Message::reason_expansion_ratio, "misstänkt zip-bomb (packas upp för mycket)",
     "suspected zip bomb (expands too much)"},
    {Message::reason_unsupported, "format som inte stöds", "unsupported format"},
    {Message::reason_io_error, "kunde inte läsas från disk", "could not be read from disk"},
};

} // namespace

std::string_view message(Message key, std::string_view language) {
    for (const auto& text : k_texts)
        if (text.key == key) return language == "en" ? text.en : text.sv;
    return {};
}

std::string counted(uint64_t count, Message one, Message many, std::string_view language) {
    return format_count(count, language) + " " + std::string(message(count == 1 ? one : many, language));
}

std::string_view reason_text(std::string_view code, std::string_view language) {
    constexpr std::pair<std::string_view, Message> k_reasons[] = {
        {"encrypted", Message::reason_encrypted},   {"corrupt", Message::reason_corrupt},
        {"too_deep", Message::reason_too_deep},     {"too_large", Message::reason_too_large},
        {"expansion_ratio", Message::reason_expansion_ratio}, {"unsupported", Message::reason_unsupported},
        {"io_error", Message::reason_io_error}};
    for (auto [name, key] : k_reasons)
        if (name == code) return message(key, language);
    return code;
}

} // namespace skydda::scan
