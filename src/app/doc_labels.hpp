// Labels in the document's language (sv, en) for the contract's codes, statuses, roles and the
// report's questions, for the document builders (app/doc_*.cpp).
#pragma once
#include <string>
#include <string_view>

namespace skydda::app {

// The label for a key ("status.registered", "report.q.description", "internal.notes");
// the key itself when there is none, so a gap shows instead of vanishing.
std::string_view label(std::string_view key, std::string_view language);
// The label of a code in a group ("data", "health"); "Vet inte" for the empty code.
std::string code_label(std::string_view group, std::string_view code, std::string_view language);

} // namespace skydda::app
