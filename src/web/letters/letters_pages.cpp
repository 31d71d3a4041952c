// What the letters pages share (letters_pages.hpp). Built as html::Html (web/markup.hpp).
#include "web/letters/letters_pages.hpp"

namespace skydda::web::pages::letter_pages {

using domain::letter::Part;


std::string language_of(const Context& context) {
    auto lang = context.request.query_param("lang").value_or("");
    if (lang.empty()) lang = form_value(read_form(context), "lang");
    return domain::letter::is_language(lang) ? lang : std::string(lang_code(context.lang));
}

std::optional<int64_t> number(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9') return std::nullopt;
    return std::stoll(std::string(text));
}

html::Html labelled(const Context& context, const std::vector<html::FieldError>& errors, std::string_view name,
                    std::string_view label, std::string_view hint, const Control& control) {
    // Prefixed so that the ids never meet the case file's own forms on the same page.
    std::string key = "letters." + std::string(name);
    std::string id = html::field_id(key);
    return html::labelled_control(context, {id, label, hint, find_error(errors, key)}, control);
}

std::string part_label(const Context& context, Part part) {
    return std::string(context.t(fmt::format("letters.part.{}", domain::letter::part_name(part))));
}

std::string field_label(const Context& context, std::string_view field) {
    std::string language;
    if (auto dot = field.find('.'); dot != std::string_view::npos) {
        language = std::string(field.substr(0, dot));
        field = field.substr(dot + 1);
    }
    auto part = domain::letter::parse_part(field);
    std::string label = part ? std::string(context.t(fmt::format("letters.part.{}", domain::letter::part_name(*part))))
                             : std::string(field);
    return language.empty() ? label : fmt::format("{}: {}", context.t("letters.lang." + language), label);
}

bool personal_data_refusal(const Error& error) {
    return error.code == ErrorCode::invalid_argument && error.message.find("acknowledge_personal_data") != std::string::npos;
}


std::string part_error(const Context& context, const Error& error) {
    auto part = domain::letter::parse_part(error.field);
    if (!part) return error_message(context, error);
    auto open = error.message.find('{');
    auto close = error.message.find('}', open == std::string::npos ? 0 : open);
    if (error.message.starts_with("unknown placeholder") && open != std::string::npos && close != std::string::npos)
        return fmt_t(context, "letters.error.placeholder", fmt::arg("part", context.t("letters.part." + error.field)),
                     fmt::arg("name", error.message.substr(open, close - open + 1)));
    return fmt_t(context, "letters.error.part_text", fmt::arg("part", context.t("letters.part." + error.field)));
}


std::optional<http::Response> guard(Context& context, std::string_view csrf) {
    if (auto redirect = require_sign_in(context)) return redirect;
    if (!csrf_ok(context, csrf)) return csrf_failed(context);
    return std::nullopt;
}

std::string error_for(const Context& context, const Error& error) {
    std::string key = "letters.error." + error.field;
    if (error.code == ErrorCode::invalid_argument && has_message(key)) return std::string(context.t(key));
    if (error.code == ErrorCode::conflict && error.field.starts_with("letter."))
        return std::string(context.t("letters.error.finalise_first"));
    if (error.code == ErrorCode::conflict) return std::string(context.t("letters.error.conflict"));
    return error_message(context, error);
}

std::string letter_status(const Context& context, const app::SubjectLetter& letter) {
    if (letter.finalised_at)
        return fmt_t(context, "letters.status.finalised", fmt::arg("time", html::stockholm_time(*letter.finalised_at)));
    if (!letter.missing.empty()) {
        std::string names;
        for (const auto& missing : letter.missing) {
            auto part = domain::letter::parse_part(missing.key);
            names += (names.empty() ? "" : ", ") + (part ? part_label(context, *part) : missing.key);
        }
        return fmt::format("{}: {}", context.t("letters.status.missing"), names);
    }
    return std::string(context.t("letters.status.draft"));
}

} // namespace skydda::web::pages::letter_pages
