// The case file's section "Underrättelser till personuppgiftsansvariga" (shown when the
// organisation has customers, i.e. acts as a processor): counts, the notices per customer with
// a status filter and pages of 50, the forms to choose customers and send; and one page per
// notice (/cases/{id}/processor-notices/{nid}) for another way of sending, the customer's
// acknowledgement and its questions. No JavaScript: "choose all" is its own button. Built as
// html::Html (web/markup.hpp): every text is escaped by construction.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/processor/processor.hpp"
#include "util/text.hpp"
#include "web/cases/cases.hpp"
#include "web/outgoing_warning.hpp"
#include "web/processor/pages_processor.hpp"

namespace skydda::web::pages {

// What the section and the page of one notice share (pages_processor.hpp).
namespace processor {

using html::Html;

std::string notices_url(std::string_view id) { return case_url(id) + "/processor-notices"; }

Html state_text(const Context& context, const app::NoticeView& view) {
    if (view.overdue) return html::format(R"(<span class="urgency urgency-overdue">{}</span>)", context.t("processor.state_overdue"));
    if (view.notice.acknowledged_at) return html::text(context.t("processor.state_acknowledged"));
    if (view.notice.sent_at) return html::text(context.t("processor.state_sent"));
    return html::text(context.t("processor.state_selected"));
}

Html time_or(const Context& context, const std::optional<Instant>& at, std::string_view none_key) {
    return html::text(at ? html::stockholm_time(*at) : std::string(context.t(none_key)));
}

Html pdf_link(std::string_view incident_id, const app::CustomerRecord& customer) {
    // In the customer's language: the notice as it was (or will be) sent.
    return html::format("{}/documents/processor-notice?recipient={}&amp;format=pdf&amp;language={}", case_url(incident_id),
                        http::percent_encode(customer.id), customer.language);
}

std::optional<http::Response> guard(Context& context, const Form& form) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    if (!csrf_ok(context, form_value(form, "csrf"))) return csrf_failed(context);
    return std::nullopt;
}

} // namespace processor

