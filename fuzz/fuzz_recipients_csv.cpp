// Fuzz target: the recipients CSV of a letter to the data subjects (any bytes a user uploads).
// Whatever comes in: either errors, each on a real line with a field named, and no rows to
// use; or rows that all carry a name and a postal address or an e-mail address.
#include <cstddef>
#include <cstdint>

#include "domain/recipients_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    auto parsed = skydda::domain::parse_recipients_csv(input, {}, 1000);
    for (const auto& error : parsed.errors)
        if (error.line < 0 || error.field.empty() || error.code.empty()) __builtin_trap();
    if (parsed.errors.empty())
        for (const auto& row : parsed.rows)
            if (row.line < 2 || (row.address.empty() && row.email.empty())) __builtin_trap();
    return 0;
}
