// Properties over a grid of generated inputs: the engine's conclusion moves in the direction
// the law says it must.
#include <gtest/gtest.h>

#include <random>

#include "domain/assessment/assessment.hpp"

using namespace skydda;
using namespace skydda::domain::assessment;

namespace {

template <class E> E pick(std::mt19937& rng) {
    std::uniform_int_distribution<std::size_t> d(0, codes_of<E>().size() - 1);
    return static_cast<E>(d(rng));
}

std::optional<bool> maybe(std::mt19937& rng) {
    switch (rng() % 3) {
    case 0: return std::nullopt;
    case 1: return true;
    default: return false;
    }
}

Input random_input(std::mt19937& rng) {
    Input in;
    in.role = rng() % 5 == 0 ? Role::processor : Role::controller;
    in.aware_at = parse_rfc3339("2026-10-23T09:00:00+02:00", "t").value();
    if (rng() % 2) in.activity = pick<Activity>(rng);
    in.what_happened = pick<WhatHappened>(rng);
    if (rng() % 4) in.cause = pick<Cause>(rng);
    if (rng() % 4) in.effects.confidentiality = pick<Confidentiality>(rng);
    if (rng() % 3) in.effects.integrity = pick<Integrity>(rng);
    if (rng() % 3) in.effects.availability = pick<Availability>(rng);
    if (rng() % 2) in.service_impact = pick<ServiceImpact>(rng);
    if (rng() % 2) in.outage_hours = static_cast<double>(rng() % 72);
    if (rng() % 6) {
        std::vector<DataType> data;
        for (int i = 0, n = static_cast<int>(rng() % 4); i < n; ++i) data.push_back(pick<DataType>(rng));
        in.data = data;
    }
    if (rng() % 5) in.subjects.count = static_cast<std::int64_t>(rng() % 20000);
    for (int i = 0, n = static_cast<int>(rng() % 3); i < n; ++i) in.subjects.groups.push_back(pick<Group>(rng));
    if (rng() % 3 == 0) in.protection = pick<Protection>(rng);
    in.key_compromised = maybe(rng);
    if (rng() % 2) in.recipients = static_cast<std::int64_t>(rng() % 300);
    in.recipient_trusted = maybe(rng);
    in.data_recovered_or_deleted = maybe(rng);
    in.malicious = maybe(rng);
    in.misuse_observed = rng() % 8 == 0 ? std::optional<bool>(true) : std::nullopt;
    in.publicly_available = maybe(rng);
    in.mitigated_high_risk = maybe(rng);
    in.contact_disproportionate = maybe(rng);
    if (rng() % 4 == 0) in.identifiability = pick<Identifiability>(rng);
    return in;
}

constexpr int k_cases = 4000;

void add_data(Input& in, DataType type) {
    auto data = in.data.value_or(std::vector<DataType>{});
    data.push_back(type);
    in.data = data;
}

} // namespace

TEST(Properties, AddingASpecialCategoryNeverLowersTheRisk) {
    std::mt19937 rng(1);
    for (int i = 0; i < k_cases; ++i) {
        Input in = random_input(rng);
        if (!in.data) continue; // unknown data already assumes the worse
        const RiskLevel before = assess(in).risk;
        for (DataType special : {DataType::health, DataType::criminal_offences, DataType::sex_life_orientation,
                                 DataType::genetic}) {
            Input more = in;
            add_data(more, special);
            ASSERT_GE(assess(more).risk, before) << "case " << i;
        }
    }
}

TEST(Properties, AddingAVulnerableGroupNeverLowersTheRisk) {
    std::mt19937 rng(2);
    for (int i = 0; i < k_cases; ++i) {
        Input in = random_input(rng);
        const RiskLevel before = assess(in).risk;
        for (Group group : {Group::children, Group::patients, Group::vulnerable, Group::protected_identity,
                            Group::social_services_clients}) {
            Input more = in;
            more.subjects.groups.push_back(group);
            ASSERT_GE(assess(more).risk, before) << "case " << i;
        }
    }
}

TEST(Properties, MorePeopleNeverLowerTheRisk) {
    std::mt19937 rng(3);
    for (int i = 0; i < k_cases; ++i) {
        Input in = random_input(rng);
        if (!in.subjects.count) continue;
        const RiskLevel before = assess(in).risk;
        for (std::int64_t extra : {1, 100, 10'000, 1'000'000}) {
            Input more = in;
            more.subjects.count = *in.subjects.count + extra;
            ASSERT_GE(assess(more).risk, before) << "case " << i;
        }
    }
}

TEST(Properties, EncryptionWithKeySafeNeverRaisesTheRisk) {
    std::mt19937 rng(4);
    for (int i = 0; i < k_cases; ++i) {
        Input in = random_input(rng);
        in.protection.reset();
        in.key_compromised.reset();
        const RiskLevel before = assess(in).risk;
        for (Protection protection : {Protection::encrypted, Protection::hashed}) {
            Input safe = in;
            safe.protection = protection;
            safe.key_compromised = false;
            ASSERT_LE(assess(safe).risk, before) << "case " << i;
        }
    }
}

TEST(Properties, AProcessorNeverNotifiesTheAuthority) {
    std::mt19937 rng(5);
    for (int i = 0; i < k_cases; ++i) {
        Input in = random_input(rng);
        in.role = Role::processor;
        const auto a = assess(in);
        ASSERT_FALSE(a.notify_authority);
        ASSERT_TRUE(std::any_of(a.deadlines.begin(), a.deadlines.end(), [](const auto& d) {
            return d.duty == skydda::domain::Duty::notify_controller;
        }));
    }
}

TEST(Properties, ContractInvariantsHold) {
    std::mt19937 rng(6);
    for (int i = 0; i < k_cases; ++i) {
        const Input in = random_input(rng);
        const auto a = assess(in);
        if (in.role == Role::controller) ASSERT_EQ(a.notify_authority, a.risk != RiskLevel::unlikely);
        if (a.notify_subjects) ASSERT_EQ(a.risk, RiskLevel::high);
        if (a.subjects_exemption) ASSERT_FALSE(a.notify_subjects);
        if (in.role == Role::controller && a.risk == RiskLevel::high) ASSERT_NE(a.notify_subjects, a.subjects_exemption.has_value());
        ASSERT_GE(a.severity.dpc, 1);
        ASSERT_LE(a.severity.dpc, 4);
        ASSERT_LE(a.severity.cb, 2.0);
        if (std::find(in.subjects.groups.begin(), in.subjects.groups.end(), Group::protected_identity) !=
            in.subjects.groups.end())
            ASSERT_EQ(a.risk, RiskLevel::high);
    }
}