namespace {

using namespace processor;
using html::Html;
using processor::Control;
constexpr size_t k_page_size = 50;
constexpr std::string_view k_filters[] = {"all", "unsent", "sent", "acknowledged", "overdue", "questions"};

bool matches(const app::NoticeView& view, std::string_view filter) {
    if (filter == "unsent") return !view.notice.sent_at;
    if (filter == "sent") return view.notice.sent_at && !view.notice.acknowledged_at;
    if (filter == "acknowledged") return view.notice.acknowledged_at.has_value();
    if (filter == "overdue") return view.overdue;
    if (filter == "questions") return view.open_questions > 0;
    return true;
}

Html counts(const Context& context, const app::NoticeCounts& c) {
    Html cells;
    for (auto [key, value] : {std::pair{"processor.count_selected", c.selected}, {"processor.count_sent", c.sent},
                              {"processor.count_acknowledged", c.acknowledged}, {"processor.count_overdue", c.overdue},
                              {"processor.count_questions", c.with_open_questions}})
        cells += html::format(R"(<div><dt>{}</dt><dd>{}</dd></div>)", context.t(key), value);
    return html::format(R"(<h3 class="visually-hidden">{}</h3><dl class="counts">{}</dl>)", context.t("processor.counts_caption"), cells);
}

Html filter_form(const Context& context, std::string_view incident_id, std::string_view filter) {
    Html options;
    for (auto name : k_filters)
        options += html::format(R"(<option value="{}"{}>{}</option>)", name, name == filter ? Html(" selected") : Html(),
                                context.t("processor.filter_" + std::string(name)));
    return html::format(R"(<form method="get" action="{}#processor-notices" class="inline"><label for="field-pn-status">{}</label> <select id="field-pn-status" name="pn_status">{}</select> <button type="submit" class="button small secondary">{}</button></form>)",
                        case_url(incident_id), context.t("processor.filter"), options, context.t("processor.filter_apply"));
}

Html notice_rows(const Context& context, std::string_view incident_id, const std::vector<const app::NoticeView*>& views) {
    Html rows;
    for (const auto* view : views) {
        const auto& n = view->notice;
        Html sent = time_or(context, n.sent_at, "processor.not_yet");
        if (n.sent_at) sent += html::format(" · {}", context.t("processor.via." + n.sent_via));
        rows += html::format(
            R"(<tr><th scope="row">{} <span class="meta">{}</span></th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}/{}</td><td><a href="{}/{}">{}<span class="visually-hidden"> {}</span></a> · <a href="{}">{}<span class="visually-hidden"> {}</span></a></td></tr>)",
            view->customer.name, view->customer.orgnr, state_text(context, *view),
            time_or(context, n.deadline_at, "processor.deadline_none"), sent,
            time_or(context, n.acknowledged_at, "processor.not_yet"), view->open_questions, view->questions.size(),
            notices_url(incident_id), http::percent_encode(n.id), context.t("processor.details"), view->customer.name,
            pdf_link(incident_id, view->customer), context.t("processor.pdf"), view->customer.name);
    }
    return rows;
}

Html pager(const Context& context, std::string_view incident_id, std::string_view filter, size_t page, size_t pages) {
    if (pages <= 1) return {};
    auto link = [&](size_t to, std::string_view key) {
        return html::format(R"(<a href="{}?pn_status={}&amp;pn_page={}#processor-notices">{}</a>)", case_url(incident_id), filter,
                            to, context.t(key));
    };
    return html::format(R"(<nav aria-label="{0}" class="pager"><p>{1} {2} {3}</p></nav>)", context.t("processor.pages"),
                        page > 1 ? link(page - 1, "processor.previous") : Html(),
                        fmt::format(fmt::runtime(context.t("processor.page_of")), fmt::arg("page", page), fmt::arg("pages", pages)),
                        page < pages ? link(page + 1, "processor.next") : Html());
}

Html table(const Context& context, std::string_view incident_id, const app::ProcessorOverview& overview) {
    if (overview.notices.empty()) return html::format("<p>{}</p>", context.t("processor.none_selected"));
    std::string filter = context.request.query_param("pn_status").value_or("all");
    if (std::find(std::begin(k_filters), std::end(k_filters), filter) == std::end(k_filters)) filter = "all";
    std::vector<const app::NoticeView*> shown;
    for (const auto& view : overview.notices)
        if (matches(view, filter)) shown.push_back(&view);
    size_t pages = std::max<size_t>(1, (shown.size() + k_page_size - 1) / k_page_size);
    size_t page = 1;
    if (auto text_page = context.request.query_param("pn_page"); text_page && text_page->size() < 6 &&
                                                                 text_page->find_first_not_of("0123456789") == std::string::npos &&
                                                                 !text_page->empty())
        page = std::clamp<size_t>(std::stoul(*text_page), 1, pages);
    std::vector<const app::NoticeView*> slice(shown.begin() + static_cast<std::ptrdiff_t>(std::min(shown.size(), (page - 1) * k_page_size)),
                                              shown.begin() + static_cast<std::ptrdiff_t>(std::min(shown.size(), page * k_page_size)));
    return filter_form(context, incident_id, filter) +
           html::format(R"(<table class="compact"><caption class="visually-hidden">{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
                        context.t("processor.section_heading"), context.t("processor.customer"), context.t("processor.status"),
                        context.t("processor.deadline"), context.t("processor.sent_at"), context.t("processor.acknowledged_at"),
                        context.t("processor.questions"), context.t("processor.notice"),
                        notice_rows(context, incident_id, slice)) +
           pager(context, incident_id, filter, page, pages);
}

Html select_form(const Context& context, std::string_view incident_id, const app::ProcessorOverview& overview,
                 const CaseFormState& state) {
    std::set<std::string> chosen;
    for (const auto& view : overview.notices) chosen.insert(view.notice.customer_id);
    Html boxes;
    size_t left = 0;
    for (const auto& customer : overview.customers) {
        if (chosen.contains(customer.id)) continue;
        std::string id = "field-pn-customer-" + std::to_string(++left);
        boxes += html::format(R"(<div class="choice"><input type="checkbox" name="customer_ids" value="{}" id="{}"> <label for="{}">{} <span class="meta">{}</span></label></div>)",
                              customer.id, id, id, customer.name, customer.orgnr);
    }
    Html heading = html::format(R"(<h3>{}</h3>)", context.t("processor.select_heading"));
    if (left == 0) return heading + html::format("<p>{}</p>", context.t("processor.all_selected"));
    Html error;
    if (const auto* e = find_error(state.errors, "customer_ids")) error = field_error_line(context, "customer_ids", e->message);
    std::string list = fmt::format(fmt::runtime(context.t("processor.select_list")), fmt::arg("count", left));
    return heading + html::format(
        R"(<form method="post" action="{}">{}<fieldset id="field-customer-ids"><legend>{}</legend>{}<details><summary>{}</summary><div class="choices">{}</div></details></fieldset><button type="submit" class="button secondary">{}</button> <button type="submit" name="all" value="1" class="button secondary">{}</button></form>)",
        notices_url(incident_id), html::csrf_field(context), list, error, list, boxes,
        context.t("processor.select_chosen"), context.t("processor.select_all"));
}

std::string text_label(const Context& context, std::string_view field) {
    return std::string(context.t("processor.text_" + std::string(field)));
}

// The notice's text for the controllers: what the notice says in place of the case's own text.
Html text_form(const Context& context, std::string_view incident_id, const app::ProcessorOverview& overview,
               const CaseFormState& state) {
    Html controls;
    for (auto [field, stored] : {std::pair{"description", &overview.text.description},
                                 {"consequences", &overview.text.consequences},
                                 {"measures", &overview.text.measures}}) {
        std::string name = std::string("pn_") + field;
        std::string value = form_has(state.values, name) ? form_value(state.values, name) : *stored;
        std::string id_name = std::string("pn-text.") + field, label_key = std::string("processor.text_") + field,
                    hint_key = label_key + "_hint";
        controls += processor::control(context, state.errors,
                                       {id_name, label_key, hint_key, Html("<textarea "),
                                        html::format(R"( name="{}" rows="4">{}</textarea>)", name, value)});
        // The warning beside the text; the checkbox that acknowledges it is in the send form.
        controls += personal_data_note(context, overview.warnings, field, text_label(context, field));
    }
    return html::format(R"(<h3>{}</h3><p>{}</p><form method="post" action="{}/text">{}{}<button type="submit" class="button secondary">{}</button></form>)",
                        context.t("processor.text_heading"), context.t("processor.text_intro"), notices_url(incident_id),
                        html::csrf_field(context), controls, context.t("processor.text_save"));
}

Html send_form(const Context& context, std::string_view incident_id, const app::ProcessorOverview& overview,
               const CaseFormState& state) {
    int64_t unsent = overview.counts.selected - overview.counts.sent;
    Html heading = html::format(R"(<h3>{}</h3>)", context.t("processor.send_heading"));
    if (overview.notices.empty()) return {};
    if (unsent == 0) return heading + html::format("<p>{}</p>", context.t("processor.all_sent"));
    Html extra;
    if (!overview.text.updated_at) extra += html::format("<p>{}</p>", context.t("processor.text_not_written"));
    Html acknowledgements;
    if (!overview.warnings.empty()) acknowledgements = html::format("<p>{}</p>", context.t("processor.send_warnings"));
    for (const auto& warning : overview.warnings)
        acknowledgements +=
            acknowledge_control(context, overview.warnings, warning.key, text_label(context, warning.key), state.values);
    return heading + html::format(R"(<p>{}</p>{}<form method="post" action="{}/send">{}{}<button type="submit" class="button">{}</button></form>)",
                                  count_text(context.lang, "processor.send_intro", static_cast<long long>(unsent)),
                                  extra, notices_url(incident_id), html::csrf_field(context), acknowledgements,
                                  context.t("processor.send"));
}

// --- the POST handlers -----------------------------------------------------------------------

http::Response select(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form)) return *stop;
    std::string id(context.request.path_param("id"));
    app::NoticeSelection selection{form_value(form, "all") == "1", form_values(form, "customer_ids")};
    auto selected = app::select_customers(context.app, *context.actor, id, selection);
    if (selected) return http::Response::redirect(case_url(id) + "?done=notices#done");
    if (selected.error().code != ErrorCode::invalid_argument) return error_page(context, selected.error());
    return render_case_file(context, id, 400, {{{"customer_ids", processor::error_text(context, selected.error())}}, form});
}

