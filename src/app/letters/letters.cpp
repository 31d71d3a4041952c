// The letters use cases (see letters.hpp).
#include "app/letters/letters.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "app/documents/documents.hpp"
#include "app/letters/letters_internal.hpp"
#include "app/outgoing_check.hpp"
#include "storage/mail/outbox_repository.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"
#include "util/text.hpp"

namespace skydda::app {
namespace letters {

namespace json = boost::json;

namespace {

// The parts as they leave the organisation, each named `prefix` + part ("cause", "sv.cause").
std::vector<OutgoingText> outgoing_parts(const domain::letter::Parts& parts, std::string_view prefix) {
    std::vector<OutgoingText> out;
    for (auto part : domain::letter::k_parts)
        out.push_back({std::string(prefix) + std::string(domain::letter::part_name(part)), parts[part]});
    return out;
}

} // namespace

std::string counts_json(std::initializer_list<std::pair<std::string_view, json::value>> items) {
    json::object out;
    for (const auto& [key, value] : items) out[key] = value;
    return json::serialize(out);
}

std::vector<PersonalDataWarning> letter_findings(const domain::Incident& incident,
                                                 const domain::Organisation& organisation,
                                                 const domain::letter::Parts& parts, std::string_view prefix,
                                                 Instant today) {
    return outgoing_findings(outgoing_parts(parts, prefix), own_details(organisation, incident), today);
}

} // namespace letters

namespace {

namespace json = boost::json;
using letters::counts_json;
using letters::letter_findings;
using domain::Action;
using storage::Connection;
using storage::TxMode;

Status check_language(std::string_view language) {
    if (!domain::letter::is_language(language)) return fail(Error::invalid("language", "must be \"sv\" or \"en\""));
    return {};
}

Error stale() {
    return Error{ErrorCode::failed_precondition, "changed by someone else meanwhile; reload and edit again", "version"};
}


Status check_template_access(const Actor& actor, std::string_view org_id, bool edit) {
    if (!actor.member_of(org_id)) return fail(Error::not_found("no such organisation"));
    bool allowed = actor.allows(org_id, Action::manage_templates) || (!edit && actor.allows(org_id, Action::notify));
    if (!allowed) return fail(Error::denied());
    return {};
}



Result<SubjectLetter> with_missing(Connection& db, const Clock& clock, const domain::Incident& incident,
                                   SubjectLetter letter) {
    auto organisation = TRY(organisation_of(db, incident.org_id));
    letter.missing = letters::letter_document(incident, organisation, letter.language, letter.parts, nullptr).missing;
    letter.warnings = letter_findings(incident, organisation, letter.parts, "", clock.now());
    return letter;
}

// Freezes the case-level placeholders into the parts; only the addressee's name stays open.
domain::letter::Parts frozen_parts(const domain::letter::Parts& parts, const letters::Values& values) {
    domain::letter::Parts out;
    for (auto part : domain::letter::k_parts) out[part] = domain::letter::substitute(parts[part], values);
    return out;
}


} // namespace

Result<LetterTemplate> letter_template(App& app, const Actor& actor, std::string_view org_id, std::string_view language) {
    TRY_STATUS(check_language(language));
    TRY_STATUS(check_template_access(actor, org_id, false));
    return storage::transact_value<LetterTemplate>(app.database(), TxMode::read, [&](Connection& db) {
        return letters::load_template(db, org_id, language);
    });
}

Result<LetterTemplate> save_letter_template(App& app, const Actor& actor, std::string_view org_id,
                                            std::string_view language, const domain::letter::Parts& parts,
                                            int64_t expected_version) {
    TRY_STATUS(check_language(language));
    TRY_STATUS(check_template_access(actor, org_id, true));
    TRY_STATUS(domain::letter::check_parts(parts));
    return storage::transact_value<LetterTemplate>(
        app.database(), TxMode::write, [&](Connection& db) -> Result<LetterTemplate> {
            storage::LetterTemplateRecord record{std::string(org_id), std::string(language), letters::parts_json(parts), 0,
                                                 actor.user_id, app.clock().now()};
            if (!TRY(storage::save_letter_template(db, record, expected_version))) return fail(stale());
            TRY_STATUS(audit_change(db, app.clock(), &actor,
                                    {"letter_template.save", "organisation", std::string(org_id), std::string(org_id), {},
                                     counts_json({{"language", json::string(language)},
                                                  {"version", expected_version + 1}})}));
            return LetterTemplate{std::string(org_id), std::string(language), parts, expected_version + 1};
        });
}

Result<SubjectLetter> subject_letter(App& app, const Actor& actor, std::string_view incident_id,
                                     std::string_view language) {
    TRY_STATUS(check_language(language));
    std::string org_id;
    auto letter = TRY(storage::transact_value<SubjectLetter>(app.database(), TxMode::read, [&](Connection& db) -> Result<SubjectLetter> {
        auto incident = TRY(load_for(db, actor, incident_id, Action::read_all_cases));
        org_id = incident.org_id;
        return with_missing(db, app.clock(), incident, TRY(letters::load_letter(db, incident, language)));
    }));
    app.record_read(&actor, {org_id, "letter.read", "incident", std::string(incident_id),
                             counts_json({{"language", json::string(language)}})});
    return letter;
}

Result<SubjectLetter> save_subject_letter(App& app, const Actor& actor, std::string_view incident_id,
                                          std::string_view language, const domain::letter::Parts& parts,
                                          int64_t expected_version) {
    TRY_STATUS(check_language(language));
    TRY_STATUS(domain::letter::check_parts(parts));
    return storage::transact_value<SubjectLetter>(app.database(), TxMode::write, [&](Connection& db) -> Result<SubjectLetter> {
        auto incident = TRY(load_for(db, actor, incident_id, Action::notify));
        auto current = TRY(letters::load_letter(db, incident, language));
        if (current.finalised_at) return fail(Error::conflict("the letter is finalised and can no longer be changed"));
        storage::SubjectLetterRecord record{incident.id, std::string(language), letters::parts_json(parts), 0,
                                            actor.user_id, app.clock().now(), {}, {}, {}};
        if (current.version != expected_version || !TRY(storage::save_subject_letter(db, record, expected_version)))
            return fail(stale());
        TRY_STATUS(audit_change(db, app.clock(), &actor,
                                {"letter.save", "incident", incident.id, incident.org_id, {},
                                 counts_json({{"language", json::string(language)}, {"version", expected_version + 1}})}));
        SubjectLetter saved{incident.id, std::string(language), parts, expected_version + 1, {}, {}, {}};
        return with_missing(db, app.clock(), incident, std::move(saved));
    });
}

Result<SubjectLetter> finalise_subject_letter(App& app, const Actor& actor, std::string_view incident_id,
                                              std::string_view language, int64_t expected_version,
                                              const std::vector<std::string>& acknowledge_personal_data) {
    TRY_STATUS(check_language(language));
    return storage::transact_value<SubjectLetter>(app.database(), TxMode::write, [&](Connection& db) -> Result<SubjectLetter> {
        auto incident = TRY(load_for(db, actor, incident_id, Action::notify));
        auto organisation = TRY(organisation_of(db, incident.org_id));
        auto letter = TRY(letters::load_letter(db, incident, language));
        if (letter.finalised_at) return fail(Error::conflict("the letter is already finalised"));
        if (letter.version != expected_version) return fail(stale());
        auto document = letters::letter_document(incident, organisation, language, letter.parts, nullptr);
        if (!document.complete()) {
            std::string keys;
            for (const auto& missing : document.missing) keys += (keys.empty() ? "" : ", ") + missing.key;
            return fail(Error::invalid(document.missing.front().key, "fill in before finalising: " + keys));
        }
        auto now = app.clock().now();
        auto findings = letter_findings(incident, organisation, letter.parts, "", now);
        TRY_STATUS(check_acknowledged(findings, acknowledge_personal_data));
        document.generated_at = now;
        storage::SubjectLetterRecord record{incident.id, std::string(language),
                                            letters::parts_json(frozen_parts(letter.parts,
                                                                             letters::case_values(incident, organisation, language))),
                                            0, actor.user_id, now, actor.user_id, now, doc::render_json(document)};
        if (letter.version == 0) TRY(storage::save_subject_letter(db, record, 0));
        TRY_STATUS(storage::finalise_subject_letter(db, record));
        TRY_STATUS(audit_change(db, app.clock(), &actor,
                                {"letter.finalise", "incident", incident.id, incident.org_id, {},
                                 counts_json({{"language", json::string(language)}})}));
        TRY_STATUS(audit_acknowledged(db, app.clock(), actor, incident, "subject-letter." + std::string(language),
                                      "finalise", findings));
        letter.parts = letters::parse_parts(record.parts_json);
        letter.warnings = std::move(findings);
        letter.version = std::max<int64_t>(letter.version, 1) + 1;
        letter.finalised_at = now;
        letter.finalised_by = actor.user_id;
        return letter;
    });
}

Result<RecipientImport> import_recipients(App& app, const Actor& actor, std::string_view incident_id,
                                          std::string_view csv) {
    return storage::transact_value<RecipientImport>(app.database(), TxMode::write, [&](Connection& db) -> Result<RecipientImport> {
        auto incident = TRY(load_for(db, actor, incident_id, Action::notify));
        auto stored = TRY(storage::list_recipients(db, incident.id));
        std::vector<domain::RecipientRow> existing;
        existing.reserve(stored.size());
        for (const auto& r : stored) existing.push_back({0, r.name, r.address, r.email, r.language});
        size_t room = stored.size() >= domain::k_recipients_max ? 0 : domain::k_recipients_max - stored.size();
        auto parsed = domain::parse_recipients_csv(csv, existing, room);
        RecipientImport out;
        out.total = stored.size();
        if (!parsed.errors.empty()) {
            out.errors = std::move(parsed.errors);
            return out; // nothing written: the transaction commits no change
        }
        std::vector<storage::RecipientRecord> records;
        records.reserve(parsed.rows.size());
        auto now = app.clock().now();
        int64_t seq = stored.empty() ? 0 : stored.back().seq;
        for (auto& row : parsed.rows)
            records.push_back({crypto::new_id(), incident.id, ++seq, std::move(row.name), std::move(row.address),
                               std::move(row.email), std::move(row.language), {}, std::nullopt, {}, now});
        TRY_STATUS(storage::insert_recipients(db, records));
        out.imported = records.size();
        out.total += records.size();
        TRY_STATUS(audit_change(db, app.clock(), &actor,
                                {"letter.recipients_import", "incident", incident.id, incident.org_id, {},
                                 counts_json({{"imported", out.imported}, {"total", out.total}})}));
        return out;
    });
}

Result<LettersOverview> letters_overview(App& app, const Actor& actor, std::string_view incident_id,
                                         size_t recipients_shown) {
    auto overview = TRY(storage::transact_value<LettersOverview>(app.database(), TxMode::read, [&](Connection& db) -> Result<LettersOverview> {
        LettersOverview out;
        out.incident = TRY(load_for(db, actor, incident_id, Action::read_all_cases));
        for (std::string_view language : {"sv", "en"})
            out.letters.push_back(
                TRY(with_missing(db, app.clock(), out.incident, TRY(letters::load_letter(db, out.incident, language)))));
        out.recipients = TRY(storage::list_recipients(db, out.incident.id, recipients_shown));
        out.counts = TRY(storage::recipient_counts(db, out.incident.id));
        out.exemption = TRY(storage::latest_exemption(db, out.incident.id));
        return out;
    }));
    // The letters, and the people on the list (names, addresses) when any were shown.
    const auto& incident = overview.incident;
    app.record_read(&actor, {incident.org_id, "letter.read", "incident", incident.id, counts_json({{"letters", overview.letters.size()}})});
    if (!overview.recipients.empty())
        app.record_read(&actor, {incident.org_id, "letter.recipients.read", "incident", incident.id,
                                 counts_json({{"recipients", overview.recipients.size()}})});
    return overview;
}

} // namespace skydda::app
