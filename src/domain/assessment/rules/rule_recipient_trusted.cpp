// A known recipient bound by confidentiality (a colleague, another authority, a professional
// under secrecy) is unlikely to misuse the data (IMY, seed 001; EDPB 9/2022 misdirected
// mail to a trusted party). It weighs one step down; it does not lift the floors of sensitive
// data on its own.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class RecipientTrusted final : public Rule {
public:
    std::string_view id() const override { return "rule_recipient_trusted"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (f.confidentiality != Confidentiality::known_recipients || !f.recipient_trusted || f.misuse_observed)
            return;
        v.step_down(make_reason("recipient_trusted", Effect::lowers,
                                "Mottagaren är känd, pålitlig och har tystnadsplikt. Det är osannolikt att "
                                "uppgifterna sprids vidare eller missbrukas.",
                                "The recipient is known, trustworthy and bound by confidentiality. Further "
                                "spread or misuse is unlikely."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_recipient_trusted() { return std::make_unique<RecipientTrusted>(); }

} // namespace skydda::domain::assessment
