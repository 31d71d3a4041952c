// One interface for every legal rule; each rule lives in its own file and is listed once in
// registry.cpp. A rule looks at the resolved facts and the ENISA severity and, when it fires,
// moves the verdict with a reason {code, effect, text {sv, en}}.
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "domain/assessment/facts.hpp"
#include "domain/assessment/reason_text.hpp"
#include "domain/assessment/verdict.hpp"

namespace skydda::domain::assessment {

class Rule {
public:
    virtual ~Rule() = default;
    virtual std::string_view id() const = 0; // the file's name: "rule_special_category"
    virtual void apply(const Facts& facts, const Severity& severity, Verdict& verdict) const = 0;
};

// The rules in the order they are applied (the order of reasons of the same effect).
const std::vector<std::unique_ptr<Rule>>& rules();

// Factories, one per rule file.
std::unique_ptr<Rule> make_rule_severity_baseline();
std::unique_ptr<Rule> make_rule_protected_identity();
std::unique_ptr<Rule> make_rule_misuse_observed();
std::unique_ptr<Rule> make_rule_special_category();
std::unique_ptr<Rule> make_rule_extra_protected();
std::unique_ptr<Rule> make_rule_identity_theft();
std::unique_ptr<Rule> make_rule_credentials();
std::unique_ptr<Rule> make_rule_children();
std::unique_ptr<Rule> make_rule_vulnerable_group();
std::unique_ptr<Rule> make_rule_activity_context();
std::unique_ptr<Rule> make_rule_volume();
std::unique_ptr<Rule> make_rule_recipients();
std::unique_ptr<Rule> make_rule_wide_spread();
std::unique_ptr<Rule> make_rule_malicious();
std::unique_ptr<Rule> make_rule_integrity();
std::unique_ptr<Rule> make_rule_availability_impact();
std::unique_ptr<Rule> make_rule_availability_restored();
std::unique_ptr<Rule> make_rule_data_unknown();
std::unique_ptr<Rule> make_rule_recipient_trusted();
std::unique_ptr<Rule> make_rule_recovered();
std::unique_ptr<Rule> make_rule_already_public();
std::unique_ptr<Rule> make_rule_pseudonymised();
std::unique_ptr<Rule> make_rule_key_compromised();
std::unique_ptr<Rule> make_rule_unintelligible();

} // namespace skydda::domain::assessment
