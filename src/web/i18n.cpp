#include "web/i18n.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/args.h>
#include <fmt/format.h>

#include "app/documents/doc_labels.hpp"

namespace skydda::web {
namespace {

struct Catalogue {
    std::unordered_map<std::string_view, const Message*> by_key;
    std::vector<Message> shared; // the labels pages share with documents (app/documents/doc_labels.cpp)
    Catalogue() {
        for (const auto& row : app::label_rows()) shared.push_back({row.key, row.sv, row.en});
        // One catalogue per line: each feature adds its own.
        for (auto table : {
                 core_messages(),
                 home_messages(),
                 about_messages(),
                 report_messages(),
                 cases_messages(),
                 statistics_messages(),
                 assessment_messages(),
                 notification_messages(),
                 document_messages(),
                 mail_messages(),
                 processor_messages(),
                 letters_messages(),
                 account_messages(),
                 duties_messages(),
                 form_messages(),
                 finish_messages(),
                 logg_messages(),
                 std::span<const Message>(shared),
             })
            for (const auto& message : table) by_key.emplace(message.key, &message);
    }
};

const Catalogue& catalogue() {
    static const Catalogue instance;
    return instance;
}

} // namespace

std::string_view t(Lang lang, std::string_view key) {
    auto found = catalogue().by_key.find(key);
    if (found == catalogue().by_key.end()) return key;
    return lang == Lang::en ? found->second->en : found->second->sv;
}

std::string_view label(Lang lang, std::string_view list, std::string_view code) {
    thread_local std::string key;
    key.assign(list).append(".").append(code);
    return t(lang, key);
}

bool has_message(std::string_view key) { return catalogue().by_key.contains(key); }

std::string number_text(Lang lang, long long value) {
    std::string digits = std::to_string(value < 0 ? -value : value), out = value < 0 ? "−" : "";
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += lang == Lang::en ? "," : "\u00a0";
        out += digits[i];
    }
    return out;
}

std::string count_text(Lang lang, std::string_view key, long long count,
                       std::initializer_list<std::pair<const char*, long long>> more) {
    std::string one = std::string(key) + "_one";
    std::string_view text = count == 1 && has_message(one) ? t(lang, one) : t(lang, key);
    fmt::dynamic_format_arg_store<fmt::format_context> args;
    args.push_back(fmt::arg("count", number_text(lang, count)));
    for (const auto& [name, value] : more) args.push_back(fmt::arg(name, number_text(lang, value)));
    return fmt::vformat(text, args);
}

std::string_view lang_code(Lang lang) { return lang == Lang::en ? "en" : "sv"; }

} // namespace skydda::web
