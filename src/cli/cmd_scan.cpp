// `skydda scan`: count whose personal data a set of files holds, and what kind; optionally
// store the summary on a case (--attach) and offer to update the case's facts from it.
#include <unistd.h>

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "scan/report.hpp"
#include "scan/scanner.hpp"
#include "scan/validators.hpp"
#include "scan/vocabulary.hpp"

namespace skydda::cli {
namespace {

struct ScanCommand {
    scan::ScanOptions options;
    std::string language = "sv";
    bool json = false, stats = false, update_case = false;
    std::optional<std::string> report, attach, label;
};

Result<unsigned> parse_threads(const std::string& text) {
    unsigned value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 1 || value > 1024)
        return fail(Error::invalid("threads", "must be a whole number from 1 to 1024"));
    return value;
}

// --today YYYY-MM-DD: the date the century of YYMMDD-NNNN numbers is read against (a report
// that must be reproduced later, and tests); default today in Stockholm.
Result<scan::CivilDate> parse_today(std::string_view text) {
    auto refused = [] { return fail(Error::invalid("today", "must be a date written YYYY-MM-DD")); };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return refused();
    auto number = [&](size_t at, size_t length) {
        int value = -1;
        auto [end, error] = std::from_chars(text.data() + at, text.data() + at + length, value);
        return error == std::errc() && end == text.data() + at + length ? value : -1;
    };
    scan::CivilDate date{number(0, 4), number(5, 2), number(8, 2)};
    if (date.year < 1900 || date.month < 1 || date.day < 1 || date.day > scan::days_in_month(date.year, date.month))
        return refused();
    return date;
}

Result<ScanCommand> parse(const CommandContext& context) {
    ScanCommand command;
    command.options.paths = context.positionals();
    if (command.options.paths.empty())
        return fail(Error::invalid("path", "give at least one file or directory to scan"));
    if (auto threads = context.option("threads")) command.options.threads = TRY(parse_threads(*threads));
    if (auto language = context.option("lang")) {
        if (*language != "sv" && *language != "en") return fail(Error::invalid("lang", "must be sv or en"));
        command.language = *language;
    }
    if (auto directory = context.option("vocab")) command.options.vocabulary = TRY(scan::Vocabulary::from_directory(*directory));
    command.json = context.flag("json");
    command.stats = context.flag("stats");
    command.update_case = context.flag("update-case");
    command.report = context.option("report");
    command.attach = context.option("attach");
    command.label = context.option("label");
    if (command.update_case && !command.attach) return fail(Error::invalid("update-case", "needs --attach CASE_ID"));
    if (auto today = context.option("today")) {
        command.options.today = TRY(parse_today(*today));
    } else {
        auto date = stockholm_date(SystemClock().now());
        command.options.today = {date.year, date.month, date.day};
    }
    return command;
}

// A progress bar on the terminal while the scan runs; nothing when stderr is not a terminal.
class ProgressBar {
public:
    ProgressBar(const CommandContext& context, scan::Progress& progress, std::string language)
        : m_progress(progress), m_language(std::move(language)),
          m_enabled(&context.err == &std::cerr && isatty(STDERR_FILENO)) {
        if (m_enabled) m_thread = std::thread([this] { run(); });
    }
    ~ProgressBar() {
        m_done = true;
        if (m_thread.joinable()) m_thread.join();
        if (m_enabled) std::cerr << "\r\033[K" << std::flush;
    }

private:
    void run() {
        while (!m_done) {
            draw();
            for (int i = 0; i < 5 && !m_done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(40));
        }
    }
    void draw() const {
        uint64_t total = m_progress.total_bytes, done = m_progress.done_bytes;
        if (m_progress.walking) {
            std::cerr << "\r\033[K" << (m_language == "en" ? "Listing files... " : "Listar filer... ")
                      << std::flush;
            return;
        }
        double share = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
        auto filled = static_cast<size_t>(share * 30);
        std::cerr << fmt::format("\r\033[K{:3.0f} % [{}{}] {} {} {}, {} {}", share * 100, std::string(filled, '#'),
                                 std::string(30 - filled, '.'), scan::format_bytes(done, m_language),
                                 m_language == "en" ? "of" : "av", scan::format_bytes(total, m_language),
                                 m_progress.done_files.load(), m_language == "en" ? "files" : "filer")
                  << std::flush;
    }

