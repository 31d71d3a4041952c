// The case file's work sections (notes, tasks, questions to the reporter, attachments) and the
// form pieces the case page shares with them (case_file_parts.hpp). Built as html::Html
// (web/markup.hpp): every text is escaped by construction.
#include <fmt/format.h>

#include "domain/workflow.hpp"
#include "util/text.hpp"
#include "web/cases/case_file_parts.hpp"

namespace skydda::web::pages::case_parts {
using domain::Action;
using html::Html;

std::string size_text(int64_t bytes) {
    if (bytes < 1024) return fmt::format("{} B", bytes);
    if (bytes < 1024 * 1024) return fmt::format("{} kB", (bytes + 512) / 1024);
    return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

Html version_field(const domain::Incident& incident) {
    return html::format(R"(<input type="hidden" name="version" value="{}">)", incident.version);
}

// A labelled control with its error line; `control` gets the id and aria attributes.
Html field(const Context& context, const CaseFormState& state, std::string_view name, std::string_view id,
           std::string_view label_key, std::string_view hint_key, const Control& control) {
    return html::labelled_control(
        context, {id, context.t(label_key), hint_key.empty() ? std::string_view() : context.t(hint_key),
                  find_error(state.errors, name)},
        control);
}

Html user_options(const Context& context, const std::vector<domain::User>& users, std::string_view selected,
                  std::string_view empty_key) {
    Html options = html::format(R"(<option value="">{}</option>)", context.t(empty_key));
    for (const auto& user : users)
        options += html::format(R"(<option value="{}"{}>{}</option>)", user.id,
                                user.id == selected ? Html(" selected") : Html(), user.name);
    return options;
}

Html section(std::string_view id, std::string_view heading, const Html& body) {
    return html::format(R"(<section id="{0}" aria-labelledby="{0}-heading"><h2 id="{0}-heading">{1}</h2>{2}</section>)", id,
                        heading, body);
}

Html notes_section(const Context& context, const app::CaseFile& file, const CaseFormState& state) {
    Html list;
    for (const auto& note : file.notes)
        list += html::format(R"(<li><p class="meta">{} · {}</p><p class="pre">{}</p></li>)",
                             html::stockholm_time(note.created_at), note.author_name, note.body);
    Html body = list.empty() ? html::format("<p>{}</p>", context.t("case.no_notes"))
                             : html::format(R"(<ol class="notes">{}</ol>)", list);
    if (context.actor->allows(file.incident.org_id, Action::write_notes)) {
        auto textarea = [&](const Html& attrs) {
            return html::format(R"(<textarea {} name="body" rows="4">{}</textarea>)", attrs, form_value(state.values, "body"));
        };
        body += html::format(R"(<form method="post" action="{}/notes">{}{}<button type="submit" class="button secondary">{}</button></form>)",
                             case_url(file.incident.id), html::csrf_field(context),
                             field(context, state, "body", "field-body", "case.note_new", "", textarea),
                             context.t("case.note_add"));
    }
    return section("notes", context.t("case.notes_heading"), body);
}

Html tasks_section(const Context& context, const app::CaseFile& file, const CaseFormState& state) {
    bool manage = context.actor->allows(file.incident.org_id, Action::manage_tasks);
    std::string url = case_url(file.incident.id);
    Html rows;
    for (const auto& task : file.tasks) {
        Html done = html::text(context.t(task.done_at ? "case.task_done" : "case.task_open"));
        if (manage) {
            std::string id = "field-done-" + task.id;
            done = html::format(R"(<form method="post" action="{0}/tasks/{1}/done" class="inline">{2}<div class="choice"><input type="checkbox" name="done" value="1" id="{3}"{4}> <label for="{3}">{5}</label></div> <button type="submit" class="button small secondary">{6}</button></form>)",
                                url, http::percent_encode(task.id), html::csrf_field(context), id,
                                task.done_at ? Html(" checked") : Html(), context.t("case.task_done"), context.t("common.save"));
        }
        rows += html::format(R"(<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>)", task.title,
                             task.assignee_name.empty() ? context.t("common.not_given") : std::string_view(task.assignee_name),
                             task.due_at ? html::stockholm_time(*task.due_at) : std::string(context.t("common.not_given")),
                             done);
    }
    Html body =
        rows.empty() ? html::format("<p>{}</p>", context.t("case.no_tasks"))
                     : html::format(R"(<table><caption class="visually-hidden">{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
                                    context.t("case.tasks_heading"), context.t("case.task_title"),
                                    context.t("case.task_assignee"), context.t("case.task_due"),
                                    context.t("case.task_state"), rows);
    if (manage) {
        auto title = [&](const Html& attrs) {
            return html::format(R"(<input {} type="text" name="title" maxlength="300" value="{}">)", attrs,
                                form_value(state.values, "title"));
        };
        auto assignee = [&](const Html& attrs) {
            return html::format(R"(<select {} name="assignee">{}</select>)", attrs,
                                user_options(context, file.members, form_value(state.values, "assignee"), "case.task_nobody"));
        };
        auto due = [&](const Html& attrs) {
            return html::format(R"(<input {} type="datetime-local" name="due_at" value="{}">)", attrs,
                                form_value(state.values, "due_at"));
        };
        body += html::format(R"(<form method="post" action="{}/tasks"><h3>{}</h3>{}{}{}{}<button type="submit" class="button secondary">{}</button></form>)",
                             url, context.t("case.task_new"), html::csrf_field(context),
                             field(context, state, "title", "field-title", "case.task_title", "", title),
                             field(context, state, "assignee", "field-assignee", "case.task_assignee", "", assignee),
                             field(context, state, "due_at", "field-due-at", "case.task_due", "case.task_due_hint", due),
                             context.t("case.task_add"));
    }
    return section("tasks", context.t("case.tasks_heading"), body);
}

Html questions_section(const Context& context, const app::CaseFile& file, const CaseFormState& state) {
    std::string url = case_url(file.incident.id);
    bool is_reporter = file.incident.reporter_id == context.actor->user_id;
    Html items;
    for (const auto& question : file.questions) {
        Html item = html::format(R"(<p class="meta">{} · {}</p><p class="pre"><strong>{}</strong> {}</p>)",
                                 html::stockholm_time(question.asked_at), question.asked_by_name,
                                 context.t("case.question"), question.question);
        if (question.answered_at) {
            item += html::format(R"(<p class="pre"><strong>{}</strong> {}</p>)", context.t("case.answer"), question.answer);
        } else if (is_reporter) {
            std::string name = "answer." + question.id;
            auto textarea = [&](const Html& attrs) {
                return html::format(R"(<textarea {} name="answer" rows="4">{}</textarea>)", attrs,
                                    find_error(state.errors, name) ? form_value(state.values, "answer") : std::string());
            };
            item += html::format(R"(<form method="post" action="{}/questions/{}/answer">{}{}<button type="submit" class="button">{}</button></form>)",
                                 url, http::percent_encode(question.id), html::csrf_field(context),
                                 field(context, state, name, html::field_id(name), "case.your_answer", "", textarea),
                                 context.t("case.answer_send"));
        } else {
            item += html::format(R"(<p><span class="badge">{}</span></p>)", context.t("case.unanswered"));
        }
        items += html::format("<li>{}</li>", item);
    }
    Html body = items.empty() ? html::format("<p>{}</p>", context.t("case.no_questions"))
                              : html::format(R"(<ol class="notes">{}</ol>)", items);
    if (file.full_view && context.actor->allows(file.incident.org_id, Action::ask_reporter)) {
        auto textarea = [&](const Html& attrs) {
            return html::format(R"(<textarea {} name="question" rows="3">{}</textarea>)", attrs,
                                form_value(state.values, "question"));
        };
        body += html::format(R"(<form method="post" action="{}/questions">{}{}<button type="submit" class="button secondary">{}</button></form>)",
                             url, html::csrf_field(context),
                             field(context, state, "question", "field-question", "case.ask", "case.ask_hint", textarea),
                             context.t("case.ask_button"));
    }
    return section("questions", context.t("case.questions_heading"), body);
}

Html attachments_section(const Context& context, const app::CaseFile& file, const CaseFormState& state) {
    std::string url = case_url(file.incident.id);
    Html rows;
    for (const auto& attachment : file.attachments)
        rows += html::format(R"(<tr><th scope="row"><a href="{}/attachments/{}" download>{}</a></th><td>{}</td><td>{}</td></tr>)",
                             url, http::percent_encode(attachment.id), attachment.filename, size_text(attachment.size),
                             html::stockholm_time(attachment.uploaded_at));
    Html body =
        rows.empty() ? html::format("<p>{}</p>", context.t("case.no_attachments"))
                     : html::format(R"(<table><caption class="visually-hidden">{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
                                    context.t("case.attachments_heading"), context.t("case.file_name"),
                                    context.t("case.file_size"), context.t("case.file_uploaded"), rows);
    bool may_upload = file.incident.reporter_id == context.actor->user_id ||
                      context.actor->allows(file.incident.org_id, Action::upload_attachment);
    if (may_upload) {
        auto input = [](const Html& attrs) { return html::format(R"(<input {} type="file" name="file">)", attrs); };
        body += html::format(R"(<form method="post" action="{}/attachments" enctype="multipart/form-data">{}{}<button type="submit" class="button secondary">{}</button></form>)",
                             url, html::csrf_field(context),
                             field(context, state, "file", "field-file", "case.file_choose", "case.file_hint", input),
                             context.t("case.file_upload"));
    }
    return section("attachments", context.t("case.attachments_heading"), body);
}

} // namespace skydda::web::pages::case_parts
