// The notification to IMY in the browser: a section of the case file (the 72-hour status, what
// is still missing with a link to where each item is filled in, the personal data warnings,
// what was sent) and the page /cases/{id}/notification with the draft's form and the form that
// records the submission. Works without JavaScript; every POST carries the CSRF token.
// Built as html::Html (web/markup.hpp): every text is escaped by construction.
#include <fmt/format.h>

#include "app/notify/doc_imy.hpp"
#include "domain/duties.hpp"
#include "util/text.hpp"
#include "web/cases/cases.hpp"
#include "web/notify/notify.hpp"

namespace skydda::web::pages {
namespace {

using html::Html;

std::string notify_url(std::string_view id) { return case_url(id) + "/notification"; }
std::string lang_of(const Context& context) { return std::string(lang_code(context.lang)); }
// The draft field's label (plain text).
std::string label_of(const Context& context, std::string_view key) {
    return std::string(app::imy::text(lang_of(context), key));
}

struct PageState {
    std::vector<html::FieldError> errors;
    std::optional<Form> draft_values;
    std::optional<Form> record_values;
    std::string notice_key; // a message shown above the forms
};

// Where a missing item is filled in: the draft's form, the case's facts, the assessment, or the
// organisation's details (no link: the administrator changes those).
Html fix_link(const Context& context, std::string_view id, std::string_view key, bool on_page) {
    static const std::pair<std::string_view, std::string_view> k_facts[] = {
        {"breach.occurred_at", "occurred_at"},   {"breach.discovered_at", "discovered_at"},
        {"breach.what_happened", "what_happened"}, {"breach.description", "description"},
        {"breach.discovered_by", "discovered_by"}, {"breach.cause", "cause"},
        {"subjects.count", "subjects.count"},     {"subjects.groups", "subjects.groups"},
        {"data.categories", "data"},              {"consequences.description", "consequences"},
        {"consequences.measures", "measures"}};
    for (auto [doc_key, form_name] : k_facts)
        if (doc_key == key)
            return html::format(R"(<a href="{}/edit#{}">{}</a>)", case_url(id), html::field_id(form_name),
                                context.t("notify.fix_facts"));
    if (key == "breach.risk" || key == "consequences.severity")
        return html::format(R"(<a href="{}/assessment">{}</a>)", case_url(id), context.t("notify.fix_assessment"));
    if (app::imy::find_draft_key(key))
        return html::format(R"(<a href="{}#{}">{}</a>)", on_page ? "" : notify_url(id), html::field_id(key),
                            context.t(on_page ? "notify.fix_draft" : "notify.fix_draft_page"));
    return html::text(context.t("notify.fix_organisation"));
}

Html missing_list(const Context& context, std::string_view id, const doc::Document& document, bool on_page) {
    if (document.missing.empty()) return html::format(R"(<p>{}</p>)", context.t("notify.complete"));
    Html items;
    for (const auto& missing : document.missing)
        items += html::format("<li>{} – {}</li>", missing.label, fix_link(context, id, missing.key, on_page));
    return html::format(R"(<h3>{}</h3><p>{}</p><ul>{}</ul>)", context.t("notify.missing_heading"),
                        count_text(context.lang, "notify.missing_count", static_cast<long long>(document.missing.size())),
                        items);
}

std::string kinds_text(const Context& context, const std::vector<std::string>& kinds) {
    std::string out;
    for (const auto& kind : kinds) out += (out.empty() ? "" : ", ") + std::string(context.t("notify.kind." + kind));
    return out;
}

// Plain text, escaped where it goes.
std::string warning_line(const Context& context, const app::PersonalDataWarning& warning) {
    return fmt::format(fmt::runtime(context.t("notify.warning_field")), fmt::arg("kinds", kinds_text(context, warning.kinds)));
}

Html warnings_panel(const Context& context, std::string_view id, const std::vector<app::PersonalDataWarning>& warnings,
                    bool on_page) {
    if (warnings.empty()) return {};
    Html items;
    for (const auto& warning : warnings)
        items += html::format("<li><strong>{}</strong>: {} – {}</li>", label_of(context, warning.key),
                              warning_line(context, warning), fix_link(context, id, warning.key, on_page));
    return html::format(R"(<div class="panel" role="note" id="personal-data-warnings"><h3>{}</h3><p>{}</p><ul>{}</ul></div>)",
                        context.t("notify.warnings_heading"), context.t("notify.warnings_intro"), items);
}

Html clock_panel(const Context& context, const app::ImyPreparation& prep) {
    const app::NotificationRecord* first = nullptr;
    for (const auto& record : prep.sent)
        if (record.recipient == "imy" && record.phase == 0) first = &record;
    std::string_view status;
    if (first) status = context.t(first->late ? "notify.sent_late" : "notify.sent_on_time");
    else status = context.t(prep.late_now ? "notify.late_now" : "notify.on_time_now");
    return html::format(R"(<dl class="summary"><div class="row"><dt>{}</dt><dd>{}</dd></div><div class="row"><dt>{}</dt><dd>{}</dd></div></dl><p>{}</p>)",
                        context.t("notify.aware"), html::stockholm_time(prep.aware), context.t("notify.due"),
                        html::stockholm_time(prep.aware + domain::k_authority_period), status);
}

std::string phase_text(const Context& context, int64_t phase) {
    if (phase == 0) return std::string(context.t("notify.phase0"));
    return fmt::format(fmt::runtime(context.t("notify.phase_n")), fmt::arg("n", phase));
}

Html sent_table(const Context& context, const std::vector<app::NotificationRecord>& sent) {
    if (sent.empty()) return html::format("<p>{}</p>", context.t("notify.none_sent"));
    Html rows;
    for (const auto& r : sent) {
        Html lateness = html::text(fmt::format(fmt::runtime(context.t("notify.hours")),
                                               fmt::arg("hours", r.seconds_after_awareness / 3600)));
        if (r.late) lateness += html::format(R"( <span class="badge">{}</span>)", context.t("notify.late_badge"));
        rows += html::format(R"(<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
                             context.t("notify.recipient." + r.recipient), phase_text(context, r.phase),
                             html::stockholm_time(r.submitted_at), r.authority_reference, lateness,
                             r.supplement_due_at ? html::stockholm_time(*r.supplement_due_at) : std::string());
    }
    return html::format(R"(<table id="sent"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
                        context.t("notify.sent_heading"), context.t("notify.col.recipient"), context.t("notify.col.phase"),
                        context.t("notify.col.submitted"), context.t("notify.col.reference"),
                        context.t("notify.col.lateness"), context.t("notify.col.supplement_due"), rows);
}

Html document_links(const Context& context, std::string_view id, int64_t phase) {
    auto base = case_url(id) + "/documents/";
    Html out = html::format(R"(<li><a href="{0}imy-notification?format=pdf">{1}</a></li><li><a href="{0}imy-notification?format=html">{2}</a></li>)",
                            base, context.t("notify.document_pdf"), context.t("notify.document_html"));
    if (phase > 0)
        out += html::format(R"(<li><a href="{0}imy-supplement?format=pdf">{1}</a></li><li><a href="{0}imy-supplement?format=html">{2}</a></li>)",
                            base, context.t("notify.supplement_pdf"), context.t("notify.supplement_html"));
    return html::format(R"(<h3>{}</h3><ul>{}</ul>)", context.t("notify.documents_heading"), out);
}

// --- the forms -------------------------------------------------------------------------------

const app::PersonalDataWarning* warning_for(const app::ImyPreparation& prep, std::string_view key) {
    for (const auto& warning : prep.warnings)
        if (warning.key == key) return &warning;
    return nullptr;
}

Html error_and_warning(const Context& context, const PageState& state, const app::ImyPreparation& prep,
                       std::string_view name) {
    Html out;
    if (const auto* error = find_error(state.errors, name)) out += field_error_line(context, name, error->message);
    if (const auto* warning = warning_for(prep, name))
        out += html::format(R"(<p class="hint" id="{}-warning"><strong>{}</strong></p>)", html::field_id(name),
                            warning_line(context, *warning));
    return out;
}

Html has_error_class(bool has_error) { return has_error ? Html(" has-error") : Html(); }

// `id_name` gives the control its id when `name` alone would repeat another form's id on the
// page (the record form's late_reason and supplement_reason beside the draft's late.reason and
// supplement.reason both map to field-late-reason / field-supplement-reason). `label` is text.
Html text_control(const Context& context, const PageState& state, const app::ImyPreparation& prep,
                  std::string_view name, std::string_view label, const std::string& value, bool area,
                  std::string_view id_name = {}) {
    auto id = html::field_id(id_name.empty() ? name : id_name);
    bool has_error = find_error(state.errors, name) != nullptr;
    Html invalid = has_error ? Html(R"( aria-invalid="true")") : Html();
    Html control = area ? html::format(R"(<textarea id="{}" name="{}" rows="3"{}>{}</textarea>)", id, name, invalid, value)
                        : html::format(R"(<input id="{}" name="{}" type="text" value="{}"{}>)", id, name, value, invalid);
    return html::format(R"(<div class="field{}"><label for="{}">{}</label>{}{}</div>)", has_error_class(has_error), id,
                        label, error_and_warning(context, state, prep, name), control);
}

Html choice_control(const Context& context, const PageState& state, const app::ImyPreparation& prep,
                    std::string_view name, const std::string& value, bool partly) {
    Html options;
    bool first = true;
    for (std::string_view choice : {"yes", "no", "partly"}) {
        if (choice == "partly" && !partly) continue;
        auto id = first ? html::field_id(name) : html::field_id(name) + "-" + std::string(choice);
        first = false;
        options += html::format(R"(<div class="choice"><input type="radio" id="{}" name="{}" value="{}"{}><label for="{}">{}</label></div>)",
                                id, name, choice, value == choice ? Html(" checked") : Html(), id,
                                context.t("notify." + std::string(choice)));
    }
    bool has_error = find_error(state.errors, name) != nullptr;
    return html::format(R"(<div class="field{}"><fieldset><legend>{}</legend>{}<div class="options">{}</div></fieldset></div>)",
                        has_error_class(has_error), label_of(context, name),
                        error_and_warning(context, state, prep, name), options);
}

Html draft_form(const Context& context, std::string_view id, const app::ImyPreparation& prep,
                       const PageState& state) {
    auto value = [&](std::string_view key) -> std::string {
        if (state.draft_values) return form_value(*state.draft_values, key);
        auto found = prep.values.find(std::string(key));
        return found == prep.values.end() ? std::string() : found->second;
    };
    auto text_field = [&](std::string_view key, bool area, std::string label = {}) {
        if (label.empty()) label = label_of(context, key);
        return text_control(context, state, prep, key, label, value(key), area);
    };
    std::string when(context.t("notify.when"));
    Html fields = text_field("contact.person", true) + text_field("contact.address", true) +
                         text_field("controller.processors", false) +
                         choice_control(context, state, prep, "data.encrypted", value("data.encrypted"), true) +
                         choice_control(context, state, prep, "subjects.informed", value("subjects.informed"), false) +
                         text_field("subjects.informed_at", false, when) +
                         choice_control(context, state, prep, "subjects.will_inform", value("subjects.will_inform"), false) +
                         text_field("subjects.will_inform_at", false, when) + text_field("subjects.why_not", true) +
                         text_field("late.reason", true) +
                         choice_control(context, state, prep, "supplement.will", value("supplement.will"), false) +
                         text_field("supplement.reason", true);
    if (prep.phase > 0) fields += text_field("supplement.note", true);
    return html::format(R"(<section id="draft" aria-labelledby="draft-heading"><h2 id="draft-heading">{}</h2><p>{}</p><form method="post" action="{}/draft">{}<input type="hidden" name="phase" value="{}"><input type="hidden" name="version" value="{}">{}<button type="submit" class="button secondary">{}</button></form></section>)",
                        context.t("notify.draft_heading"), context.t("notify.draft_intro"), notify_url(id),
                        html::csrf_field(context), prep.phase, prep.draft.version, fields, context.t("notify.draft_save"));
}

// The record form's fields whose ids would repeat the draft form's.
constexpr std::pair<std::string_view, std::string_view> k_record_id_names[] = {{"late_reason", "record_late_reason"},
                                                                               {"supplement_reason", "record_supplement_reason"}};

Html record_form(const Context& context, std::string_view id, const app::ImyPreparation& prep,
                        const PageState& state) {
    auto value = [&](std::string_view key, std::string fallback = {}) {
        return state.record_values ? form_value(*state.record_values, key) : fallback;
    };
    auto now = context.app.clock().now();
    Html submitted = html::format(
        R"(<div class="field{}"><label for="field-submitted-at">{}</label>{}<input id="field-submitted-at" name="submitted_at" type="datetime-local" value="{}"></div>)",
        has_error_class(find_error(state.errors, "submitted_at")), context.t("notify.submitted_at"),
        error_and_warning(context, state, prep, "submitted_at"), value("submitted_at", format_stockholm_local_input(now)));
    Html fields = submitted +
                  text_control(context, state, prep, "authority_reference", context.t("notify.authority_reference"),
                               value("authority_reference"), false) +
                  text_control(context, state, prep, "our_reference", context.t("notify.our_reference"),
                               value("our_reference"), false);
    bool show_late = prep.late_now || find_error(state.errors, "late_reason");
    if (show_late)
        fields += text_control(context, state, prep, "late_reason",
                               context.t(prep.phase == 0 ? "notify.late_reason" : "notify.late_reason_supplement"),
                               value("late_reason", [&] {
                                   auto found = prep.values.find("late.reason");
                                   return found == prep.values.end() ? std::string() : found->second;
                               }()),
                               true, k_record_id_names[0].second);
    fields += html::format(R"(<div class="field"><div class="choice"><input type="checkbox" id="field-supplement-promised" name="supplement_promised" value="yes"{}><label for="field-supplement-promised">{}</label></div></div>)",
                           value("supplement_promised") == "yes" ? Html(" checked") : Html(), context.t("notify.supplement_promised"));
    fields += text_control(context, state, prep, "supplement_reason", context.t("notify.supplement_reason"),
                           value("supplement_reason"), true, k_record_id_names[1].second);
    if (!prep.warnings.empty() || find_error(state.errors, "acknowledge_personal_data"))
        fields += html::format(R"(<div class="field{}">{}<div class="choice"><input type="checkbox" id="field-acknowledge-personal-data" name="acknowledge_personal_data" value="yes"><label for="field-acknowledge-personal-data">{}</label></div></div>)",
                               has_error_class(find_error(state.errors, "acknowledge_personal_data")),
                               error_and_warning(context, state, prep, "acknowledge_personal_data"),
                               context.t("notify.acknowledge"));
    return html::format(R"(<section id="record" aria-labelledby="record-heading"><h2 id="record-heading">{}</h2><p>{}</p><form method="post" action="{}/record">{}<input type="hidden" name="phase" value="{}">{}<button type="submit" class="button">{}</button></form></section>)",
                        context.t(prep.phase == 0 ? "notify.record_heading" : "notify.record_supplement_heading"),
                        context.t("notify.record_intro"), notify_url(id), html::csrf_field(context), prep.phase, fields,
                        context.t("notify.record"));
}

http::Response render(Context& context, int status, const PageState& state) {
    std::string id(context.request.path_param("id"));
    auto incident = context.app.get_incident(*context.actor, id);
    if (!incident) return error_page(context, incident.error());
    auto prep = context.app.imy_preparation(*context.actor, id, lang_of(context));
    if (!prep) return error_page(context, prep.error());
    auto summary = state.errors; // links to the record form's own ids when it was posted
    if (state.record_values)
        for (auto& error : summary)
            for (auto [name, id_name] : k_record_id_names)
                if (error.field == name) error.field = id_name;
    Html body = html::error_summary(context, summary);
    body += done_notice(context, *incident);
    if (!state.notice_key.empty()) body += html::format(R"(<p class="panel" role="status">{}</p>)", context.t(state.notice_key));
    body += html::format(R"(<p><a href="{}">{}</a></p>)", case_url(id), context.t("notify.back"));
    body += html::format(R"(<section id="status" aria-labelledby="status-heading"><h2 id="status-heading">{}</h2>{}{}{}{}</section>)",
                         context.t("notify.clock_heading"), clock_panel(context, *prep),
                         missing_list(context, id, prep->document, true), warnings_panel(context, id, prep->warnings, true),
                         document_links(context, id, prep->phase));
    body += draft_form(context, id, *prep, state);
    body += record_form(context, id, *prep, state);
    body += html::format(R"(<section aria-labelledby="sent-heading"><h2 id="sent-heading">{}</h2>{}</section>)",
                         context.t("notify.sent_heading"), sent_table(context, prep->sent));
    std::string title = fmt::format(fmt::runtime(context.t("notify.title")), fmt::arg("number", incident->case_number));
    return html::page(context, status, {title, "", std::move(body), "cases", false});
}

std::optional<http::Response> guard(Context& context, const Form& form) {
    if (!context.actor)
        return http::Response::redirect("/login?next=" + http::percent_encode(notify_url(context.request.path_param("id"))));
    if (!csrf_ok(context, form_value(form, "csrf"))) return csrf_failed(context);
    return std::nullopt;
}

std::optional<int64_t> whole_number(std::string_view text) {
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    return std::stoll(std::string(text));
}

http::Response show(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    PageState state;
    if (context.request.query_param("saved")) state.notice_key = "notify.draft_saved";
    if (context.request.query_param("recorded")) state.notice_key = "notify.recorded";
    return render(context, 200, state);
}

http::Response save_draft(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form)) return *stop;
    std::string id(context.request.path_param("id"));
    std::map<std::string, std::string> fields;
    for (const auto& key : app::imy::draft_keys())
        if (form_has(form, key.key)) fields[std::string(key.key)] = form_value(form, key.key);
    auto phase = whole_number(form_value(form, "phase")).value_or(0);
    auto saved = context.app.save_notification_draft(*context.actor, id, phase, std::move(fields),
                                                     whole_number(form_value(form, "version")));
    if (saved) return http::Response::redirect(notify_url(id) + "?saved=1#draft");
    PageState state;
    if (saved.error().code == ErrorCode::failed_precondition) {
        state.notice_key = "notify.draft_stale";
        return render(context, 409, state);
    }
    if (saved.error().code != ErrorCode::invalid_argument) return error_page(context, saved.error());
    state.errors = {{saved.error().field, std::string(context.t("notify.error.draft_field"))}};
    state.draft_values = std::move(form);
    return render(context, 400, state);
}

