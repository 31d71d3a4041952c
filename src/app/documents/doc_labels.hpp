// Labels in Swedish and English for the contract's codes, statuses, roles and the report's
// questions: the one table both the documents (app/doc_*.cpp) and the web pages use (the web
// layer's message catalogue includes these rows), so a page and a document never word the same
// thing differently.
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "domain/incident.hpp"

namespace skydda::app {

struct LabelRow {
    std::string_view key, sv, en;
};
std::span<const LabelRow> label_rows();

// The label for a key ("status.registered", "report.q.description", "internal.notes");
// the key itself when there is none, so a gap shows instead of vanishing.
std::string_view label(std::string_view key, std::string_view language);
// The label of a code in a group ("data", "health"); "Vet inte" for the empty code.
std::string code_label(std::string_view group, std::string_view code, std::string_view language);

// One of the facts' times in words: "2026-12-01 14:30 (CET)", or "2026-12-01, tid okänd" when
// only the date was given (domain::time_unknown); "" when not given.
std::string fact_time_text(const domain::IncidentFacts& facts, std::string_view field,
                           const std::optional<Instant>& at, std::string_view language);

} // namespace skydda::app
