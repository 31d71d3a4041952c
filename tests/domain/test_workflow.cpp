#include <gtest/gtest.h>

#include "domain/workflow.hpp"

using namespace skydda;
using namespace skydda::domain;

TEST(Workflow, FollowsTheRoutineFromReportToClosed) {
    EXPECT_TRUE(check_transition(CaseStatus::reported, CaseStatus::registered, ""));
    EXPECT_TRUE(check_transition(CaseStatus::registered, CaseStatus::assessing, ""));
    EXPECT_TRUE(check_transition(CaseStatus::assessing, CaseStatus::decided, ""));
    EXPECT_TRUE(check_transition(CaseStatus::decided, CaseStatus::notified, ""));
    EXPECT_TRUE(check_transition(CaseStatus::notified, CaseStatus::closed, ""));
}

TEST(Workflow, DecisionNotToNotifyClosesWithoutNotified) {
    EXPECT_TRUE(check_transition(CaseStatus::decided, CaseStatus::closed, ""));
}

TEST(Workflow, SkippingRegistrationIsAConflict) {
    auto result = check_transition(CaseStatus::reported, CaseStatus::decided, "");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::conflict);
}

TEST(Workflow, NotABreachNeedsAReason) {
    auto result = check_transition(CaseStatus::registered, CaseStatus::not_a_breach, "  ");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(result.error().field, "reason");
    EXPECT_TRUE(check_transition(CaseStatus::registered, CaseStatus::not_a_breach, "Inga personuppgifter berördes"));
}

TEST(Workflow, ReopeningNeedsAReasonAndReturnsToAssessment) {
    EXPECT_FALSE(check_transition(CaseStatus::closed, CaseStatus::assessing, ""));
    EXPECT_TRUE(check_transition(CaseStatus::closed, CaseStatus::assessing, "Nya uppgifter från leverantören"));
    EXPECT_TRUE(check_transition(CaseStatus::not_a_breach, CaseStatus::assessing, "Ny information"));
    EXPECT_FALSE(check_transition(CaseStatus::closed, CaseStatus::notified, "x"));
}

TEST(Workflow, EveryStatusHasANameThatParsesBack) {
    for (auto status : {CaseStatus::reported, CaseStatus::registered, CaseStatus::assessing, CaseStatus::decided,
                        CaseStatus::notified, CaseStatus::closed, CaseStatus::not_a_breach})
        EXPECT_EQ(parse_status(status_name(status)), status);
    EXPECT_FALSE(parse_status("open"));
}
