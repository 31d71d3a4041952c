// The report form: one table of questions drives the form, its decoding into the API's JSON,
// the "check your answers" summary and the printable question list, so they cannot drift.
#include <boost/json.hpp>
#include <fmt/format.h>

#include "domain/codes.hpp"
#include "util/text.hpp"
#include "web/report/form_questions.hpp"
#include "web/report/report.hpp"

namespace skydda::web::pages {
namespace json = boost::json;
namespace codes = domain::codes;
using namespace form_table;

namespace {

using html::Html;

Html describedby(const Context& context, std::string_view name, const html::FieldError* error) {
    std::vector<std::string> ids;
    if (has_message(hint_key(name))) ids.push_back(html::field_id(name) + "-hint");
    if (error) ids.push_back(html::field_id(name) + "-error");
    (void)context;
    if (ids.empty()) return {};
    std::string joined;
    for (const auto& id : ids) joined += (joined.empty() ? "" : " ") + id;
    return html::format(R"( aria-describedby="{}")", joined);
}

Html hint_and_error(const Context& context, std::string_view name, const html::FieldError* error) {
    Html out;
    if (has_message(hint_key(name)))
        out += html::format(R"(<p class="hint" id="{}-hint">{}</p>)", html::field_id(name), context.t(hint_key(name)));
    if (error) out += field_error_line(context, name, error->message);
    return out;
}

// IMY's term for a code comes with plain words beside it ("Obehörigt röjande … – uppgifterna har
// kommit till någon som inte skulle ha dem"), where the catalogue has them.
Html option(const Context& context, std::string_view type, std::string_view name, std::string_view id,
            std::string_view value, std::string_view label_text, bool checked, std::string_view hint,
            std::string_view plain = {}) {
    Html hint_html, hint_attr;
    if (!hint.empty()) {
        hint_html = html::format(R"(<span class="hint" id="{}-hint">{}</span>)", id, hint);
        hint_attr = html::format(R"( aria-describedby="{}-hint")", id);
    }
    (void)context;
    Html label_html = html::text(label_text);
    if (!plain.empty()) label_html += html::format(R"( <span class="plain">– {}</span>)", plain);
    return html::format(
        R"(<div class="choice"><input type="{}" name="{}" id="{}" value="{}"{}{}> <label for="{}">{}</label>{}</div>)",
        type, name, id, value, checked ? Html(" checked") : Html(), hint_attr, id, label_html, hint_html);
}

Html render_choices(const Context& context, const Question& question, const Form& values,
                    const html::FieldError* error) {
    const bool radios = question.kind != Kind::checkboxes;
    const std::string type = radios ? "radio" : "checkbox";
    auto selected = form_values(values, question.name);
    auto is_selected = [&](std::string_view code) {
        return std::find(selected.begin(), selected.end(), code) != selected.end();
    };
    std::string base = html::field_id(question.name);
    std::string legend = question_label(context, question.name);

    std::vector<std::pair<std::string, std::string>> items; // code, label
    if (question.kind == Kind::yes_no) {
        items = {{"yes", std::string(context.t("common.yes"))}, {"no", std::string(context.t("common.no"))}};
    } else {
        for (auto code : question.codes()) items.emplace_back(code, std::string(label(context.lang, question.list, code)));
    }

    auto render_items = [&](auto filter, bool& first) {
        Html out;
        for (const auto& [code, text] : items) {
            if (!filter(code)) continue;
            std::string id = first ? base : base + "--" + dash(code);
            first = false;
            std::string hint_text;
            std::string option_hint = key_of(std::string(question.list) + "_hint.", code);
            if (!question.list.empty() && has_message(option_hint)) hint_text = context.t(option_hint);
            out += option(context, type, question.name, id, code, text, is_selected(code), hint_text,
                          plain_words(context, question.list, code)) + Html("\n");
        }
        return out;
    };

    bool first = true;
    Html body;
    if (question.name == "data") {
        // The special categories get their own group with an explanation.
        auto ordinary = render_items([](std::string_view code) { return !codes::contains(codes::special_data(), code); }, first);
        auto special = render_items([](std::string_view code) { return codes::contains(codes::special_data(), code); }, first);
        body = ordinary + html::format(R"(<fieldset class="nested"><legend>{}</legend><p class="hint" id="{}-special-hint">{}</p>{}</fieldset>)",
                                       context.t("report.data_special"), base, context.t("report.data_special_hint"),
                                       special);
    } else {
        body = render_items([](std::string_view) { return true; }, first);
    }
    if (radios) {
        bool none = selected.empty() || selected.front().empty();
        body += option(context, type, question.name, base + "--dont-know", "", context.t("common.dont_know"), none, "");
    }
    return html::format(R"(<div class="field{}"><fieldset{}><legend>{}</legend>{}<div class="{}">{}</div></fieldset></div>)",
                        error ? Html(" has-error") : Html(), describedby(context, question.name, error), legend,
                        hint_and_error(context, question.name, error), radios ? "radios" : "checkboxes", body);
}

// A time question: a date box and a time box as text, so that what is typed reaches the server
// as typed (a browser's date picker sends "" for a half-typed date, which would be dropped).
// The date box carries the question's id, so an error about the time as a whole lands on it.
Html render_time_question(const Context& context, const Question& question, const Form& values,
                          const std::vector<html::FieldError>& errors) {
    const std::string name(question.name);
    const auto* date_error = find_error(errors, name);
    const auto* time_error = find_error(errors, time_part(name, "time"));
    const std::string id = html::field_id(name), time_id = html::field_id(time_part(name, "time"));
    auto boxes = typed_boxes(values, name);
    Html hints;
    std::string described;
    if (has_message(hint_key(name))) {
        hints += html::format(R"(<p class="hint" id="{}-hint">{}</p>)", id, context.t(hint_key(name)));
        described += id + "-hint ";
    }
    hints += html::format(R"(<p class="hint" id="{}-format">{}</p>)", id, context.t("form.time.format_hint"));
    described += id + "-format";
    Html error_lines;
    if (date_error) error_lines += field_error_line(context, name, date_error->message);
    if (time_error) error_lines += field_error_line(context, time_part(name, "time"), time_error->message);
    auto box = [&](const std::string& box_id, std::string_view part, std::string_view label_key, const std::string& value,
                   const html::FieldError* error) {
        Html attrs = html::format(R"( aria-describedby="{}{}")", described, error ? " " + box_id + "-error" : "");
        if (error) attrs += Html(R"( aria-invalid="true")");
        return html::format(R"(<div class="part"><label for="{}">{}</label><input type="text" class="{}" id="{}" name="{}" value="{}" autocomplete="off" spellcheck="false"{}></div>)",
                            box_id, context.t(label_key), part, box_id, time_part(name, part), value, attrs);
    };
    Html parts = box(id, "date", "form.time.date", boxes.date, date_error) +
                 box(time_id, "time", "form.time.clock", boxes.time, time_error);
    return html::format(R"(<div class="field{}"><fieldset><legend>{}</legend>{}{}<div class="date-time">{}</div></fieldset></div>)",
                        date_error || time_error ? Html(" has-error") : Html(), question_label(context, name), hints,
                        error_lines, parts);
}

Html render_question(const Context& context, const Question& question, const Form& values,
                     const std::vector<html::FieldError>& errors) {
    const auto* error = find_error(errors, question.name);
    if (question.kind == Kind::datetime) return render_time_question(context, question, values, errors);
    if (question.kind == Kind::radios || question.kind == Kind::checkboxes || question.kind == Kind::yes_no)
        return render_choices(context, question, values, error);
    std::string id = html::field_id(question.name);
    Html label_html = html::text(question_label(context, question.name));
    if (question.name == "title")
        label_html += html::format(R"( <span class="required">({})</span>)", context.t("report.required"));
    Html attrs = describedby(context, question.name, error) + (error ? Html(R"( aria-invalid="true")") : Html());
    std::string value = form_value(values, question.name);
    Html control;
    switch (question.kind) {
    case Kind::textarea:
        control = html::format(R"(<textarea id="{}" name="{}" rows="5"{}>{}</textarea>)", id, question.name, attrs, value);
        break;
    case Kind::count:
        control = html::format(R"(<input type="text" inputmode="numeric" class="short" id="{}" name="{}" value="{}"{}>)",
                               id, question.name, value, attrs);
        break;
    default:
        control = html::format(R"(<input type="text" id="{}" name="{}" value="{}"{}{}>)", id, question.name, value,
                               question.name == "title" ? Html(R"( required maxlength="200")") : Html(), attrs);
    }
    return html::format(R"(<div class="field{}"><label for="{}">{}</label>{}{}</div>)",
                        error ? Html(" has-error") : Html(), id, label_html, hint_and_error(context, question.name, error),
                        control);
}

Html select_field(const Context& context, const ReportFormView& view, std::string_view label_key,
                  std::string_view hint_message_key, const Html& options) {
    const auto* error = find_error(view.errors, "unit");
    if (!error) error = find_error(view.errors, "org");
    std::string id = html::field_id("unit");
    Html hint;
    std::string described;
    if (!hint_message_key.empty()) {
        hint = html::format(R"(<p class="hint" id="{}-hint">{}</p>)", id, context.t(hint_message_key));
        described = id + "-hint";
    }
    if (error) described += (described.empty() ? "" : " ") + id + "-error";
    Html attrs = described.empty() ? Html() : html::format(R"( aria-describedby="{}")", described);
    if (error) attrs += Html(R"( aria-invalid="true")");
    return html::format(R"(<div class="field{}"><label for="{}">{}</label>{}{}<select id="{}" name="unit"{}>{}</select></div>)",
                        error ? Html(" has-error") : Html(), id, context.t(label_key), hint,
                        error ? field_error_line(context, "unit", error->message) : Html(), id, attrs, options);
}

Html unit_option(const domain::Unit& unit, std::string_view chosen) {
    return html::format(R"(<option value="{}"{}>{}</option>)", unit.id, unit.id == chosen ? Html(" selected") : Html(),
                        unit.name);
}

// Where it happened, on the reporter's form. The reporter picks the unit and the organisation
// follows from it: one select with the units of all the reporter's organisations, grouped by
// organisation, each group ending with "Annan enhet eller vet inte" for that organisation
// (value "org:<id>"). With several organisations nothing is chosen beforehand: the first
// organisation is never a silent default. With one, its name is shown.
Html render_place(const Context& context, const ReportFormView& view, const Form& values) {
    if (view.orgs.empty()) return {};
    std::string chosen = form_value(values, "unit"), chosen_org = form_value(values, "org");
    Html out;
    if (view.orgs.size() == 1) {
        const auto& only = view.orgs.front();
        out += html::format(R"(<input type="hidden" name="org" value="{}">)", only.organisation.id);
        out += html::format(R"(<p>{} <strong>{}</strong></p>)", context.t("report.reporting_for"), only.organisation.name);
        if (!only.units.empty()) {
            Html options = html::format(R"(<option value="">{}</option>)", context.t("form.place.other_or_unknown"));
            for (const auto& unit : only.units) options += unit_option(unit, chosen);
            out += select_field(context, view, "report.q.unit", "form.place.hint_one", options);
        }
        return out;
    }
    bool any_units = false;
    for (const auto& org : view.orgs) any_units = any_units || !org.units.empty();
    bool nothing_chosen = chosen.empty() && chosen_org.empty();
    Html options = html::format(R"(<option value=""{}>{}</option>)", nothing_chosen ? Html(" selected") : Html(),
                                context.t(any_units ? "form.place.choose_unit" : "form.place.choose_org"));
    for (const auto& org : view.orgs) {
        Html group;
        for (const auto& unit : org.units) group += unit_option(unit, chosen);
        std::string org_value = "org:" + org.organisation.id;
        bool org_chosen = chosen == org_value || (chosen.empty() && chosen_org == org.organisation.id);
        std::string other = org.units.empty() ? org.organisation.name
                                              : fmt::format(fmt::runtime(context.t("form.place.other_in")),
                                                            fmt::arg("org", org.organisation.name));
        group += html::format(R"(<option value="{}"{}>{}</option>)", org_value, org_chosen ? Html(" selected") : Html(),
                              other);
        options += html::format(R"(<optgroup label="{}">{}</optgroup>)", org.organisation.name, group);
    }
    return select_field(context, view, any_units ? "report.q.unit" : "report.q.org",
                        any_units ? "form.place.hint_many" : "form.place.hint_many_orgs", options);
}

// Where it happened, on the handler's facts form: the organisation is fixed, the unit may change.
Html render_unit(const Context& context, const ReportFormView& view, const Form& values) {
    std::string chosen = form_value(values, "unit");
    Html options = html::format(R"(<option value="">{}</option>)", context.t("form.place.other_or_unknown"));
    bool any = false;
    for (const auto& org : view.orgs)
        for (const auto& unit : org.units) {
            options += unit_option(unit, chosen);
            any = true;
        }
    return any ? select_field(context, view, "report.q.unit", "", options) : Html();
}

Html render_where(const Context& context, const ReportFormView& view, const Form& values) {
    Html out = view.choose_org ? render_place(context, view, values) : render_unit(context, view, values);
    if (out.empty()) return {};
    return html::format(R"(<fieldset class="section"><legend>{}</legend>{}</fieldset>)", context.t("report.section.where"),
                        out);
}

} // namespace

// The form fields of a question, as the form posts them.
std::vector<std::string> field_names(const Question& question) {
    if (question.kind == Kind::datetime)
        return {std::string(question.name), time_part(question.name, "date"), time_part(question.name, "time")};
    return {std::string(question.name)};
}

// A question the reporter is not asked may still have an answer in the form (a script, or a
// value handed on): it goes on as a hidden field, so nothing given is dropped.
html::Html carried_answers(const Question& question, const Form& values) {
    html::Html out;
    for (const auto& name : field_names(question))
        for (const auto& value : form_values(values, name))
            if (!value.empty()) out += html::format(R"(<input type="hidden" name="{}" value="{}">)", name, value);
    return out;
}

html::Html report_form(const Context& context, const ReportFormView& view) {
    using html::Html;
    static const Form k_empty;
    const Form& values = view.values ? *view.values : k_empty;
    const bool reporter = view.choose_org;
    Html out = html::error_summary(context, view.errors);
    out += html::format(R"(<form method="post" action="{}" novalidate>{}{})", view.action, html::csrf_field(context),
                        view.extra_hidden);
    out += html::format(R"(<p class="lead">{}</p>)", context.t("report.form_intro"));
    out += render_where(context, view, values);
    for (const auto& section : sections()) {
        Html fields;
        for (const auto& question : section.questions) {
            // A handler's question is shown to the reporter only when an answer to it sent anyway
            // needs correcting; otherwise that answer goes on unseen.
            bool at_fault = false;
            for (const auto& name : field_names(question)) at_fault = at_fault || find_error(view.errors, name);
            if (reporter && question.asked == Asked::handler && !at_fault) out += carried_answers(question, values);
            else fields += render_question(context, question, values, view.errors) + Html("\n");
        }
        if (fields.empty()) continue;
        std::string section_hint_key = key_of(reporter ? "form.reporter_section_hint." : "report.section_hint.", section.key);
        if (!has_message(section_hint_key)) section_hint_key = key_of("report.section_hint.", section.key);
        Html hint = has_message(section_hint_key) ? html::format(R"(<p class="hint">{}</p>)", context.t(section_hint_key))
                                                  : Html();
        out += html::format(R"(<fieldset class="section"><legend>{}</legend>{}{}</fieldset>)",
                            section_legend(context, section.key, reporter), hint, fields);
    }
    out += html::format(R"(<div class="actions"><button type="submit" class="button">{}</button></div></form>)",
                        context.t(view.submit_key));
    return out;
}

Result<std::vector<OrgUnits>> report_orgs(Context& context) {
    std::vector<OrgUnits> out;
    for (auto& org : TRY(context.app.organisations_of(*context.actor))) {
        if (!context.actor->allows(org.id, domain::Action::report)) continue;
        auto units = TRY(context.app.units_of(*context.actor, org.id));
        out.push_back({std::move(org), std::move(units)});
    }
    return out;
}

} // namespace skydda::web::pages
