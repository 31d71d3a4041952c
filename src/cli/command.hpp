// The subcommand table's vocabulary: every subcommand is a function from a context to an exit
// code (0 ok, 1 failure, 2 bad input naming the field). Help text is generated from the table.
#pragma once
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skydda::cli {

struct CommandContext {
    std::vector<std::string> args; // arguments after the subcommand name(s)
    std::istream& in;
    std::ostream& out;
    std::ostream& err;

    // "--name value" or "--name=value"; nullopt when absent.
    std::optional<std::string> option(std::string_view name) const;
    bool flag(std::string_view name) const;            // "--name" present
    std::vector<std::string> positionals() const;      // arguments that are not options
};

using CommandFunction = int (*)(CommandContext&);

struct Command {
    std::string_view name;     // "org add"
    std::string_view synopsis; // "--db URL --name NAME [...]"
    std::string_view help;     // one line
    CommandFunction run;
};

const std::vector<Command>& commands();
int run_cli(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace skydda::cli
