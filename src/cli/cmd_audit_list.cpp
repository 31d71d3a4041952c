// `skydda audit list`: the audit trail for people, one JSON object a line, oldest first: who
// (user id and e-mail; empty for the local operator), when, what (the action), about what, and
// for a read its detail (counts and ids, never content). A change entry's before/after values
// hold case content and are not printed; `audit verify` checks the chain.
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <map>

#include "cli/commands.hpp"
#include "storage/audit_log.hpp"
#include "storage/repositories.hpp"

namespace skydda::cli {
namespace {

bool is_read(std::string_view action) { return action.ends_with(".read") || action.starts_with("document.read:"); }

bool plain_id(std::string_view id) {
    for (char c : id)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    return !id.empty() && id.size() <= 64;
}

Result<storage::AuditQuery> audit_query(const CommandContext& context) {
    storage::AuditQuery query;
    query.incident_id = context.option("case").value_or("");
    if (context.option("case") && !plain_id(query.incident_id))
        return fail(Error::invalid("case", "must be a case id (letters, digits and '-')"));
    query.action = context.option("action").value_or("");
    if (auto limit = context.option("limit")) {
        size_t value = 0;
        auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
        if (ec != std::errc() || end != limit->data() + limit->size() || value < 1 || value > 100000)
            return fail(Error::invalid("limit", "must be a number from 1 to 100000"));
        query.limit = value;
    }
    return query;
}

} // namespace

int cmd_audit_list(CommandContext& context) {
    auto query = audit_query(context);
    if (!query) return report_error(context, query.error());
    auto database = open_migrated(context);
    if (!database) return report_error(context, database.error());
    std::map<std::string, std::string> emails; // user id → e-mail
    auto entries = storage::transact_value<std::vector<domain::AuditEntry>>(
        **database, storage::TxMode::read, [&](storage::Connection& db) -> Result<std::vector<domain::AuditEntry>> {
            auto found = TRY(storage::list_audit(db, *query));
            for (const auto& entry : found)
                if (!entry.actor_id.empty() && !emails.contains(entry.actor_id))
                    emails[entry.actor_id] = TRY(storage::find_user(db, entry.actor_id)).value_or(domain::User{}).email;
            return found;
        });
    if (!entries) return report_error(context, entries.error());
    for (const auto& entry : *entries) {
        boost::json::object out{{"seq", entry.seq},
                                {"at", format_utc(entry.at)},
                                {"actor", entry.actor_id},
                                {"actor_email", entry.actor_id.empty() ? std::string() : emails[entry.actor_id]},
                                {"org", entry.org_id},
                                {"action", entry.action},
                                {"entity", entry.entity},
                                {"entity_id", entry.entity_id}};
        boost::json::value detail = nullptr;
        if (is_read(entry.action) && !entry.after_json.empty()) {
            boost::system::error_code error;
            detail = boost::json::parse(entry.after_json, error);
            if (error) detail = nullptr;
        }
        out["detail"] = std::move(detail);
        context.out << boost::json::serialize(out) << '\n';
    }
    return 0;
}

} // namespace skydda::cli
