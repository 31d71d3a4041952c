// One notice to a controller (/cases/{id}/processor-notices/{nid}): another way of sending it,
// the customer's acknowledgement, the figures and the customer's questions and their answers.
// The case file's section with every notice is pages_processor_notices.cpp. Built as html::Html
// (web/markup.hpp): every text is escaped by construction.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/processor/processor.hpp"
#include "util/text.hpp"
#include "web/outgoing_warning.hpp"
#include "web/processor/pages_processor.hpp"

namespace skydda::web::pages::processor {
namespace {

using html::Html;

// --- one notice ----------------------------------------------------------------------------

struct NoticeState {
    int status = 200;
    Form values;
    std::vector<html::FieldError> errors;
};

// What follows `<input ` and the control's id and aria attributes (processor::Control).
Html datetime(std::string_view name, const Form& values) {
    return html::format(R"( type="datetime-local" name="{}" value="{}">)", name, form_value(values, name));
}

Html notice_forms(const Context& context, std::string_view incident_id, const app::NoticeView& view, const NoticeState& state) {
    std::string url = notices_url(incident_id) + "/" + http::percent_encode(view.notice.id);
    const Html input("<input "), textarea("<textarea ");
    Html out;
    if (!view.notice.sent_at) {
        auto number = [&](std::string_view name, const std::optional<int64_t>& stored) {
            std::string value = form_has(state.values, name) ? form_value(state.values, name)
                                                             : (stored ? std::to_string(*stored) : std::string());
            return html::format(R"( type="text" inputmode="numeric" name="{}" value="{}" size="10">)", name, value);
        };
        out += html::format(R"(<section aria-labelledby="figures-heading"><h2 id="figures-heading">{}</h2><p class="hint">{}</p><form method="post" action="{}/figures">{}{}{}<button type="submit" class="button secondary">{}</button></form></section>)",
                            context.t("processor.figures_heading"), context.t("processor.figures_hint"), url, html::csrf_field(context),
                            processor::control(context, state.errors, {"subjects_count", "processor.subjects_count", "", input, number("subjects_count", view.notice.subjects_count)}),
                            processor::control(context, state.errors, {"records", "processor.records", "", input, number("records", view.notice.records)}),
                            context.t("processor.save_figures"));
        Html options;
        for (auto via : {"phone", "portal", "other"})
            options += html::format(R"(<option value="{}"{}>{}</option>)", via,
                                    form_value(state.values, "via") == via ? Html(" selected") : Html(),
                                    context.t(std::string("processor.via.") + via));
        out += html::format(R"(<section aria-labelledby="sent-heading"><h2 id="sent-heading">{}</h2><form method="post" action="{}/sent">{}{}{}<button type="submit" class="button secondary">{}</button></form></section>)",
                            context.t("processor.mark_sent_heading"), url, html::csrf_field(context),
                            processor::control(context, state.errors, {"via", "processor.sent_via", "", Html("<select "), html::format(R"( name="via">{}</select>)", options)}),
                            processor::control(context, state.errors, {"sent_at", "processor.when", "processor.when_hint", input, datetime("sent_at", state.values)}),
                            context.t("processor.mark_sent"));
    } else if (!view.notice.acknowledged_at) {
        out += html::format(R"(<section aria-labelledby="ack-heading"><h2 id="ack-heading">{}</h2><form method="post" action="{}/acknowledge">{}{}{}<button type="submit" class="button secondary">{}</button></form></section>)",
                            context.t("processor.acknowledge_heading"), url, html::csrf_field(context),
                            processor::control(context, state.errors, {"acknowledged_by", "processor.acknowledged_by", "", input,
                                                                       html::format(R"( type="text" name="acknowledged_by" maxlength="200" value="{}">)",
                                                                                    form_value(state.values, "acknowledged_by"))}),
                            processor::control(context, state.errors, {"acknowledged_at", "processor.when", "processor.when_hint", input, datetime("acknowledged_at", state.values)}),
                            context.t("processor.acknowledge"));
    }
    Html items;
    for (const auto& q : view.questions) {
        Html item = html::format(R"(<p class="meta">{} · {}</p><p class="pre"><strong>{}</strong> {}</p>)", context.t("processor.asked_at"),
                                 html::stockholm_time(q.asked_at), context.t("processor.question"), q.question);
        if (!q.answer.empty()) {
            item += html::format(R"(<p class="pre"><strong>{}</strong> {}</p>)", context.t("processor.answer"), q.answer);
        } else {
            std::string name = "answer." + q.id;
            item += html::format(R"(<p><span class="badge">{}</span></p><form method="post" action="{}/questions/{}/answer">{}{}<button type="submit" class="button small secondary">{}</button></form>)",
                                 context.t("processor.unanswered"), url, http::percent_encode(q.id), html::csrf_field(context),
                                 processor::control(context, state.errors, {name, "processor.answer", "", textarea,
                                                                            Html(R"( name="answer" rows="3"></textarea>)")}),
                                 context.t("processor.save_answer"));
        }
        items += html::format("<li>{}</li>", item);
    }
    out += html::format(R"(<section aria-labelledby="questions-heading"><h2 id="questions-heading">{}</h2>{}<h3>{}</h3><form method="post" action="{}/questions">{}{}{}{}<button type="submit" class="button secondary">{}</button></form></section>)",
                        context.t("processor.questions_heading"),
                        items.empty() ? html::format("<p>{}</p>", context.t("processor.no_questions")) : html::format(R"(<ol class="notes">{}</ol>)", items),
                        context.t("processor.add_question_heading"), url, html::csrf_field(context),
                        processor::control(context, state.errors, {"asked_at", "processor.asked_at", "processor.when_hint", input, datetime("asked_at", state.values)}),
                        processor::control(context, state.errors, {"question", "processor.question", "", textarea,
                                                                   html::format(R"( name="question" rows="3">{}</textarea>)", form_value(state.values, "question"))}),
                        processor::control(context, state.errors, {"new_answer", "processor.answer_optional", "", textarea,
                                                                   html::format(R"( name="new_answer" rows="3">{}</textarea>)", form_value(state.values, "new_answer"))}),
                        context.t("processor.add_question"));
    return out;
}

http::Response render_notice(Context& context, const NoticeState& state) {
    std::string id(context.request.path_param("id"));
    auto incident = context.app.get_incident(*context.actor, id); // audited read of the case
    if (!incident) return error_page(context, incident.error());
    auto overview = app::processor_overview(context.app, *context.actor, id);
    if (!overview) return error_page(context, overview.error());
    const app::NoticeView* view = nullptr;
    for (const auto& candidate : overview->notices)
        if (candidate.notice.id == context.request.path_param("nid")) view = &candidate;
    if (!view) return error_page(context, Error::not_found());
    const auto& n = view->notice;
    Html sent = time_or(context, n.sent_at, "processor.not_yet");
    if (n.sent_at) sent += html::format(" · {}", context.t("processor.via." + n.sent_via));
    Html acknowledged = time_or(context, n.acknowledged_at, "processor.not_yet");
    if (n.acknowledged_at) acknowledged += html::format(" · {}", n.acknowledged_by_name);
    Html emails;
    for (const auto& email : view->customer.emails) emails += (emails.empty() ? Html() : Html(", ")) + html::text(email);
    Html body = html::error_summary(context, state.errors);
    body += html::format(R"(<p><a href="{}#processor-notices">{}</a> · <a href="{}">{}</a></p>)", case_url(id),
                         context.t("processor.back_to_case"), pdf_link(id, view->customer), context.t("processor.open_notice"));
    auto figure = [&](const std::optional<int64_t>& value) {
        return value ? number_text(context.lang, *value) : std::string(context.t("processor.figures_unknown"));
    };
    body += html::format(R"(<dl class="summary"><div><dt>{}</dt><dd>{}</dd></div><div><dt>{}</dt><dd>{}</dd></div><div><dt>{}</dt><dd>{}</dd></div><div><dt>{}</dt><dd>{}</dd></div><div><dt>{}</dt><dd>{}</dd></div><div><dt>{}</dt><dd>{}</dd></div><div><dt>{}</dt><dd>{}</dd></div><div><dt>{}</dt><dd>{}</dd></div></dl>)",
                         context.t("processor.orgnr"), view->customer.orgnr, context.t("processor.emails"), emails,
                         context.t("processor.status"), state_text(context, *view), context.t("processor.deadline"),
                         time_or(context, n.deadline_at, "processor.deadline_none"), context.t("processor.sent_at"), sent,
                         context.t("processor.acknowledged_at"), acknowledged, context.t("processor.subjects_count"),
                         figure(n.subjects_count), context.t("processor.records"), figure(n.records));
    if (overview->may_notify) body += notice_forms(context, id, *view, state);
    auto title = fmt::format(fmt::runtime(context.t("processor.notice_title")), fmt::arg("name", view->customer.name));
    return html::page(context, state.status, {title + " · " + incident->case_number, title, std::move(body), "cases", false});
}

http::Response show_notice(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    return render_notice(context, {});
}

// --- the POST handlers -----------------------------------------------------------------------

template <class T>
http::Response after_notice_change(Context& context, const Result<T>& result, const Form& form, std::string field = {}) {
    if (result)
        return http::Response::redirect(notices_url(context.request.path_param("id")) + "/" +
                                        http::percent_encode(context.request.path_param("nid")));
    const auto& error = result.error();
    if (error.code != ErrorCode::invalid_argument) return error_page(context, error);
    if (field.empty()) field = error.field;
    return render_notice(context, {400, form, {{field, processor::error_text(context, error)}}});
}

http::Response mark_sent(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form)) return *stop;
    auto at = processor::local_time(context, form_value(form, "sent_at"), "sent_at");
    if (!at) return after_notice_change(context, at, form, "sent_at");
    return after_notice_change(context, app::mark_notice_sent(context.app, *context.actor, context.request.path_param("id"),
                                                              context.request.path_param("nid"), form_value(form, "via"), *at),
                               form);
}

