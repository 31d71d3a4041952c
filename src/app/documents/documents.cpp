#include "app/documents/documents.hpp"

#include "app/app.hpp"
#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "storage/accounts/logo_repository.hpp"
#include "storage/repositories.hpp"

namespace skydda::app {

using storage::Connection;
using storage::TxMode;

std::string_view document_kind_name(DocumentKind kind) {
    switch (kind) {
    case DocumentKind::imy_notification: return "imy-notification";
    case DocumentKind::imy_supplement: return "imy-supplement";
    case DocumentKind::subject_letter: return "subject-letter";
    case DocumentKind::processor_notice: return "processor-notice";
    case DocumentKind::internal_report: return "internal-report";
    }
    return "internal-report";
}

std::optional<DocumentKind> parse_document_kind(std::string_view text) {
    for (auto kind : k_all_document_kinds)
        if (document_kind_name(kind) == text) return kind;
    return std::nullopt;
}

namespace {

Result<doc::Document> build(storage::Connection& db, const DocumentSource& source) {
    switch (source.request.kind) {
    case DocumentKind::imy_notification: return build_imy_notification(db, source);
    case DocumentKind::imy_supplement: return build_imy_supplement(db, source);
    case DocumentKind::subject_letter: return build_subject_letter(db, source);
    case DocumentKind::processor_notice: return build_processor_notice(db, source);
    case DocumentKind::internal_report: return build_internal_report(db, source);
    }
    return fail(Error::invalid("kind", "unknown document kind"));
}

Status check_request(const DocumentRequest& request) {
    if (request.language != "sv" && request.language != "en")
        return fail(Error::invalid("language", "must be \"sv\" or \"en\""));
    if (request.phase < 0) return fail(Error::invalid("phase", "must be 0 or more"));
    return {};
}

} // namespace

void finish_document(doc::Document& document, const DocumentSource& source) {
    if (document.organisation.empty()) document.organisation = source.organisation.name;
    if (document.reference.empty()) document.reference = source.incident.case_number;
    document.kind = std::string(document_kind_name(source.request.kind));
    // A letter or notice to one recipient is written in that recipient's language, which the
    // builder chose; otherwise the request's language holds.
    if (source.request.recipient_id.empty()) document.language = source.request.language;
    document.generated_at = source.now;
    doc::collect_missing(document);
}

Status attach_logo(storage::Connection& db, doc::Document& document, std::string_view org_id) {
    auto logo = TRY(storage::find_logo(db, org_id));
    if (!logo) return {};
    document.logo = doc::Logo{logo->content_type, std::move(logo->data), static_cast<int>(logo->width),
                              static_cast<int>(logo->height)};
    return {};
}

Result<doc::Document> App::document(const Actor* actor, std::string_view incident_id, const DocumentRequest& request) {
    TRY_STATUS(check_request(request));
    std::string org_id; // for the audit entry, from the case loaded below
    auto document = TRY(storage::transact_value<doc::Document>(m_database, TxMode::read, [&](Connection& db)
                                                                   -> Result<doc::Document> {
        std::optional<domain::Incident> incident;
        if (actor) {
            incident = TRY(load_for(db, *actor, incident_id, domain::Action::read_all_cases));
        } else {
            incident = TRY(storage::find_incident(db, incident_id));
            if (!incident) return fail(Error::not_found("no case with that id"));
        }
        org_id = incident->org_id;
        auto organisation = TRY(organisation_of(db, incident->org_id));
        DocumentSource source{*incident, organisation, request, m_clock.now()};
        auto built = TRY(build(db, source));
        finish_document(built, source);
        TRY_STATUS(attach_logo(db, built, incident->org_id));
        return built;
    }));
    // A document is a read of the case file: audited like opening it.
    record_read(actor, {org_id, "document.read:" + document.kind, "incident", std::string(incident_id),
                        request.recipient_id.empty() ? std::string() : read_ids("recipients", {request.recipient_id})});
    return document;
}

} // namespace skydda::app
