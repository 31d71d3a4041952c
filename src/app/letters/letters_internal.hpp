// Internal to app/letters/: the pieces doc_letter.cpp (the builder) and letters.cpp (the use cases)
// share.
#pragma once
#include <map>

#include "app/letters/letters.hpp"

namespace skydda::app::letters {

using Values = std::map<std::string, std::string, std::less<>>;

// Placeholder values from the case and its organisation (not {recipient_name}).
Values case_values(const domain::Incident& incident, const domain::Organisation& organisation,
                   std::string_view language);
domain::letter::Parts parse_parts(std::string_view json); // missing parts read as ""
std::string parts_json(const domain::letter::Parts& parts);

// The organisation's template, or the built-in one.
Result<LetterTemplate> load_template(storage::Connection& db, std::string_view org_id, std::string_view language);
// The case's letter: stored, or prefilled from the organisation's template (never the case's text).
Result<SubjectLetter> load_letter(storage::Connection& db, const domain::Incident& incident,
                                  std::string_view language);

// The letter as a document: the parts with the placeholders filled, and `missing` for empty
// required parts or placeholders without a value. `recipient` fills the addressee block.
doc::Document letter_document(const domain::Incident& incident, const domain::Organisation& organisation,
                              std::string_view language, const domain::letter::Parts& parts,
                              const storage::RecipientRecord* recipient);

} // namespace skydda::app::letters
