// `skydda demo generate`: realistic cases over ten years for trying the register at size. Each
// case goes through the use cases (app/) at its own time, on a clock that steps through the ten
// years, so every change has its audit entry and every derived column is what a user's work
// would leave: reported, most registered, many assessed and decided, those that must be told
// IMY notified (a few late, with a reason), older ones closed. The proportions follow IMY's
// reports: misdirected post and e-mail most common, then unauthorised access.
//
// For a register of a million cases (bench/register.sh) working every case through the use
// cases would take hours, so only the first `--worked` cases (default 2 000) are worked so; each
// further case is a copy of a worked one's stored rows (the case, its assessments, decisions,
// notifications and notes) moved to its own time, organisation and people, with a case number of
// its own from the registry sequence, written through the storage functions the use cases use
// (the search index with it) and put in the urgency order from its stored facts, as any change
// does (refresh_due_order). A batch of a thousand copies is one transaction; each copy's audit
// trail is its creation ("incident.report" by the generator, no person), not an entry per step
// as real work leaves.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <limits>
#include <iostream>
#include <random>

#include "app/assessment/assessments.hpp"
#include "cli/commands.hpp"
#include "domain/registry_number.hpp"
#include "storage/assessment/assessment_repository.hpp"
#include "storage/audit_log.hpp"
#include "storage/cases/duty_repository.hpp"
#include "storage/notify/notification_repository.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"

