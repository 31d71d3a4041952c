#include "storage/letters/letter_repository.hpp"

#include <algorithm>
#include <map>

#include "storage/data_keys.hpp"

namespace skydda::storage {
namespace {

// Name, address and e-mail are encrypted at rest (storage/data_keys.hpp); NULL stays NULL, so
// the counts below still see who has an address without opening it.
constexpr const char* k_recipient_select =
    "SELECT t.id, t.incident_id, t.seq, t.name, t.address, t.email, t.language, t.informed_how, t.informed_at, "
    "t.informed_by, t.created_at, t.data_key_id, i.org_id FROM letter_recipients t "
    "JOIN incidents i ON i.id = t.incident_id ";

Result<RecipientRecord> read_recipient(RowOpener& opener, const Row& row) {
    const auto id = row.text(0), key = row.text(11), org = row.text(12);
    auto open = [&](size_t column, std::string_view name) {
        return opener.open_text(org, key, "letter_recipients", name, id, row.optional_text(column));
    };
    // TRY before the braces: GCC leaks the members a braced initializer has built when a
    // statement expression in it returns (found by LeakSanitizer).
    auto name = TRY(open(3, "name"));
    auto address = TRY(open(4, "address"));
    auto email = TRY(open(5, "email"));
    return RecipientRecord{id,
                           row.text(1),
                           row.integer(2),
                           std::move(name),
                           std::move(address),
                           std::move(email),
                           row.text(6),
                           row.text(7),
                           row.optional_time(8),
                           row.text(9),
                           row.time(10)};
}

// Rows per INSERT: a large list is imported in a few hundred statements, not one per person,
// and stays well under SQLite's limit of bound parameters.
constexpr size_t k_insert_batch = 200;

} // namespace

Result<std::optional<LetterTemplateRecord>> find_letter_template(Connection& db, std::string_view org_id,
                                                                 std::string_view language) {
    auto rows = TRY(db.query("SELECT org_id, language, parts_json, version, updated_by, updated_at FROM letter_templates "
                             "WHERE org_id = ? AND language = ?",
                             {std::string(org_id), std::string(language)}));
    if (rows.empty()) return std::optional<LetterTemplateRecord>();
    const auto& r = rows[0];
    return std::optional<LetterTemplateRecord>(
        LetterTemplateRecord{r.text(0), r.text(1), r.text(2), r.integer(3), r.text(4), r.time(5)});
}

Result<bool> save_letter_template(Connection& db, const LetterTemplateRecord& r, int64_t expected) {
    if (expected == 0) {
        auto exists = TRY(find_letter_template(db, r.org_id, r.language));
        if (exists) return false;
        TRY(db.execute("INSERT INTO letter_templates (org_id, language, parts_json, version, updated_by, updated_at) "
                       "VALUES (?, ?, ?, 1, ?, ?)",
                       {r.org_id, r.language, r.parts_json, text_or_null(r.updated_by), format_utc(r.updated_at)}));
        return true;
    }
    auto changed = TRY(db.execute("UPDATE letter_templates SET parts_json = ?, version = version + 1, updated_by = ?, "
                                  "updated_at = ? WHERE org_id = ? AND language = ? AND version = ?",
                                  {r.parts_json, text_or_null(r.updated_by), format_utc(r.updated_at), r.org_id,
                                   r.language, expected}));
    return changed == 1;
}

Result<std::optional<SubjectLetterRecord>> find_subject_letter(Connection& db, std::string_view incident_id,
                                                               std::string_view language) {
    auto rows = TRY(db.query("SELECT incident_id, language, parts_json, version, updated_by, updated_at, finalised_by, "
                             "finalised_at, document_json FROM subject_letters WHERE incident_id = ? AND language = ?",
                             {std::string(incident_id), std::string(language)}));
    if (rows.empty()) return std::optional<SubjectLetterRecord>();
    const auto& r = rows[0];
    return std::optional<SubjectLetterRecord>(SubjectLetterRecord{r.text(0), r.text(1), r.text(2), r.integer(3),
                                                                  r.text(4), r.time(5), r.text(6), r.optional_time(7),
                                                                  r.text(8)});
}

Result<bool> save_subject_letter(Connection& db, const SubjectLetterRecord& r, int64_t expected) {
    if (expected == 0) {
        auto exists = TRY(find_subject_letter(db, r.incident_id, r.language));
        if (exists) return false;
        TRY(db.execute("INSERT INTO subject_letters (incident_id, language, parts_json, version, updated_by, updated_at) "
                       "VALUES (?, ?, ?, 1, ?, ?)",
                       {r.incident_id, r.language, r.parts_json, text_or_null(r.updated_by), format_utc(r.updated_at)}));
        return true;
    }
    auto changed = TRY(db.execute("UPDATE subject_letters SET parts_json = ?, version = version + 1, updated_by = ?, "
                                  "updated_at = ? WHERE incident_id = ? AND language = ? AND version = ? AND "
                                  "finalised_at IS NULL",
                                  {r.parts_json, text_or_null(r.updated_by), format_utc(r.updated_at), r.incident_id,
                                   r.language, expected}));
    return changed == 1;
}

Status finalise_subject_letter(Connection& db, const SubjectLetterRecord& r) {
    TRY(db.execute("UPDATE subject_letters SET parts_json = ?, version = version + 1, finalised_by = ?, finalised_at = ?, "
                   "document_json = ? WHERE incident_id = ? AND language = ? AND finalised_at IS NULL",
                   {r.parts_json, text_or_null(r.finalised_by), time_or_null(r.finalised_at), r.document_json,
                    r.incident_id, r.language}));
    return {};
}

Status insert_recipients(Connection& db, const std::vector<RecipientRecord>& records) {
    std::map<std::string, RowSealer> sealers; // by incident: an import is one case's list
    for (size_t start = 0; start < records.size(); start += k_insert_batch) {
        size_t end = std::min(records.size(), start + k_insert_batch);
        std::string sql = "INSERT INTO letter_recipients (id, incident_id, seq, name, address, email, language, "
                          "created_at, data_key_id) VALUES ";
        std::vector<Value> params;
        params.reserve((end - start) * 9);
        for (size_t i = start; i < end; ++i) {
            const auto& r = records[i];
            auto found = sealers.find(r.incident_id);
            if (found == sealers.end())
                found = sealers.emplace(r.incident_id, TRY(RowSealer::for_incident(db, r.incident_id))).first;
            const auto& sealer = found->second;
            auto seal = [&](std::string_view column, const std::string& value) {
                return value.empty() ? Value(nullptr) : sealer.seal_text("letter_recipients", column, r.id, value);
            };
            sql += i == start ? "(?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?)";
            for (Value value : {Value(r.id), Value(r.incident_id), Value(r.seq),
                                sealer.seal_text("letter_recipients", "name", r.id, r.name), seal("address", r.address),
                                seal("email", r.email), Value(r.language), Value(format_utc(r.created_at)),
                                Value(sealer.key_id())})
                params.push_back(std::move(value));
        }
        TRY(db.execute(sql, params));
    }
    return {};
}

Result<std::vector<RecipientRecord>> list_recipients(Connection& db, std::string_view incident_id, size_t limit) {
    std::string sql = std::string(k_recipient_select) + "WHERE t.incident_id = ? ORDER BY t.seq";
    if (limit > 0) sql += " LIMIT " + std::to_string(limit);
    auto rows = TRY(db.query(sql, {std::string(incident_id)}));
    RowOpener opener(db);
    std::vector<RecipientRecord> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(TRY(read_recipient(opener, row)));
    return out;
}

Result<std::optional<RecipientRecord>> find_recipient(Connection& db, std::string_view id) {
    auto rows = TRY(db.query(std::string(k_recipient_select) + "WHERE t.id = ?", {std::string(id)}));
    if (rows.empty()) return std::optional<RecipientRecord>();
    RowOpener opener(db);
    return std::optional<RecipientRecord>(TRY(read_recipient(opener, rows[0])));
}

Result<RecipientCounts> recipient_counts(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query(
        "SELECT COUNT(*), SUM(CASE WHEN address IS NOT NULL THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN email IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN informed_how = 'post' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN informed_how = 'email' THEN 1 ELSE 0 END), SUM(CASE WHEN informed_how = 'other' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN informed_how IS NULL THEN 1 ELSE 0 END) FROM letter_recipients WHERE incident_id = ?",
        {std::string(incident_id)}));
    if (rows.empty()) return RecipientCounts{};
    const auto& r = rows[0];
    return RecipientCounts{r.integer(0), r.integer(1), r.integer(2), r.integer(3), r.integer(4), r.integer(5), r.integer(6)};
}

