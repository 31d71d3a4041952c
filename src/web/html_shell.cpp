// The parts of the page shell that know the organisation (the header's name, the footer's DPO
// contact and links) and the rewriting that lets every table reflow on a narrow screen.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "web/html.hpp"

namespace skydda::web::html {
namespace {

// The inner text of an element's HTML: tags dropped, whitespace folded, `"` made safe for an
// attribute (entities stay as they are: they are valid in attributes too).
std::string attribute_text(std::string_view inner) {
    std::string out;
    bool in_tag = false, space = false;
    for (char c : inner) {
        if (c == '<') in_tag = true;
        else if (c == '>') in_tag = false;
        else if (!in_tag) {
            if (c == ' ' || c == '\n' || c == '\t') {
                space = !out.empty();
                continue;
            }
            if (space) out += ' ';
            space = false;
            if (c == '"') out += "&quot;";
            else out += c;
        }
    }
    return out;
}

// The position of the next cell tag ("<td" or "<th" followed by a space or '>') in [from, end).
size_t next_cell(std::string_view html, size_t from, size_t end) {
    for (size_t at = html.find("<t", from); at != std::string_view::npos && at < end; at = html.find("<t", at + 2)) {
        if (at + 3 >= html.size()) return std::string_view::npos;
        char kind = html[at + 2], after = html[at + 3];
        if ((kind == 'd' || kind == 'h') && (after == ' ' || after == '>')) return at;
    }
    return std::string_view::npos;
}

int colspan_of(std::string_view tag) {
    auto at = tag.find("colspan=\"");
    if (at == std::string_view::npos) return 1;
    int value = 0;
    for (size_t i = at + 9; i < tag.size() && tag[i] >= '0' && tag[i] <= '9'; ++i) value = value * 10 + (tag[i] - '0');
    return std::max(value, 1);
}

// The column headers of one table's <thead>, one per column (a colspan repeats its text).
std::vector<std::string> column_headers(std::string_view table) {
    std::vector<std::string> headers;
    auto head = table.find("<thead");
    auto head_end = table.find("</thead>");
    if (head == std::string_view::npos || head_end == std::string_view::npos) return headers;
    for (size_t at = next_cell(table, head, head_end); at != std::string_view::npos;
         at = next_cell(table, at + 3, head_end)) {
        auto open_end = table.find('>', at);
        auto close = table.find("</th>", open_end);
        if (open_end == std::string_view::npos || close == std::string_view::npos) break;
        auto text = attribute_text(table.substr(open_end + 1, close - open_end - 1));
        for (int i = 0; i < colspan_of(table.substr(at, open_end - at)); ++i) headers.push_back(text);
    }
    return headers;
}

// One table: each body cell without a data-label gets its column's header.
std::string label_one_table(std::string_view table) {
    auto headers = column_headers(table);
    auto body = table.find("<tbody");
    if (headers.empty() || body == std::string_view::npos) return std::string(table);
    std::string out(table.substr(0, body));
    size_t copied = body;
    for (size_t row = table.find("<tr", body); row != std::string_view::npos; row = table.find("<tr", row + 3)) {
        auto row_end = std::min(table.find("</tr>", row), table.size());
        size_t column = 0;
        for (size_t cell = next_cell(table, row, row_end); cell != std::string_view::npos;
             cell = next_cell(table, cell + 3, row_end)) {
            auto open_end = table.find('>', cell);
            auto tag = table.substr(cell, open_end - cell);
            if (column < headers.size() && !headers[column].empty() && tag.find("data-label=") == std::string_view::npos) {
                out.append(table.substr(copied, cell + 3 - copied));
                out += fmt::format(R"( data-label="{}")", headers[column]);
                copied = cell + 3;
            }
            column += static_cast<size_t>(colspan_of(tag));
        }
    }
    out.append(table.substr(copied));
    return out;
}

} // namespace

Html label_table_cells(const Html& markup) {
    std::string_view html = markup.str();
    std::string out;
    size_t copied = 0;
    for (size_t at = html.find("<table"); at != std::string_view::npos; at = html.find("<table", at + 6)) {
        auto end = html.find("</table>", at);
        if (end == std::string_view::npos) break;
        end += 8;
        // A table inside a table is left alone: its cells' columns are not the outer ones.
        if (html.substr(at + 6, end - at - 6).find("<table") != std::string_view::npos) continue;
        out.append(html.substr(copied, at - copied));
        out += label_one_table(html.substr(at, end - at));
        copied = end;
        at = end - 6;
    }
    out.append(html.substr(copied));
    // Markup in, markup out: only data-label attributes are added, their text made safe.
    return Html::trusted(std::move(out));
}

std::vector<domain::Organisation> page_organisations(const Context& context, const PageOptions& options) {
    auto all = context.app.public_organisations();
    if (!all) return {};
    auto by_id = [&](std::string_view id) -> std::vector<domain::Organisation> {
        for (const auto& org : *all)
            if (org.id == id) return {org};
        return {};
    };
    std::vector<domain::Organisation> mine;
    for (const auto& org : *all)
        if (!context.actor || context.actor->member_of(org.id)) mine.push_back(org);
    if (!options.org_id.empty()) return by_id(options.org_id);
    const auto& request = context.request;
    auto id = std::string(request.path_param("id"));
    if (context.actor && !id.empty() && (request.path.starts_with("/cases/") || request.path.starts_with("/report/receipt/")))
        if (auto org = context.app.case_organisation(*context.actor, id)) return {*org};
    if (context.actor && !id.empty() && request.path.starts_with("/organisations/") && context.actor->member_of(id))
        return by_id(id);
    if (auto chosen = request.query_param("org"); chosen && !chosen->empty()) {
        auto found = by_id(*chosen);
        if (!found.empty() && (!context.actor || context.actor->member_of(*chosen))) return found;
    }
    return mine;
}

Html header_organisation(const Context&, const std::vector<domain::Organisation>& organisations) {
    if (organisations.size() != 1) return {};
    return format(R"(<p class="org">{}</p>)", organisations.front().name);
}

Html footer(const Context& context, const std::vector<domain::Organisation>& organisations) {
    // One line per distinct DPO: several nämnder of a kommun often share one.
    Html contacts;
    std::set<std::string> seen;
    for (const auto& org : organisations) {
        if (org.dpo_email.empty() && org.dpo_name.empty() && org.dpo_phone.empty()) continue;
        if (!seen.insert(org.dpo_name + "\n" + org.dpo_email + "\n" + org.dpo_phone).second) continue;
        Html parts = text(org.dpo_name.empty() ? context.t("footer.dpo_unnamed") : org.dpo_name);
        if (!org.dpo_email.empty()) parts += format(R"(, <a href="mailto:{0}">{0}</a>)", org.dpo_email);
        if (!org.dpo_phone.empty()) parts += Html(", ") + text(org.dpo_phone);
        contacts += format("<li>{}: {}</li>", context.t("footer.dpo"), parts);
    }
    std::string query;
    if (organisations.size() == 1) query = "?org=" + http::percent_encode(organisations.front().id);
    return format(R"(<footer class="foot"><p>Skydda · {}</p>{}<ul class="foot-links"><li><a href="/privacy{}">{}</a></li><li><a href="/accessibility{}">{}</a></li></ul></footer>)",
                  context.t("app.tagline"), contacts.empty() ? Html() : format(R"(<ul class="foot-contact">{}</ul>)", contacts),
                  query, context.t("footer.privacy"), query, context.t("footer.accessibility"));
}

} // namespace skydda::web::html

