// Swedish organisation numbers (organisationsnummer) as people write them on forms and in the
// registers they import: NNNNNN-NNNN, ten digits whose third is at least 2 (so that it cannot
// be a date of birth) and whose last is the Luhn check digit. The same rule as the scanner's
// recogniser (scan/validators.hpp), kept here because app/ does not link the scanner.
#pragma once
#include <string_view>

namespace skydda::domain {

// True for a correctly written and checked organisation number, e.g. "212000-0142".
bool organisation_number_valid(std::string_view written);

} // namespace skydda::domain
