// Browser tests of Skydda's web pages, run by `make browser-tests`:
//   cd tests/browser && SKYDDA_BINARY=/abs/path/build/release/skydda node run.mjs
//
// Starts the server binary with --demo on a free loopback port in a temporary directory, then
// drives Debian's Chromium (never a downloaded browser) through playwright-core:
//   a) the e-service: the reporter reports, checks and sends; the registrar finds the case in
//      the inbox and registers it;
//   b) the same with JavaScript disabled;
//   c) axe-core (WCAG 2.0/2.1 A and AA) on every main page, signed out and in;
//   d) with SKYDDA_SCREENSHOTS=1, screenshots for the README: docs/screenshot-case.png and
//      docs/screenshot-report.png (off by default: a test run must not change tracked files).
//   e) the report form (form.mjs): a reporter in two organisations, a date alone, a half-typed date.
// Prints one line per check and closes with "N passed, N failed"; exits 1 on any failure and
// always stops the server.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { formChecks } from './form.mjs';
import { logg } from './logg.mjs';
import { register } from './register.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const binary = process.env.SKYDDA_BINARY || join(repo, 'build', 'release', 'skydda');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const password = 'skydda-demo-2026';
const users = {
  reporter: 'anna.rapportor@exempelby.se',
  registrar: 'rebecka.registrator@exempelby.se',
  dpo: 'dora.dso@exempelby.se',
};
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const started = Date.now();

// --- bookkeeping ----------------------------------------------------------------------------

let passed = 0;
let failed = 0;
const failures = [];

function check(condition, what, detail = '') {
  if (condition) {
    passed++;
    console.log(`  ok    ${what}`);
  } else {
    failed++;
    failures.push(what + (detail ? ` — ${detail}` : ''));
    console.log(`  FAIL  ${what}${detail ? `\n        ${detail}` : ''}`);
  }
  return condition;
}

// A step that throws counts as one failure and the run goes on with the next step.
async function step(name, body) {
  console.log(`\n${name}`);
  const begun = Date.now();
  try {
    await body();
  } catch (error) {
    check(false, `${name}: no exception`, String(error && error.stack ? error.stack.split('\n').slice(0, 4).join('\n        ') : error));
  }
  console.log(`  (${((Date.now() - begun) / 1000).toFixed(1)} s)`);
}

// --- the server -----------------------------------------------------------------------------

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

let server = null;
let workDir = null;

function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    try { server.kill('SIGTERM'); } catch { /* already gone */ }
  }
}

