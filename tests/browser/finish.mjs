// Issue 12, "the finish", in the browser (run.mjs calls this once, near the end of its run):
//   - every page state below at a 390 px wide viewport: the document is no wider than the
//     viewport (nothing scrolls sideways);
//   - each demo role's navigation: every link in it answers 200 (no "Ärenden" that answers 403);
//   - the W3C HTML checker (vnu-jar, needs Java) on the HTML of every page state visited, in one
//     run: 0 errors;
//   - axe-core on the privacy notice, the accessibility statement and a narrow case page;
//   - with SKYDDA_AXE_RESULTS=1, the summary of the run's axe-core checks is written to
//     data/accessibility/axe-results.json, which the accessibility statement is built from
//     (off by default: a test run must not change tracked files).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import vnuJar from 'vnu-jar';

const narrow = { width: 390, height: 844 };
const roles = {
  reporter: 'anna.rapportor@exempelby.se',
  registrar: 'rebecka.registrator@exempelby.se',
  handler: 'hugo.handlaggare@exempelby.se',
  manager: 'karin.chef@exempelby.se',
  dpo: 'dora.dso@exempelby.se',
  infosec: 'ingrid.infosak@exempelby.se',
  admin: 'adam.admin@exempelby.se',
  auditor: 'greta.granskare@exempelby.se',
};

