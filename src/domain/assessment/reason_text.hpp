// Small helpers for building reasons; the wording itself lives next to the rule that uses it.
#pragma once
#include <fmt/format.h>

#include <string>

#include "domain/assessment/assessment.hpp"

namespace skydda::domain::assessment {

inline Reason make_reason(std::string code, Effect effect, std::string sv, std::string en) {
    return Reason{std::move(code), effect, Text{std::move(sv), std::move(en)}};
}

// 3.75 → "3,75" in Swedish text, "3.75" in English.
std::string decimal_sv(double value);
std::string decimal_en(double value);

} // namespace skydda::domain::assessment

namespace skydda::domain::assessment {

std::string_view risk_label_sv(RiskLevel level);      // "hög risk"
std::string_view risk_label_en(RiskLevel level);      // "high risk"
std::string_view severity_label_sv(SeverityLevel level); // "mycket hög"
std::string_view severity_label_en(SeverityLevel level);
std::string_view data_label_sv(DataType type);        // "hälsa"
std::string_view data_label_en(DataType type);        // "health"

} // namespace skydda::domain::assessment
