// Internal to app/letters/: the pieces doc_letter.cpp (the builder), letters.cpp (the template
// and the letter) and letters_delivery.cpp (printing, e-mail, what was posted) share.
#pragma once
#include <boost/json/value.hpp>

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// An audit entry's "after": the given counts and words as a JSON object.
std::string counts_json(std::initializer_list<std::pair<std::string_view, boost::json::value>> items);
// The personal data found in the letter's parts as they leave the organisation (each part named
// `prefix` + part), its own published details left alone.
std::vector<PersonalDataWarning> letter_findings(const domain::Incident& incident,
                                                 const domain::Organisation& organisation,
                                                 const domain::letter::Parts& parts, std::string_view prefix,
                                                 Instant today);

} // namespace skydda::app::letters
