// The controller's activity (IMY, seed 001; ENISA's pharmacy example): the mere fact that
// someone is in a clinic's, social services' or employment office's register says something
// sensitive about them, so a disclosed list of names from there is notifiable.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

bool sensitive(std::optional<Activity> activity) {
    return activity == Activity::healthcare || activity == Activity::social_services ||
           activity == Activity::elderly_care || activity == Activity::employment_services;
}

class ActivityContext final : public Rule {
public:
    std::string_view id() const override { return "rule_activity_context"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        if (!sensitive(f.activity) || !f.confidentiality_lost()) return;
        v.at_least(RiskLevel::risk,
                   make_reason("sensitive_activity", Effect::raises,
                               "Verksamheten är vård, omsorg, socialtjänst eller arbetsförmedling. Redan "
                               "uppgiften att någon finns i verksamhetens register säger något känsligt om "
                               "personen.",
                               "The controller works in healthcare, care, social services or employment "
                               "services. The mere fact that someone is in its register reveals something "
                               "sensitive about them."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_activity_context() { return std::make_unique<ActivityContext>(); }

} // namespace skydda::domain::assessment