Result<app::NotificationInput> input_from_form(const Form& form) {
    app::NotificationInput input;
    input.recipient = "imy";
    auto submitted = form_value(form, "submitted_at");
    if (submitted.empty()) return fail(Error::invalid("submitted_at", "is required"));
    input.submitted_at = TRY(parse_stockholm_local(submitted, "submitted_at"));
    input.authority_reference = std::string(text::trim(form_value(form, "authority_reference")));
    input.our_reference = std::string(text::trim(form_value(form, "our_reference")));
    input.late_reason = form_value(form, "late_reason");
    input.supplement_promised = form_value(form, "supplement_promised") == "yes";
    input.supplement_reason = form_value(form, "supplement_reason");
    input.acknowledge_personal_data = form_value(form, "acknowledge_personal_data") == "yes";
    input.phase = whole_number(form_value(form, "phase"));
    return input;
}

// The user's words for a refused recording; a missing item of the document names its label.
html::FieldError record_error(Context& context, const Error& error) {
    std::string key = "notify.error." + error.field;
    if (has_message(key)) return {error.field, std::string(context.t(key))};
    if (error.field.find('.') != std::string::npos) {
        auto label = app::imy::text(lang_of(context), error.field);
        return {error.field, fmt::format(fmt::runtime(context.t("notify.error.missing")), fmt::arg("label", label))};
    }
    return {error.field, std::string(context.t("page.error.invalid"))};
}

