// The IMY document's personal-data check (the free-text items that go to IMY, checked with the
// scanner's recognisers, reporting only field and kinds) and its JSON form with the warnings.
#include <boost/json.hpp>

#include <algorithm>
#include <array>

#include "app/notify/doc_imy.hpp"
#include "app/outgoing_check.hpp"
#include "doc/document.hpp"

namespace skydda::app::imy {
namespace {
namespace json = boost::json;

// Free text in the document that goes to IMY and may carry personal data by mistake. The
// contact and DPO fields are left out: they hold contact details on purpose.
constexpr std::array<std::string_view, 10> k_checked_keys = {
    "breach.description", "breach.cause",    "consequences.description", "consequences.measures",
    "late.reason",        "subjects.why_not", "subjects.informed",        "subjects.will_inform",
    "supplement.reason",  "supplement.note"};

} // namespace

std::vector<PersonalDataWarning> personal_data_warnings(const doc::Document& document, Instant today) {
    std::vector<PersonalDataWarning> out;
    for (const auto& section : document.sections)
        for (const auto& block : section.blocks) {
            const auto* field = std::get_if<doc::Field>(&block);
            if (!field || std::find(k_checked_keys.begin(), k_checked_keys.end(), field->key) == k_checked_keys.end())
                continue;
            auto kinds = app::personal_data_kinds(field->value, today);
            if (!kinds.empty()) out.push_back({field->key, std::move(kinds)});
        }
    return out;
}

std::string document_json(const doc::Document& document, const std::vector<PersonalDataWarning>& warnings) {
    auto rendered = doc::render_json(document);
    if (warnings.empty()) return rendered;
    boost::system::error_code error;
    auto parsed = json::parse(rendered, error);
    if (error || !parsed.is_object()) return rendered;
    json::array items;
    for (const auto& warning : warnings) {
        json::array kinds;
        for (const auto& kind : warning.kinds) kinds.emplace_back(kind);
        items.emplace_back(json::object{{"key", warning.key}, {"kinds", std::move(kinds)}});
    }
    parsed.as_object()["warnings"] = std::move(items);
    return json::serialize(parsed);
}

} // namespace skydda::app::imy
