// Data published or taken by unknown parties cannot be recalled and may be used by anyone
// (ENISA CB +0.5; EDPB 9/2022 exfiltration and publication examples): always notifiable.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class WideSpread final : public Rule {
public:
    std::string_view id() const override { return "rule_wide_spread"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (!f.confidentiality_lost()) return;
        if (f.confidentiality == Confidentiality::published)
            v.at_least(RiskLevel::risk,
                       make_reason("published", Effect::raises,
                                   "Uppgifterna har publicerats eller varit allmänt åtkomliga, till exempel på "
                                   "internet. De kan ha kopierats av vem som helst och går inte att kalla "
                                   "tillbaka.",
                                   "The data were published or publicly accessible, e.g. on the internet. Anyone "
                                   "may have copied them and they cannot be recalled."));
        if (f.confidentiality == Confidentiality::unknown_recipients)
            v.at_least(RiskLevel::risk,
                       make_reason("unknown_recipients", Effect::raises,
                                   "Okända personer, eller ett okänt antal, kan ha tagit del av uppgifterna. Vi "
                                   "vet inte vad de vill eller gör med dem.",
                                   "Unknown parties, or an unknown number of them, may have seen the data. Their "
                                   "intentions and use are unknown."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_wide_spread() { return std::make_unique<WideSpread>(); }

} // namespace skydda::domain::assessment