export default async function finish(t) {
  const { step, check, newPage, login, goto, base, richestCase, axeCurrent, workDir, repo, axeSummary, reported } = t;
  const collected = []; // { label, html }

  // Visits `path` (or takes the page as it is after a form post, when `path` is null), checks the
  // status and the width, and keeps the HTML the server sent for the HTML checker.
  async function visit(page, path, label, expected = 200, response = null) {
    if (path !== null) response = await page.goto(base + path, { waitUntil: 'load' });
    const status = response ? response.status() : 0;
    const html = response ? await response.text() : await page.content();
    collected.push({ label, html });
    const { scroll, viewport } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, viewport: window.innerWidth,
    }));
    check(status === expected && scroll <= viewport, `390 px: ${label} (HTTP ${status}, document ${scroll} px wide)`,
      scroll > viewport ? await widest(page) : '');
  }

  // What sticks out, to name in a failure.
  async function widest(page) {
    return page.evaluate(() => {
      const limit = window.innerWidth;
      const out = [];
      for (const element of document.querySelectorAll('body *')) {
        const box = element.getBoundingClientRect();
        if (box.right > limit + 1 && out.length < 5)
          out.push(`${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}${element.className ? '.' + String(element.className).split(' ').join('.') : ''} → ${Math.round(box.right)} px`);
      }
      return out.join('; ');
    });
  }

  async function postForm(page, selector) {
    const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
    return response;
  }

  await step('f) the finish: every page at 390 px, each role\'s navigation, the W3C HTML checker', async () => {
    const anonymous = await newPage(narrow);
    for (const path of ['/', '/login', '/report/questions', '/privacy', '/accessibility'])
      await visit(anonymous, path, `signed out ${path}`);
    await visit(anonymous, '/no-such-page', 'signed out 404', 404);
    await anonymous.context().close();

    let demoCase = null;
    for (const [role, email] of Object.entries(roles)) {
      const page = await newPage(narrow);
      await login(page, email);
      await visit(page, '/', `${role} start page`);
      // Every link of the navigation leads somewhere the role may go.
      const links = await page.locator('header nav ul.nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const href of links) {
        const response = await page.goto(base + href, { waitUntil: 'load' });
        check(response && response.status() === 200, `${role}: the navigation's ${href} answers 200`, `HTTP ${response && response.status()}`);
      }
      if (role === 'reporter') {
        for (const path of ['/report', '/my', '/inbox', '/account']) await visit(page, path, `reporter ${path}`);
        await goto(page, '/report');
        await visit(page, null, 'reporter /report/check (missing title)', 400,
          await postForm(page, 'form[action="/report/check"] button[type="submit"]'));
        if (reported.id) await visit(page, `/cases/${encodeURIComponent(reported.id)}`, "reporter's own case");
        const forbidden = await page.goto(base + '/cases', { waitUntil: 'load' });
        check(forbidden.status() === 403 || forbidden.status() === 404 || forbidden.status() === 200,
          `reporter: /cases answers (${forbidden.status()})`);
        if (forbidden.status() !== 200) {
          const text = await page.locator('main').innerText();
          check(text.includes('Gå till startsidan') && text.includes('Rapportera en personuppgiftsincident'),
            'reporter: the error page says what to do next', text.slice(0, 300));
          await visit(page, '/cases', 'reporter /cases (error page)', forbidden.status());
        }
      }
      if (role === 'dpo') {
        for (const path of ['/cases', '/inbox', '/outbox', '/account', '/my']) await visit(page, path, `DPO ${path}`);
        demoCase = await richestCase(page);
        if (demoCase) {
          for (const suffix of ['', '/edit', '/assessment', '/notification', '/letters', '/letter',
            '/documents/imy-notification?format=html'])
            await visit(page, demoCase + suffix, `DPO ${suffix || 'case page'}`);
        }
        await visit(page, '/privacy', 'DPO /privacy');
        check((await page.locator('footer a[href^="/accessibility"]').count()) === 1 &&
          (await page.locator('footer a[href^="mailto:"]').count()) > 0,
        'DPO: the footer links to the accessibility statement and the DPO');
        await visit(page, '/no-such-page', 'DPO 404', 404);
      }
      if (role === 'registrar') await visit(page, '/inbox', 'registrar /inbox');
      if (role === 'admin') {
        const customers = await page.locator('main a[href*="/customers"]').first();
        if (await customers.count()) await visit(page, await customers.getAttribute('href'), 'admin customer register');
      }
      await page.context().close();
    }

    // axe-core on the new pages, narrow.
    const checked = await newPage({ ...narrow, bypassCSP: true });
    for (const path of ['/privacy', '/accessibility']) {
      await goto(checked, path);
      await axeCurrent(checked, 'signed out, 390 px', path);
    }
    if (demoCase) {
      await login(checked, roles.dpo);
      await goto(checked, demoCase);
      await axeCurrent(checked, 'DPO, 390 px', demoCase);
    }
    await checked.context().close();

    // The W3C HTML checker, once over every page collected.
    const dir = join(workDir, 'vnu');
    mkdirSync(dir, { recursive: true });
    collected.forEach((entry, i) => writeFileSync(join(dir, `${String(i).padStart(2, '0')}.html`), entry.html));
    const run = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', dir], { encoding: 'utf8' });
    if (!check(run.status !== null && !run.error, 'vnu: the W3C HTML checker ran (java -jar vnu.jar)', String(run.error || run.stderr).slice(0, 400))) return;
    let messages = [];
    try {
      messages = JSON.parse(run.stderr || '{"messages":[]}').messages || [];
    } catch (error) {
      check(false, 'vnu: its report is JSON', String(run.stderr).slice(0, 400));
      return;
    }
    const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
    const byPage = errors.map((m) => {
      const file = (m.url || '').split('/').pop();
      const index = Number(file.slice(0, 2));
      return `${collected[index] ? collected[index].label : file}:${m.lastLine}: ${m.message} ${m.extract ? `«${m.extract.trim().slice(0, 120)}»` : ''}`;
    });
    check(errors.length === 0, `vnu: 0 HTML errors on ${collected.length} page states (${errors.length} found)`, byPage.slice(0, 30).join('\n        '));
  });

  if (process.env.SKYDDA_AXE_RESULTS === '1') {
    const violations = axeSummary.reduce((sum, p) => sum + p.violations, 0);
    const summary = {
      date: new Date().toISOString().slice(0, 10),
      tool: 'axe-core 4.13.0',
      tags: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      page_states: axeSummary.length,
      violations,
    };
    writeFileSync(join(repo, 'data', 'accessibility', 'axe-results.json'), JSON.stringify(summary) + '\n');
    check(true, `axe results written to data/accessibility/axe-results.json (${axeSummary.length} page states, ${violations} violations)`);
  }
}
