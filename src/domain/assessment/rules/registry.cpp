// The one list of rules. Order: what sets, then what raises, then what lowers, so that the
// reasons read from the most decisive factor down.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {

const std::vector<std::unique_ptr<Rule>>& rules() {
    static const std::vector<std::unique_ptr<Rule>> list = [] {
        std::vector<std::unique_ptr<Rule>> all;
        all.push_back(make_rule_protected_identity());
        all.push_back(make_rule_severity_baseline());
        all.push_back(make_rule_misuse_observed());
        all.push_back(make_rule_special_category());
        all.push_back(make_rule_extra_protected());
        all.push_back(make_rule_identity_theft());
        all.push_back(make_rule_credentials());
        all.push_back(make_rule_children());
        all.push_back(make_rule_vulnerable_group());
        all.push_back(make_rule_activity_context());
        all.push_back(make_rule_volume());
        all.push_back(make_rule_recipients());
        all.push_back(make_rule_wide_spread());
        all.push_back(make_rule_malicious());
        all.push_back(make_rule_integrity());
        all.push_back(make_rule_availability_impact());
        all.push_back(make_rule_data_unknown());
        all.push_back(make_rule_key_compromised());
        all.push_back(make_rule_recipient_trusted());
        all.push_back(make_rule_recovered());
        all.push_back(make_rule_already_public());
        all.push_back(make_rule_pseudonymised());
        all.push_back(make_rule_availability_restored());
        all.push_back(make_rule_unintelligible());
        return all;
    }();
    return list;
}

} // namespace skydda::domain::assessment
