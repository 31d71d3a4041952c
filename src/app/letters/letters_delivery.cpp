// Getting the letters to the people: printing them for the post, queuing them as e-mail, and
// recording that they were posted, that someone was informed another way, or the exemption
// (art. 34(3)) that replaces the letter.
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
namespace {

namespace json = boost::json;
using letters::counts_json;
using letters::letter_findings;
using domain::Action;
using storage::Connection;
using storage::TxMode;

Status check_exemption(const ExemptionInput& input) {
    if (input.ground != "encrypted" && input.ground != "mitigated" && input.ground != "disproportionate_effort")
        return fail(Error::invalid("ground", "must be encrypted, mitigated or disproportionate_effort"));
    TRY_STATUS(check_text_field("reason", input.reason, k_exemption_text_max, true));
    bool public_needed = input.ground == "disproportionate_effort";
    TRY_STATUS(check_text_field("public_text", input.public_text, k_exemption_text_max, public_needed));
    TRY_STATUS(check_text_field("public_where", input.public_where, 500, public_needed));
    if (public_needed && !input.published_at) return fail(Error::invalid("published_at", "is required"));
    return {};
}

bool postal(const storage::RecipientRecord& r) { return !r.address.empty() && r.informed_how != "email"; }

// The finalised letter per language, or conflict naming what to do.
Result<std::map<std::string, SubjectLetter>> finalised_letters(Connection& db, const domain::Incident& incident,
                                                               const std::vector<storage::RecipientRecord>& recipients,
                                                               bool (*wanted)(const storage::RecipientRecord&)) {
    std::map<std::string, SubjectLetter> out;
    for (const auto& r : recipients) {
        if (!wanted(r) || out.contains(r.language)) continue;
        auto letter = TRY(letters::load_letter(db, incident, r.language));
        if (!letter.finalised_at)
            return fail(Error{ErrorCode::conflict,
                              fmt::format("finalise the letter in {} first", r.language == "en" ? "English" : "Swedish"),
                              "letter." + r.language});
        out.emplace(r.language, std::move(letter));
    }
    return out;
}

} // namespace

Result<std::vector<doc::Document>> print_letters(App& app, const Actor& actor, std::string_view incident_id) {
    return storage::transact_value<std::vector<doc::Document>>(
        app.database(), TxMode::write, [&](Connection& db) -> Result<std::vector<doc::Document>> {
            auto incident = TRY(load_for(db, actor, incident_id, Action::notify));
            auto organisation = TRY(organisation_of(db, incident.org_id));
            auto recipients = TRY(storage::list_recipients(db, incident.id));
            auto letters_by_language = TRY(finalised_letters(db, incident, recipients, postal));
            std::vector<doc::Document> out;
            for (const auto& r : recipients) {
                if (!postal(r)) continue;
                auto document = letters::letter_document(incident, organisation, r.language,
                                                         letters_by_language.at(r.language).parts, &r);
                document.generated_at = app.clock().now();
                TRY_STATUS(attach_logo(db, document, incident.org_id));
                out.push_back(std::move(document));
            }
            if (out.empty()) return fail(Error::conflict("there is nobody to send a printed letter to"));
            TRY_STATUS(audit_change(db, app.clock(), &actor,
                                    {"letter.print", "incident", incident.id, incident.org_id, {},
                                     counts_json({{"letters", out.size()}})}));
            return out;
        });
}

Result<MailResult> queue_letter_emails(App& app, const Actor& actor, std::string_view incident_id,
                                       const std::vector<std::string>& acknowledge_personal_data) {
    auto has_email = [](const storage::RecipientRecord& r) { return !r.email.empty(); };
    return storage::transact_value<MailResult>(app.database(), TxMode::write, [&](Connection& db) -> Result<MailResult> {
        auto incident = TRY(load_for(db, actor, incident_id, Action::notify));
        auto organisation = TRY(organisation_of(db, incident.org_id));
        auto recipients = TRY(storage::list_recipients(db, incident.id));
        auto letters_by_language = TRY(finalised_letters(db, incident, recipients, +has_email));
        MailResult out;
        auto now = app.clock().now();
        // What leaves in the e-mails: the finalised parts in each language sent (the frozen
        // text holds the organisation's own contact details, which the check leaves alone).
        std::vector<PersonalDataWarning> findings;
        for (const auto& [language, letter] : letters_by_language)
            for (auto& finding : letter_findings(incident, organisation, letter.parts, language + ".", now))
                findings.push_back(std::move(finding));
        TRY_STATUS(check_acknowledged(findings, acknowledge_personal_data));
        for (const auto& r : recipients) {
            if (!has_email(r)) continue;
            auto document = letters::letter_document(incident, organisation, r.language,
                                                     letters_by_language.at(r.language).parts, &r);
            document.addressee.clear(); // the postal block is for paper; the name stays in the text
            storage::OutboxMessage message;
            message.id = crypto::new_id();
            message.org_id = incident.org_id;
            message.incident_id = incident.id;
            message.kind = "letter";
            message.dedupe_key = "letter:" + incident.id + ":" + r.id;
            message.to_address = r.email;
            message.subject = fmt::format("{} ({})", document.title, incident.case_number);
            message.body = letter_text(document);
            message.next_attempt_at = now;
            message.created_at = now;
            if (!TRY(storage::enqueue_mail(db, message))) {
                ++out.already;
                continue;
            }
            ++out.queued;
            if (r.informed_how.empty()) TRY_STATUS(storage::mark_recipient_informed(db, r.id, "email", now, actor.user_id));
        }
        if (out.queued + out.already == 0) return fail(Error::conflict("nobody on the list has an e-mail address"));
        TRY_STATUS(audit_change(db, app.clock(), &actor,
                                {"letter.emails_queued", "incident", incident.id, incident.org_id, {},
                                 counts_json({{"queued", out.queued}, {"already", out.already}})}));
        if (out.queued > 0) TRY_STATUS(audit_acknowledged(db, app.clock(), actor, incident, "subject-letter", "send", findings));
        return out;
    });
}

