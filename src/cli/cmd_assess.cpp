#include "cli/cmd_assess.hpp"

#include <fstream>
#include <istream>
#include <ostream>

#include "app/assessment/assessment_json.hpp"

namespace skydda::cli {
namespace {

// Runs `body` on the named file, or on the context's input for "-".
template <class Body> int with_input(CommandContext& context, const std::string& name, Body body) {
    if (name == "-") return body(context.in);
    std::ifstream file(name, std::ios::binary);
    if (!file) {
        context.err << name << ": cannot be read\n";
        return 2;
    }
    return body(file);
}

} // namespace

int cmd_assess(CommandContext& context) {
    const auto files = context.positionals();
    if (auto jsonl = context.option("jsonl")) {
        if (!files.empty()) {
            context.err << "arguments: give either FILE or --jsonl FILE, not both\n";
            return 2;
        }
        return with_input(context, *jsonl,
                          [&](std::istream& in) { return app::assess_lines(in, context.out, context.err); });
    }
    if (files.size() > 1) {
        context.err << "arguments: at most one FILE\n";
        return 2;
    }
    const std::string name = files.empty() ? std::string("-") : files.front();
    return with_input(context, name, [&](std::istream& in) { return app::assess_document(in, context.out, context.err); });
}

} // namespace skydda::cli