Status mark_recipient_informed(Connection& db, std::string_view id, std::string_view how, Instant at,
                               std::string_view by) {
    TRY(db.execute("UPDATE letter_recipients SET informed_how = ?, informed_at = ?, informed_by = ? WHERE id = ?",
                   {std::string(how), format_utc(at), text_or_null(std::string(by)), std::string(id)}));
    return {};
}

Status insert_exemption(Connection& db, const ExemptionRecord& r) {
    TRY(db.execute("INSERT INTO letter_exemptions (id, incident_id, ground, reason, public_text, public_where, "
                   "published_at, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {r.id, r.incident_id, r.ground, r.reason, text_or_null(r.public_text), text_or_null(r.public_where),
                    time_or_null(r.published_at), text_or_null(r.recorded_by), format_utc(r.recorded_at)}));
    return {};
}

Result<std::optional<ExemptionRecord>> latest_exemption(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query("SELECT id, incident_id, ground, reason, public_text, public_where, published_at, "
                             "recorded_by, recorded_at FROM letter_exemptions WHERE incident_id = ? "
                             "ORDER BY recorded_at DESC, id DESC",
                             {std::string(incident_id)}));
    if (rows.empty()) return std::optional<ExemptionRecord>();
    const auto& r = rows[0];
    return std::optional<ExemptionRecord>(ExemptionRecord{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4),
                                                          r.text(5), r.optional_time(6), r.text(7), r.time(8)});
}

} // namespace skydda::storage
