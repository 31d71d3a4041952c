// Swedish "extra skyddsvärda" data (IMY): personnummer, social services files and financial
// status are not art. 9 categories but are treated as sensitive in Swedish practice, because
// they enable identity theft, fraud and stigma. Social services files reveal health, family and
// money at once, so their spread to untrusted people is high risk like art. 9 data.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

bool contained(const Facts& f) {
    return (f.confidentiality == Confidentiality::known_recipients && f.recipient_trusted) ||
           (f.recovered_or_deleted && !f.spread_widely());
}

class ExtraProtected final : public Rule {
public:
    std::string_view id() const override { return "rule_extra_protected"; }
    void apply(const Facts& f, const Severity& s, Verdict& v) const override {
        const bool lost = f.confidentiality_lost() || f.integrity_lost();
        if (!lost) return;
        if (f.has(DataType::personal_identity_number))
            v.at_least(RiskLevel::risk,
                       make_reason("extra_protected_personnummer", Effect::raises,
                                   "Personnummer eller samordningsnummer finns bland uppgifterna. De räknas som "
                                   "extra skyddsvärda eftersom de gör det lättare att kapa någons identitet och "
                                   "att samköra uppgifter om personen.",
                                   "Personal identity or coordination numbers are among the data. They need "
                                   "extra protection since they make identity theft and linking data about the "
                                   "person easier."));
        if (f.has(DataType::social_services)) {
            const bool high = f.confidentiality_lost() && !contained(f) && s.ei >= 0.75;
            const RiskLevel level = high ? RiskLevel::high : RiskLevel::risk;
            v.at_least(level,
                       make_reason("extra_protected_social_services", Effect::raises,
                                   "Uppgifterna kommer från socialtjänsten. Sådana uppgifter avslöjar ofta hälsa, "
                                   "familjeförhållanden och ekonomi på en gång och omfattas av stark sekretess.",
                                   "The data come from social services. Such data often reveal health, family "
                                   "circumstances and finances at once and are covered by strict secrecy."));
        }
        if (f.has_any({DataType::financial, DataType::salary, DataType::debts, DataType::social_welfare,
                       DataType::payment_card, DataType::insurance}))
            v.at_least(RiskLevel::risk,
                       make_reason("extra_protected_financial", Effect::raises,
                                   "Uppgifter om personernas ekonomi berörs (till exempel lön, skulder, bidrag "
                                   "eller kortuppgifter). De är extra skyddsvärda eftersom de kan leda till "
                                   "bedrägeri, ekonomisk skada eller utpekande.",
                                   "Data on people's finances are involved (e.g. salary, debts, benefits or "
                                   "card data). They need extra protection as they can lead to fraud, financial "
                                   "loss or stigma."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_extra_protected() { return std::make_unique<ExtraProtected>(); }

} // namespace skydda::domain::assessment
