// The confirmation after an action on a case: a POST that succeeds redirects with a short key
// (`?done=registered`) and the page it lands on shows what was done and the next step, with a
// link ("Ärendet är registrerat. Nästa steg: bedöm risken"). Only the keys below render; any
// other value shows nothing, so no text from the address is ever reflected. Built as
// html::Html (web/markup.hpp): every text is escaped by construction.
#include <fmt/format.h>

#include <algorithm>

#include "domain/workflow.hpp"
#include "web/cases/cases.hpp"

namespace skydda::web::pages {
namespace {

struct Next {
    std::string_view text_key;
    std::string href;
};

// The next step after `key`, from where the case stands now.
Next next_after(std::string_view key, const domain::Incident& incident) {
    std::string url = case_url(incident.id);
    using domain::CaseStatus;
    bool before_decision = incident.status == CaseStatus::reported || incident.status == CaseStatus::registered ||
                           incident.status == CaseStatus::assessing;
    if (key == "registered" || (key == "assigned" && before_decision)) return {"done.next.assess", url + "/assessment"};
    if (key == "status") {
        if (!domain::is_open(incident.status)) return {"done.next.cases", "/cases"};
        if (before_decision) return {"done.next.assess", url + "/assessment"};
        return {"done.next.duties", url + "#duties"};
    }
    if (key == "facts" || key == "scan") return {"done.next.reassess", url + "/assessment"};
    if (key == "note" || key == "attachment") return {"done.next.overview", url + "#overview"};
    if (key == "task" || key == "task_done") return {"done.next.tasks", url + "#tasks"};
    if (key == "question") return {"done.next.questions", url + "#questions"};
    if (key == "answer") return {"done.next.mine", "/my"};
    if (key == "assessed") return {"done.next.decide", url + "/assessment#decision"};
    return {"done.next.duties", url + "#duties"};
}

constexpr std::string_view k_keys[] = {"registered", "assigned", "status", "facts", "note", "task", "task_done",
                                       "question", "answer", "attachment", "scan", "report", "assessed", "decided",
                                       "notified", "letter", "letter_final", "recipients", "letters_sent", "informed",
                                       "exemption", "notices"};

} // namespace

html::Html done_notice(const Context& context, std::string_view key, const domain::Incident& incident) {
    if (std::find(std::begin(k_keys), std::end(k_keys), key) == std::end(k_keys)) return {};
    std::string text = std::string(context.t("done." + std::string(key)));
    if (key == "status")
        text = fmt::format(fmt::runtime(text), fmt::arg("status", label(context.lang, "status", domain::status_name(incident.status))));
    auto next = next_after(key, incident);
    // The reporter's own view has no assessment or duties: their next step is their reports.
    if (!context.actor || !context.actor->allows(incident.org_id, domain::Action::read_all_cases))
        next = {"done.next.mine", "/my"};
    return html::format(
        R"(<div class="panel done" id="done" role="status" aria-labelledby="done-heading"><h2 id="done-heading" tabindex="-1">{}</h2><p>{} <a href="{}">{}</a></p></div>)",
        text, context.t("done.next"), next.href, context.t(next.text_key));
}

html::Html done_notice(const Context& context, const domain::Incident& incident) {
    auto key = context.request.query_param("done");
    return key ? done_notice(context, *key, incident) : html::Html();
}

} // namespace skydda::web::pages
