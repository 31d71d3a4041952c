// `skydda export`: one document of a case as PDF, HTML or JSON, to a file or to standard output,
// read as the local operator (the person at the server's console; the read is audited).
#include <charconv>
#include <fstream>
#include <ostream>

#include "app/documents/documents.hpp"
#include "cli/commands.hpp"
#include "doc/document.hpp"

namespace skydda::cli {
namespace {

struct ExportCommand {
    std::string case_id;
    app::DocumentRequest request;
    doc::Format format = doc::Format::pdf;
    std::optional<std::string> out;
};

Result<ExportCommand> parse(const CommandContext& context) {
    ExportCommand command;
    command.case_id = context.option("case").value_or("");
    if (command.case_id.empty()) return fail(Error::invalid("case", "give the case's id with --case ID"));
    auto kind = app::parse_document_kind(context.option("document").value_or(""));
    if (!kind)
        return fail(Error::invalid("document", "must be imy-notification, imy-supplement, subject-letter, "
                                               "processor-notice or internal-report"));
    command.request.kind = *kind;
    auto format = doc::parse_format(context.option("format").value_or(""));
    if (!format) return fail(Error::invalid("format", "must be pdf, html or json"));
    command.format = *format;
    command.request.language = context.option("language").value_or("sv");
    if (command.request.language != "sv" && command.request.language != "en")
        return fail(Error::invalid("language", "must be sv or en"));
    if (auto phase = context.option("phase")) {
        auto [end, ec] = std::from_chars(phase->data(), phase->data() + phase->size(), command.request.phase);
        if (ec != std::errc() || end != phase->data() + phase->size() || command.request.phase < 0)
            return fail(Error::invalid("phase", "must be a whole number, 0 or more"));
    }
    command.request.recipient_id = context.option("recipient").value_or("");
    command.out = context.option("out");
    return command;
}

Status write(const CommandContext& context, const ExportCommand& command, const std::string& bytes) {
    if (!command.out) {
        context.out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        context.out.flush();
        return {};
    }
    std::ofstream file(*command.out, std::ios::binary | std::ios::trunc);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!file.flush()) return fail(Error::invalid("out", "cannot write " + *command.out));
    return {};
}

} // namespace

int cmd_export(CommandContext& context) {
    auto command = parse(context);
    if (!command) return report_error(context, command.error());
    auto database = open_migrated(context);
    if (!database) return report_error(context, database.error());
    SystemClock clock;
    app::App app(**database, clock);
    auto document = app.document(nullptr, command->case_id, command->request);
    if (!document) {
        if (document.error().code == ErrorCode::not_found)
            return report_error(context, Error::invalid("case", "no case with that id"));
        return report_error(context, document.error());
    }
    auto bytes = doc::render(*document, command->format);
    if (!bytes) return report_error(context, bytes.error());
    if (auto written = write(context, *command, *bytes); !written) return report_error(context, written.error());
    return 0;
}

} // namespace skydda::cli
