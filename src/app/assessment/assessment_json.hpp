// skydda.assessment-input/1 ⇄ the engine's Input, and the engine's Assessment →
// skydda.assessment/1 (shared/reference/assessment-contract.md). Validation is strict: an
// unknown field, a wrong type, an unknown code, a negative count or a timestamp without offset
// is refused with Error::invalid naming the field ("subjects.count").
#pragma once
#include <boost/json.hpp>

#include <iosfwd>
#include <string_view>

#include "domain/assessment/assessment.hpp"
#include "util/error.hpp"

namespace skydda::app {

Result<domain::assessment::Input> assessment_input_from_json(const boost::json::value& json);
// Parses the text as JSON first ("input: not valid JSON ..." on failure).
Result<domain::assessment::Input> parse_assessment_input(std::string_view text);

boost::json::object assessment_to_json(const domain::assessment::Assessment& assessment);
// {"field": "...", "message": "..."}
boost::json::object error_to_json(const Error& error);

// The logic of `skydda assess`, on streams so it can be tested without a process.
// One document: the answer on `out` and 0, or one line "field: problem" on `err` and 2.
int assess_document(std::istream& in, std::ostream& out, std::ostream& err);
// One document per line: one answer line each; a bad line gives {"line": N, "error": {...}} on
// `out` and the run goes on; returns 2 at the end when any line failed, else 0. Blank lines
// are skipped.
int assess_lines(std::istream& in, std::ostream& out, std::ostream& err);

} // namespace skydda::app
