// Letters to the data subjects (migration 8): the organisation's templates, the case's letter
// per language (frozen once finalised), the people to inform and how each was informed, and
// art. 34(3) exemptions.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "util/time.hpp"

namespace skydda::storage {

struct LetterTemplateRecord {
    std::string org_id, language, parts_json;
    int64_t version = 0; // 0: not stored (the built-in template)
    std::string updated_by;
    Instant updated_at{};
};

struct SubjectLetterRecord {
    std::string incident_id, language, parts_json;
    int64_t version = 0; // 0: not stored yet (prefilled)
    std::string updated_by;
    Instant updated_at{};
    std::string finalised_by;
    std::optional<Instant> finalised_at;
    std::string document_json; // the letter as finalised (blank addressee)
};

struct RecipientRecord {
    std::string id, incident_id;
    int64_t seq = 0; // import order
    std::string name, address, email, language;
    std::string informed_how; // "" | post | email | other
    std::optional<Instant> informed_at;
    std::string informed_by;
    Instant created_at{};
};

struct ExemptionRecord {
    std::string id, incident_id;
    std::string ground; // encrypted (a) | mitigated (b) | disproportionate_effort (c)
    std::string reason, public_text, public_where;
    std::optional<Instant> published_at;
    std::string recorded_by;
    Instant recorded_at{};
};

Result<std::optional<LetterTemplateRecord>> find_letter_template(Connection& db, std::string_view org_id,
                                                                 std::string_view language);
// Inserts (version 1) or updates when the stored version is `expected`; false when it differs.
Result<bool> save_letter_template(Connection& db, const LetterTemplateRecord& record, int64_t expected);

Result<std::optional<SubjectLetterRecord>> find_subject_letter(Connection& db, std::string_view incident_id,
                                                               std::string_view language);
Result<bool> save_subject_letter(Connection& db, const SubjectLetterRecord& record, int64_t expected);
Status finalise_subject_letter(Connection& db, const SubjectLetterRecord& record);

Status insert_recipients(Connection& db, const std::vector<RecipientRecord>& records);
// In import order; `limit` 0 means all.
Result<std::vector<RecipientRecord>> list_recipients(Connection& db, std::string_view incident_id, size_t limit = 0);
struct RecipientCounts {
    int64_t total = 0, with_address = 0, with_email = 0;
    int64_t informed_post = 0, informed_email = 0, informed_other = 0, not_informed = 0;
};
// One aggregate query: the case file shows counts without loading a long list.
Result<RecipientCounts> recipient_counts(Connection& db, std::string_view incident_id);
Result<std::optional<RecipientRecord>> find_recipient(Connection& db, std::string_view id);
Status mark_recipient_informed(Connection& db, std::string_view id, std::string_view how, Instant at,
                               std::string_view by);

Status insert_exemption(Connection& db, const ExemptionRecord& record);
Result<std::optional<ExemptionRecord>> latest_exemption(Connection& db, std::string_view incident_id);

} // namespace skydda::storage
