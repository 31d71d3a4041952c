// Special categories (GDPR art. 9) and criminal offences (art. 10). EDPB 9/2022 and 01/2021:
// sensitive data in the hands of the wrong people, or altered (a wrong medication list), is a
// typical high risk; when they stayed with a trusted recipient or were returned unread, the
// authority must still be told. Data hard to tie to a person (pseudonymised, no names) stay at
// "risk".
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

bool contained(const Facts& f) {
    const bool trusted = f.confidentiality == Confidentiality::known_recipients && f.recipient_trusted;
    const bool returned = f.recovered_or_deleted && (f.confidentiality == Confidentiality::known_recipients ||
                                                     f.confidentiality == Confidentiality::exposed);
    return trusted || returned;
}

class SpecialCategory final : public Rule {
public:
    std::string_view id() const override { return "rule_special_category"; }
    void apply(const Facts& f, const Severity& s, Verdict& v) const override {
        const bool touched = f.confidentiality_lost() || f.integrity_lost() || f.availability != Availability::none;
        if (!touched) return;
        // Hard to tie to a person (EI below significant, e.g. pseudonymised): notifiable, not high.
        const bool identifiable = s.ei >= 0.75;
        const bool high = identifiable && ((f.confidentiality_lost() && !contained(f)) || f.integrity_lost());
        for (DataType type : f.special_categories()) {
            v.at_least(high ? RiskLevel::high : RiskLevel::risk, reason(type, high));
        }
    }

private:
    static Reason reason(DataType type, bool high) {
        const std::string sv_tail =
            high ? "När sådana uppgifter hamnar hos obehöriga eller blir felaktiga kan det leda till "
                   "diskriminering, kränkning, oro eller fysisk skada. Risken bedöms som hög."
                 : "Även om spridningen begränsades är det en risk som ska anmälas till IMY.";
        const std::string en_tail =
            high ? "When such data reach the wrong people or become wrong, this can lead to discrimination, "
                   "humiliation, distress or physical harm. The risk is high."
                 : "Even though the spread was contained, this is a risk to notify to IMY.";
        return make_reason(fmt::format("special_category_{}", code_of(type)), Effect::raises,
                           fmt::format("Uppgifterna rör {}, som är känsliga personuppgifter enligt "
                                       "dataskyddsförordningen (artikel 9 eller 10). {}",
                                       data_label_sv(type), sv_tail),
                           fmt::format("The data concern {}, a special category under the GDPR (art. 9 or 10). {}",
                                       data_label_en(type), en_tail));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_special_category() { return std::make_unique<SpecialCategory>(); }

} // namespace skydda::domain::assessment
