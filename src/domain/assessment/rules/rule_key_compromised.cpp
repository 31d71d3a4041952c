// Encryption only protects while the key is safe (EDPB 9/2022: a stolen encrypted device with
// the password on a note is unprotected). Said aloud so nobody relies on it.
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

class KeyCompromised final : public Rule {
public:
    std::string_view id() const override { return "rule_key_compromised"; }
    void apply(const Facts& f, const Severity&, Verdict& v) const override {
        const bool said = f.input && f.input->key_compromised.value_or(false);
        if (f.protection == Protection::none || !said) return;
        v.note(make_reason("key_compromised", Effect::info,
                           "Nyckeln, lösenordet eller kopplingsnyckeln har också röjts. Skyddet gör därför "
                           "inte uppgifterna oläsliga och sänker inte risken.",
                           "The key, password or mapping table was also compromised. The protection therefore "
                           "does not make the data unintelligible and does not lower the risk."));
    }
};

} // namespace

std::unique_ptr<Rule> make_rule_key_compromised() { return std::make_unique<KeyCompromised>(); }

} // namespace skydda::domain::assessment
