// The incident's facts as JSON: the same shape in the API, the HTML form's decoding and the
// database column, so there is one parser and one set of checks. Field names and codes are
// those of the assessment contract.
#pragma once
#include <boost/json/object.hpp>

#include "domain/incident.hpp"

namespace skydda::domain {

boost::json::object facts_to_json(const domain::IncidentFacts& facts);
// Strict: unknown fields, wrong types and timestamps without offset are refused, naming the
// field. `ignore` lists top-level keys that belong to the envelope (e.g. "org").
Result<domain::IncidentFacts> facts_from_json(const boost::json::object& object,
                                              std::initializer_list<std::string_view> ignore = {});
// PATCH semantics: keys in `patch` replace those in `base`; "subjects" and "effects" merge one
// level deep; null clears.
boost::json::object merge_patch(boost::json::object base, const boost::json::object& patch);

} // namespace skydda::domain
