#include "storage/audit_checkpoint.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "util/keyed_crypto.hpp"

namespace skydda::storage {
namespace {

namespace json = boost::json;

constexpr std::string_view k_format = "skydda-audit-checkpoint";

// What the signature covers: every field but the signature, length-prefixed.
std::string signed_text(const AuditCheckpoint& checkpoint) {
    std::string out = "skydda.audit.checkpoint/1;";
    for (const std::string& value : {std::to_string(checkpoint.entries), std::to_string(checkpoint.head_seq),
                                     checkpoint.head_mac, checkpoint.at, checkpoint.public_key})
        fmt::format_to(std::back_inserter(out), "{}:{};", value.size(), value);
    return out;
}

Error bad(std::string_view field, std::string message) {
    return Error::invalid("checkpoint." + std::string(field), std::move(message));
}

Result<int64_t> count_field(const json::object& object, std::string_view field) {
    auto* value = object.if_contains(field);
    if (!value || !value->is_int64() || value->as_int64() < 0) return fail(bad(field, "must be a whole number, 0 or more"));
    return value->as_int64();
}

Result<std::string> hex_field(const json::object& object, std::string_view field, size_t bytes, bool may_be_empty) {
    auto* value = object.if_contains(field);
    if (value && value->is_string()) {
        std::string text(value->as_string());
        if (may_be_empty && text.empty()) return text;
        if (text.size() == bytes * 2 && crypto::from_hex(text)) return text;
    }
    return fail(bad(field, fmt::format("must be {} hexadecimal digits", bytes * 2)));
}

} // namespace

Result<AuditCheckpoint> make_audit_checkpoint(Connection& db, std::string_view signing_seed, Instant at) {
    auto verified = TRY(verify_audit_chain(db));
    if (!verified.intact)
        return fail(Error::conflict(fmt::format("the audit trail does not verify (entry {}: {}); no checkpoint was signed",
                                                verified.first_broken_seq, verified.problem)));
    AuditCheckpoint checkpoint;
    checkpoint.entries = verified.entries;
    checkpoint.head_seq = verified.entries;
    checkpoint.head_mac = verified.head_mac;
    checkpoint.at = format_utc(at);
    checkpoint.public_key = crypto::to_hex(crypto::sign_public_key(signing_seed));
    checkpoint.signature = crypto::to_hex(crypto::sign_detached(signing_seed, signed_text(checkpoint)));
    return checkpoint;
}

std::string checkpoint_json(const AuditCheckpoint& checkpoint) {
    return json::serialize(json::object{{"format", k_format},
                                        {"version", 1},
                                        {"entries", checkpoint.entries},
                                        {"head_seq", checkpoint.head_seq},
                                        {"head_mac", checkpoint.head_mac},
                                        {"at", checkpoint.at},
                                        {"public_key", checkpoint.public_key},
                                        {"signature", checkpoint.signature}}) +
           "\n";
}

Result<AuditCheckpoint> parse_audit_checkpoint(std::string_view text) {
    boost::system::error_code ec;
    auto value = json::parse(text, ec);
    if (ec || !value.is_object()) return fail(Error::invalid("checkpoint", "is not a JSON object"));
    const auto& object = value.as_object();
    auto* format = object.if_contains("format");
    if (!format || !format->is_string() || format->as_string() != k_format)
        return fail(bad("format", "must be \"skydda-audit-checkpoint\""));
    auto* version = object.if_contains("version");
    if (!version || !version->is_int64() || version->as_int64() != 1) return fail(bad("version", "must be 1"));
    AuditCheckpoint checkpoint;
    checkpoint.entries = TRY(count_field(object, "entries"));
    checkpoint.head_seq = TRY(count_field(object, "head_seq"));
    checkpoint.head_mac = TRY(hex_field(object, "head_mac", 32, checkpoint.entries == 0));
    auto* at = object.if_contains("at");
    if (!at || !at->is_string() || !parse_rfc3339(at->as_string(), "at"))
        return fail(bad("at", "must be a UTC time (RFC 3339)"));
    checkpoint.at = std::string(at->as_string());
    checkpoint.public_key = TRY(hex_field(object, "public_key", 32, false));
    checkpoint.signature = TRY(hex_field(object, "signature", 64, false));
    return checkpoint;
}

Status check_audit_checkpoint(Connection& db, const AuditCheckpoint& checkpoint, std::string_view public_key,
                              AuditVerification& verification) {
    auto tampered = [&](int64_t seq, std::string problem) -> Status {
        verification.intact = false;
        verification.first_broken_seq = seq;
        verification.problem = std::move(problem);
        return {};
    };
    auto ours = crypto::to_hex(public_key);
    if (checkpoint.public_key != ours)
        return tampered(0, fmt::format("the checkpoint was not signed with this installation's key (its public key "
                                       "{}, ours {}): it was altered or forged",
                                       checkpoint.public_key, ours));
    if (!crypto::sign_verify(public_key, signed_text(checkpoint), *crypto::from_hex(checkpoint.signature)))
        return tampered(0, "the checkpoint's signature does not verify: the file was altered or forged");
    // A break in the chain itself comes first; the checkpoint says more than the count of cases.
    if (!verification.intact && verification.first_broken_seq > 0) return {};
    if (verification.entries < checkpoint.entries || verification.entries < checkpoint.head_seq)
        return tampered(verification.entries + 1,
                        fmt::format("truncated: the checkpoint of {} records {} entries, the trail now has {}; its "
                                    "last entries were removed",
                                    checkpoint.at, checkpoint.entries, verification.entries));
    if (checkpoint.head_seq == 0) return {};
    auto rows = TRY(db.query("SELECT hash FROM audit_log WHERE seq = ?", {checkpoint.head_seq}));
    if (rows.empty() || rows[0].text(0) != checkpoint.head_mac)
        return tampered(checkpoint.head_seq,
                        fmt::format("entry {} is not the one the checkpoint of {} signed: the trail was rewritten "
                                    "from there or before",
                                    checkpoint.head_seq, checkpoint.at));
    return {};
}

} // namespace skydda::storage
