// The stylesheet, served from memory. Calm, readable, WCAG 2.1 AA: text contrast at least
// 4.5:1, a visible focus ring, the skip link shown on focus, errors marked by a left border and
// words (never colour alone), and print styles that leave only the content.
#include "web/pages.hpp"

namespace skydda::web::pages {
namespace {

constexpr std::string_view k_css = R"CSS(
:root {
  --text: #1b1b1b; --muted: #4a4f55; --background: #ffffff; --panel: #f3f5f7; --border: #6b7178;
  --link: #1d4f91; --link-visited: #5a2d82; --brand: #0b4f47; --button: #0b5d51; --button-hover: #083f37;
  --error: #b3261e; --focus: #ffbf47; --focus-text: #0b0c0c;
}
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--background); color: var(--text); overflow-wrap: break-word;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; line-height: 1.5; }
a { color: var(--link); text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
a:visited { color: var(--link-visited); }
a:hover { text-decoration-thickness: 3px; }
:focus-visible, a:focus, button:focus, input:focus, select:focus, textarea:focus {
  outline: 3px solid var(--focus); outline-offset: 0; box-shadow: 0 0 0 6px var(--focus-text); }
a:focus { background: var(--focus); color: var(--focus-text); box-shadow: 0 4px var(--focus-text); outline: none; text-decoration: none; }
.skip { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; }
.skip:focus { left: 0.5rem; top: 0.5rem; z-index: 10; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: 0; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); border: 0; white-space: nowrap; }

.top { background: var(--brand); color: #fff; padding: 0.75rem 1rem; display: flex; flex-wrap: wrap;
  align-items: center; justify-content: space-between; gap: 0.5rem 2rem; }
