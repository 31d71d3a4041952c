// `skydda demo generate`: realistic cases over ten years for trying the register at size. Each
// case goes through the use cases (app/) at its own time, on a clock that steps through the ten
// years, so every change has its audit entry and every derived column is what a user's work
// would leave: reported, most registered, many assessed and decided, those that must be told
// IMY notified (a few late, with a reason), older ones closed. The proportions follow IMY's
// reports: misdirected post and e-mail most common, then unauthorised access.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <limits>
#include <iostream>
#include <random>

#include "app/assessment/assessments.hpp"
#include "cli/commands.hpp"

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
    std::string org;
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

// One case and the work on it, at the clock's time; returns when the clock is back at `at`.
Status one_case(app::App& app, ManualClock& clock, std::mt19937_64& random, const Place& place, Instant at) {
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
    const auto roll = random() % 100;
    if (roll < 2) return {}; // still waiting for the registrar
    clock.set(at + minutes(30 + static_cast<int>(random() % 240)));
    TRY(app.change_status(place.registrar, incident.id, domain::CaseStatus::registered, "", std::nullopt));
    TRY(app.assign(place.registrar, incident.id, place.handler.user_id));
    if (roll < 10) return {};
    TRY(app.change_status(place.handler, incident.id, domain::CaseStatus::assessing, "", std::nullopt));
    if (random() % 3 == 0) TRY(app.add_note(place.handler, incident.id, "Kontaktat enheten; uppgifterna är raderade."));
    if (roll < 25) return {};
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
    if (roll < 40) return {};
    clock.set(clock.now() + hours(24 * (1 + static_cast<int>(random() % 30))));
    TRY(app.change_status(place.dpo, incident.id, domain::CaseStatus::closed, "Åtgärderna är genomförda.", std::nullopt));
    return {};
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
    int last_percent = -1;
    for (int64_t i = 0; i < *incidents; ++i) {
        const auto& place = (*places)[static_cast<size_t>(random() % places->size())];
        auto done = one_case(app, clock, random, place, start + step * i);
        if (!done) return report_error(context, done.error());
        int percent = static_cast<int>((i + 1) * 100 / *incidents);
        if (terminal && percent != last_percent) {
            std::cerr << fmt::format("\r[{:<40}] {:3d} %  {}/{}", std::string(static_cast<size_t>(percent * 40 / 100), '#'),
                                     percent, i + 1, *incidents)
                      << std::flush;
            last_percent = percent;
        }
    }
    app.flush_audit();
    if (terminal) std::cerr << '\n';
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    context.out << fmt::format("{} cases in {} organisations over ten years, in {:.1f} s ({:.0f} cases/s)\n", *incidents,
                               *orgs, seconds, static_cast<double>(*incidents) / std::max(seconds, 0.001));
    return 0;
}

} // namespace skydda::cli
