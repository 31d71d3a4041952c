// The documents that leave the organisation, built from the case file into doc::Document.
// App::document (documents.cpp) checks access, loads the case and its organisation in one read
// transaction, records the read in the audit trail and calls the builder for the kind; each
// builder lives in its own file (doc_*.cpp) and reads whatever else it needs through `db`.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "doc/document.hpp"
#include "domain/incident.hpp"
#include "storage/database.hpp"
#include "domain/records.hpp"

namespace skydda::app {

enum class DocumentKind { imy_notification, imy_supplement, subject_letter, processor_notice, internal_report };
inline constexpr DocumentKind k_all_document_kinds[] = {DocumentKind::imy_notification, DocumentKind::imy_supplement,
                                                        DocumentKind::subject_letter, DocumentKind::processor_notice,
                                                        DocumentKind::internal_report};
std::string_view document_kind_name(DocumentKind kind); // "imy-notification", ...
std::optional<DocumentKind> parse_document_kind(std::string_view text);

// The case register's export (case_export.cpp): a spreadsheet of every case a list's filters
// match, at most k_export_max rows.
struct CaseExport {
    std::string filename;     // "arenden-2026-12-04.csv"
    std::string content_type;
    std::string bytes;
    int64_t rows = 0;
};
inline constexpr size_t k_export_max = 100000;

struct DocumentRequest {
    DocumentKind kind = DocumentKind::internal_report;
    std::string language = "sv"; // "sv" or "en"
    int phase = 0;               // imy-supplement: the supplement's number (0: the next one, as a draft)
    std::string recipient_id;    // subject-letter: one recipient (empty: the template with blanks);
                                 // processor-notice: one customer (controller)
};

// What every builder is given; loaded in the same read transaction.
struct DocumentSource {
    const domain::Incident& incident;
    const domain::Organisation& organisation;
    const DocumentRequest& request;
    Instant now;
};

// What every built document gets after its builder: the organisation and reference printed on
// every page, its kind, its language (the recipient's, chosen by the builder, when there is one;
// else the request's), the time and the list of missing items.
void finish_document(doc::Document& document, const DocumentSource& source);
// The organisation's logo on the document, when it has one (in the caller's transaction).
Status attach_logo(storage::Connection& db, doc::Document& document, std::string_view org_id);

Result<doc::Document> build_imy_notification(storage::Connection& db, const DocumentSource& source);
Result<doc::Document> build_imy_supplement(storage::Connection& db, const DocumentSource& source);
Result<doc::Document> build_subject_letter(storage::Connection& db, const DocumentSource& source);
Result<doc::Document> build_processor_notice(storage::Connection& db, const DocumentSource& source);
Result<doc::Document> build_internal_report(storage::Connection& db, const DocumentSource& source);

} // namespace skydda::app