namespace skydda::cli {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

template <typename T>
struct Weighted {
    T value;
    int weight;
};

template <typename T, size_t N>
const T& pick(std::mt19937_64& random, const Weighted<T> (&choices)[N]) {
    int total = 0;
    for (const auto& c : choices) total += c.weight;
    int at = static_cast<int>(random() % static_cast<uint64_t>(total));
    for (const auto& c : choices) {
        if (at < c.weight) return c.value;
        at -= c.weight;
    }
    return choices[0].value;
}

struct Story {
    const char* what_happened;
    const char* title;
    const char* description;
};

constexpr Weighted<Story> k_stories[] = {
    {{"misdirected_communication", "E-post med elevuppgifter till fel vårdnadshavare",
      "Ett mejl om en elevs frånvaro och anpassningar skickades till fel vårdnadshavare."}, 20},
    {{"misdirected_communication", "Brev med beslut till fel adress",
      "Ett beslutsbrev från socialtjänsten skickades till en tidigare adress."}, 14},
    {{"misdirected_communication", "Sms med tid för hembesök till fel nummer",
      "Ett sms med tid och adress för hembesök gick till fel mottagare."}, 6},
    {{"unauthorised_access", "Obehörig åtkomst till journalsystemet",
      "En medarbetare öppnade en journal utan att ha ett ärende som krävde det."}, 12},
    {{"unauthorised_access", "Intrång hos leverantör av skolplattformen",
      "Leverantören meddelade att en angripare kommit åt vårdnadshavares kontaktuppgifter."}, 8},
    {{"disclosure_other", "Protokoll med personuppgifter publicerat på webben",
      "Ett protokoll med namn och personnummer publicerades på kommunens webbplats."}, 10},
    {{"loss", "Stulen bärbar dator", "En bärbar dator stals ur en bil. Datorn var krypterad."}, 9},
    {{"loss", "Borttappat usb-minne med elevlistor", "Ett okrypterat usb-minne med elevlistor tappades bort."}, 5},
    {{"destruction", "Utpressningsvirus på filservern", "Filer på en filserver krypterades av ett utpressningsvirus."}, 4},
    {{"alteration", "Felaktiga uppgifter i elevregistret", "En import skrev över vårdnadshavares kontaktuppgifter."}, 3},
};
constexpr Weighted<const char*> k_causes[] = {
    {"human_error", 55}, {"external_attack", 17}, {"technical", 10}, {"organisational", 9},
    {"internal_malicious", 3}, {"unknown", 5}, {"other", 1}};
constexpr Weighted<const char*> k_discovery[] = {
    {"employee", 45}, {"outsider_or_subject", 30}, {"routine", 10}, {"processor", 10}, {"automated", 5}};
constexpr const char* k_units[] = {"Skolan", "Hemtjänsten", "Individ- och familjeomsorgen", "IT-enheten", "Kansliet"};

Result<int64_t> count_option(const CommandContext& context, std::string_view name, int64_t fallback, int64_t low,
                             int64_t high) {
    auto text = context.option(name);
    if (!text) return fallback;
    try {
        size_t used = 0;
        long long value = std::stoll(*text, &used);
        if (used == text->size() && value >= low && value <= high) return value;
    } catch (...) {
    }
    return fail(Error::invalid(std::string(name), fmt::format("must be a whole number from {} to {}", low, high)));
}

struct Place {
    std::string org, registry_pattern;
    std::vector<std::string> units;
    app::Actor reporter, registrar, handler, dpo;
};

Result<std::vector<Place>> make_places(app::App& app, int64_t orgs, int64_t seed) {
    std::vector<Place> places;
    std::optional<std::string> dpo_id;
    for (int64_t k = 0; k < orgs; ++k) {
        app::OrganisationInput input;
        input.name = fmt::format("Genererad nämnd {} ({})", k + 1, seed);
        input.sector = "public";
        input.dpo_name = "Dora Dataskyddsombud";
        input.dpo_email = "dataskyddsombud@example.se";
        input.dpo_phone = "0123-45 67 00";
        input.address = fmt::format("Box {}, 123 45 Exempelby", 100 + k);
        Place place;
        place.org = TRY(app.add_organisation(nullptr, input));
        TRY_STATUS(app.database().transact(storage::TxMode::read, [&](storage::Connection& db) -> Status {
            auto org = TRY(storage::find_organisation(db, place.org));
            if (org) place.registry_pattern = org->registry_pattern;
            return {};
        }));
        for (const auto* unit : k_units) place.units.push_back(TRY(app.add_unit(nullptr, place.org, unit)));
        auto person = [&](std::string_view role) -> Result<app::Actor> {
            auto email = fmt::format("{}.{}.{}@generated.example", role, k + 1, seed);
            auto id = TRY(app.add_user(nullptr, place.org, email, fmt::format("Genererad {} {}", role, k + 1),
                                       std::string(role), std::nullopt));
            return app.load_actor(id);
        };
        place.reporter = TRY(person("reporter"));
        place.registrar = TRY(person("registrar"));
        place.handler = TRY(person("handler"));
        // One DPO for every generated nämnd, as a kommunalförbund's DPO serves its members.
        auto email = fmt::format("dpo.{}@generated.example", seed);
        auto id = TRY(app.add_user(nullptr, place.org, email, "Genererad dataskyddsombud", "dpo", std::nullopt));
        if (!dpo_id) dpo_id = id;
        places.push_back(std::move(place));
    }
    // Every place's DPO knows all the organisations.
    for (auto& place : places) place.dpo = TRY(app.load_actor(*dpo_id));
    return places;
}

// One case and the work on it at `at`; its id. A case reported more than two months before
// `end` is nearly always closed by then; a recent one often still open.
Result<std::string> one_case(app::App& app, ManualClock& clock, std::mt19937_64& random, const Place& place, Instant at,
                             Instant end) {
    clock.set(at);
    const auto& story = pick(random, k_stories);
    domain::IncidentFacts f;
    f.title = story.title;
    f.description = story.description;
    f.what_happened = story.what_happened;
    f.cause = pick(random, k_causes);
    f.discovered_by = pick(random, k_discovery);
    f.unit_id = place.units[random() % place.units.size()];
    f.occurred_at = at - hours(6 + static_cast<int>(random() % 48));
    f.discovered_at = at - hours(static_cast<int>(random() % 6));
    f.aware_at = f.discovered_at;
    f.data = {"name", "contact"};
    if (random() % 3 == 0) f.data.push_back("health");
    f.subjects_count = 1 + static_cast<int64_t>(random() % (random() % 10 == 0 ? 2000 : 20));
    f.subject_groups = {random() % 2 ? "pupils" : "elderly_care_recipients"};
    f.effects.confidentiality = "known_recipients";
    f.recipients = 1;
    f.recipient_trusted = random() % 4 == 0;
    f.consequences = "Den registrerade kan känna sig utpekad.";
    f.measures = "Mottagaren ombads radera uppgifterna.";
    auto incident = TRY(app.report_incident(place.reporter, place.org, f));
    const bool old = at < end - hours(24 * 60);
    const auto roll = old ? 40 + random() % 60 : random() % 100;
    if (roll < 2) return incident.id; // still waiting for the registrar
    clock.set(at + minutes(30 + static_cast<int>(random() % 240)));
    TRY(app.change_status(place.registrar, incident.id, domain::CaseStatus::registered, "", std::nullopt));
    TRY(app.assign(place.registrar, incident.id, place.handler.user_id));
    if (roll < 10) return incident.id;
    TRY(app.change_status(place.handler, incident.id, domain::CaseStatus::assessing, "", std::nullopt));
    if (random() % 3 == 0) TRY(app.add_note(place.handler, incident.id, "Kontaktat enheten; uppgifterna är raderade."));
    if (roll < 25) return incident.id;
    clock.set(at + hours(4 + static_cast<int>(random() % 30)));
    auto assessment = TRY(app::run_assessment(app, place.handler, incident.id, {}));
    app::DecisionInput decision;
    decision.assessment_id = assessment.record.id;
    decision.agrees = true;
    decision.reasons = "Dataskyddsombudet delar bedömningen.";
    auto decided = TRY(app::record_decision(app, place.dpo, incident.id, decision));
    if (decided.decision.notify_authority) {
        TRY(app.save_notification_draft(place.dpo, incident.id, 0,
                                        {{"contact.person", "Dora Dataskyddsombud, 0123-45 67 00"},
                                         {"data.encrypted", "no"},
                                         {"subjects.informed", "no"},
                                         {"subjects.will_inform", "no"},
                                         {"subjects.why_not", "Ingen hög risk."},
                                         {"supplement.will", "no"}},
                                        std::nullopt));
        const bool late = random() % 12 == 0;
        clock.set(f.aware_at.value_or(at) + (late ? hours(80 + static_cast<int>(random() % 100))
                                                  : hours(6 + static_cast<int>(random() % 60))));
        app::NotificationInput notice;
        notice.recipient = "imy";
        notice.submitted_at = clock.now();
        notice.authority_reference = fmt::format("IMY-{}-{}", stockholm_year(clock.now()), random() % 100000);
        if (late) notice.late_reason = "Anmälan fördröjdes: bedömningen krävde uppgifter från leverantören.";
        TRY(app.record_notification(place.dpo, incident.id, notice));
    }
    if (roll < 40) return incident.id;
    clock.set(clock.now() + hours(24 * (1 + static_cast<int>(random() % 30))));
    TRY(app.change_status(place.dpo, incident.id, domain::CaseStatus::closed, "Åtgärderna är genomförda.", std::nullopt));
    return incident.id;
}

// A worked case's stored rows, to copy.
struct Template {
    domain::Incident incident;
    std::vector<storage::AssessmentRecord> assessments;
    std::vector<storage::DecisionRecord> decisions;
    std::vector<storage::NotificationRecord> notifications;
    std::vector<domain::Note> notes;
};

Result<Template> load_template(storage::Connection& db, const std::string& id) {
    Template t;
    auto incident = TRY(storage::find_incident(db, id));
    if (!incident) return fail(Error::not_found("a worked case vanished"));
    t.incident = std::move(*incident);
    t.assessments = TRY(storage::list_assessments(db, id));
    t.decisions = TRY(storage::list_decisions(db, id));
    t.notifications = TRY(storage::list_notifications(db, id));
    t.notes = TRY(storage::list_notes(db, id));
    return t;
}

void shift(std::optional<Instant>& at, std::chrono::seconds by) {
    if (at) *at += by;
}

// A copy of `t` reported at `at` in `place`, in the caller's transaction.
Status copy_case(storage::Connection& db, std::mt19937_64& random, const Template& t, const Place& place, Instant at,
                 Instant now) {
    const auto by = std::chrono::duration_cast<std::chrono::seconds>(at - t.incident.reported_at);
    domain::Incident c = t.incident;
    c.id = crypto::new_id();
    c.org_id = place.org;
    c.reported_at += by;
    c.updated_at += by;
    shift(c.registered_at, by);
    for (auto* time : {&c.facts.occurred_at, &c.facts.discovered_at, &c.facts.aware_at, &c.facts.ended_at}) shift(*time, by);
    c.facts.unit_id = place.units[random() % place.units.size()];
    c.reporter_id = place.reporter.user_id;
    if (!c.handler_id.empty()) c.handler_id = place.handler.user_id;
    const int year = stockholm_year(c.reported_at);
    c.case_number = domain::format_case_number(place.registry_pattern, year,
                                               TRY(storage::next_registry_sequence(db, place.org, year)));
    TRY_STATUS(storage::insert_incident(db, c));
    std::map<std::string, std::string> assessment_ids;
    for (auto a : t.assessments) {
        assessment_ids[a.id] = crypto::new_id();
        a.id = assessment_ids[a.id];
        a.incident_id = c.id;
        a.created_at += by;
        a.created_by = place.handler.user_id;
        a.created_by_name = place.handler.name;
        TRY_STATUS(storage::insert_assessment(db, a));
    }
    for (auto d : t.decisions) {
        d.id = crypto::new_id();
        d.assessment_id = assessment_ids[d.assessment_id];
        d.incident_id = c.id;
        d.decided_at += by;
        d.decided_by = place.dpo.user_id;
        d.decided_by_name = place.dpo.name;
        TRY_STATUS(storage::insert_decision(db, d));
    }
    for (auto n : t.notifications) {
        n.id = crypto::new_id();
        n.incident_id = c.id;
        n.submitted_at += by;
        n.created_at += by;
        shift(n.supplement_due_at, by);
        n.our_reference = c.case_number;
        n.created_by = place.dpo.user_id;
        TRY_STATUS(storage::insert_notification(db, n));
    }
    for (auto n : t.notes) {
        n.id = crypto::new_id();
        n.incident_id = c.id;
        n.created_at += by;
        n.author_id = place.handler.user_id;
        n.author_name = place.handler.name;
        TRY_STATUS(storage::insert_note(db, n));
    }
    // Its creation in the audit trail, by the generator (no person), as every case has one.
    domain::AuditEntry entry;
    entry.at = now;
    entry.org_id = c.org_id;
    entry.action = "incident.report";
    entry.entity = "incident";
    entry.entity_id = c.id;
    entry.after_json = fmt::format(R"({{"case_number": "{}", "generated": "demo generate: a copy of a worked case"}})",
                                   c.case_number);
    TRY(storage::append_audit(db, std::move(entry)));
    return storage::refresh_due_order(db, c.id);
}

} // namespace