process.on('exit', () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    try { server.kill('SIGKILL'); } catch { /* already gone */ }
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
// The whole run is meant to take about two minutes (the finish's 390 px pass signs in as every
// demo role); past six something hangs.
setTimeout(() => {
  console.error('browser tests: timed out after 360 s');
  process.exit(1);
}, 360_000).unref();

async function startServer() {
  if (!existsSync(binary)) throw new Error(`no server binary at ${binary} (set SKYDDA_BINARY)`);
  workDir = mkdtempSync(join(tmpdir(), 'skydda-browser-'));
  const port = await freePort();
  const log = openSync(join(workDir, 'server.log'), 'a');
  server = spawn(binary, ['serve', '--db', `sqlite:${join(workDir, 'skydda.db')}`, '--listen', `127.0.0.1:${port}`, '--demo'],
    { stdio: ['ignore', log, log] });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) break;
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.status === 200) return base;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer /healthz with 200 (exit code ${server.exitCode})\n${serverLog()}`);
}

function serverLog() {
  try {
    return readFileSync(join(workDir, 'server.log'), 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}

// --- page helpers ---------------------------------------------------------------------------

let base = '';
let browser = null;

// bypassCSP: the documents' own Content-Security-Policy forbids every script, axe-core's too.
async function newPage({ javaScript = true, width = 1280, height = 900, bypassCSP = false } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: javaScript,
    bypassCSP,
    viewport: { width, height },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

async function goto(page, path) {
  const response = await page.goto(base + path, { waitUntil: 'load' });
  return response ? response.status() : 0;
}

// Submits by clicking the button and waits for the page the POST leads to.
async function submitWith(page, buttonSelector) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(buttonSelector)]);
}

async function login(page, email) {
  await goto(page, '/login');
  await page.fill('#field-email', email);
  await page.fill('#field-password', password);
  await submitWith(page, 'form[action="/login"] button[type="submit"]');
  const path = new URL(page.url()).pathname;
  check(path !== '/login' && (await page.locator('form[action="/logout"]').count()) === 1, `signed in as ${email}`, `at ${page.url()}`);
}

async function logout(page) {
  await submitWith(page, 'form[action="/logout"] button[type="submit"]');
  check((await page.locator('form[action="/logout"]').count()) === 0 && (await page.locator('a[href="/login"]').count()) > 0,
    'signed out');
}

// "YYYY-MM-DDTHH:MM" in Stockholm time, `hoursAgo` before now (the value a datetime-local takes).
function stockholmInput(hoursAgo) {
  const when = new Date(Date.now() - hoursAgo * 3600_000);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(when).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

// Fills the report form: title, the organisation, what happened, a data category, a group of
// data subjects and the times. Returns the title used.
async function fillReport(page, title) {
  await page.fill('#field-title', title);
  // The unit decides the organisation; a reporter in several organisations must choose one.
  if (await page.locator('select#field-unit').count()) await page.selectOption('select#field-unit', { index: 1 });
  await page.check('input[name="what_happened"] >> nth=0');
  await page.check('input[name="data"] >> nth=0');
  await page.check('input[name="subjects.groups"] >> nth=0');
  await page.fill('#field-occurred-at', stockholmInput(30));
  await page.fill('#field-discovered-at', stockholmInput(6));
  await page.fill('#field-subjects-count', '12');
  await page.fill('#field-description', 'Ett testärende från webbläsartesterna.');
  return title;
}

// The whole e-service: form, check your answers, send, receipt. Returns { caseNumber, id }.
async function reportThroughEService(page, title, label) {
  check((await goto(page, '/report')) === 200, `${label}: GET /report answers 200`);
  await fillReport(page, title);
  await submitWith(page, 'form[action="/report/check"] button[type="submit"]');
  const checkPath = new URL(page.url()).pathname;
  const sendButton = 'form[action="/report/submit"] button[type="submit"]:not([formaction])';
  const onCheck = (await page.locator(sendButton).count()) === 1;
  check(onCheck, `${label}: "check your answers" page shown`, `at ${checkPath}; error summary: ${await textOf(page, '.error-summary')}`);
  if (!onCheck) return {};
  check((await page.locator('main').innerText()).includes(title), `${label}: the summary shows the title`);
  await submitWith(page, sendButton);
  const receipt = new URL(page.url()).pathname.match(/^\/report\/receipt\/([^/]+)$/);
  check(receipt !== null, `${label}: redirected to the receipt`, `at ${page.url()}`);
  if (!receipt) return {};
  const caseNumber = (await textOf(page, '.case-number')).trim();
  check(/^\S+ \d{4}\/\d{4}$/.test(caseNumber), `${label}: the receipt shows a case number (${caseNumber})`);
  return { caseNumber, id: decodeURIComponent(receipt[1]) };
}

async function textOf(page, selector) {
  const element = page.locator(selector).first();
  return (await element.count()) ? element.innerText() : '';
}

// The registrar: the case is in the inbox's "to register" list; open it and register it.
async function registerFromInbox(page, caseNumber, label) {
  check((await goto(page, '/inbox')) === 200, `${label}: GET /inbox answers 200`);
  const link = page.locator('main table a', { hasText: caseNumber });
  const listed = check((await link.count()) === 1, `${label}: the inbox lists ${caseNumber} to register`);
  if (!listed) return;
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
  check(/^\/cases\/[^/]+$/.test(new URL(page.url()).pathname), `${label}: the link opens the case file`, page.url());
  const registerForm = page.locator('form[action$="/register"]');
  if ((await registerForm.count()) === 0) {
    console.log(`  note  ${label}: no register form on the case file`);
    return;
  }
  await submitWith(page, 'form[action$="/register"] button[type="submit"]');
  check((await page.locator('form[action$="/register"]').count()) === 0 && (await page.locator('.error-summary').count()) === 0,
    `${label}: the case is registered`, `at ${page.url()}; status ${await textOf(page, '.status')}`);
  await goto(page, '/inbox');
  check((await page.locator('main table a', { hasText: caseNumber }).count()) === 0,
    `${label}: ${caseNumber} has left the "to register" list`);
}

// --- accessibility --------------------------------------------------------------------------

const axeSummary = [];

async function axe(page, path, label, expectedStatus = 200) {
  const status = await goto(page, path);
  const results = await new AxeBuilder({ page }).withTags(axeTags).analyze();
  const violations = results.violations;
  axeSummary.push({ label, path, violations: violations.length, passes: results.passes.length });
  const detail = violations.map((v) =>
    `[${v.impact}] ${v.id}: ${v.help}\n` +
    v.nodes.map((n) => `            ${n.target.join(' ')}  ${n.failureSummary ? n.failureSummary.split('\n').slice(1).join(' ').trim() : ''}`).join('\n'),
  ).join('\n        ');
  check(status === expectedStatus && violations.length === 0, `axe ${label} ${path} (HTTP ${status}, ${results.passes.length} rules pass, ${violations.length} violated)`, detail);
}

// --- the run --------------------------------------------------------------------------------

async function main() {
  console.log(`Skydda browser tests: ${binary}`);
  base = await startServer();
  console.log(`server at ${base} (${Date.now() - started} ms)`);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync',
      // Swedish date and time pickers and file-input texts, as the README's screenshots show them.
      '--lang=sv-SE'],
  });

  const stamp = new Date().toISOString().slice(11, 19);
  let reported = {};
  let reportedNoJs = {};

  await step('a) e-service with JavaScript: report, then register from the inbox', async () => {
    const page = await newPage();
    await login(page, users.reporter);
    // The README's picture of the form: the top of the page, partly filled in.
    await goto(page, '/report');
    await page.fill('#field-title', 'Fel mottagare för ett mejl med elevuppgifter');
    // Only on request (SKYDDA_SCREENSHOTS=1): a test run must not change tracked files.
    if (process.env.SKYDDA_SCREENSHOTS === '1')
      await page.screenshot({ path: join(repo, 'docs', 'screenshot-report.png'), fullPage: false });
    reported = await reportThroughEService(page, `Webbläsartest med JavaScript ${stamp}`, 'with JS');
    if (reported.caseNumber) {
      await goto(page, '/my');
      check((await page.locator('main table a', { hasText: reported.caseNumber }).count()) === 1,
        `with JS: /my lists ${reported.caseNumber}`);
    }
    await logout(page);
    if (!reported.caseNumber) return;
    await login(page, users.registrar);
    await registerFromInbox(page, reported.caseNumber, 'with JS');
    await page.context().close();
  });

  await step('b) e-service without JavaScript', async () => {
    const page = await newPage({ javaScript: false });
    await login(page, users.reporter);
    reportedNoJs = await reportThroughEService(page, `Webbläsartest utan JavaScript ${stamp}`, 'no JS');
    // "Change" on the check page brings the form back filled in.
    await goto(page, '/report');
    await fillReport(page, 'Ändra-knappen utan JavaScript');
    await submitWith(page, 'form[action="/report/check"] button[type="submit"]');
    await submitWith(page, 'form[action="/report/submit"] button[formaction="/report"]');
    check((await page.inputValue('#field-title')) === 'Ändra-knappen utan JavaScript', 'no JS: "Change" brings the answers back');
    // A report without a title comes back with an error summary linking to the field.
    await goto(page, '/report');
    await submitWith(page, 'form[action="/report/check"] button[type="submit"]');
    check((await page.locator('.error-summary a[href="#field-title"]').count()) === 1 &&
      (await page.locator('#field-title[aria-invalid="true"]').count()) === 1,
    'no JS: a missing title is reported in the error summary and on the field');
    await logout(page);
    if (!reportedNoJs.caseNumber) return;
    await login(page, users.registrar);
    await registerFromInbox(page, reportedNoJs.caseNumber, 'no JS');
    await page.context().close();
  });

  await step('c) accessibility (axe-core: wcag2a, wcag2aa, wcag21a, wcag21aa)', async () => {
    const anonymous = await newPage();
    for (const path of ['/', '/login', '/report/questions']) await axe(anonymous, path, 'signed out');
    // /report signed out sends the visitor to sign in.
    await goto(anonymous, '/report');
    check(new URL(anonymous.url()).pathname === '/login', 'signed out: /report leads to /login');
    await axe(anonymous, '/no-such-page', 'signed out (not found page)', 404);
    await anonymous.context().close();

    const reporter = await newPage();
    await login(reporter, users.reporter);
    for (const path of ['/', '/report', '/report/questions', '/my', '/inbox']) await axe(reporter, path, 'reporter');
    // The form with an error and "check your answers".
    await goto(reporter, '/report');
    await submitWith(reporter, 'form[action="/report/check"] button[type="submit"]');
    await axeCurrent(reporter, 'reporter', '/report/check (missing title)');
    await goto(reporter, '/report');
    await fillReport(reporter, 'Tillgänglighetstest');
    await submitWith(reporter, 'form[action="/report/check"] button[type="submit"]');
    await axeCurrent(reporter, 'reporter', '/report/check (check your answers)');
    if (reported.id) {
      await axe(reporter, `/report/receipt/${encodeURIComponent(reported.id)}`, 'reporter (receipt)');
      await axe(reporter, `/cases/${encodeURIComponent(reported.id)}`, "reporter (own case, reporter's view)");
    }
    await reporter.context().close();

    const registrar = await newPage();
    await login(registrar, users.registrar);
    await axe(registrar, '/inbox', 'registrar');
    if (reportedNoJs.id) await axe(registrar, `/cases/${encodeURIComponent(reportedNoJs.id)}`, 'registrar (registered case)');
    await registrar.context().close();

    const dpo = await newPage();
    await login(dpo, users.dpo);
    for (const path of ['/', '/cases', '/inbox', '/my']) await axe(dpo, path, 'DPO');
    const demoCase = await richestCase(dpo);
    check(Boolean(demoCase), 'DPO: /cases lists the demo cases');
    if (demoCase) {
      await axe(dpo, demoCase, 'DPO (full case file)');
      await axe(dpo, `${demoCase}/edit`, 'DPO (edit facts)');
      // The demo case carries a scan summary: the DPO copies its figures into the facts.
      await goto(dpo, demoCase);
      const apply = dpo.locator('#scans form button[type=submit]');
      check((await apply.count()) === 1, 'DPO: the scan section offers to update the case');
      if (await apply.count()) {
        await apply.click();
        await dpo.waitForLoadState();
        check((await dpo.locator('#scans').innerText()).includes('Siffrorna fördes in i ärendet'),
          'DPO: applying the scan copies its figures into the case', dpo.url());
        check((await dpo.locator('#facts').innerText()).includes('Personnummer'),
          'DPO: the case now lists personal identity numbers among its data');
      }
      // d) The README's picture of a case file.
      await goto(dpo, demoCase);
      if (process.env.SKYDDA_SCREENSHOTS === '1') {
        await dpo.screenshot({ path: join(repo, 'docs', 'screenshot-case.png'), fullPage: true });
        check(true, `screenshot of ${demoCase} as the DPO written to docs/screenshot-case.png`);
      }
    }
    await dpo.context().close();
  });

  await step('e) the DPO prepares the notification to IMY: sees what is missing, fills it in, downloads the PDF', async () => {
    // Without JavaScript: every step is a plain form or link.
    const page = await newPage({ javaScript: false });
    await login(page, users.dpo);
    const demoCase = await richestCase(page);
    if (!check(Boolean(demoCase), 'notification: the demo case is listed')) return;
    const missingCount = async () => {
      const text = await textOf(page, '#notification');
      const match = text.match(/(\d+) uppgift(?:er)? saknas/);
      return match ? Number(match[1]) : (text.includes('Anmälan kan skickas') ? 0 : -1);
    };
    await goto(page, demoCase);
    const before = await missingCount();
    check(before > 0, `notification: the case file lists what is missing before it can be sent (${before} items)`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#notification a[href$="/notification"]')]);
    // The items only the notification holds.
    await page.fill('#field-contact-person', 'Dora Dataskyddsombud, 010-123 45 00');
    await page.fill('#field-contact-address', 'Exempelby kommun, Box 1, 123 45 Exempelby');
    await page.check('#field-data-encrypted-no');
    await page.check('#field-subjects-informed-no');
    await page.check('#field-subjects-will-inform');
    await page.fill('#field-subjects-will-inform-at', 'Inom en vecka, per brev');
    await page.check('#field-supplement-will-no');
    await submitWith(page, 'form[action$="/notification/draft"] button[type="submit"]');
    check((await page.locator('.error-summary').count()) === 0, 'notification: the draft is saved', await textOf(page, '.error-summary'));
    // A fact of the case: the likely consequences.
    await goto(page, `${demoCase}/edit`);
    await page.fill('#field-consequences', 'Vårdnadshavaren kan ha läst uppgifter om elevens hälsa.');
    await submitWith(page, `form[action="${demoCase}/edit"] button[type="submit"]`);
    // The risk: calculate the assessment and decide.
    await goto(page, `${demoCase}/assessment`);
    await submitWith(page, `form[action="${demoCase}/assessment"] button[type="submit"]`);
    await page.check('form[action$="/decision"] #field-agrees');
    await submitWith(page, 'form[action$="/decision"] button[type="submit"]');
    await goto(page, demoCase);
    // Issue 12: deciding to notify keeps the clock running, and every page shows the same time.
    const clockBox = await textOf(page, '#clock');
    // The box shows kännedom first, then the deadline.
    const dueMatch = [...clockBox.matchAll(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} \((?:CET|CEST)\)/g)][1];
    check(Boolean(dueMatch) && !clockBox.includes('Klockan stoppad') && clockBox.includes('Beslutat'),
      'clock: after "notify IMY: yes" the case says decided, not notified, and keeps its deadline', clockBox);
    const due = dueMatch ? dueMatch[0] : '(none)';
    check((await textOf(page, '#duties')).includes(due), `clock: the table of deadlines shows the same time (${due})`);
    check((await textOf(page, '#overview')).includes('Anmäl till IMY'), 'clock: the next step is to notify IMY');
    const caseNumber = (await textOf(page, '#overview')).match(/\S+ \d{4}\/\d{4}/)?.[0] || '(none)';
    await goto(page, '/');
    check((await textOf(page, 'main')).includes(caseNumber), `clock: the start page's urgent list carries ${caseNumber}`);
    await goto(page, '/cases');
    check((await textOf(page, 'main')).includes(caseNumber), 'clock: /cases lists it with its deadline');
    const api = await page.request.get(`${base}/api/v1/incidents/${demoCase.split('/').pop()}`);
    const json = await api.json();
    check(json.clock && json.clock.state === 'open' && json.clock.decided === true,
      'clock: the API says the notification is decided and open', JSON.stringify(json.clock));
    await goto(page, demoCase);
    const after = await missingCount();
    check(after === 0, `notification: nothing is missing any more (${before} → ${after})`, await textOf(page, '#notification'));
    // Download the PDF from the case file's link and read its text.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#notification a[href*="imy-notification?format=pdf"]'),
    ]);
    const pdf = join(workDir, 'anmalan.pdf');
    await download.saveAs(pdf);
    check(readFileSync(pdf).subarray(0, 5).toString() === '%PDF-', `notification: the download is a PDF (${download.suggestedFilename()})`);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    check(text.includes('Dora Dataskyddsombud, 010-123 45 00') && text.includes('Vårdnadshavaren kan ha läst'),
      'notification: the PDF carries what was filled in');
    check(/Sida 1 av \d+/.test(text) && text.includes('Barn- och utbildningsnämnden'),
      'notification: the PDF has page numbers and the organisation', text.slice(0, 400));
    check(!text.includes('Saknas'), 'notification: the PDF shows no missing item');
    // Recording the notification fulfils the duty: the clock box says when it was done.
    await goto(page, `${demoCase}/notification`);
    await page.fill('form[action$="/notification/record"] [name="authority_reference"]', 'IMY-2026-4711');
    if (await page.locator('#field-acknowledge-personal-data').count()) await page.check('#field-acknowledge-personal-data');
    if (await page.locator('form[action$="/notification/record"] [name="late_reason"]').count())
      await page.fill('form[action$="/notification/record"] [name="late_reason"]', 'Försenad av testet.');
    await submitWith(page, 'form[action$="/notification/record"] button[type="submit"]');
    await goto(page, demoCase);
    const recorded = await textOf(page, '#clock');
    check(recorded.includes('Gjort') && !recorded.includes('Beslutat, inte'),
      'clock: after recording, the notification to IMY shows as done', recorded);
    await page.context().close();
    // axe-core runs as a script: the accessibility checks of the new pages use a page with it.
    const checked = await newPage({ bypassCSP: true });
    await login(checked, users.dpo);
    await axe(checked, `${demoCase}/notification`, 'DPO (notification to IMY)');
    await axe(checked, `${demoCase}/documents/imy-notification?format=html`, 'DPO (notification as a web page)');
    await axe(checked, `${demoCase}/letter`, 'DPO (letter to the data subjects)');
    await axe(checked, '/outbox', 'DPO (e-mail outbox)');
    await axe(checked, demoCase, 'DPO (case file with notification, letters and e-mail)');
    await checked.context().close();
  });

  await formChecks({ step, check, newPage, goto, login, submitWith, axeCurrent, users });

  await step('d) the scan report (skydda scan --report) is accessible and shows no full identifier', async () => {
    const leak = join(workDir, 'läckan');
    mkdirSync(leak, { recursive: true });
    writeFileSync(join(leak, 'elever.csv'), 'namn;personnummer;e-post\nBo Ek;811218-9876;bo.ek@exempel.se\n');
    writeFileSync(join(leak, 'brev.txt'), 'Eleven är sjukskriven, diagnos diabetes. Ring 070-123 45 67.\n');
    const report = join(workDir, 'rapport.html');
    execFileSync(binary, ['scan', '--report', report, leak]);
    const html = readFileSync(report, 'utf8');
    check(html.includes('811218-****') && !html.includes('811218-9876') && !html.includes('bo.ek@'),
      'scan report: identifiers only masked');
    const page = await newPage();
    await page.goto(`file://${report}`);
    await axeCurrent(page, 'scan report', 'rapport.html');
    await page.context().close();
  });

  await (await import('./finish.mjs')).default({ step, check, newPage, login, goto, base, richestCase, axeCurrent, workDir, repo, axeSummary, reported });
  await logg({ step, check, newPage, goto, login, axeCurrent, richestCase, submitWith, textOf, users });
  await register({ step, check, newPage, goto, login, axeCurrent, submitWith, users });

  await browser.close();
  browser = null;
}

