// The duties of a case on the pages (domain/duties.hpp): the cell the lists and the start page
// show, the clock box and the "Tidsfrister" table of the case page, and its "Nästa steg". All
// from the one computation App::open_case and App::list_cases make, so a deadline shown
// anywhere is the same everywhere. Built as html::Html (web/markup.hpp): every text is
// escaped by construction.
#include <fmt/format.h>

#include <set>

#include "http/http.hpp"
#include "web/cases/cases.hpp"
#include "web/html.hpp"

namespace skydda::web::pages {
namespace {

using domain::Duty;
using domain::DutyState;
using domain::Urgency;
using html::Html;

std::string duty_label(const Context& context, const domain::CaseDuty& duty) {
    std::string name(label(context.lang, "assess.duty", domain::duty_name(duty.duty)));
    if (duty.duty == Duty::supplement_authority)
        name = fmt::format(fmt::runtime(context.t("duties.supplement_phase")), fmt::arg("duty", name),
                           fmt::arg("phase", duty.phase + 1));
    return name;
}

// Where the duty is done: the page that records it.
std::string duty_link(std::string_view incident_id, const domain::CaseDuty& duty) {
    std::string base = case_url(incident_id);
    switch (duty.duty) {
    case Duty::notify_authority:
    case Duty::supplement_authority: return base + "/notification";
    case Duty::notify_controller: return base + "#processor";
    case Duty::notify_subjects:
    case Duty::public_communication: return base + "/letters";
    default: return base + "#duties"; // NIS2 and DORA: recorded in the table itself
    }
}

std::string time_words(const Context& context, const domain::CaseDuty& duty) {
    if (!duty.due) return std::string(context.t("duties.undue_delay"));
    if (duty.remaining.count() <= 0)
        return fmt::format(fmt::runtime(context.t("clock.overdue_by")),
                           fmt::arg("time", html::duration_text(context, -duty.remaining)));
    return fmt::format(fmt::runtime(context.t("clock.left")), fmt::arg("time", html::duration_text(context, duty.remaining)));
}

std::string state_words(const Context& context, const domain::CaseDuty& duty) {
    switch (duty.state) {
    case DutyState::open:
        return std::string(context.t(duty.decided ? "duties.state.decided" : "duties.state.open"));
    case DutyState::fulfilled:
        return duty.done_at ? fmt::format(fmt::runtime(context.t("duties.state.fulfilled_at")),
                                          fmt::arg("time", html::stockholm_time(*duty.done_at)))
                            : std::string(context.t("duties.state.fulfilled"));
    case DutyState::not_required: return std::string(context.t("duties.state.not_required"));
    case DutyState::ended: return std::string(context.t("duties.state.ended"));
    }
    return {};
}

// NIS2 and DORA reports are recorded here (as notifications to "nis2" or "dora", phase by
// phase): a small form in the row of the step that is due next.
Html report_form(const Context& context, const domain::Incident& incident, const domain::CaseDuty& duty) {
    std::string recipient(domain::regime_name(duty.regime));
    std::string id = fmt::format("report-{}-{}", recipient, duty.phase);
    return html::format(
        R"(<form method="post" action="/cases/{0}/reports" class="inline-report">{1}<input type="hidden" name="recipient" value="{2}"><input type="hidden" name="phase" value="{3}"><div class="field"><label for="{4}-at">{5}</label><input type="datetime-local" id="{4}-at" name="submitted_at" value="{6}"></div><div class="field"><label for="{4}-ref">{7}</label><input type="text" id="{4}-ref" name="authority_reference" maxlength="100"></div><button type="submit" class="button secondary">{8}</button></form>)",
        http::percent_encode(incident.id), html::csrf_field(context), recipient, duty.phase, id,
        context.t("duties.report_at"), format_stockholm_local_input(context.app.clock().now()),
        context.t("duties.report_reference"), context.t("duties.report_button"));
}

std::string aware_words(const Context& context, const domain::Incident& incident, const domain::Awareness& aware) {
    switch (aware.source) {
    case domain::AwarenessSource::given: return std::string(context.t("duties.aware.given"));
    case domain::AwarenessSource::discovered: return std::string(context.t("duties.aware.discovered"));
    case domain::AwarenessSource::reported:
        return std::string(context.t(incident.facts.aware_at ? "duties.aware.capped" : "duties.aware.reported"));
    }
    return {};
}

} // namespace

Html clock_cell(const Context& context, const domain::CaseDuties& duties) {
    const auto* duty = duties.most_urgent();
    if (!duty)
        return html::format(R"(<span class="urgency urgency-stopped">{}</span>)", context.t("duties.none_open"));
    auto urgency = domain::urgency_name(duty->urgency);
    std::string_view head = duty->decided && duty->duty == Duty::notify_authority
                                ? context.t("duties.decided_not_notified")
                                : label(context.lang, "urgency", urgency);
    return html::format(R"(<span class="urgency urgency-{}"><strong>{}</strong> · {} · {}</span>)", urgency, head,
                        duty_label(context, *duty), time_words(context, *duty));
}

Html clock_box(const Context& context, const domain::Incident& incident, const domain::CaseDuties& duties) {
    const auto& first = duties.items.front(); // IMY, or the controller when a processor
    Html aware = html::text(html::stockholm_time(duties.aware.at));
    // A date alone (the report form's "tid okänd") counts from the start of that day.
    std::string_view field = duties.aware.source == domain::AwarenessSource::given        ? "aware_at"
                             : duties.aware.source == domain::AwarenessSource::discovered ? "discovered_at"
                                                                                          : "";
    if (!field.empty() && domain::time_unknown(incident.facts, field))
        aware += html::format(R"( <span class="hint">{}</span>)", context.t("duties.aware.date_only"));
    std::string why = aware_words(context, incident, duties.aware);
    Html state;
    if (first.state == DutyState::open) {
        state = clock_cell(context, duties);
        if (duties.most_urgent() != &first)
            state = html::format(R"(<span class="urgency urgency-{}"><strong>{}</strong> · {}</span>)",
                                 domain::urgency_name(first.urgency), label(context.lang, "urgency", domain::urgency_name(first.urgency)),
                                 time_words(context, first));
        auto words_key = first.remaining.count() <= 0 ? "duties.words.overdue"
                         : first.decided              ? "duties.words.decided"
                                                      : "duties.words.open";
        state += html::format("<br>{}", fmt::format(fmt::runtime(context.t(words_key)),
                                                    fmt::arg("time", html::duration_text(context, first.remaining.count() < 0
                                                                                                    ? -first.remaining
                                                                                                    : first.remaining))));
    } else {
        state = html::format(R"(<span class="urgency urgency-stopped">{}</span>)", state_words(context, first));
    }
    auto due_key = first.duty == Duty::notify_controller ? "duties.due_controller" : "clock.due";
    return html::format(
        R"(<section class="clock-box" id="clock" aria-labelledby="clock-heading"><h2 id="clock-heading">{}</h2><dl class="summary"><div class="row"><dt>{}</dt><dd>{}<br><span class="hint">{}</span></dd></div><div class="row"><dt>{}</dt><dd>{}</dd></div><div class="row"><dt>{}</dt><dd>{}</dd></div></dl><p class="hint">{}</p></section>)",
        context.t(first.duty == Duty::notify_controller ? "duties.heading_controller" : "clock.heading"),
        context.t("clock.aware"), aware, why, context.t(due_key),
        first.due ? html::stockholm_time(*first.due) : std::string(context.t("duties.undue_delay")), context.t("clock.state"),
        state, context.t("clock.explain"));
}

Html duties_section(const Context& context, const domain::Incident& incident, const domain::CaseDuties& duties) {
    Html rows;
    std::set<domain::Regime> reported_form_shown;
    for (const auto& duty : duties.items) {
        Html name = html::text(duty_label(context, duty));
        if (duty.state == DutyState::open)
            name = html::format(R"(<a href="{}">{}</a>)", duty_link(incident.id, duty), name);
        Html state = html::text(state_words(context, duty));
        if (duty.state == DutyState::open) {
            state = html::format(R"(<span class="urgency urgency-{}"><strong>{}</strong> · {}</span>)",
                                 domain::urgency_name(duty.urgency), state, time_words(context, duty));
            bool reportable = duty.regime != domain::Regime::gdpr && !reported_form_shown.contains(duty.regime) &&
                              context.actor && context.actor->allows(incident.org_id, domain::Action::notify);
            if (reportable) {
                reported_form_shown.insert(duty.regime); // the next step of each regime only: phases go in order
                state += report_form(context, incident, duty);
            }
        }
        rows += html::format(R"(<tr><th scope="row" data-label="{}">{}</th><td data-label="{}">{}</td><td data-label="{}">{}</td><td data-label="{}">{}</td></tr>)",
                             context.t("assess.deadline.duty"), name, context.t("assess.deadline.due"),
                             duty.due ? html::stockholm_time(*duty.due) : std::string(context.t("duties.undue_delay")),
                             context.t("assess.deadline.state"), state, context.t("assess.deadline.basis"),
                             html::basis_text(context, duty.basis));
    }
    Html body = html::format(
        R"(<p>{}</p><table class="stack"><caption class="visually-hidden">{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
        context.t("duties.intro"), context.t("assess.deadlines_heading"), context.t("assess.deadline.duty"),
        context.t("assess.deadline.due"), context.t("assess.deadline.state"), context.t("assess.deadline.basis"),
        rows);
    return html::format(R"(<section id="duties" aria-labelledby="duties-heading"><h2 id="duties-heading">{}</h2>{}</section>)",
                        context.t("assess.deadlines_heading"), body);
}

std::vector<NextStep> next_steps(const Context& context, const domain::Incident& incident,
                                 const domain::CaseDuties& duties) {
    std::vector<NextStep> steps;
    const auto& actor = *context.actor;
    const std::string base = case_url(incident.id);
    using domain::Action;
    using domain::CaseStatus;
    if (incident.status == CaseStatus::reported && actor.allows(incident.org_id, Action::register_case))
        steps.push_back({std::string(context.t("next.register")), base + "#register"});
    const auto* duty = duties.most_urgent();
    const bool can_work = actor.allows(incident.org_id, Action::change_status);
    if (can_work && (incident.status == CaseStatus::registered || incident.status == CaseStatus::assessing))
        steps.push_back({std::string(context.t("next.assess")), base + "/assessment"});
    if (duty && duty->decided && can_work) {
        std::string key = duty->duty == Duty::notify_authority       ? "next.notify_authority"
                          : duty->duty == Duty::supplement_authority ? "next.supplement"
                          : duty->duty == Duty::notify_controller    ? "next.notify_controller"
                          : duty->duty == Duty::public_communication ? "next.public_communication"
                                                                     : "next.notify_subjects";
        steps.insert(steps.begin(), {std::string(context.t(key)), duty_link(incident.id, *duty)});
    }
    if (steps.empty() && can_work && incident.status == CaseStatus::notified)
        steps.push_back({std::string(context.t("next.close")), base + "#status"});
    if (steps.empty() && can_work && incident.status == CaseStatus::decided && !duty)
        steps.push_back({std::string(context.t("next.close")), base + "#status"});
    if (steps.size() > 2) steps.resize(2);
    return steps;
}

} // namespace skydda::web::pages
