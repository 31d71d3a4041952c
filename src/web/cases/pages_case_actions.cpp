// The case file's POST handlers. Each checks sign-in and CSRF, calls one use case and
// redirects back to the case (303, PRG) with an anchor; a field error re-renders the case
// with the error summary and the user's text kept.
#include <fmt/format.h>

#include "web/cases/cases.hpp"
#include "web/report/report.hpp"

namespace skydda::web::pages {
namespace {

// Back to the case with what was done, so the page confirms it (pages_case_notice.cpp).
std::string case_path(std::string_view id, std::string_view done) {
    return case_url(id) + "?done=" + std::string(done) + "#done";
}

std::optional<int64_t> version_of(const Form& form) {
    auto text = form_value(form, "version");
    if (text.empty() || text.size() > 18) return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9') return std::nullopt;
    return std::stoll(text);
}

// Guards every POST: signed in (else to sign-in and back to the case) and the CSRF token.
std::optional<http::Response> guard(Context& context, std::string_view csrf) {
    if (!context.actor) {
        auto back = case_url(context.request.path_param("id"));
        return http::Response::redirect("/login?next=" + http::percent_encode(back));
    }
    if (!csrf_ok(context, csrf)) return csrf_failed(context);
    return std::nullopt;
}

// After the use case: back to the case saying what was `done`, or the case again with the
// error at `field`.
template <class T>
http::Response finish(Context& context, const Result<T>& result, std::string_view done, const Form& values,
                      std::string field) {
    std::string id(context.request.path_param("id"));
    if (result) return http::Response::redirect(case_path(id, done));
    const Error& error = result.error();
    bool field_error = error.code == ErrorCode::invalid_argument || error.code == ErrorCode::failed_precondition;
    if (!field_error) return error_page(context, error);
    std::string message = case_error_text(context, error);
    return render_case_file(context, id, http_status_for(error.code), {{{std::move(field), message}}, values});
}

http::Response register_case(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    std::string id(context.request.path_param("id"));
    // The registrar confirms or corrects kännedom in the same step (an empty field keeps it).
    std::optional<app::App::AwarenessInput> aware;
    if (auto text = form_value(form, "aware_at"); !text.empty()) {
        auto at = parse_stockholm_local(text, "aware_at");
        if (!at) return finish(context, Result<domain::Incident>(std::unexpected(at.error())), "register", form, "aware_at");
        aware = app::App::AwarenessInput{*at, form_value(form, "aware_reason")};
    }
    auto registered = context.app.change_status(*context.actor, id, domain::CaseStatus::registered, "", version_of(form),
                                                aware ? &*aware : nullptr);
    if (!registered) {
        auto field = registered.error().field;
        return finish(context, registered, "register", form,
                      field == "aware_at" || field == "aware_reason" ? field : std::string("register_handler"));
    }
    auto handler = form_value(form, "handler");
    if (handler.empty()) return http::Response::redirect(case_path(id, "registered"));
    return finish(context, context.app.assign(*context.actor, id, handler), "registered", form, "handler");
}

http::Response assign(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    auto handler = form_value(form, "handler");
    if (handler.empty())
        return render_case_file(context, context.request.path_param("id"), 400,
                                {{{"handler", std::string(context.t("case.error.handler"))}}, form});
    return finish(context, context.app.assign(*context.actor, context.request.path_param("id"), handler), "assigned", form,
                  "handler");
}

http::Response change_status(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    auto to = domain::parse_status(form_value(form, "to"));
    if (!to) return error_page(context, Error::invalid("to", "unknown status"));
    auto result = context.app.change_status(*context.actor, context.request.path_param("id"), *to,
                                            form_value(form, "reason"), version_of(form));
    return finish(context, result, "status", form, "reason");
}

http::Response edit_facts(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    std::string id(context.request.path_param("id"));
    auto facts = facts_from_form(context, form);
    Error error;
    if (facts) {
        auto updated = context.app.update_facts(*context.actor, id, std::move(*facts), version_of(form),
                                                form_value(form, "aware_reason"));
        if (updated) return http::Response::redirect(case_path(id, "facts"));
        error = updated.error();
    } else {
        error = facts.error();
    }
    if (error.code != ErrorCode::invalid_argument && error.code != ErrorCode::failed_precondition)
        return error_page(context, error);
    auto file = context.app.open_case(*context.actor, id);
    if (!file) return error_page(context, file.error());
    if (error.code == ErrorCode::failed_precondition)
        return render_edit_form(context, *file, 412, form, {{"version", std::string(context.t("error.stale"))}}, true);
    std::string field = error.field.empty() ? "title" : error.field;
    if (field == "aware_reason")
        return render_edit_form(context, *file, 400, form, {{field, std::string(context.t("case.error.aware_reason"))}}, false);
    return render_edit_form(context, *file, 400, form, {{field, report_error_text(context, error)}}, false);
}

http::Response apply_scan(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    auto result = context.app.apply_scan(&*context.actor, context.request.path_param("id"),
                                         context.request.path_param("sid"), version_of(form));
    return finish(context, result, "scan", form, "scans");
}

http::Response add_note(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    return finish(context, context.app.add_note(*context.actor, context.request.path_param("id"), form_value(form, "body")),
                  "note", form, "body");
}

http::Response add_task(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    app::NewTask task;
    task.title = form_value(form, "title");
    task.assignee_id = form_value(form, "assignee");
    if (auto due = form_value(form, "due_at"); !due.empty()) {
        auto instant = parse_stockholm_local(due, "due_at");
        if (!instant) return finish(context, Result<int>(std::unexpected(instant.error())), "tasks", form, "due_at");
        task.due_at = *instant;
    }
    auto result = context.app.add_task(*context.actor, context.request.path_param("id"), task);
    std::string field = result ? "" : result.error().field;
    if (field != "assignee" && field != "due_at") field = "title";
    return finish(context, result, "task", form, field);
}

http::Response task_done(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    // The task must be of the case in the path; the use case checks access through that case.
    auto tid = context.request.path_param("tid");
    return finish(context,
                  context.app.set_task_done(*context.actor, tid, !form_value(form, "done").empty(),
                                            context.request.path_param("id")),
                  "task_done", form, "title");
}

http::Response ask(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    return finish(context,
                  context.app.ask_reporter(*context.actor, context.request.path_param("id"), form_value(form, "question")),
                  "question", form, "question");
}

http::Response answer(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    // The question must be of the case in the path; the use case checks access through that case.
    std::string qid(context.request.path_param("qid"));
    return finish(context,
                  context.app.answer_question(*context.actor, qid, form_value(form, "answer"),
                                              context.request.path_param("id")),
                  "answer", form, "answer." + qid);
}

http::Response upload(Context& context) {
    if (!context.actor) return *guard(context, "");
    auto parts = http::parse_multipart(context.request.header("content-type"), context.request.body);
    if (!parts) return error_page(context, Error::invalid("file", "malformed upload"));
    std::string csrf;
    const http::FormPart* file = nullptr;
    for (const auto& part : *parts) {
        if (part.name == "csrf" && !part.filename) csrf = part.data;
        if (part.name == "file" && part.filename) file = &part;
    }
    if (auto stop = guard(context, csrf)) return *stop;
    Form none;
    if (!file || file->filename->empty())
        return finish(context, Result<int>(std::unexpected(Error::invalid("file", "choose a file"))), "attachments", none,
                      "file");
    app::NewAttachment attachment{*file->filename, file->content_type, file->data};
    return finish(context, context.app.add_attachment(*context.actor, context.request.path_param("id"), attachment),
                  "attachment", none, "file");
}

// A NIS2 or DORA report recorded from the case page's table of duties.
http::Response record_report(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    app::NotificationInput input;
    input.recipient = form_value(form, "recipient");
    if (input.recipient != "nis2" && input.recipient != "dora")
        return finish(context, Result<int>(std::unexpected(Error::invalid("recipient", "must be nis2 or dora"))), "duties",
                      form, "recipient");
    auto at = parse_stockholm_local(form_value(form, "submitted_at"), "submitted_at");
    if (!at) return finish(context, Result<int>(std::unexpected(at.error())), "duties", form, "submitted_at");
    input.submitted_at = *at;
    input.authority_reference = form_value(form, "authority_reference");
    try {
        input.phase = std::stoll(form_value(form, "phase"));
    } catch (...) {
        return finish(context, Result<int>(std::unexpected(Error::invalid("phase", "must be a number"))), "duties", form,
                      "phase");
    }
    return finish(context, context.app.record_notification(*context.actor, context.request.path_param("id"), input),
                  "report", form, "submitted_at");
}

} // namespace

void register_case_actions(Site& site) {
    site.add("POST", "/cases/{id}/reports", record_report);
    site.add("POST", "/cases/{id}/register", register_case);
    site.add("POST", "/cases/{id}/assign", assign);
    site.add("POST", "/cases/{id}/status", change_status);
    site.add("POST", "/cases/{id}/edit", edit_facts);
    site.add("POST", "/cases/{id}/notes", add_note);
    site.add("POST", "/cases/{id}/scans/{sid}/apply", apply_scan);
    site.add("POST", "/cases/{id}/tasks", add_task);
    site.add("POST", "/cases/{id}/tasks/{tid}/done", task_done);
    site.add("POST", "/cases/{id}/questions", ask);
    site.add("POST", "/cases/{id}/questions/{qid}/answer", answer);
    site.add("POST", "/cases/{id}/attachments", upload);
}

} // namespace skydda::web::pages