http::Response acknowledge(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form)) return *stop;
    auto at = processor::local_time(context, form_value(form, "acknowledged_at"), "acknowledged_at");
    if (!at) return after_notice_change(context, at, form, "acknowledged_at");
    return after_notice_change(context, app::acknowledge_notice(context.app, *context.actor, context.request.path_param("id"),
                                                                context.request.path_param("nid"), *at,
                                                                form_value(form, "acknowledged_by")),
                               form);
}

http::Response add_question(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form)) return *stop;
    auto at = processor::local_time(context, form_value(form, "asked_at"), "asked_at");
    if (!at) return after_notice_change(context, at, form, "asked_at");
    app::NoticeQuestionInput input{*at, form_value(form, "question"), form_value(form, "new_answer")};
    auto added = app::add_notice_question(context.app, *context.actor, context.request.path_param("id"),
                                          context.request.path_param("nid"), input);
    return after_notice_change(context, added, form, added || added.error().field != "answer" ? "" : "new_answer");
}

Result<std::optional<int64_t>> count_field(const Form& form, std::string_view name) {
    auto value = std::string(text::trim(form_value(form, name)));
    if (value.empty()) return std::optional<int64_t>();
    if (value.size() > 13 || value.find_first_not_of("0123456789") != std::string::npos)
        return fail(Error::invalid(std::string(name), "must be a whole number"));
    return std::optional<int64_t>(std::stoll(value));
}