http::Response record(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form)) return *stop;
    std::string id(context.request.path_param("id"));
    auto input = input_from_form(form);
    auto recorded = input ? context.app.record_notification(*context.actor, id, *input)
                          : Result<app::NotificationRecord>(std::unexpected(input.error()));
    if (recorded) return http::Response::redirect(notify_url(id) + "?done=notified#done");
    if (recorded.error().code != ErrorCode::invalid_argument) return error_page(context, recorded.error());
    PageState state;
    state.errors = {record_error(context, recorded.error())};
    state.record_values = std::move(form);
    return render(context, 400, state);
}

} // namespace

Html notification_section(Context& context, const app::CaseFile& file) {
    if (!context.actor || !context.actor->allows(file.incident.org_id, domain::Action::notify)) return {};
    const auto& id = file.incident.id;
    auto prep = context.app.imy_preparation(*context.actor, id, lang_of(context));
    if (!prep) return {};
    Html body = clock_panel(context, *prep);
    body += missing_list(context, id, prep->document, false);
    body += warnings_panel(context, id, prep->warnings, false);
    bool any_sent = false;
    for (const auto& record : prep->sent) any_sent = any_sent || record.recipient == "imy";
    if (!prep->sent.empty()) body += sent_table(context, prep->sent);
    body += document_links(context, id, prep->phase);
    body += html::format(R"(<p><a class="button" href="{}">{}</a></p>)", notify_url(id),
                         context.t(any_sent ? "notify.open_supplement" : "notify.open"));
    return html::format(R"(<section id="notification" aria-labelledby="notification-heading"><h2 id="notification-heading">{}</h2>{}</section>)",
                        context.t("notify.section_heading"), body);
}

} // namespace skydda::web::pages

namespace skydda::web {
void register_notification_pages(Site& site) {
    site.add("GET", "/cases/{id}/notification", pages::show);
    site.add("POST", "/cases/{id}/notification/draft", pages::save_draft);
    site.add("POST", "/cases/{id}/notification/record", pages::record);
}
} // namespace skydda::web
