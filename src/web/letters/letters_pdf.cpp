// The letter as PDF: the template with blanks (/cases/{id}/letter.pdf) and one person's letter
// (/cases/{id}/letters/recipients/{rid}.pdf), built by app's subject-letter document.
#include <fmt/format.h>

#include "doc/document.hpp"
#include "web/letters/letters_pages.hpp"

namespace skydda::web::pages::letter_pages {

http::Response pdf_response(Context& context, Result<std::string> pdf, std::string_view filename) {
    if (!pdf) return error_page(context, pdf.error());
    auto response = http::Response::text(200, std::move(*pdf), "application/pdf");
    response.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", filename));
    response.set_header("Cache-Control", "no-store");
    response.set_header("X-Content-Type-Options", "nosniff");
    return response;
}

namespace {

http::Response letter_pdf(Context& context, std::string recipient_id, std::string language) {
    std::string id(context.request.path_param("id"));
    auto document = context.app.document(&*context.actor, id, {app::DocumentKind::subject_letter, language, 0, recipient_id});
    if (!document) return error_page(context, document.error());
    auto pdf = doc::render_pdf(*document);
    return pdf_response(context, std::move(pdf), recipient_id.empty() ? "brev-" + language + ".pdf" : "brev.pdf");
}

} // namespace

http::Response blank_pdf(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    return letter_pdf(context, "", language_of(context));
}

http::Response recipient_pdf(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    std::string rid(context.request.path_param("rid"));
    if (!rid.ends_with(".pdf")) return page_error(context, Error::not_found());
    rid.resize(rid.size() - 4);
    // The builder finds the person on the case and writes in their own language.
    return letter_pdf(context, rid, language_of(context));
}

} // namespace skydda::web::pages::letter_pages
