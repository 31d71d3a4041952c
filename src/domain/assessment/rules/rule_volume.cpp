// The number of people (IMY, seed 001): more people generally means more risk, though one
// person can be enough. Over 100 is ENISA's flag; very large breaches of financial or
// sensitive data (DPC 3+) weigh one step heavier, since some of so many will be harmed.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

constexpr std::int64_t k_large = 10'000;

class Volume final : public Rule {
public:
    std::string_view id() const override { return "rule_volume"; }
    void apply(const Facts& f, const Severity& s, Verdict& v) const override {
        if (!f.count_known) return; // the assumption is stated in assumed_count_unknown
        const bool lost = f.confidentiality_lost() || f.integrity_lost() || f.availability != Availability::none;
        if (!lost || f.count <= 100) return;
        v.at_least(RiskLevel::risk,
                   make_reason("volume_over_100", Effect::raises,
                               fmt::format("Incidenten berör {} personer, fler än 100. Ju fler som berörs, desto "
                                           "troligare är det att någon drabbas.",
                                           f.count),
                               fmt::format("The breach affects {} people, more than 100. The more people, the "
                                           "likelier that someone is harmed.",
                                           f.count)));
        if (f.count > k_large && s.dpc >= 3)
            v.step_up(make_reason("volume_large", Effect::raises,
                                  "Det är en mycket stor incident (över 10 000 personer) med ekonomiska eller "
                                  "känsliga uppgifter. Det väger tyngre i bedömningen.",
                                  "This is a very large breach (over 10,000 people) involving financial or "
                                  "sensitive data. It weighs more heavily."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_volume() { return std::make_unique<Volume>(); }

} // namespace skydda::domain::assessment
