// Fuzz target: a processor's customer register as CSV (hundreds of controllers uploaded at
// once). Whatever comes in: errors that each name a line and a field, or rows that pass the
// same check a single customer added on the page must pass.
#include <cstddef>
#include <cstdint>

#include "app/processor/processor.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    auto parsed = skydda::app::parse_customer_csv(input);
    for (const auto& error : parsed.errors)
        if (error.field.empty() || (error.line == 0 && error.field != "csv")) __builtin_trap(); // 0: the whole file
    if (parsed.errors.empty())
        for (const auto& [line, customer] : parsed.rows)
            if (line == 0 || !skydda::app::check_customer(customer)) __builtin_trap();
    return 0;
}
