// `skydda assess [FILE]` and `skydda assess --jsonl FILE`: the assessment contract
// (shared/reference/assessment-contract.md) on the command line.
#pragma once
#include "cli/command.hpp"

namespace skydda::cli {

// Reads FILE, or standard input when FILE is absent or "-"; see app/assessment/assessment_json.hpp for
// the output and exit codes.
int cmd_assess(CommandContext& context);

} // namespace skydda::cli
