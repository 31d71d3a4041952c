// Internal to web/: the personal-data warning beside a text that leaves the organisation
// (the letter's parts, the notice to the controllers) and the checkbox that acknowledges it
// (name "acknowledge_personal_data", value the field), without JavaScript. The app refuses
// to finalise or send a text with a finding unless the field is acknowledged.
#pragma once
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "web/pages.hpp"

namespace skydda::web::pages {

// "personnummer, e-postadress" in the reader's language.
std::string personal_data_kinds_text(const Context& context, const std::vector<std::string>& kinds);
// The warning for `field` with its acknowledgement checkbox; empty when `warnings` has none for it.
// `label` names the field in the sentence (plain text). The checkbox's id is field_id("ack." + field).
html::Html acknowledge_control(const Context& context, const std::vector<app::PersonalDataWarning>& warnings,
                               std::string_view field, std::string_view label, const Form& values);
// The warning alone (where the acknowledgement is asked in another form on the page).
html::Html personal_data_note(const Context& context, const std::vector<app::PersonalDataWarning>& warnings,
                              std::string_view field, std::string_view label);
// One error-summary line per finding that `values` does not acknowledge, linking to the
// checkbox (the error's field is "ack." + field).
std::vector<html::FieldError> unacknowledged_errors(const Context& context,
                                                    const std::vector<app::PersonalDataWarning>& warnings,
                                                    const Form& values, auto&& label_of) {
    std::vector<html::FieldError> out;
    auto acknowledged = form_values(values, "acknowledge_personal_data");
    for (const auto& warning : warnings) {
        if (std::find(acknowledged.begin(), acknowledged.end(), warning.key) != acknowledged.end()) continue;
        out.push_back({"ack." + warning.key,
                       fmt::format(fmt::runtime(context.t("outgoing.error")), fmt::arg("field", label_of(warning.key)),
                                   fmt::arg("kinds", personal_data_kinds_text(context, warning.kinds)))});
    }
    return out;
}

} // namespace skydda::web::pages
