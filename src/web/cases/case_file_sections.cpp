// The case file's work sections (notes, tasks, questions to the reporter, attachments) and the
// form pieces the case page shares with them (case_file_parts.hpp).
#include <fmt/format.h>

#include "domain/workflow.hpp"
#include "util/text.hpp"
#include "web/cases/case_file_parts.hpp"

namespace skydda::web::pages::case_parts {
using domain::Action;

namespace {

// Puts `attrs` where the control's markup says {attrs}. The placeholder comes right after the
// tag name, before any user text, so only the first occurrence is replaced.
std::string with_attrs(std::string_view control, std::string_view attrs) {
    std::string out(control);
    auto at = out.find("{attrs}");
    if (at != std::string::npos) out.replace(at, 7, attrs);
    return out;
}

} // namespace

std::string size_text(int64_t bytes) {
    if (bytes < 1024) return fmt::format("{} B", bytes);
    if (bytes < 1024 * 1024) return fmt::format("{} kB", (bytes + 512) / 1024);
    return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

std::string version_field(const domain::Incident& incident) {
    return fmt::format(R"(<input type="hidden" name="version" value="{}">)", incident.version);
}

// A labelled control with its error line; `control` gets the id and aria attributes via {attrs}.
std::string field(const Context& context, const CaseFormState& state, std::string_view name, std::string_view id,
                  std::string_view label_key, std::string_view hint_key, std::string_view control_format) {
    const auto* error = find_error(state.errors, name);
    std::string described;
    std::string hint;
    if (!hint_key.empty()) {
        hint = fmt::format(R"(<p class="hint" id="{}-hint">{}</p>)", id, tx(context, hint_key));
        described = std::string(id) + "-hint";
    }
    std::string error_html;
    if (error) {
        error_html = fmt::format(R"(<p class="error-message" id="{}-error"><span class="visually-hidden">{}</span> {}</p>)", id,
                                 tx(context, "page.error.prefix"), esc(error->message));
        if (!described.empty()) described += ' ';
        described.append(id).append("-error");
    }
    std::string attrs = fmt::format(R"(id="{}"{}{})", id,
                                    described.empty() ? "" : fmt::format(R"( aria-describedby="{}")", described),
                                    error ? R"( aria-invalid="true")" : "");
    return fmt::format(R"(<div class="field{}"><label for="{}">{}</label>{}{}{}</div>)", error ? " has-error" : "", id,
                       tx(context, label_key), hint, error_html,
                       with_attrs(control_format, attrs));
}

std::string user_options(const Context& context, const std::vector<domain::User>& users, std::string_view selected,
                         std::string_view empty_key) {
    std::string options = fmt::format(R"(<option value="">{}</option>)", tx(context, empty_key));
    for (const auto& user : users)
        options += fmt::format(R"(<option value="{}"{}>{}</option>)", esc(user.id), user.id == selected ? " selected" : "",
                               esc(user.name));
    return options;
}

std::string section(std::string_view id, const std::string& heading, const std::string& body) {
    return fmt::format(R"(<section id="{}" aria-labelledby="{}-heading"><h2 id="{}-heading">{}</h2>{}</section>)", id, id, id,
                       heading, body);
}

std::string notes_section(const Context& context, const app::CaseFile& file, const CaseFormState& state) {
    std::string list;
    for (const auto& note : file.notes)
        list += fmt::format(R"(<li><p class="meta">{} · {}</p><p class="pre">{}</p></li>)",
                            esc(html::stockholm_time(note.created_at)), esc(note.author_name), esc(note.body));
    std::string body = list.empty() ? fmt::format("<p>{}</p>", tx(context, "case.no_notes"))
                                    : R"(<ol class="notes">)" + list + "</ol>";
    if (context.actor->allows(file.incident.org_id, Action::write_notes)) {
        std::string textarea =
            fmt::format(R"(<textarea {{attrs}} name="body" rows="4">{}</textarea>)", esc(form_value(state.values, "body")));
        body += fmt::format(R"(<form method="post" action="{}/notes">{}{}<button type="submit" class="button secondary">{}</button></form>)",
                            case_url(file.incident.id), html::csrf_field(context),
                            field(context, state, "body", "field-body", "case.note_new", "", textarea),
                            tx(context, "case.note_add"));
    }
    return section("notes", tx(context, "case.notes_heading"), body);
}

std::string tasks_section(const Context& context, const app::CaseFile& file, const CaseFormState& state) {
    bool manage = context.actor->allows(file.incident.org_id, Action::manage_tasks);
    std::string url = case_url(file.incident.id);
    std::string rows;
    for (const auto& task : file.tasks) {
        std::string done = task.done_at ? tx(context, "case.task_done") : tx(context, "case.task_open");
        if (manage) {
            std::string id = "field-done-" + esc(task.id);
            done = fmt::format(R"(<form method="post" action="{}/tasks/{}/done" class="inline">{}<div class="choice"><input type="checkbox" name="done" value="1" id="{}"{}> <label for="{}">{}</label></div> <button type="submit" class="button small secondary">{}</button></form>)",
                               url, http::percent_encode(task.id), html::csrf_field(context), id,
                               task.done_at ? " checked" : "", id, tx(context, "case.task_done"), tx(context, "common.save"));
        }
        rows += fmt::format(R"(<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>)", esc(task.title),
                            task.assignee_name.empty() ? tx(context, "common.not_given") : esc(task.assignee_name),
                            task.due_at ? esc(html::stockholm_time(*task.due_at)) : tx(context, "common.not_given"), done);
    }
    std::string body =
        rows.empty() ? fmt::format("<p>{}</p>", tx(context, "case.no_tasks"))
                     : fmt::format(R"(<table><caption class="visually-hidden">{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
                                   tx(context, "case.tasks_heading"), tx(context, "case.task_title"),
                                   tx(context, "case.task_assignee"), tx(context, "case.task_due"),
                                   tx(context, "case.task_state"), rows);
    if (manage) {
        std::string title = fmt::format(R"(<input {{attrs}} type="text" name="title" maxlength="300" value="{}">)",
                                        esc(form_value(state.values, "title")));
        std::string assignee = fmt::format(R"(<select {{attrs}} name="assignee">{}</select>)",
                                           user_options(context, file.members, form_value(state.values, "assignee"),
                                                        "case.task_nobody"));
        std::string due = fmt::format(R"(<input {{attrs}} type="datetime-local" name="due_at" value="{}">)",
                                      esc(form_value(state.values, "due_at")));
        body += fmt::format(R"(<form method="post" action="{}/tasks"><h3>{}</h3>{}{}{}{}<button type="submit" class="button secondary">{}</button></form>)",
                            url, tx(context, "case.task_new"), html::csrf_field(context),
                            field(context, state, "title", "field-title", "case.task_title", "", title),
                            field(context, state, "assignee", "field-assignee", "case.task_assignee", "", assignee),
                            field(context, state, "due_at", "field-due-at", "case.task_due", "case.task_due_hint", due),
                            tx(context, "case.task_add"));
    }
    return section("tasks", tx(context, "case.tasks_heading"), body);
}

std::string questions_section(const Context& context, const app::CaseFile& file, const CaseFormState& state) {
    std::string url = case_url(file.incident.id);
    bool is_reporter = file.incident.reporter_id == context.actor->user_id;
    std::string items;
    for (const auto& question : file.questions) {
        std::string item = fmt::format(R"(<p class="meta">{} · {}</p><p class="pre"><strong>{}</strong> {}</p>)",
                                       esc(html::stockholm_time(question.asked_at)), esc(question.asked_by_name),
                                       tx(context, "case.question"), esc(question.question));
        if (question.answered_at) {
            item += fmt::format(R"(<p class="pre"><strong>{}</strong> {}</p>)", tx(context, "case.answer"), esc(question.answer));
        } else if (is_reporter) {
            std::string name = "answer." + question.id;
            std::string textarea = fmt::format(R"(<textarea {{attrs}} name="answer" rows="4">{}</textarea>)",
                                               esc(find_error(state.errors, name) ? form_value(state.values, "answer") : ""));
            item += fmt::format(R"(<form method="post" action="{}/questions/{}/answer">{}{}<button type="submit" class="button">{}</button></form>)",
                                url, http::percent_encode(question.id), html::csrf_field(context),
                                field(context, state, name, html::field_id(name), "case.your_answer", "", textarea),
                                tx(context, "case.answer_send"));
        } else {
            item += fmt::format(R"(<p><span class="badge">{}</span></p>)", tx(context, "case.unanswered"));
        }
        items += "<li>" + item + "</li>";
    }
    std::string body = items.empty() ? fmt::format("<p>{}</p>", tx(context, "case.no_questions"))
                                     : R"(<ol class="notes">)" + items + "</ol>";
    if (file.full_view && context.actor->allows(file.incident.org_id, Action::ask_reporter)) {
        std::string textarea = fmt::format(R"(<textarea {{attrs}} name="question" rows="3">{}</textarea>)",
                                           esc(form_value(state.values, "question")));
        body += fmt::format(R"(<form method="post" action="{}/questions">{}{}<button type="submit" class="button secondary">{}</button></form>)",
                            url, html::csrf_field(context),
                            field(context, state, "question", "field-question", "case.ask", "case.ask_hint", textarea),
                            tx(context, "case.ask_button"));
    }
    return section("questions", tx(context, "case.questions_heading"), body);
}

std::string attachments_section(const Context& context, const app::CaseFile& file, const CaseFormState& state) {
    std::string url = case_url(file.incident.id);
    std::string rows;
    for (const auto& attachment : file.attachments)
        rows += fmt::format(R"(<tr><th scope="row"><a href="{}/attachments/{}" download>{}</a></th><td>{}</td><td>{}</td></tr>)",
                            url, http::percent_encode(attachment.id), esc(attachment.filename), size_text(attachment.size),
                            esc(html::stockholm_time(attachment.uploaded_at)));
    std::string body =
        rows.empty() ? fmt::format("<p>{}</p>", tx(context, "case.no_attachments"))
                     : fmt::format(R"(<table><caption class="visually-hidden">{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
                                   tx(context, "case.attachments_heading"), tx(context, "case.file_name"),
                                   tx(context, "case.file_size"), tx(context, "case.file_uploaded"), rows);
    bool may_upload = file.incident.reporter_id == context.actor->user_id ||
                      context.actor->allows(file.incident.org_id, Action::upload_attachment);
    if (may_upload)
        body += fmt::format(R"(<form method="post" action="{}/attachments" enctype="multipart/form-data">{}{}<button type="submit" class="button secondary">{}</button></form>)",
                            url, html::csrf_field(context),
                            field(context, state, "file", "field-file", "case.file_choose", "case.file_hint",
                                  R"(<input {attrs} type="file" name="file">)"),
                            tx(context, "case.file_upload"));
    return section("attachments", tx(context, "case.attachments_heading"), body);
}

} // namespace skydda::web::pages::case_parts