.top a, .top a:visited { color: #fff; }
.top a:focus { color: var(--focus-text); }
.brand { font-weight: 700; font-size: 1.25rem; text-decoration: none; }
.brand span { font-weight: 400; font-size: 1rem; margin-left: 0.5rem; }
.brand-block { display: flex; flex-direction: column; gap: 0.1rem; min-width: 0; }
.top .org { margin: 0; font-size: 0.95rem; overflow-wrap: anywhere; }
.top nav { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 2rem; }
.nav { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
.nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
.account { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 1rem; }
.inline { display: inline; margin: 0; }
.who { margin-right: 0.25rem; }
button.link { background: none; border: 0; padding: 0; color: inherit; font: inherit; text-decoration: underline; cursor: pointer; }
.top button.link { color: #fff; }
.top button.link:focus { color: var(--focus-text); background: var(--focus); }

main { display: block; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
main.narrow { max-width: 46rem; }
main.wide { max-width: 75rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.5rem 0 1.5rem; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 2rem 0 1rem; }
h3 { font-size: 1.2rem; margin: 1.5rem 0 0.75rem; }
p, ul, ol, dl { margin: 0 0 1rem; }
.lead { font-size: 1.2rem; }
.hint, .meta { color: var(--muted); margin: 0 0 0.5rem; }
span.hint { display: block; }
.pre { white-space: pre-wrap; overflow-wrap: anywhere; }
ul.plain { list-style: none; padding: 0; margin: 0; }
.foot { border-top: 1px solid var(--border); padding: 1rem; color: var(--muted); text-align: center; }
.foot p, .foot ul { margin: 0 0 0.5rem; }
.foot ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; justify-content: center; gap: 0.25rem 1.5rem; }
ul.next-steps li { margin-bottom: 0.5rem; }

/* Forms */
fieldset { border: 0; margin: 0 0 1.5rem; padding: 0; min-width: 0; }
fieldset.section { border-top: 2px solid var(--brand); padding-top: 1rem; margin-top: 2rem; }
fieldset.section > legend { font-size: 1.4rem; font-weight: 700; padding: 0 0.5rem 0 0; }
fieldset.nested { margin: 1rem 0 0 0; padding: 0.75rem 1rem; border-left: 4px solid var(--border); background: var(--panel); }
legend { font-weight: 700; margin-bottom: 0.5rem; }
.field { margin: 0 0 1.5rem; }
.field > label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
.required { font-weight: 400; color: var(--muted); }
input[type="text"], input[type="email"], input[type="password"], input[type="datetime-local"], select, textarea {
  display: block; width: 100%; max-width: 36rem; font: inherit; color: var(--text); background: #fff;
  border: 2px solid var(--text); border-radius: 0; padding: 0.4rem 0.5rem; min-height: 2.5rem; }
input.short { max-width: 12rem; }
input[type="datetime-local"] { max-width: 16rem; }
.date-time { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
.date-time .part label { display: block; margin-bottom: 0.25rem; }
.date-time input.date { max-width: 9rem; }
.date-time input.time { max-width: 6rem; }
.choice .plain { color: var(--muted); }
textarea { min-height: 6rem; }
input[type="file"] { font: inherit; }
.choice { display: grid; grid-template-columns: 2rem 1fr; align-items: start; margin: 0 0 0.6rem; }
.choice input { grid-column: 1; width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; accent-color: var(--button); }
.choice label { grid-column: 2; }
.choice .hint { grid-column: 2; margin: 0.1rem 0 0; }
form.inline .choice { display: inline-grid; margin: 0 0.5rem 0 0; vertical-align: middle; }
.field.has-error { border-left: 5px solid var(--error); padding-left: 1rem; }
.error-message { color: var(--error); font-weight: 700; margin: 0 0 0.5rem; }
[aria-invalid="true"] { border-color: var(--error); border-width: 3px; }
.error-summary { border: 5px solid var(--error); padding: 1rem 1.25rem; margin: 0 0 2rem; }
.error-summary h2 { margin-top: 0; font-size: 1.3rem; }
.error-summary ul { margin: 0; padding-left: 1.25rem; }
.error-summary a, .error-summary a:visited { color: var(--error); font-weight: 700; }
.error-summary a:focus { color: var(--focus-text); }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: 1.5rem 0; }
.button, a.button { display: inline-block; font: inherit; font-weight: 700; line-height: 1.25; text-decoration: none;
  background: var(--button); color: #fff; border: 2px solid transparent; border-bottom: 3px solid #002a24;
  padding: 0.55rem 1rem; cursor: pointer; border-radius: 0; }
a.button:visited { color: #fff; }
.button:hover { background: var(--button-hover); }
.button.secondary, a.button.secondary { background: #e8ecef; color: var(--text); border-bottom-color: #6b7178; }
a.button.secondary:visited { color: var(--text); }
.button.secondary:hover { background: #d5dadf; }
.button.small { padding: 0.25rem 0.6rem; font-size: 0.95rem; }
.button:focus, a.button:focus { background: var(--focus); color: var(--focus-text); border-color: var(--focus-text); outline: 3px solid var(--focus); }
.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 1rem; margin-bottom: 1.5rem; }
.inline-field { margin: 0; }
.filters .field { margin: 0; }
.filters details { flex-basis: 100%; }
.filters details[open] { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.75rem 1rem; }
.filters details > summary { grid-column: 1 / -1; cursor: pointer; }
.filters input[type=search] { min-width: 18rem; }
.status-counts, .figures { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; padding: 0; }
.figures > div { min-width: 12rem; }
.figures dt { color: var(--muted); } .figures dd { margin: 0; font-size: 1.4rem; font-weight: 700; }
.chart { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
.chart svg { width: 100%; height: auto; }
.inline-field select { min-width: 12rem; }

/* Summaries, panels and lists */
dl.summary { margin: 0 0 1.5rem; border-top: 1px solid var(--border); }
dl.summary .row { display: grid; grid-template-columns: minmax(10rem, 1fr) 2fr; gap: 0.5rem 1.5rem;
  border-bottom: 1px solid var(--border); padding: 0.6rem 0; }
dl.summary dt { font-weight: 700; }
dl.summary dd { margin: 0; }
.panel { background: var(--panel); border-left: 5px solid var(--brand); padding: 1rem 1.25rem; margin: 0 0 1.5rem; }
.confirmation { background: var(--brand); color: #fff; border: 0; text-align: center; }
.case-number { font-size: 1.75rem; margin: 0; }
.clock-box { border: 3px solid var(--brand); padding: 0 1.25rem 0.5rem; margin: 0 0 2rem; }
.clock-box h2 { margin-top: 1rem; }
section { margin-bottom: 2rem; }
ol.notes { list-style: none; padding: 0; }
ol.notes > li { border-left: 4px solid var(--border); padding: 0.25rem 0 0.25rem 1rem; margin-bottom: 1rem; }
ul.inbox { list-style: none; padding: 0; }
ul.inbox li { padding: 0.6rem 0; border-bottom: 1px solid var(--border); }
ul.inbox li.unread { font-weight: 600; }
.badge { display: inline-block; background: #1d4f91; color: #fff; padding: 0 0.5rem; font-size: 0.9rem; font-weight: 700; }
ol.steps li { margin-bottom: 0.5rem; }
ol.questions > li { margin-bottom: 1rem; }
ul.options { margin: 0.25rem 0 0; }

/* Tables */
table { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; }
caption { text-align: left; font-weight: 700; font-size: 1.1rem; padding-bottom: 0.5rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem 0.75rem 0.5rem 0; border-bottom: 1px solid var(--border); }
thead th { border-bottom: 2px solid var(--text); }
tbody th { font-weight: 600; }

/* The 72-hour clock: colour and words together */
.urgency { display: inline-block; padding: 0.1rem 0.5rem; border-left: 5px solid; }
.urgency-overdue { background: #b3261e; color: #fff; border-color: #5c0f0a; }
.urgency-critical { background: #fde2dd; color: #6b1109; border-color: #b3261e; }
.urgency-soon { background: #fff3c4; color: #4d3a00; border-color: #8a6a00; }
.urgency-running { background: #e3f1ea; color: #0d4a2a; border-color: #1e7d4a; }
.urgency-stopped { background: #eceff1; color: #37474f; border-color: #6b7178; }

/* A narrow screen (a phone at 390 px): nothing scrolls sideways. Every table becomes stacked
   rows, each cell labelled with its column's header (data-label, added by the page shell);
   the header row stays for screen readers, out of sight. */
@media (max-width: 40rem) {
  h1 { font-size: 1.6rem; overflow-wrap: anywhere; }
  .top { padding: 0.5rem 0.75rem; }
  .top nav, .account { gap: 0.25rem 1rem; }
  main { padding: 1rem 0.75rem 2rem; }
  dl.summary .row { grid-template-columns: 1fr; }
  table, tbody, tr, th, td, caption { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
  tr { border-bottom: 2px solid var(--text); padding: 0.5rem 0; }
  th, td { border: 0; padding: 0.15rem 0; text-align: left; }
  td.num, th.num { text-align: left; }
  td[data-label]::before, th[data-label]::before { content: attr(data-label) ": "; font-weight: 700; }
  .inline-field select, select { min-width: 0; }
  .filters { display: block; }
  .filters input[type=search] { min-width: 0; width: 100%; }
  .chart { display: block; }
  .filters > * { margin-bottom: 0.75rem; }
  pre, code { white-space: pre-wrap; overflow-wrap: anywhere; }
}

@media print {
  .top nav, .skip, form, .actions, .no-print, .foot, .button { display: none !important; }
  .top { background: none; color: #000; padding: 0; }
  .top a, .top a:visited { color: #000; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: #000; text-decoration: none; }
  .panel, .clock-box, .confirmation { background: none; color: #000; border: 1px solid #000; }
  .urgency { background: none !important; color: #000 !important; }
  h2 { break-after: avoid; }
  ol.questions > li, dl.summary .row { break-inside: avoid; }
}
)CSS";

http::Response stylesheet(Context&) {
    auto response = http::Response::text(200, std::string(k_css), "text/css; charset=utf-8");
    response.set_header("Cache-Control", "public, max-age=3600");
    response.set_header("X-Content-Type-Options", "nosniff");
    return response;
}

} // namespace

void register_static(Site& site) { site.add_public("GET", "/static/skydda.css", stylesheet); }

} // namespace skydda::web::pages
