// How far a misdirected message went: an e-mail to one wrong person differs from one to a
// list of a thousand (EDPB 9/2022 misdirected mail examples). Several recipients make
// recall less certain; a hundred or more is close to publication.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class Recipients final : public Rule {
public:
    std::string_view id() const override { return "rule_recipients"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (f.recipients < 2 || !f.confidentiality_lost()) return;
        Reason why = make_reason(
            "recipients_many", Effect::raises,
            fmt::format("Uppgifterna nådde {} mottagare. Det gör det svårare att få dem raderade och mer "
                        "troligt att någon sprider eller använder dem.",
                        f.recipients),
            fmt::format("The data reached {} recipients. That makes deletion harder to ensure and misuse or "
                        "further spread likelier.",
                        f.recipients));
        if (f.recipients >= 100) {
            v.at_least(RiskLevel::risk);
            v.step_up(std::move(why));
        } else {
            v.at_least(RiskLevel::risk, std::move(why));
        }
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_recipients() { return std::make_unique<Recipients>(); }

} // namespace skydda::domain::assessment