// The demo case with the most going on (registered, assessing, a note and a task).
async function richestCase(page) {
  await goto(page, '/cases');
  const rows = page.locator('table.cases tbody tr');
  let fallback = null;
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const href = await row.locator('a[href^="/cases/"]').first().getAttribute('href');
    if (!fallback) fallback = href;
    if ((await row.innerText()).includes('E-post med elevs')) return href;
  }
  return fallback;
}

async function axeCurrent(page, label, what) {
  const results = await new AxeBuilder({ page }).withTags(axeTags).analyze();
  axeSummary.push({ label, path: what, violations: results.violations.length, passes: results.passes.length });
  const detail = results.violations.map((v) => `[${v.impact}] ${v.id}: ${v.help}\n` +
    v.nodes.map((n) => `            ${n.target.join(' ')}`).join('\n')).join('\n        ');
  check(results.violations.length === 0, `axe ${label} ${what} (${results.passes.length} rules pass, ${results.violations.length} violated)`, detail);
}

try {
  await main();
} catch (error) {
  check(false, 'the run completes', String(error && error.stack ? error.stack : error));
  const log = server ? serverLog() : '';
  if (log) console.log(`--- server log (last lines) ---\n${log}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  stopServer();
}

const pagesScanned = axeSummary.length;
const pagesClean = axeSummary.filter((p) => p.violations === 0).length;
console.log(`\nSummary: ${pagesScanned} page states scanned with axe, ${pagesClean} without violations; ` +
  `run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failures.length) {
  console.log('Failures:');
  for (const failure of failures) console.log(`  - ${failure.split('\n')[0]}`);
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
