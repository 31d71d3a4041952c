// The personal-data check on outgoing text (see outgoing_check.hpp).
#include "app/outgoing_check.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "app/audit_support.hpp"
#include "util/text.hpp"

namespace skydda::app {
namespace {

namespace json = boost::json;

std::string without(std::string text, const std::vector<std::string>& own) {
    for (const auto& value : own) {
        if (value.empty()) continue;
        for (size_t at = text.find(value); at != std::string::npos; at = text.find(value, at + 1))
            text.replace(at, value.size(), " ");
    }
    return text;
}

bool named(const std::vector<std::string>& acknowledged, std::string_view field) {
    return std::find(acknowledged.begin(), acknowledged.end(), field) != acknowledged.end();
}

} // namespace

std::vector<PersonalDataWarning> outgoing_findings(const std::vector<OutgoingText>& texts,
                                                   const std::vector<std::string>& own, Instant today) {
    std::vector<PersonalDataWarning> out;
    for (const auto& item : texts) {
        auto kinds = personal_data_kinds(without(item.text, own), today);
        if (!kinds.empty()) out.push_back({item.field, std::move(kinds)});
    }
    return out;
}

std::vector<std::string> own_details(const domain::Organisation& organisation, const domain::Incident& incident) {
    std::vector<std::string> out;
    for (const auto* value : {&organisation.dpo_email, &organisation.dpo_phone, &incident.case_number})
        if (!text::trim(*value).empty()) out.emplace_back(text::trim(*value));
    return out;
}

Status check_acknowledged(const std::vector<PersonalDataWarning>& findings,
                          const std::vector<std::string>& acknowledged) {
    std::string list, first;
    for (const auto& finding : findings) {
        if (named(acknowledged, finding.key)) continue;
        if (first.empty()) first = finding.key;
        list += (list.empty() ? "" : "; ") + finding.key + ": ";
        for (size_t k = 0; k < finding.kinds.size(); ++k) list += (k ? ", " : "") + finding.kinds[k];
    }
    if (first.empty()) return {};
    return fail(Error::invalid(first, "seems to contain personal data (" + list +
                                          "); remove it, or confirm that it must be sent by naming the field in "
                                          "acknowledge_personal_data"));
}

Status audit_acknowledged(storage::Connection& db, const Clock& clock, const Actor& actor,
                          const domain::Incident& incident, std::string_view document, std::string_view step,
                          const std::vector<PersonalDataWarning>& findings) {
    if (findings.empty()) return {};
    json::array fields;
    for (const auto& finding : findings) {
        json::array kinds;
        for (const auto& kind : finding.kinds) kinds.emplace_back(kind);
        fields.emplace_back(json::object{{"field", finding.key}, {"kinds", std::move(kinds)}});
    }
    json::object after{{"document", document}, {"step", step}, {"fields", std::move(fields)}};
    return audit_change(db, clock, &actor,
                        {"personal_data.acknowledge", "incident", incident.id, incident.org_id, {},
                         json::serialize(after)});
}

} // namespace skydda::app
