// Texts of the document download links.
#include "web/i18n.hpp"

namespace skydda::web {
namespace {
constexpr Message k_messages[] = {
    {"documents.download_pdf", "Ladda ner som PDF", "Download as PDF"},
    {"documents.open_html", "Öppna som webbsida (för utskrift)", "Open as a web page (for printing)"},
};
} // namespace

std::span<const Message> document_messages() { return k_messages; }

} // namespace skydda::web