http::Response send(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form)) return *stop;
    std::string id(context.request.path_param("id"));
    auto sent = app::send_notices(context.app, *context.actor, id, {}, form_values(form, "acknowledge_personal_data"));
    if (!sent && sent.error().code == ErrorCode::invalid_argument &&
        sent.error().message.find("acknowledge_personal_data") != std::string::npos) {
        auto overview = app::processor_overview(context.app, *context.actor, id);
        if (!overview) return error_page(context, overview.error());
        auto errors = unacknowledged_errors(context, overview->warnings, form,
                                            [&](const std::string& field) { return text_label(context, field); });
        return render_case_file(context, id, 400, {std::move(errors), form});
    }
    if (!sent) return error_page(context, sent.error());
    return http::Response::redirect(case_url(id) + "?done=notices#done");
}

http::Response save_text(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form)) return *stop;
    std::string id(context.request.path_param("id"));
    app::NoticeText text{form_value(form, "pn_description"), form_value(form, "pn_consequences"),
                         form_value(form, "pn_measures"), std::nullopt};
    auto saved = app::save_notice_text(context.app, *context.actor, id, text);
    if (saved) return http::Response::redirect(case_url(id) + "?done=notices#done");
    if (saved.error().code != ErrorCode::invalid_argument) return error_page(context, saved.error());
    return render_case_file(context, id, 400,
                            {{{"pn-text." + saved.error().field, processor::error_text(context, saved.error())}}, form});
}

} // namespace

