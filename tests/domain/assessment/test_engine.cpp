#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "domain/assessment/assessment.hpp"
#include "domain/assessment/rules/rule.hpp"

using namespace skydda;
using namespace skydda::domain::assessment;

namespace {

Input misdirected(std::vector<DataType> data) {
    Input in;
    in.aware_at = parse_rfc3339("2026-10-23T09:00:00+02:00", "t").value();
    in.what_happened = WhatHappened::misdirected_communication;
    in.cause = Cause::human_error;
    in.effects.confidentiality = Confidentiality::known_recipients;
    in.data = std::move(data);
    in.subjects.count = 1;
    in.recipients = 1;
    in.recipient_trusted = false;
    return in;
}

bool has_reason(const Assessment& a, std::string_view code) {
    return std::any_of(a.reasons.begin(), a.reasons.end(), [&](const Reason& r) { return r.code == code; });
}

} // namespace

TEST(Engine, SeverityFollowsEnisaFormula) {
    const auto a = assess(misdirected({DataType::name, DataType::salary}));
    EXPECT_EQ(a.severity.dpc, 3);
    EXPECT_DOUBLE_EQ(a.severity.ei, 1.0);
    EXPECT_DOUBLE_EQ(a.severity.cb, 0.25);
    EXPECT_DOUBLE_EQ(a.severity.score, 3.25);
    EXPECT_EQ(a.severity.level, SeverityLevel::high);
}

TEST(Engine, ConclusionComesFirstAndEveryReasonHasBothLanguages) {
    const auto a = assess(misdirected({DataType::name, DataType::health}));
    ASSERT_FALSE(a.reasons.empty());
    EXPECT_EQ(a.reasons.front().code, "conclusion_high");
    for (const auto& r : a.reasons) {
        EXPECT_FALSE(r.text.sv.empty()) << r.code;
        EXPECT_FALSE(r.text.en.empty()) << r.code;
    }
}

TEST(Engine, HighRiskControllerNotifiesBoth) {
    const auto a = assess(misdirected({DataType::name, DataType::health}));
    EXPECT_EQ(a.risk, RiskLevel::high);
    EXPECT_TRUE(a.notify_authority);
    EXPECT_TRUE(a.notify_subjects);
    EXPECT_FALSE(a.subjects_exemption);
    ASSERT_FALSE(a.deadlines.empty());
    EXPECT_EQ(a.deadlines.front().duty, skydda::domain::Duty::notify_authority);
    EXPECT_EQ(format_stockholm(*a.deadlines.front().due), "2026-10-26T08:00:00+01:00");
}

TEST(Engine, ProcessorGetsControllerDeadlineNotAuthority) {
    auto in = misdirected({DataType::name, DataType::health});
    in.role = Role::processor;
    const auto a = assess(in);
    EXPECT_FALSE(a.notify_authority);
    EXPECT_FALSE(a.notify_subjects);
    ASSERT_EQ(a.deadlines.size(), 1u);
    EXPECT_EQ(a.deadlines[0].duty, skydda::domain::Duty::notify_controller);
    EXPECT_EQ(format_stockholm(*a.deadlines[0].due), "2026-10-24T09:00:00+02:00");
    in.controller_notice_hours = 48;
    EXPECT_EQ(format_stockholm(*assess(in).deadlines[0].due), "2026-10-25T08:00:00+01:00");
}

TEST(Engine, EncryptedExemptionOnlyWhenKeySafe) {
    auto in = misdirected({DataType::name});
    in.subjects.groups = {Group::protected_identity};
    in.protection = Protection::encrypted;
    in.key_compromised = false;
    auto a = assess(in);
    EXPECT_EQ(a.risk, RiskLevel::high);
    EXPECT_EQ(a.subjects_exemption, Exemption::encrypted);
    EXPECT_FALSE(a.notify_subjects);
    in.key_compromised = true;
    a = assess(in);
    EXPECT_FALSE(a.subjects_exemption);
    EXPECT_TRUE(a.notify_subjects);
}

TEST(Engine, DisproportionateEffortRequiresPublicCommunication) {
    auto in = misdirected({DataType::name, DataType::health});
    in.contact_disproportionate = true;
    const auto a = assess(in);
    EXPECT_EQ(a.subjects_exemption, Exemption::disproportionate_effort);
    EXPECT_FALSE(a.notify_subjects);
    EXPECT_TRUE(has_reason(a, "exemption_disproportionate_effort"));
    EXPECT_TRUE(std::any_of(a.deadlines.begin(), a.deadlines.end(), [](const auto& d) {
        return d.duty == skydda::domain::Duty::public_communication;
    }));
}

TEST(Engine, MitigatedExemption) {
    auto in = misdirected({DataType::name, DataType::health});
    in.mitigated_high_risk = true;
    const auto a = assess(in);
    EXPECT_EQ(a.risk, RiskLevel::high);
    EXPECT_EQ(a.subjects_exemption, Exemption::mitigated);
}

TEST(Engine, UnlikelyHasNoDeadlinesAndSaysDocumentInternally) {
    auto in = misdirected({DataType::name, DataType::contact});
    in.recipient_trusted = true;
    in.data_recovered_or_deleted = true;
    const auto a = assess(in);
    EXPECT_EQ(a.risk, RiskLevel::unlikely);
    EXPECT_FALSE(a.notify_authority);
    EXPECT_TRUE(a.deadlines.empty());
    EXPECT_EQ(a.reasons.front().code, "conclusion_unlikely");
    EXPECT_NE(a.reasons.front().text.sv.find("dokumenteras"), std::string::npos);
}

TEST(Engine, RulesetHasOneRulePerIdAndEveryRuleIsRegistered) {
    std::set<std::string_view> ids;
    for (const auto& rule : rules()) ids.insert(rule->id());
    EXPECT_EQ(ids.size(), rules().size());
    EXPECT_EQ(rules().size(), 24u);
    EXPECT_EQ(k_ruleset, "2026.1");
}

TEST(Engine, Over100FlagAndUnintelligibleFlag) {
    auto in = misdirected({DataType::name});
    in.subjects.count = 101;
    in.protection = Protection::encrypted;
    in.key_compromised = false;
    const auto a = assess(in);
    EXPECT_TRUE(a.severity.over_100_people);
    EXPECT_TRUE(a.severity.unintelligible);
    in.subjects.count.reset();
    EXPECT_TRUE(assess(in).severity.over_100_people); // unknown: assume the worse
}

TEST(Engine, CodesRoundTrip) {
    for (std::size_t i = 0; i < k_data_codes.size(); ++i)
        EXPECT_EQ(parse_code<DataType>(k_data_codes[i]), static_cast<DataType>(i));
    EXPECT_FALSE(parse_code<Group>("aliens"));
    EXPECT_EQ(code_of(Group::protected_identity), "protected_identity");
}
