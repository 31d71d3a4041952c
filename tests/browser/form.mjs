// The report form in a real browser (issue 12), called by run.mjs with its helpers:
//   - a reporter in two organisations (the demo's Anna Rapportör) gets no organisation by
//     default: sending without choosing a unit is an error naming the unit box;
//   - the unit chosen decides the organisation, whose name the check page shows;
//   - a discovery date without a time is an answer ("tid okänd") and the case says so;
//   - a half-typed date reaches the server as typed (text boxes, not a date picker that would
//     send "") and comes back as an error saying what to type, the typed text kept;
//   - the form's states pass axe and fit 390 px without sideways scrolling.
// Runs once with JavaScript (with axe on the form's states) and once without (sending too).

// Today's date in Stockholm, "YYYY-MM-DD".
function stockholmDate() {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date()).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

async function fitsWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

export async function formChecks({ step, check, newPage, goto, login, submitWith, axeCurrent, users }) {
  const continueButton = 'form[action="/report/check"] button[type="submit"]';
  const sendButton = 'form[action="/report/submit"] button[type="submit"]:not([formaction])';

  for (const javaScript of [true, false]) {
    const label = javaScript ? 'form (JS)' : 'form (no JS)';
    await step(`e) the report form: a multi-organisation reporter, a date alone, a half-typed date (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
      const page = await newPage({ javaScript, width: 390, height: 844 });
      await login(page, users.reporter);
      check((await goto(page, '/report')) === 200, `${label}: GET /report answers 200`);
      check((await page.locator('select[name="org"], input[name="org"]').count()) === 0,
        `${label}: no organisation control of its own (the unit decides it)`);
      const groups = await page.locator('select#field-unit optgroup').evaluateAll((nodes) => nodes.map((n) => n.label));
      check(groups.length === 2 && groups.every((g) => g.includes('nämnden')),
        `${label}: the units are grouped by the reporter's two organisations`, JSON.stringify(groups));
      check((await page.locator('select#field-unit').inputValue()) === '',
        `${label}: no unit (and so no organisation) is chosen beforehand`);
      check((await page.locator('input[type="datetime-local"]').count()) === 0, `${label}: times are text boxes`);
      check(await fitsWidth(page), `${label}: /report fits 390 px`);

      // Not choosing: an error naming the unit, no report in the first organisation.
      await page.fill('#field-title', 'Formulärtest utan enhet');
      await submitWith(page, continueButton);
      check((await page.locator('.error-summary a[href="#field-unit"]').count()) === 1,
        `${label}: sending without a unit names the unit box in the error summary`,
        await page.locator('.error-summary').innerText().catch(() => ''));

      // A half-typed date: the text reaches the server and comes back with what to type.
      await page.selectOption('select#field-unit', { label: 'Hemtjänsten' });
      await page.fill('#field-occurred-at', '2026-12-');
      await submitWith(page, continueButton);
      const summary = await page.locator('.error-summary').innerText().catch(() => '');
      check(summary.includes('skriv datum som 2026-12-01') &&
        (await page.locator('.error-summary a[href="#field-occurred-at"]').count()) === 1,
        `${label}: a half-typed date is an error saying what to type`, summary);
      check((await page.locator('#field-occurred-at').inputValue()) === '2026-12-',
        `${label}: the half-typed date is kept in its box`);
      check((await page.locator('select#field-unit').inputValue()) !== '', `${label}: the unit chosen is kept`);
      if (javaScript) await axeCurrent(page, label, '/report/check (half-typed date)');
      check(await fitsWidth(page), `${label}: the form with errors fits 390 px`);

      // A date alone: an answer.
      const today = stockholmDate();
      await page.fill('#field-occurred-at', '');
      await page.fill('#field-discovered-at', today);
      await page.fill('#field-discovered-at-time', '');
      await page.fill('#field-title', `Formulärtest med bara datum (${label})`);
      await submitWith(page, continueButton);
      const onCheck = (await page.locator(sendButton).count()) === 1;
      check(onCheck, `${label}: a date without a time is accepted`,
        await page.locator('.error-summary').innerText().catch(() => ''));
      if (!onCheck) return;
      const main = await page.locator('main').innerText();
      check(main.includes('Socialnämnden'), `${label}: the check page names the organisation the unit belongs to`);
      check(main.includes(`${today}, tid okänd`), `${label}: the check page shows the date with "tid okänd"`);
      if (javaScript) await axeCurrent(page, label, '/report/check (check your answers, date alone)');
      check(await fitsWidth(page), `${label}: the check page fits 390 px`);
      // Sending and the case page once (without JavaScript) keep the run short.
      if (javaScript) return page.context().close();
      await submitWith(page, sendButton);
      const receipt = new URL(page.url()).pathname.match(/^\/report\/receipt\/([^/]+)$/);
      check(receipt !== null, `${label}: the report is sent`, page.url());
      if (!receipt) return;
      await goto(page, `/cases/${receipt[1]}`);
      check((await page.locator('main').innerText()).includes(`${today}, tid okänd`),
        `${label}: the reporter's case page shows the discovery date with "tid okänd"`);
      await page.context().close();
    });
  }
}