Result<size_t> record_posted(App& app, const Actor& actor, std::string_view incident_id, Instant posted_at) {
    if (posted_at > app.clock().now() + std::chrono::hours(24))
        return fail(Error::invalid("posted_at", "must not be in the future"));
    return storage::transact_value<size_t>(app.database(), TxMode::write, [&](Connection& db) -> Result<size_t> {
        auto incident = TRY(load_for(db, actor, incident_id, Action::notify));
        auto recipients = TRY(storage::list_recipients(db, incident.id));
        size_t count = 0;
        for (const auto& r : recipients) {
            if (r.address.empty() || !r.informed_how.empty()) continue;
            TRY_STATUS(storage::mark_recipient_informed(db, r.id, "post", posted_at, actor.user_id));
            ++count;
        }
        if (count == 0) return fail(Error::conflict("no printed letter is waiting to be recorded as posted"));
        TRY_STATUS(audit_change(db, app.clock(), &actor,
                                {"letter.posted", "incident", incident.id, incident.org_id, {},
                                 counts_json({{"letters", count}, {"posted_at", json::string(format_utc(posted_at))}})}));
        return count;
    });
}

Result<storage::RecipientRecord> record_informed(App& app, const Actor& actor, std::string_view incident_id,
                                                 std::string_view recipient_id, std::string_view how, Instant at) {
    if (how != "post" && how != "email" && how != "other")
        return fail(Error::invalid("how", "must be post, email or other"));
    if (at > app.clock().now() + std::chrono::hours(24)) return fail(Error::invalid("at", "must not be in the future"));
    return storage::transact_value<storage::RecipientRecord>(
        app.database(), TxMode::write, [&](Connection& db) -> Result<storage::RecipientRecord> {
            auto incident = TRY(load_for(db, actor, incident_id, Action::notify));
            auto recipient = TRY(storage::find_recipient(db, recipient_id));
            if (!recipient || recipient->incident_id != incident.id) return fail(not_in_case());
            TRY_STATUS(storage::mark_recipient_informed(db, recipient->id, how, at, actor.user_id));
            TRY_STATUS(audit_change(db, app.clock(), &actor,
                                    {"letter.informed", "incident", incident.id, incident.org_id, {},
                                     counts_json({{"recipient_id", json::string(recipient->id)},
                                                  {"how", json::string(how)}})}));
            recipient->informed_how = std::string(how);
            recipient->informed_at = at;
            recipient->informed_by = actor.user_id;
            return std::move(*recipient);
        });
}

Result<storage::ExemptionRecord> record_exemption(App& app, const Actor& actor, std::string_view incident_id,
                                                  const ExemptionInput& input) {
    TRY_STATUS(check_exemption(input));
    return storage::transact_value<storage::ExemptionRecord>(
        app.database(), TxMode::write, [&](Connection& db) -> Result<storage::ExemptionRecord> {
            auto incident = TRY(load_for(db, actor, incident_id, Action::notify));
            bool public_needed = input.ground == "disproportionate_effort";
            storage::ExemptionRecord record{crypto::new_id(),
                                            incident.id,
                                            input.ground,
                                            std::string(text::trim(input.reason)),
                                            public_needed ? input.public_text : std::string(),
                                            public_needed ? input.public_where : std::string(),
                                            public_needed ? input.published_at : std::nullopt,
                                            actor.user_id,
                                            app.clock().now()};
            TRY_STATUS(storage::insert_exemption(db, record));
            json::object after{{"exemption_id", record.id}, {"ground", record.ground}};
            if (record.published_at) after["published_at"] = format_utc(*record.published_at);
            TRY_STATUS(audit_change(db, app.clock(), &actor,
                                    {"letter.exemption", "incident", incident.id, incident.org_id, {},
                                     json::serialize(after)}));
            return record;
        });
}

std::string letter_text(const doc::Document& document) {
    std::string out = document.title + "\n\n";
    for (const auto& section : document.sections) {
        if (!section.heading.empty()) out += section.heading + "\n";
        for (const auto& block : section.blocks) {
            if (const auto* paragraph = std::get_if<doc::Paragraph>(&block)) out += paragraph->text + "\n\n";
            else if (const auto* field = std::get_if<doc::Field>(&block)) out += field->value + "\n\n";
        }
    }
    out += fmt::format("{}: {}\n", document.language == "en" ? "Our reference" : "Vårt ärendenummer", document.reference);
    return out;
}

} // namespace skydda::app