html::Html processor_section(Context& context, const app::CaseFile& file, const CaseFormState& state) {
    const auto& incident = file.incident;
    auto overview = app::processor_overview(context.app, *context.actor, incident.id);
    // Only where the organisation is a processor: it has customers, the case has notices, or
    // the case's latest assessment says the organisation acts as processor.
    if (!overview || (overview->customers.empty() && overview->notices.empty() && !overview->assessed_as_processor))
        return {};
    Html body = html::format("<p>{}</p>", context.t("processor.section_intro"));
    if (context.actor->allows(incident.org_id, domain::Action::manage_templates))
        body += html::format(R"(<p><a href="/organisations/{}/customers">{}</a></p>)", http::percent_encode(incident.org_id),
                             context.t("processor.manage_customers"));
    body += counts(context, overview->counts);
    body += table(context, incident.id, *overview);
    if (overview->may_notify)
        body += select_form(context, incident.id, *overview, state) + text_form(context, incident.id, *overview, state) +
                send_form(context, incident.id, *overview, state);
    return html::format(R"(<section id="processor-notices" aria-labelledby="processor-notices-heading"><h2 id="processor-notices-heading">{}</h2>{}</section>)",
                        context.t("processor.section_heading"), body);
}

void register_processor_notice_pages(Site& site) {
    site.add("POST", "/cases/{id}/processor-notices", select);
    site.add("POST", "/cases/{id}/processor-notices/send", send);
    site.add("POST", "/cases/{id}/processor-notices/text", save_text);
    processor::register_notice_page(site);
}

} // namespace skydda::web::pages
