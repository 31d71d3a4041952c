// Credentials are scored by what they open (ENISA). EDPB 01/2021 (credential stuffing, stolen
// password databases): in the hands of an attacker or the public they give access to accounts,
// so the people must change passwords: high risk.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class Credentials final : public Rule {
public:
    std::string_view id() const override { return "rule_credentials"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (!f.has(DataType::credentials) || !f.confidentiality_lost()) return;
        const bool open = f.spread_widely() || f.malicious;
        v.at_least(open ? RiskLevel::high : RiskLevel::risk,
                   make_reason("credentials_exposed", Effect::raises,
                               open ? "Inloggningsuppgifter har kommit i orätta händer. De ger åtkomst till "
                                      "konton och kanske fler tjänster om lösenordet återanvänts, så personerna "
                                      "behöver byta lösenord. Risken bedöms som hög."
                                    : "Inloggningsuppgifter har röjts. De kan ge åtkomst till konton och bör "
                                      "bytas.",
                               open ? "Credentials reached the wrong hands. They open accounts, and possibly "
                                      "other services where the password is reused, so the people need to "
                                      "change passwords. The risk is high."
                                    : "Credentials were disclosed. They can give access to accounts and should "
                                      "be changed."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_credentials() { return std::make_unique<Credentials>(); }

} // namespace skydda::domain::assessment
