// `skydda audit verify` and `skydda audit checkpoint`: the audit trail checked with its key, and
// signed checkpoints of its head (docs/audit.md). Exit codes: 0 intact, 1 tampered (naming the
// first bad entry, or "truncated"/"emptied"), 2 bad input (naming the flag or field).
#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>

#include "cli/audit_setup.hpp"
#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "storage/audit_checkpoint.hpp"
#include "storage/migrations.hpp"
#include "util/keyed_crypto.hpp"

namespace skydda::cli {
namespace {

// Refuses options the command does not know, and stray arguments.
Status only_options(const CommandContext& context, const std::set<std::string_view>& known) {
    for (const auto& arg : context.positionals())
        return fail(Error::invalid(arg, "is not an option of this command"));
    for (const auto& arg : context.args) {
        if (!arg.starts_with("--")) continue;
        auto name = std::string_view(arg).substr(2, arg.find('=') == std::string::npos ? std::string::npos : arg.find('=') - 2);
        if (!known.contains(name)) return fail(Error::invalid(std::string(name), "is not an option of this command"));
        if (!context.option(name) || context.option(name)->empty())
            return fail(Error::invalid(std::string(name), "needs a value (--" + std::string(name) + " VALUE)"));
    }
    return {};
}

// The database with its audit key, migrated (an older, unkeyed trail is verified and re-chained
// by migration 10); unlike the writing commands it does not refuse a trail whose last entry fails.
Result<std::unique_ptr<storage::Database>> open_for_audit(const CommandContext& context) {
    auto database = TRY(open_configured(context, "db"));
    TRY_STATUS(attach_audit_key(*database, key_dir(context), true));
    TRY_STATUS(ensure_audit_signing_key(key_dir(context)));
    TRY(storage::migrate(*database));
    return database;
}

Result<storage::AuditCheckpoint> read_checkpoint(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in || text.str().empty()) return fail(Error::invalid("checkpoint", "cannot be read: " + path));
    if (text.str().size() > 64 * 1024) return fail(Error::invalid("checkpoint", "is too large to be a checkpoint"));
    return storage::parse_audit_checkpoint(text.str());
}

Result<int> verify(CommandContext& context) {
    TRY_STATUS(only_options(context, {"db", "db-pool", "key-dir", "checkpoint"}));
    std::optional<storage::AuditCheckpoint> checkpoint;
    if (auto path = context.option("checkpoint")) checkpoint = TRY(read_checkpoint(*path));
    auto database = TRY(open_for_audit(context));
    std::string public_key;
    if (checkpoint) {
        auto seed = TRY(audit_signing_seed(key_dir(context), false));
        public_key = crypto::sign_public_key(seed);
        crypto::wipe(seed);
    }
    auto result = TRY(storage::transact_value<storage::AuditVerification>(
        *database, storage::TxMode::read, [&](storage::Connection& db) -> Result<storage::AuditVerification> {
            auto verified = TRY(storage::verify_audit_chain(db));
            if (checkpoint) TRY_STATUS(storage::check_audit_checkpoint(db, *checkpoint, public_key, verified));
            return verified;
        }));
    if (!result.intact) {
        if (result.first_broken_seq > 0)
            context.out << fmt::format("audit trail TAMPERED at entry {}: {} ({} entries verified before it)\n",
                                       result.first_broken_seq, result.problem, result.entries);
        else
            context.out << fmt::format("audit trail TAMPERED: {}\n", result.problem);
        return 1;
    }
    context.out << fmt::format("audit trail intact: {} entries", result.entries);
    if (result.erased) context.out << fmt::format(" ({} payloads erased with the key)", result.erased);
    if (checkpoint)
        context.out << fmt::format("; it holds the head of the checkpoint of {} (entry {})", checkpoint->at,
                                   checkpoint->head_seq);
    context.out << '\n';
    return 0;
}

Result<int> checkpoint(CommandContext& context) {
    TRY_STATUS(only_options(context, {"db", "db-pool", "key-dir", "out"}));
    auto out = context.option("out");
    if (!out) return fail(Error::invalid("out", "is required (--out FILE)"));
    auto database = TRY(open_for_audit(context));
    auto seed = TRY(audit_signing_seed(key_dir(context), true));
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto signed_head = TRY(storage::transact_value<storage::AuditCheckpoint>(
        *database, storage::TxMode::read, [&](storage::Connection& db) { return storage::make_audit_checkpoint(db, seed, now); }));
    auto text = storage::checkpoint_json(signed_head);
    TRY_STATUS(write_new_file(*out, text));
    context.out << text;
    return 0;
}

} // namespace

int cmd_audit_verify(CommandContext& context) { return exit_code(context, verify(context)); }
int cmd_audit_checkpoint(CommandContext& context) { return exit_code(context, checkpoint(context)); }

} // namespace skydda::cli