    scan::Progress& m_progress;
    std::string m_language;
    bool m_enabled;
    std::atomic<bool> m_done{false};
    std::thread m_thread;
};

bool confirm(CommandContext& context, std::ostream& talk, const std::string& language) {
    if (&context.in != &std::cin || !isatty(STDIN_FILENO)) return false;
    talk << (language == "en" ? "Update the case with this? [y/N] " : "Uppdatera ärendet med detta? [j/N] ")
         << std::flush;
    std::string answer;
    std::getline(context.in, answer);
    return answer == "j" || answer == "J" || answer == "ja" || answer == "y" || answer == "Y" || answer == "yes";
}

void describe_update(std::ostream& talk, const domain::ScanUpdate& update, const domain::Incident& incident,
                     const std::string& language) {
    bool en = language == "en";
    if (update.empty()) {
        talk << (en ? "The case's facts already cover what the scan found.\n"
                    : "Ärendets uppgifter täcker redan det skanningen hittade.\n");
        return;
    }
    talk << (en ? "Proposed update of the case:\n" : "Förslag till uppdatering av ärendet:\n");
    if (!update.add_data.empty())
        talk << fmt::format("  {}: {}\n", en ? "add data categories" : "lägg till datakategorier",
                            fmt::join(update.add_data, ", "));
    if (update.subjects_count)
        talk << fmt::format("  {}: {} -> {}\n", en ? "number of data subjects" : "antal registrerade",
                            incident.facts.subjects_count ? std::to_string(*incident.facts.subjects_count)
                                                          : std::string(en ? "unknown" : "okänt"),
                            *update.subjects_count);
}

int attach(CommandContext& context, app::App& app, const domain::Incident& incident, const ScanCommand& command,
           const scan::ScanResult& result) {
    std::ostream& talk = command.json ? context.err : context.out;
    bool en = command.language == "en";
    app::ScanAttachment attachment{scan::to_summary_json(result), result.data,
                                   static_cast<int64_t>(result.subjects.value), command.label.value_or("")};
    auto record = app.attach_scan(nullptr, incident.id, attachment);
    if (!record) return report_error(context, record.error());
    talk << fmt::format("\n{} {} (scan {}).\n", en ? "The summary is stored on case" : "Sammanfattningen är sparad på ärende",
                        incident.case_number, record->id);
    auto update = domain::scan_update(incident.facts, result.data, attachment.subjects_estimate);
    describe_update(talk, update, incident, command.language);
    if (update.empty()) return 0;
    if (!command.update_case && !confirm(context, talk, command.language)) {
        talk << (en ? "Not applied. Apply it from the case page (Scans), or run again with --update-case.\n"
                    : "Inte tillämpat. Tillämpa från ärendets sida (Skanningar), eller kör igen med --update-case.\n");
        return 0;
    }
    auto updated = app.apply_scan(nullptr, incident.id, record->id, incident.version);
    if (!updated) return report_error(context, updated.error());
    talk << fmt::format("{} {}.\n", en ? "The case is updated, version" : "Ärendet är uppdaterat, version",
                        updated->version);
    return 0;
}

Status write_report(const ScanCommand& command, const scan::ScanResult& result) {
    std::ofstream file(*command.report, std::ios::binary | std::ios::trunc);
    if (!file) return fail(Error::invalid("report", "cannot write " + *command.report));
    std::string generated = format_stockholm_human(SystemClock().now());
    file << scan::to_html(result, {generated, command.language});
    if (!file.flush()) return fail(Error::invalid("report", "cannot write " + *command.report));
    return {};
}

} // namespace

int cmd_scan(CommandContext& context) {
    auto command = parse(context);
    if (!command) return report_error(context, command.error());
    // With --attach, check the database and the case before a scan that may take minutes.
    std::unique_ptr<storage::Database> database;
    std::unique_ptr<app::App> app;
    SystemClock clock;
    std::optional<domain::Incident> incident;
    if (command->attach) {
        auto opened = open_migrated(context);
        if (!opened) return report_error(context, opened.error());
        database = std::move(*opened);
        app = std::make_unique<app::App>(*database, clock);
        auto found = app->find_case_as_operator(*command->attach);
        if (!found) return report_error(context, Error::invalid("attach", "no case with that id"));
        incident = std::move(*found);
    }
    scan::Progress progress;
    std::optional<ProgressBar> bar;
    bar.emplace(context, progress, command->language);
    auto result = scan::run_scan(command->options, &progress);
    bar.reset();
    if (!result) return report_error(context, result.error());
    if (command->report)
        if (auto written = write_report(*command, *result); !written) return report_error(context, written.error());
    if (command->json) context.out << scan::to_json(*result, command->stats);
    else context.out << scan::to_text(*result, command->language, command->stats);
    if (incident) return attach(context, *app, *incident, *command, *result);
    return 0;
}

} // namespace skydda::cli
