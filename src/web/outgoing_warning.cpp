// The personal-data warning and its acknowledgement on the pages (see outgoing_warning.hpp).
// Built as html::Html (web/markup.hpp): every text is escaped by construction.
#include <fmt/format.h>

#include <algorithm>

#include "web/outgoing_warning.hpp"

namespace skydda::web::pages {

std::string personal_data_kinds_text(const Context& context, const std::vector<std::string>& kinds) {
    std::string out;
    for (const auto& kind : kinds) {
        if (!out.empty()) out += ", ";
        out += context.t("notify.kind." + kind);
    }
    return out;
}

namespace {

const app::PersonalDataWarning* find_warning(const std::vector<app::PersonalDataWarning>& warnings, std::string_view field) {
    auto found = std::find_if(warnings.begin(), warnings.end(), [&](const auto& w) { return w.key == field; });
    return found == warnings.end() ? nullptr : &*found;
}

// Plain text: html::format escapes it where it goes.
std::string warning_sentence(const Context& context, const app::PersonalDataWarning& warning, std::string_view label) {
    return fmt::format(fmt::runtime(context.t("outgoing.warning")), fmt::arg("field", label),
                       fmt::arg("kinds", personal_data_kinds_text(context, warning.kinds)));
}

} // namespace

html::Html personal_data_note(const Context& context, const std::vector<app::PersonalDataWarning>& warnings,
                              std::string_view field, std::string_view label) {
    const auto* warning = find_warning(warnings, field);
    if (!warning) return {};
    return html::format(R"(<p class="hint" role="note"><strong>{}</strong></p>)", warning_sentence(context, *warning, label));
}

html::Html acknowledge_control(const Context& context, const std::vector<app::PersonalDataWarning>& warnings,
                               std::string_view field, std::string_view label, const Form& values) {
    const auto* warning = find_warning(warnings, field);
    if (!warning) return {};
    auto acknowledged = form_values(values, "acknowledge_personal_data");
    bool checked = std::find(acknowledged.begin(), acknowledged.end(), field) != acknowledged.end();
    auto id = html::field_id("ack." + std::string(field));
    return html::format(
        R"(<div class="panel warning" role="note"><p id="{0}-text"><strong>{1}</strong></p><div class="choice"><input type="checkbox" id="{0}" name="acknowledge_personal_data" value="{2}" aria-describedby="{0}-text"{3}><label for="{0}">{4}</label></div></div>)",
        id, warning_sentence(context, *warning, label), field, checked ? html::Html(" checked") : html::Html(),
        context.t("outgoing.acknowledge"));
}

} // namespace skydda::web::pages
