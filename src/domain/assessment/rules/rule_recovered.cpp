// Confirmed return or deletion before anyone could use the data (EDPB 9/2022: a lost device
// found unopened, a trusted recipient who deleted a misdirected e-mail). With a trusted
// recipient or an unread device, and nothing sensitive or vulnerable involved, the breach is
// unlikely to result in a risk; otherwise it weighs one step down.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

bool sensitive(const Facts& f) {
    return !f.special_categories().empty() || f.has(DataType::social_services) ||
           f.has_any({Group::children, Group::pupils, Group::patients, Group::social_services_clients,
                      Group::elderly_care_recipients, Group::vulnerable, Group::protected_identity});
}

class Recovered final : public Rule {
public:
    std::string_view id() const override { return "rule_recovered"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        const bool contained_kind = f.confidentiality == Confidentiality::known_recipients ||
                                    f.confidentiality == Confidentiality::exposed;
        if (!f.recovered_or_deleted || !contained_kind || f.misuse_observed || f.malicious) return;
        Reason why = make_reason("data_recovered_or_deleted", Effect::lowers,
                                 "Det är bekräftat att uppgifterna har kommit tillbaka eller raderats innan "
                                 "någon hann använda dem.",
                                 "It is confirmed that the data were returned or deleted before anyone could "
                                 "use them.");
        const bool safe_hands = f.confidentiality == Confidentiality::exposed || f.recipient_trusted;
        const bool only_confidentiality = !f.integrity_lost() && f.availability != Availability::permanent &&
                                          f.recipients <= 1;
        if (safe_hands && only_confidentiality && !sensitive(f))
            v.at_most(RiskLevel::unlikely, std::move(why));
        else
            v.step_down(std::move(why));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_recovered() { return std::make_unique<Recovered>(); }

} // namespace skydda::domain::assessment
