// Internal to web/assessment/: what the assessment page (pages_assessment.cpp: the
// recommendation, the decision, the history) and its factors form (assessment_factors.cpp: the
// engine's factors as form fields, read back into the contract's input) share.
#pragma once
#include <boost/json.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/pages.hpp"

namespace skydda::web::pages::assessment_pages {

// <section id="{id}"> with its <h2>; `heading` and `body` are HTML.
html::Html section(std::string_view id, const html::Html& heading, const html::Html& body);
// One <dt>/<dd> row: the catalogue text of `key` and `value_html`.
html::Html row(const Context& context, std::string_view key, const html::Html& value_html);
html::Html field_error(const Context& context, std::string_view name, const html::FieldError* error);
// A radio or checkbox group; the first control carries the field's id so error links land on it.
html::Html choices(const Context& context, std::string_view name, std::string_view legend_key, std::string_view type,
                   const std::vector<std::pair<std::string, std::string>>& items, const std::vector<std::string>& selected,
                   std::string_view hint_key, const html::FieldError* error);

// The stored input as the form's fields.
Form form_from_input(const boost::json::object& input);
// Every factor, with null for "don't know", so that the form replaces the prefilled input.
Result<boost::json::object> input_from_form(const Form& form);
// The factors form, grouped, with "Beräkna".
html::Html factors_form(const Context& context, std::string_view id, const Form& values,
                        const std::vector<html::FieldError>& errors);
// The user's words for a field error, and the field it belongs to ("data[1]" → "data").
html::FieldError field_error_of(const Context& context, const Error& error);

} // namespace skydda::web::pages::assessment_pages
