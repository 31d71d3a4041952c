// The demo municipality: two nämnder as separate controllers, units, a person for every role,
// one DPO serving both, and a few cases at different points of the workflow. Everything is
// written through the use cases (app/), so each change has its audit entry as a user's would.
#include <fmt/format.h>

#include <map>

#include "cli/commands.hpp"

namespace skydda::cli {
namespace {

struct DemoPerson {
    const char* email;
    const char* name;
    const char* role;
    int org; // 0: first nämnd, 1: second, 2: both
};

constexpr DemoPerson k_people[] = {
    {"anna.rapportor@exempelby.se", "Anna Rapportör", "reporter", 2},
    {"rebecka.registrator@exempelby.se", "Rebecka Registrator", "registrar", 2},
    {"hugo.handlaggare@exempelby.se", "Hugo Handläggare", "handler", 2},
    {"karin.chef@exempelby.se", "Karin Chef", "manager", 0},
    {"mats.chef@exempelby.se", "Mats Chef", "manager", 1},
    {"dora.dso@exempelby.se", "Dora Dataskyddsombud", "dpo", 2},
    {"ingrid.infosak@exempelby.se", "Ingrid Informationssäkerhet", "infosec", 2},
    {"adam.admin@exempelby.se", "Adam Administratör", "admin", 2},
    {"greta.granskare@exempelby.se", "Greta Granskare", "auditor", 2},
};

// The demo people's ids by e-mail, as App::add_user returned them.
using PersonIds = std::map<std::string, std::string, std::less<>>;

Result<std::string> person_id(const PersonIds& ids, std::string_view email) {
    auto found = ids.find(email);
    if (found == ids.end()) return fail(Error::internal("demo user missing"));
    return found->second;
}

Status add_demo_cases(app::App& app, const PersonIds& ids, const std::vector<std::string>& orgs,
                      const std::vector<std::string>& units) {
    auto reporter = TRY(app.load_actor(TRY(person_id(ids, "anna.rapportor@exempelby.se"))));
    auto registrar = TRY(app.load_actor(TRY(person_id(ids, "rebecka.registrator@exempelby.se"))));
    auto handler = TRY(app.load_actor(TRY(person_id(ids, "hugo.handlaggare@exempelby.se"))));
    auto now = app.clock().now();

    domain::IncidentFacts mail;
    mail.title = "E-post med elevs hälsouppgifter till fel vårdnadshavare";
    mail.description = "En lärare skickade ett mejl om en elevs anpassningar och diagnos till fel vårdnadshavare.";
    mail.what_happened = "misdirected_communication";
    mail.cause = "human_error";
    mail.discovered_by = "outsider_or_subject";
    mail.occurred_at = now - std::chrono::hours(30);
    mail.discovered_at = now - std::chrono::hours(26);
    mail.aware_at = now - std::chrono::hours(26);
    mail.data = {"name", "health", "education"};
    mail.subjects_count = 1;
    mail.subject_groups = {"children", "pupils"};
    mail.records = 1;
    mail.effects.confidentiality = "known_recipients";
    mail.recipients = 1;
    mail.recipient_trusted = false;
    mail.measures = "Mottagaren ombads radera mejlet.";
    mail.unit_id = units[0];
    auto first = TRY(app.report_incident(reporter, orgs[0], mail));
    TRY(app.change_status(registrar, first.id, domain::CaseStatus::registered, "", std::nullopt));
    TRY(app.assign(registrar, first.id, handler.user_id));
    TRY(app.change_status(handler, first.id, domain::CaseStatus::assessing, "", std::nullopt));
    TRY(app.add_note(handler, first.id, "Ringt vårdnadshavaren som fick mejlet; hen har raderat det."));
    TRY(app.add_task(handler, first.id, {"Bedöm om incidenten ska anmälas till IMY", handler.user_id, now + std::chrono::hours(20)}));
    // What `skydda scan --attach` stores after scanning the sent message: counts only.
    TRY(app.attach_scan(
        nullptr, first.id,
        {R"({"schema":"skydda.scan/1","files":1,"bytes":48213,"documents":2,"unreadable":0,"findings":{)"
         R"("personal_identity_number":{"matches":2,"distinct":1,"files":2},"email":{"matches":1,"distinct":1,"files":1},)"
         R"("health":{"matches":3,"distinct":2,"files":1}},"data":["contact","personal_identity_number","health"],)"
         R"("subjects_estimate":{"value":1,"low":1,"high":2,"basis":"personal_identity_number"}})",
         {"contact", "personal_identity_number", "health"}, 1, "Det skickade mejlet med bilaga"}));

    domain::IncidentFacts laptop;
    laptop.title = "Stulen bärbar dator från hemtjänstens kontor";
    laptop.description = "En bärbar dator stals ur en bil. Datorn var krypterad med BitLocker.";
    laptop.what_happened = "loss";
    laptop.cause = "external_attack";
    laptop.discovered_by = "employee";
    laptop.aware_at = now - std::chrono::hours(5);
    laptop.data = {"name", "contact", "health"};
    laptop.subject_groups = {"elderly_care_recipients"};
    laptop.effects.confidentiality = "exposed";
    laptop.unit_id = units[2];
    TRY(app.report_incident(reporter, orgs[1], laptop));
    return {};
}

} // namespace

Result<std::vector<DemoLogin>> load_demo(app::App& app) {
    auto existing = TRY(app.public_organisations());
    std::vector<DemoLogin> logins;
    if (!existing.empty()) return logins;
    app::OrganisationInput school{"Barn- och utbildningsnämnden, Exempelby kommun", "212000-0001", "public",
                                  "Box 100, 123 45 Exempelby", "Dora Dataskyddsombud", "dataskyddsombud@exempelby.se",
                                  "0123-45 67 00", ""};
    app::OrganisationInput social{"Socialnämnden, Exempelby kommun", "212000-0002", "public",
                                  "Box 200, 123 45 Exempelby", "Dora Dataskyddsombud", "dataskyddsombud@exempelby.se",
                                  "0123-45 67 00", "SN {YYYY}/{NNNN}"};
    std::vector<std::string> orgs = {TRY(app.add_organisation(nullptr, school)), TRY(app.add_organisation(nullptr, social))};
    std::vector<std::string> units = {TRY(app.add_unit(nullptr, orgs[0], "Björkskolan")),
                                      TRY(app.add_unit(nullptr, orgs[0], "Förskoleförvaltningen")),
                                      TRY(app.add_unit(nullptr, orgs[1], "Hemtjänsten")),
                                      TRY(app.add_unit(nullptr, orgs[1], "Individ- och familjeomsorgen"))};
    const std::string names[] = {school.name, social.name};
    PersonIds ids;
    for (const auto& person : k_people) {
        bool first = true; // hash the password once: argon2id is slow on purpose
        for (int org = 0; org < 2; ++org) {
            if (person.org != 2 && person.org != org) continue;
            auto id = TRY(app.add_user(nullptr, orgs[static_cast<size_t>(org)], person.email, person.name, person.role,
                                       first ? std::optional<std::string>(k_demo_password) : std::nullopt));
            ids[person.email] = id;
            first = false;
        }
        logins.push_back({person.email, person.role, person.org == 2 ? "both nämnder" : names[person.org]});
    }
    TRY_STATUS(add_demo_cases(app, ids, orgs, units));
    return logins;
}

int cmd_demo(CommandContext& context) {
    auto database = open_migrated(context);
    if (!database) return report_error(context, database.error());
    SystemClock clock;
    app::App app(**database, clock);
    auto logins = load_demo(app);
    if (!logins) return report_error(context, logins.error());
    if (logins->empty()) {
        context.out << "The database already has organisations; no demo data loaded.\n";
        return 0;
    }
    for (const auto& login : *logins) context.out << fmt::format("{:<36} {}\n", login.email, login.role);
    context.out << "password for all: " << k_demo_password << '\n';
    return 0;
}

} // namespace skydda::cli