namespace skydda::web::html {

Html error_next_steps(const Context& context) {
    Html items = format(R"(<li><a href="/">{}</a></li><li><a href="/report">{}</a></li>)", context.t("error.next_home"),
                        context.t("error.next_report"));
    if (!context.actor)
        items += format(R"(<li><a href="/login?next={}">{}</a></li>)", http::percent_encode(context.request.target),
                        context.t("error.next_sign_in"));
    auto organisations = page_organisations(context, {});
    // One DPO for all of them (several nämnder of a kommun often share one): their contact here.
    const domain::Organisation* dpo = nullptr;
    bool one_dpo = true;
    for (const auto& org : organisations) {
        if (org.dpo_email.empty()) continue;
        if (!dpo) dpo = &org;
        else if (dpo->dpo_email != org.dpo_email) one_dpo = false;
    }
    if (dpo && one_dpo)
        items += format(R"(<li>{0} <a href="mailto:{1}">{1}</a>{2}</li>)", context.t("error.next_dpo"), dpo->dpo_email,
                        dpo->dpo_phone.empty() ? Html() : Html(", ") + text(dpo->dpo_phone));
    else
        items += format(R"(<li><a href="/privacy">{}</a></li>)", context.t("error.next_dpo_page"));
    return format(R"(<h2>{}</h2><ul class="next-steps">{}</ul>)", context.t("error.next_heading"), items);
}

std::string basis_text(const Context& context, std::string_view basis) {
    auto key = "basis." + std::string(basis);
    return std::string(has_message(key) ? context.t(key) : basis);
}

} // namespace skydda::web::html
