#include "domain/assessment/reason_text.hpp"

namespace skydda::domain::assessment {

std::string_view risk_label_sv(RiskLevel level) {
    switch (level) {
    case RiskLevel::unlikely: return "osannolikt att incidenten medför en risk";
    case RiskLevel::risk: return "risk";
    case RiskLevel::high: return "hög risk";
    }
    return "risk";
}

std::string_view risk_label_en(RiskLevel level) {
    switch (level) {
    case RiskLevel::unlikely: return "unlikely to result in a risk";
    case RiskLevel::risk: return "risk";
    case RiskLevel::high: return "high risk";
    }
    return "risk";
}

std::string_view severity_label_sv(SeverityLevel level) {
    switch (level) {
    case SeverityLevel::low: return "låg";
    case SeverityLevel::medium: return "medel";
    case SeverityLevel::high: return "hög";
    case SeverityLevel::very_high: return "mycket hög";
    }
    return "hög";
}

std::string_view severity_label_en(SeverityLevel level) {
    switch (level) {
    case SeverityLevel::low: return "low";
    case SeverityLevel::medium: return "medium";
    case SeverityLevel::high: return "high";
    case SeverityLevel::very_high: return "very high";
    }
    return "high";
}

std::string_view data_label_sv(DataType type) {
    switch (type) {
    case DataType::health: return "hälsa";
    case DataType::genetic: return "genetiska uppgifter";
    case DataType::biometric: return "biometriska uppgifter";
    case DataType::racial_ethnic: return "etniskt ursprung";
    case DataType::political: return "politiska åsikter";
    case DataType::religious_philosophical: return "religiös eller filosofisk övertygelse";
    case DataType::trade_union: return "medlemskap i fackförening";
    case DataType::sex_life_orientation: return "sexualliv eller sexuell läggning";
    case DataType::criminal_offences: return "lagöverträdelser";
    default: return code_of(type);
    }
}

std::string_view data_label_en(DataType type) {
    switch (type) {
    case DataType::health: return "health";
    case DataType::genetic: return "genetic data";
    case DataType::biometric: return "biometric data";
    case DataType::racial_ethnic: return "racial or ethnic origin";
    case DataType::political: return "political opinions";
    case DataType::religious_philosophical: return "religious or philosophical beliefs";
    case DataType::trade_union: return "trade union membership";
    case DataType::sex_life_orientation: return "sex life or sexual orientation";
    case DataType::criminal_offences: return "criminal offences";
    default: return code_of(type);
    }
}

} // namespace skydda::domain::assessment