int cmd_demo_generate(CommandContext& context) {
    auto incidents = count_option(context, "incidents", 0, 1, 10'000'000);
    if (!incidents) return report_error(context, incidents.error());
    if (!context.option("incidents")) return report_error(context, Error::invalid("incidents", "is required"));
    auto orgs = count_option(context, "orgs", 1, 1, 100);
    if (!orgs) return report_error(context, orgs.error());
    auto seed = count_option(context, "seed", 1, 0, std::numeric_limits<int32_t>::max());
    if (!seed) return report_error(context, seed.error());
    auto worked_option = count_option(context, "worked", 2000, 1, 10'000'000);
    if (!worked_option) return report_error(context, worked_option.error());
    auto database = open_migrated(context);
    if (!database) return report_error(context, database.error());
    SystemClock system;
    const Instant end = system.now();
    const Instant start = end - hours(24 * 3653); // ten years
    ManualClock clock(start);
    app::App app(**database, clock);
    std::mt19937_64 random(static_cast<uint64_t>(*seed));
    auto places = make_places(app, *orgs, *seed);
    if (!places) return report_error(context, places.error());
    const bool terminal = isatty(STDERR_FILENO) != 0;
    const auto began = std::chrono::steady_clock::now();
    const auto step = (end - start - hours(24 * 30)) / *incidents; // the last month stays for fresh cases
    const int64_t worked = std::min(*incidents, *worked_option);
    int last_percent = -1;
    auto progress = [&](int64_t done) {
        int percent = static_cast<int>(done * 100 / *incidents);
        if (terminal && percent != last_percent) {
            std::cerr << fmt::format("\r[{:<40}] {:3d} %  {}/{}", std::string(static_cast<size_t>(percent * 40 / 100), '#'),
                                     percent, done, *incidents)
                      << std::flush;
            last_percent = percent;
        }
    };
    // The worked cases spread over the same ten years as the copies, so that every period has
    // cases in each state to copy from.
    const auto worked_step = (end - start - hours(24 * 30)) / worked;
    std::vector<std::string> worked_ids, recent_ids;
    for (int64_t i = 0; i < worked; ++i) {
        const auto& place = (*places)[static_cast<size_t>(random() % places->size())];
        const Instant at = start + worked_step * i;
        auto id = one_case(app, clock, random, place, at, end);
        if (!id) return report_error(context, id.error());
        (at < end - hours(24 * 60) ? worked_ids : recent_ids).push_back(*id);
        progress(i + 1);
    }
    app.flush_audit();
    if (worked < *incidents) {
        std::vector<Template> old_cases, recent_cases;
        auto loaded = (*database)->transact(storage::TxMode::read, [&](storage::Connection& db) -> Status {
            for (const auto& id : worked_ids) old_cases.push_back(TRY(load_template(db, id)));
            for (const auto& id : recent_ids) recent_cases.push_back(TRY(load_template(db, id)));
            return {};
        });
        if (!loaded) return report_error(context, loaded.error());
        if (old_cases.empty()) old_cases = recent_cases;
        if (recent_cases.empty()) recent_cases = old_cases;
        constexpr int64_t k_batch = 1000;
        for (int64_t i = worked; i < *incidents;) {
            const int64_t batch_end = std::min(*incidents, i + k_batch);
            auto copied = (*database)->transact(storage::TxMode::write, [&](storage::Connection& db) -> Status {
                for (int64_t k = i; k < batch_end; ++k) {
                    const Instant at = start + step * k;
                    const auto& pool = at < end - hours(24 * 60) ? old_cases : recent_cases;
                    const auto& place = (*places)[static_cast<size_t>(random() % places->size())];
                    TRY_STATUS(copy_case(db, random, pool[random() % pool.size()], place, at, system.now()));
                }
                return {};
            });
            if (!copied) return report_error(context, copied.error());
            i = batch_end;
            progress(i);
        }
    }
    app.flush_audit();
    if (terminal) std::cerr << '\n';
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    context.out << fmt::format("{} cases ({} worked through the use cases, {} copies of them) in {} organisations over ten "
                               "years, in {:.1f} s ({:.0f} cases/s)\n",
                               *incidents, std::min(*incidents, *worked_option),
                               *incidents - std::min(*incidents, *worked_option), *orgs, seconds,
                               static_cast<double>(*incidents) / std::max(seconds, 0.001));
    return 0;
}

} // namespace skydda::cli
