// Placeholder: replaced by the recognisers' implementation.
#include "scan/identifiers.hpp"

namespace skydda::scan {

IdentifierScanner::IdentifierScanner(CivilDate today) : m_today(today) {}
void IdentifierScanner::scan(std::string_view, const TextHints&, std::vector<IdentifierMatch>&) const {}
std::string mask(Category, std::string_view raw) { return std::string(raw.size(), '*'); }
uint64_t hash_key(std::string_view) { return 0; }

} // namespace skydda::scan
