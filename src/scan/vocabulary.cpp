// Placeholder: replaced by the Vectorscan implementation.
#include "scan/vocabulary.hpp"

namespace skydda::scan {

struct Vocabulary::Impl {};
class Vocabulary::Scratch {};
Vocabulary::Vocabulary(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Vocabulary::~Vocabulary() = default;
Result<std::shared_ptr<const Vocabulary>> Vocabulary::embedded() {
    return std::make_shared<const Vocabulary>(std::make_unique<Impl>());
}
Result<std::shared_ptr<const Vocabulary>> Vocabulary::from_directory(const std::string&) { return embedded(); }
size_t Vocabulary::term_count() const { return 0; }
std::string_view Vocabulary::term(uint32_t) const { return {}; }
Category Vocabulary::term_category(uint32_t) const { return Category::health; }
void Vocabulary::ScratchDeleter::operator()(Scratch* scratch) const { delete scratch; }
Vocabulary::ScratchPtr Vocabulary::make_scratch() const { return ScratchPtr(new Scratch); }
void Vocabulary::scan(std::string_view, Scratch&, std::vector<TermMatch>&) const {}

} // namespace skydda::scan