http::Response figures(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form)) return *stop;
    auto subjects = count_field(form, "subjects_count");
    if (!subjects) return after_notice_change(context, subjects, form);
    auto records = count_field(form, "records");
    if (!records) return after_notice_change(context, records, form);
    return after_notice_change(context, app::set_notice_figures(context.app, *context.actor, context.request.path_param("id"),
                                                                context.request.path_param("nid"), *subjects, *records),
                               form);
}

http::Response answer(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form)) return *stop;
    std::string qid(context.request.path_param("qid"));
    return after_notice_change(context, app::answer_notice_question(context.app, *context.actor, context.request.path_param("id"),
                                                                    qid, form_value(form, "answer")),
                               form, "answer." + qid);
}

} // namespace

void register_notice_page(Site& site) {
    site.add("GET", "/cases/{id}/processor-notices/{nid}", show_notice);
    site.add("POST", "/cases/{id}/processor-notices/{nid}/sent", mark_sent);
    site.add("POST", "/cases/{id}/processor-notices/{nid}/acknowledge", acknowledge);
    site.add("POST", "/cases/{id}/processor-notices/{nid}/figures", figures);
    site.add("POST", "/cases/{id}/processor-notices/{nid}/questions", add_question);
    site.add("POST", "/cases/{id}/processor-notices/{nid}/questions/{qid}/answer", answer);
}

} // namespace skydda::web::pages::processor
