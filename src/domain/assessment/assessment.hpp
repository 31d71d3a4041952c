// The risk assessment engine: facts of a personal data breach in, the ENISA severity and the
// legal conclusion under GDPR art. 33/34 out, with the reasons that lead there.
// Pure: no I/O, no clock reads. Output follows skydda.assessment/1.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/assessment/input.hpp"
#include "domain/deadlines.hpp"

namespace skydda::domain::assessment {

inline constexpr std::string_view k_ruleset = "2026.1";
inline constexpr std::string_view k_input_schema = "skydda.assessment-input/1";
inline constexpr std::string_view k_output_schema = "skydda.assessment/1";

enum class RiskLevel { unlikely, risk, high }; // ordered: a higher value is a worse risk
std::string_view risk_name(RiskLevel level);

enum class Effect { raises, lowers, sets, info };
std::string_view effect_name(Effect effect);

struct Text {
    std::string sv;
    std::string en;
};

struct Reason {
    std::string code;
    Effect effect;
    Text text;
};

enum class SeverityLevel { low, medium, high, very_high };
std::string_view severity_level_name(SeverityLevel level);

struct Severity {
    int dpc = 1;       // 1–4
    double ei = 1.0;   // 0.25, 0.5, 0.75, 1
    double cb = 0.0;   // 0–2
    double score = 0.0;
    SeverityLevel level = SeverityLevel::low;
    bool over_100_people = false;
    bool unintelligible = false;
};

enum class Exemption { encrypted, mitigated, disproportionate_effort };
std::string_view exemption_name(Exemption exemption);

struct Assessment {
    RiskLevel risk = RiskLevel::risk;
    bool notify_authority = false;
    bool notify_subjects = false;
    std::optional<Exemption> subjects_exemption;
    Severity severity;
    std::vector<Deadline> deadlines;
    std::vector<Reason> reasons; // most decisive first
};

Assessment assess(const Input& input);

} // namespace skydda::domain::assessment
