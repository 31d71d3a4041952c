// The register of processing activities: codes, checks, missing items and problems (register.hpp).
#include "domain/register.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "domain/codes.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace skydda::domain::reg {
namespace {

using namespace std::string_view_literals;

template <typename E, size_t N>
std::optional<E> parse_in(const std::array<std::string_view, N>& names, std::string_view text) {
    for (size_t i = 0; i < N; ++i)
        if (names[i] == text) return static_cast<E>(i);
    return std::nullopt;
}

constexpr std::array k_roles = {"processor"sv, "sub_processor"sv, "joint_controller"sv, "independent_controller"sv};
constexpr std::array k_recipient_kinds = {"internal"sv, "authority"sv, "processor"sv, "third_party"sv};
constexpr std::array k_mechanisms = {"adequacy"sv, "scc"sv, "bcr"sv, "derogation"sv};
constexpr std::array k_statuses = {"draft"sv, "approved"sv, "archived"sv};
// Art. 9(1): the special categories; art. 10: criminal offences (codes of the contract).
constexpr std::array k_article_9 = {"health"sv,    "genetic"sv,   "biometric"sv,   "racial_ethnic"sv,
                                    "political"sv, "religious_philosophical"sv, "trade_union"sv,
                                    "sex_life_orientation"sv};
// The EU member states and the EEA (Iceland, Liechtenstein, Norway).
constexpr std::array k_eea = {"AT"sv, "BE"sv, "BG"sv, "HR"sv, "CY"sv, "CZ"sv, "DK"sv, "EE"sv, "FI"sv, "FR"sv,
                              "DE"sv, "GR"sv, "HU"sv, "IE"sv, "IT"sv, "LV"sv, "LT"sv, "LU"sv, "MT"sv, "NL"sv,
                              "PL"sv, "PT"sv, "RO"sv, "SK"sv, "SI"sv, "ES"sv, "SE"sv, "IS"sv, "LI"sv, "NO"sv};

constexpr size_t k_name_max = 200;
constexpr size_t k_text_max = 5000;
constexpr size_t k_list_max = 100;

Status one_line(std::string_view field, std::string_view value, size_t max) {
    if (value.find('\n') != std::string_view::npos)
        return fail(Error::invalid(std::string(field), fmt::format("must be one line of at most {} characters", max)));
    return text::check_free_text(field, value, max);
}

Status country(std::string_view field, std::string_view value, bool required) {
    if (value.empty() && !required) return {};
    if (value.size() != 2 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return fail(Error::invalid(std::string(field), "must be a country code of two capital letters (ISO 3166-1, \"SE\")"));
    return {};
}

Status date(std::string_view field, std::string_view value) {
    if (value.empty()) return {};
    if (value.size() != 10 || !parse_stockholm_date(value, field))
        return fail(Error::invalid(std::string(field), "must be a date (2026-03-01)"));
    return {};
}

Status codes_in(std::string_view field, const std::vector<std::string>& values, std::span<const std::string_view> list) {
    if (values.size() > k_list_max) return fail(Error::invalid(std::string(field), "has too many entries"));
    for (const auto& value : values)
        if (!codes::contains(list, value))
            return fail(Error::invalid(std::string(field), fmt::format("\"{}\" is not a known code", value)));
    return {};
}

Status article_codes(std::string_view field, const std::vector<std::string>& values, std::string_view prefix,
                     char last) {
    for (const auto& value : values)
        if (value.size() != prefix.size() + 1 || !value.starts_with(prefix) || value.back() < 'a' || value.back() > last)
            return fail(Error::invalid(std::string(field), fmt::format("must be codes {}a to {}{}", prefix, prefix, last)));
    return {};
}

Status ids(std::string_view field, const std::vector<std::string>& values) {
    if (values.size() > k_list_max) return fail(Error::invalid(std::string(field), "has too many entries"));
    for (const auto& value : values)
        if (value.empty() || value.size() > 64) return fail(Error::invalid(std::string(field), "must be ids"));
    return {};
}

bool has(const std::vector<std::string>& values, std::string_view code) {
    return std::find(values.begin(), values.end(), code) != values.end();
}

} // namespace

std::optional<SupplierRole> parse_supplier_role(std::string_view text) { return parse_in<SupplierRole>(k_roles, text); }
std::string_view supplier_role_name(SupplierRole role) { return k_roles[static_cast<size_t>(role)]; }
std::optional<RecipientKind> parse_recipient_kind(std::string_view text) {
    return parse_in<RecipientKind>(k_recipient_kinds, text);
}
std::string_view recipient_kind_name(RecipientKind kind) { return k_recipient_kinds[static_cast<size_t>(kind)]; }
std::optional<TransferMechanism> parse_transfer_mechanism(std::string_view text) {
    return parse_in<TransferMechanism>(k_mechanisms, text);
}
std::string_view transfer_mechanism_name(TransferMechanism mechanism) {
    return k_mechanisms[static_cast<size_t>(mechanism)];
}
std::optional<ActivityStatus> parse_activity_status(std::string_view text) {
    return parse_in<ActivityStatus>(k_statuses, text);
}
std::string_view activity_status_name(ActivityStatus status) { return k_statuses[static_cast<size_t>(status)]; }

bool in_eea(std::string_view code) { return std::find(k_eea.begin(), k_eea.end(), code) != k_eea.end(); }

Status check_supplier(const Supplier& s) {
    if (text::trim(s.name).empty()) return fail(Error::invalid("name", "is required"));
    TRY_STATUS(one_line("name", s.name, k_name_max));
    if (!s.orgnr.empty() && (s.orgnr.size() != 11 || s.orgnr[6] != '-'))
        return fail(Error::invalid("orgnr", "must be an organisation number NNNNNN-NNNN"));
    TRY_STATUS(country("country", s.country, true));
    TRY_STATUS(date("agreement.signed_on", s.agreement.signed_on));
    TRY_STATUS(date("agreement.expires_on", s.agreement.expires_on));
    if (!s.agreement.signed_on.empty() && !s.agreement.expires_on.empty() && s.agreement.expires_on < s.agreement.signed_on)
        return fail(Error::invalid("agreement.expires_on", "must not be before the agreement was signed"));
    TRY_STATUS(one_line("agreement.reference", s.agreement.reference, k_name_max));
    TRY_STATUS(ids("sub_processors", s.sub_processors));
    TRY_STATUS(text::check_free_text("contact", s.contact, 1000));
    return {};
}

std::vector<std::string> supplier_flags(const Supplier& s, std::string_view today) {
    std::vector<std::string> out;
    const bool processes = s.role == SupplierRole::processor || s.role == SupplierRole::sub_processor;
    if (processes && s.agreement.signed_on.empty()) out.emplace_back("no_agreement");
    if (!s.agreement.signed_on.empty() && !s.agreement.expires_on.empty() && s.agreement.expires_on < today)
        out.emplace_back("agreement_expired");
    if (!in_eea(s.country)) out.emplace_back("third_country");
    return out;
}

Status check_system(const System& s) {
    if (text::trim(s.name).empty()) return fail(Error::invalid("name", "is required"));
    TRY_STATUS(one_line("name", s.name, k_name_max));
    TRY_STATUS(country("hosting_country", s.hosting_country, false));
    for (auto [field, level] : {std::pair{"klassa.k", s.klassa.k}, {"klassa.r", s.klassa.r}, {"klassa.t", s.klassa.t}})
        if (level && (*level < 0 || *level > 4)) return fail(Error::invalid(field, "must be a KLASSA level, 0 to 4"));
    return {};
}

Status check_activity(const Activity& a) {
    if (text::trim(a.name).empty()) return fail(Error::invalid("name", "is required"));
    TRY_STATUS(one_line("name", a.name, k_name_max));
    if (a.purposes.size() > k_list_max) return fail(Error::invalid("purposes", "has too many entries"));
    for (const auto& purpose : a.purposes) {
        if (text::trim(purpose).empty()) return fail(Error::invalid("purposes", "must not hold an empty purpose"));
        TRY_STATUS(text::check_free_text("purposes", purpose, 1000));
    }
    TRY_STATUS(article_codes("legal_bases", a.legal_bases, "6.1.", 'f'));
    TRY_STATUS(article_codes("special_category_bases", a.special_category_bases, "9.2.", 'j'));
    TRY_STATUS(text::check_free_text("balancing_test", a.balancing_test, k_text_max));
    TRY_STATUS(text::check_free_text("criminal_data_basis", a.criminal_data_basis, 1000));
    TRY_STATUS(codes_in("subject_groups", a.subject_groups, codes::groups()));
    TRY_STATUS(codes_in("data", a.data, codes::data()));
    TRY_STATUS(text::check_free_text("sources", a.sources, k_text_max));
    if (a.recipients.size() > k_list_max) return fail(Error::invalid("recipients", "has too many entries"));
    for (size_t i = 0; i < a.recipients.size(); ++i) {
        const auto field = fmt::format("recipients[{}]", i);
        if (text::trim(a.recipients[i].name).empty()) return fail(Error::invalid(field + ".name", "is required"));
        TRY_STATUS(one_line(field + ".name", a.recipients[i].name, k_name_max));
        TRY_STATUS(country(field + ".country", a.recipients[i].country, false));
    }
    TRY_STATUS(ids("systems", a.systems));
    TRY_STATUS(ids("suppliers", a.suppliers));
    if (a.transfers.size() > k_list_max) return fail(Error::invalid("transfers", "has too many entries"));
    for (size_t i = 0; i < a.transfers.size(); ++i) {
        const auto field = fmt::format("transfers[{}]", i);
        TRY_STATUS(country(field + ".country", a.transfers[i].country, true));
        if (in_eea(a.transfers[i].country))
            return fail(Error::invalid(field + ".country", "is in the EU/EEA: no transfer to a third country"));
    }
    TRY_STATUS(text::check_free_text("retention", a.retention, k_text_max));
    TRY_STATUS(text::check_free_text("security_measures", a.security_measures, k_text_max));
    if (a.review_interval_months && (*a.review_interval_months < 1 || *a.review_interval_months > 60))
        return fail(Error::invalid("review_interval_months", "must be 1 to 60 months"));
    TRY_STATUS(ids("on_behalf_of", a.on_behalf_of));
    return {};
}

std::vector<std::string> missing_items(const Activity& a) {
    std::vector<std::string> out;
    const bool processor = !a.on_behalf_of.empty(); // art. 30(2): on behalf of controllers
    if (!processor) {
        if (a.purposes.empty()) out.emplace_back("purposes");
        if (a.legal_bases.empty()) out.emplace_back("legal_bases");
        if (a.subject_groups.empty()) out.emplace_back("subject_groups");
        if (a.data.empty()) out.emplace_back("data");
        if (a.recipients.empty()) out.emplace_back("recipients");
        if (text::trim(a.retention).empty()) out.emplace_back("retention");
    }
    if (text::trim(a.security_measures).empty()) out.emplace_back("security_measures");
    if (text::trim(a.owner).empty()) out.emplace_back("owner");
    return out;
}

std::vector<std::string> activity_problems(const Activity& a) {
    std::vector<std::string> out;
    bool special = std::any_of(k_article_9.begin(), k_article_9.end(), [&](std::string_view code) { return has(a.data, code); });
    if (special && a.special_category_bases.empty()) out.emplace_back("special_category_without_basis");
    if (has(a.data, "criminal_offences") && text::trim(a.criminal_data_basis).empty())
        out.emplace_back("criminal_data_without_basis");
    if (std::any_of(a.transfers.begin(), a.transfers.end(), [](const Transfer& t) { return !t.mechanism; }))
        out.emplace_back("transfer_without_mechanism");
    if (has(a.legal_bases, "6.1.f") && text::trim(a.balancing_test).empty())
        out.emplace_back("legitimate_interest_without_balancing");
    return out;
}

} // namespace skydda::domain::reg
