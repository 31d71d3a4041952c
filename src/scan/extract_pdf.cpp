#include "scan/extract_pdf.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>

namespace skydda::scan::detail {
namespace {

// Poppler reports syntax errors of damaged files on stderr; the scan reports them itself.
void ignore_message(const std::string&, void*) {}

void silence_poppler() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(ignore_message, nullptr); });
}

bool emit_pages(Context& context, const std::string& path, const poppler::document& document) {
    bool any_text = false;
    for (int index = 0; index < document.pages(); ++index) {
        std::unique_ptr<poppler::page> page(document.create_page(index));
        if (!page) continue;
        poppler::byte_array utf8 = page->text().to_utf8();
        std::string_view text(utf8.data(), utf8.size());
        if (text.find_first_not_of(" \t\r\n\f") == std::string_view::npos) continue;
        any_text = true;
        context.sink.text(path, text, {});
    }
    return any_text;
}

} // namespace

void extract_pdf(Context& context, const std::string& path, std::string_view bytes) {
    silence_poppler();
    if (bytes.size() > static_cast<size_t>(INT_MAX)) {
        context.sink.unreadable(path, Unreadable::too_large, "PDF larger than 2 GB");
        return;
    }
    try {
        std::unique_ptr<poppler::document> document(
            poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
        if (!document) {
            context.sink.unreadable(path, Unreadable::corrupt, "damaged PDF");
            return;
        }
        if (document->is_locked()) {
            context.sink.unreadable(path, Unreadable::encrypted, "password-protected PDF");
            return;
        }
        if (!emit_pages(context, path, *document))
            context.sink.unreadable(path, Unreadable::unsupported, "PDF without a text layer (scanned images?)");
    } catch (...) {
        // Poppler is C++ and may throw (allocation); nothing escapes the extractor.
        context.sink.unreadable(path, Unreadable::corrupt, "damaged PDF");
    }
}

} // namespace skydda::scan::detail
