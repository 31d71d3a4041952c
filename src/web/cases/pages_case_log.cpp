// The case's history in words (/cases/{id}/log, app/cases/case_log.hpp): one line per change with
// the fields before → after, consecutive reads folded into "Läst av N personer", a filter
// (all, changes, reads) as a GET form and paging newest first. Also the case page's short
// "Senaste händelser". Who sees it: Action::read_audit on the case's organisation. Built as
// html::Html (web/markup.hpp): every text is escaped by construction.
#include <boost/json.hpp>
#include <fmt/format.h>

#include <set>

#include "app/cases/case_log.hpp"
#include "domain/workflow.hpp"
#include "web/cases/case_file_parts.hpp"
#include "web/cases/cases.hpp"

namespace skydda::web::pages {
namespace {
namespace json = boost::json;
using html::Html;
using Names = std::map<std::string, std::string>;

// What the words of a line may look up: people, tasks, units.
struct LogNames {
    const Names& people;
    const Names& tasks;
};

std::string text_of(const Context& context, std::string_view key, std::string_view who, std::string_view detail = {}) {
    return std::string(fmt::format(fmt::runtime(context.t(key)), fmt::arg("who", who), fmt::arg("detail", detail)));
}

std::string counted(const Context& context, std::string_view key, int64_t count) {
    if (count == 1) return std::string(context.t(std::string(key) + "_one"));
    return fmt::format(fmt::runtime(context.t(key)), fmt::arg("count", count));
}

std::string lower_first(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

json::object payload(const std::string& text) {
    if (text.empty()) return {};
    boost::system::error_code error;
    auto value = json::parse(text, error);
    if (error || !value.is_object()) return {};
    return std::move(value.get_object());
}

std::string string_at(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

int64_t number_at(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value && value->is_int64()) return value->get_int64();
    if (value && value->is_uint64()) return static_cast<int64_t>(value->get_uint64());
    return 0;
}

bool bool_at(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value && value->is_bool() && value->get_bool();
}

std::string time_words(std::string_view rfc3339) {
    auto at = parse_rfc3339(rfc3339, "at");
    return at ? html::stockholm_time(*at) : std::string(rfc3339);
}

std::string who_of(const Context& context, const domain::AuditEntry& entry, const Names& people) {
    if (entry.actor_id.empty())
        return std::string(context.t(entry.action.starts_with("mail.") ? "log.system" : "log.someone"));
    auto found = people.find(entry.actor_id);
    return found != people.end() ? found->second : std::string(context.t("log.unknown_user"));
}

// A field's value in words (plain text, not escaped).
std::string value_words(const Context& context, std::string_view field, const std::string& value, const LogNames& names) {
    static const std::set<std::string_view> k_times{"occurred_at", "discovered_at", "ended_at", "aware_at"};
    static const std::map<std::string_view, std::string_view> k_codes{
        {"what_happened", "what_happened"},     {"cause", "cause"},
        {"discovered_by", "discovered_by"},     {"effects.confidentiality", "confidentiality"},
        {"effects.integrity", "integrity"},     {"effects.availability", "availability"},
        {"status", "status"}};
    static const std::map<std::string_view, std::string_view> k_lists{{"data", "data"}, {"subjects.groups", "groups"}};
    bool is_text = field == "title" || field == "description" || field == "cause_other" || field == "consequences" ||
                   field == "measures" || field == "processor_name" || field == "status_reason";
    if (value.empty())
        return std::string(context.t(is_text || field == "handler" ? "common.not_given" : "common.dont_know"));
    if (k_times.contains(field)) return time_words(value);
    if (auto code = k_codes.find(field); code != k_codes.end()) return std::string(label(context.lang, code->second, value));
    if (auto list = k_lists.find(field); list != k_lists.end()) {
        std::string out;
        for (size_t start = 0; start <= value.size();) {
            auto end = value.find(',', start);
            if (end == std::string::npos) end = value.size();
            out += (out.empty() ? "" : ", ") + std::string(label(context.lang, list->second, value.substr(start, end - start)));
            start = end + 1;
        }
        return out;
    }
    if (field == "recipient_trusted" || field == "processor_involved")
        return std::string(context.t(value == "true" ? "common.yes" : "common.no"));
    if (field == "handler" || field == "unit") {
        auto found = names.people.find(value);
        if (found != names.people.end()) return found->second;
        return std::string(context.t(field == "unit" ? "log.other_unit" : "log.unknown_user"));
    }
    if (field == "aware_source") return std::string(context.t("log.source." + value));
    return value;
}

std::string field_label(const Context& context, std::string_view field) {
    std::string key = "log.field." + std::string(field);
    return std::string(context.t(has_message(key) ? std::string_view(key) : std::string_view("log.field.other")));
}

Html changes_html(const Context& context, const std::vector<app::FieldChange>& changes, const LogNames& names) {
    Html rows;
    for (const auto& change : changes) {
        auto before = value_words(context, change.field, change.before, names);
        auto after = value_words(context, change.field, change.after, names);
        Html value;
        if (before.size() + after.size() > 160)
            value = html::format(R"(<details><summary>{}</summary><p><strong>{}</strong> <span class="pre">{}</span></p><p><strong>{}</strong> <span class="pre">{}</span></p></details>)",
                                 context.t("log.show_text"), context.t("log.before"), before, context.t("log.after"), after);
        else
            value = html::format(R"(<span class="visually-hidden">{} </span>{} <span aria-hidden="true">→</span><span class="visually-hidden">, {}</span> {})",
                                 context.t("log.before"), before, context.t("log.after"), after);
        rows += html::format(R"(<div class="row"><dt>{}</dt><dd>{}</dd></div>)", field_label(context, change.field), value);
    }
    if (rows.empty()) return {};
    return html::format(R"(<dl class="summary log-changes">{}</dl>)", rows);
}

struct Words {
    std::string text;                                    // plain text
    std::vector<std::pair<std::string, std::string>> rows; // label → value, plain text
    bool show_changes = true;
};

// The words of one change: "Dora Dataskyddsombud bedömde risken: hög".
Words change_words(const Context& context, const app::LogLine& line, const LogNames& names) {
    const auto& entry = line.entry;
    const auto& action = entry.action;
    auto who = who_of(context, entry, names.people);
    auto after = payload(entry.after_json);
    auto key = "log.do." + action;
    Words words;
    auto yes_no = [&](bool value) { return std::string(context.t(value ? "log.yes" : "log.no")); };
    if (action == "incident.status") {
        auto before = payload(entry.before_json);
        auto from = domain::parse_status(string_at(before, "status"));
        auto to = domain::parse_status(string_at(after, "status"));
        if (to == domain::CaseStatus::registered) words.text = text_of(context, "log.do.incident.registered", who);
        else if (from && !domain::is_open(*from) && to && domain::is_open(*to))
            words.text = text_of(context, "log.do.incident.reopened", who);
        else
            words.text = text_of(context, key, who, lower_first(value_words(context, "status", string_at(after, "status"), names)));
    } else if (action == "incident.assign") {
        words.text = text_of(context, key, who, value_words(context, "handler", string_at(after, "handler"), names));
        words.show_changes = false;
    } else if (action == "incident.aware") {
        auto before = payload(entry.before_json);
        words.text = text_of(context, key, who,
                             fmt::format("{} → {}", time_words(string_at(before, "aware_at")), time_words(string_at(after, "aware_at"))));
        if (auto reason = string_at(after, "reason"); !reason.empty()) words.rows.emplace_back(context.t("log.reason"), reason);
        words.show_changes = false;
    } else if (action == "assessment.run") {
        words.text = text_of(context, key, who, std::string(context.t("log.risk." + string_at(after, "risk"))));
    } else if (action == "assessment.decide") {
        words.text = text_of(context, key, who,
                             fmt::format(fmt::runtime(context.t("log.decision")),
                                         fmt::arg("authority", yes_no(bool_at(after, "notify_authority"))),
                                         fmt::arg("subjects", yes_no(bool_at(after, "notify_subjects")))));
        if (auto reasons = string_at(after, "reasons"); !reasons.empty()) words.rows.emplace_back(context.t("log.reason"), reasons);
    } else if (action == "notification.record") {
        words.text = text_of(context, key, who, std::string(context.t("notify.recipient." + string_at(after, "recipient"))));
        words.rows.emplace_back(context.t("log.phase"), std::to_string(number_at(after, "phase")));
        words.rows.emplace_back(context.t("log.submitted_at"), time_words(string_at(after, "submitted_at")));
        if (auto reference = string_at(after, "authority_reference"); !reference.empty())
            words.rows.emplace_back(context.t("log.authority_reference"), reference);
        if (bool_at(after, "late")) words.rows.emplace_back(context.t("log.late"), yes_no(true));
    } else if (action == "task.add") {
        words.text = text_of(context, key, who, string_at(after, "title"));
    } else if (action == "task.done" || action == "task.reopen") {
        auto found = names.tasks.find(string_at(after, "task"));
        words.text = text_of(context, key, who, found != names.tasks.end() ? found->second : std::string());
    } else if (action == "attachment.add") {
        words.text = text_of(context, key, who, string_at(after, "filename"));
    } else if (action == "letter.save" || action == "letter.finalise") {
        words.text = text_of(context, key, who, std::string(context.t("log.lang." + string_at(after, "language"))));
    } else if (action == "letter.recipients_import") {
        words.text = text_of(context, key, who, counted(context, "log.count.recipients", number_at(after, "imported")));
    } else if (action == "letter.print" || action == "letter.posted") {
        words.text = text_of(context, key, who, counted(context, "log.count.letters", number_at(after, "letters")));
    } else if (action == "letter.emails_queued") {
        words.text = text_of(context, key, who, counted(context, "log.count.recipients", number_at(after, "queued")));
    } else if (action == "processor_notice.select") {
        words.text = text_of(context, key, who, counted(context, "log.count.controllers", number_at(after, "added")));
    } else if (action == "processor_notice.send") {
        words.text = text_of(context, key, who, counted(context, "log.count.controllers", number_at(after, "notices")));
    } else if (has_message(key)) {
        words.text = text_of(context, key, who);
    } else {
        words.text = text_of(context, "log.do.unknown", who, action);
    }
    return words;
}

std::string read_words(const Context& context, const domain::AuditEntry& entry, const Names& people) {
    std::string key = "log.read." + entry.action;
    std::string what = entry.action.starts_with("document.read:") ? std::string(context.t("log.read.document"))
                       : has_message(key) ? std::string(context.t(key))
                                          : text_of(context, "log.read.unknown", "", entry.action);
    return text_of(context, "log.read_line", who_of(context, entry, people), what);
}

Html time_html(const Instant& at) {
    return html::format(R"(<time datetime="{}">{}</time>)", format_utc(at), html::stockholm_time(at));
}

Html reads_html(const Context& context, const app::LogLine& line, const Names& people) {
    std::set<std::string> who;
    for (const auto& read : line.reads) who.insert(read.actor_id);
    auto people_count = static_cast<int64_t>(who.size());
    Html items;
    for (const auto& read : line.reads)
        items += html::format("<li>{} · {}</li>", time_html(read.at), read_words(context, read, people));
    auto summary = people_count == 1 ? std::string(context.t("log.read_by_one"))
                                     : fmt::format(fmt::runtime(context.t("log.read_by")), fmt::arg("count", people_count));
    summary += " (" + counted(context, "log.reads", static_cast<int64_t>(line.reads.size())) + ")";
    return html::format(R"(<li class="log-reads"><p class="meta">{}</p><details><summary>{}</summary><ol class="plain">{}</ol></details></li>)",
                        time_html(line.entry.at), summary, items);
}

Html line_html(const Context& context, const app::LogLine& line, const LogNames& names, app::LogFilter filter) {
    if (line.is_reads() && filter == app::LogFilter::reads)
        return html::format(R"(<li><p class="meta">{}</p><p>{}</p></li>)", time_html(line.entry.at),
                            read_words(context, line.entry, names.people));
    if (line.is_reads()) return reads_html(context, line, names.people);
    auto words = change_words(context, line, names);
    Html extra;
    for (const auto& [label_text, value] : words.rows)
        extra += html::format(R"(<div class="row"><dt>{}</dt><dd><span class="pre">{}</span></dd></div>)", label_text, value);
    if (!extra.empty()) extra = html::format(R"(<dl class="summary">{}</dl>)", extra);
    if (words.show_changes) extra += changes_html(context, line.changes, names);
    return html::format(R"(<li><p class="meta">{}</p><p><strong>{}</strong></p>{}</li>)", time_html(line.entry.at),
                        words.text, extra);
}

app::LogFilter filter_of(const Context& context) {
    auto value = context.request.query_param("filter").value_or("all");
    if (value == "changes") return app::LogFilter::changes;
    if (value == "reads") return app::LogFilter::reads;
    return app::LogFilter::all;
}

std::string_view filter_name(app::LogFilter filter) {
    return filter == app::LogFilter::changes ? "changes" : filter == app::LogFilter::reads ? "reads" : "all";
}

int64_t cursor_of(const Context& context, std::string_view name) {
    auto value = context.request.query_param(name).value_or("");
    if (value.empty() || value.size() > 18 || value.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::stoll(value);
}

std::string log_url(std::string_view id) { return case_url(id) + "/log"; }

Html filter_form(const Context& context, std::string_view id, app::LogFilter chosen) {
    Html radios;
    for (auto filter : {app::LogFilter::all, app::LogFilter::changes, app::LogFilter::reads}) {
        auto name = filter_name(filter);
        radios += html::format(R"(<div class="choice"><input type="radio" name="filter" value="{0}" id="log-filter-{0}"{1}> <label for="log-filter-{0}">{2}</label></div>)",
                               name, filter == chosen ? Html(" checked") : Html(), context.t("log.filter." + std::string(name)));
    }
    return html::format(R"(<form method="get" action="{}" class="log-filter"><fieldset><legend>{}</legend>{}</fieldset><button type="submit" class="button secondary">{}</button></form>)",
                        log_url(id), context.t("log.filter_legend"), radios, context.t("log.filter_button"));
}

http::Response show_log(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    std::string id(context.request.path_param("id"));
    app::CaseLogQuery query;
    query.filter = filter_of(context);
    query.after_seq = cursor_of(context, "after");
    query.before_seq = query.after_seq > 0 ? 0 : cursor_of(context, "before");
    auto log = app::case_log(context.app, *context.actor, id, query);
    if (!log) return error_page(context, log.error());
    const auto& incident = log->incident;
    LogNames names{log->names, log->task_titles};
    Html body = html::format(R"(<p><a href="/cases/{}">{}</a></p><p class="lead">{}</p>)", http::percent_encode(incident.id),
                             context.t("log.back"), context.t("log.intro"));
    if (log->reads > 0) {
        auto summary = log->reads == 1 ? std::string(context.t("log.reads_summary_one"))
                                       : fmt::format(fmt::runtime(context.t("log.reads_summary")), fmt::arg("reads", log->reads),
                                                     fmt::arg("readers", counted(context, "log.people", log->readers)));
        body += html::format("<p>{}</p>", summary);
    }
    body += filter_form(context, incident.id, query.filter);
    Html lines;
    for (const auto& line : log->lines) lines += line_html(context, line, names, query.filter);
    std::string base = log_url(incident.id) + "?filter=" + std::string(filter_name(query.filter));
    if (lines.empty()) {
        bool paged = query.before_seq > 0 || query.after_seq > 0;
        body += html::format("<p>{}</p>", context.t(paged ? "log.empty_page" : "log.empty"));
        if (paged) body += html::format(R"(<p><a href="{}">{}</a></p>)", base, context.t("log.newest"));
    } else {
        body += html::format(R"(<ol class="notes log" aria-label="{}">{}</ol>)", context.t("log.list_label"), lines);
    }
    Html links;
    if (log->newer)
        links += html::format(R"(<li><a href="{}&amp;after={}" rel="prev">{}</a></li>)", base, *log->newer, context.t("log.newer"));
    if (log->older)
        links += html::format(R"(<li><a href="{}&amp;before={}" rel="next">{}</a></li>)", base, *log->older, context.t("log.older"));
    if (!links.empty())
        body += html::format(R"(<nav class="log-paging" aria-label="{}"><ul class="plain">{}</ul></nav>)", context.t("log.paging"), links);
    std::string title = fmt::format(fmt::runtime(context.t("log.title")), fmt::arg("number", incident.case_number));
    return html::page(context, 200, {title, "", std::move(body), "cases", false});
}

} // namespace

html::Html recent_events_section(const Context& context, const app::CaseFile& file) {
    if (!context.actor->allows(file.incident.org_id, domain::Action::read_audit)) return {};
    Names people = file.actor_names;
    for (const auto* users : {&file.handlers, &file.members})
        for (const auto& user : *users) people.emplace(user.id, user.name);
    if (!file.unit_name.empty()) people.emplace(file.incident.facts.unit_id, file.unit_name);
    Names tasks;
    for (const auto& task : file.tasks) tasks.emplace(task.id, task.title);
    LogNames names{people, tasks};
    std::vector<domain::AuditEntry> changes;
    for (const auto& entry : file.audit)
        if (!app::is_read_action(entry.action)) changes.push_back(entry);
    auto lines = app::log_lines(changes, app::LogFilter::changes, 5, false);
    Html body;
    for (const auto& line : lines) body += line_html(context, line, names, app::LogFilter::changes);
    body = body.empty() ? html::format("<p>{}</p>", context.t("log.recent_none"))
                        : html::format(R"(<ol class="notes log">{}</ol>)", body);
    body += html::format(R"(<p><a href="{}">{}</a></p>)", log_url(file.incident.id), context.t("log.full_link"));
    return html::format(R"(<section id="audit" aria-labelledby="audit-heading"><h2 id="audit-heading">{}</h2>{}</section>)",
                        context.t("log.recent_heading"), body);
}

void register_case_log(Site& site) { site.add("GET", "/cases/{id}/log", show_log); }

} // namespace skydda::web::pages
