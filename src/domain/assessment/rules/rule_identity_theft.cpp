// IMY: identity documents or identity numbers together with financial data or log-in details
// can be used for identity theft. The combination is worse than each item alone.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class IdentityTheft final : public Rule {
public:
    std::string_view id() const override { return "rule_identity_theft"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (!f.confidentiality_lost()) return;
        if (f.confidentiality == Confidentiality::known_recipients && f.recipient_trusted) return;
        const bool identity = f.has_any({DataType::personal_identity_number, DataType::id_document});
        const bool key_to_money = f.has_any({DataType::financial, DataType::bank_account, DataType::payment_card,
                                             DataType::salary, DataType::debts, DataType::credentials});
        const bool full_identity = f.has(DataType::personal_identity_number) && f.has(DataType::id_document);
        if (!identity || !(key_to_money || full_identity)) return;
        v.at_least(RiskLevel::high,
                   make_reason("identity_theft_combination", Effect::raises,
                               "Identitetsuppgifter (personnummer eller id-handling) har röjts tillsammans med "
                               "ekonomiska uppgifter, inloggningsuppgifter eller en kopia av id-handlingen. "
                               "Kombinationen kan användas för identitetskapning och bedrägeri, så risken "
                               "bedöms som hög.",
                               "Identity data (identity number or ID document) were disclosed together with "
                               "financial data, credentials or a copy of the ID document. The combination can "
                               "be used for identity theft and fraud, so the risk is high."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_identity_theft() { return std::make_unique<IdentityTheft>(); }

} // namespace skydda::domain::assessment
