// Browser checks of the case's log (/cases/{id}/log) and the confirmation after an action
// (issue 12). Called from run.mjs with its helpers; reports through its check().
export async function logg({ step, check, newPage, goto, login, axeCurrent, richestCase, submitWith, textOf, users }) {
  await step('f) the case log in words, its filter without JavaScript, and the confirmation after a note', async () => {
    const page = await newPage({ bypassCSP: true });
    await login(page, users.dpo);
    const demoCase = await richestCase(page);
    check(Boolean(demoCase), 'log: a demo case to open');
    if (!demoCase) return;
    check((await goto(page, `${demoCase}/log`)) === 200, 'log: GET /cases/{id}/log answers 200');
    const lines = await page.locator('ol.log > li').count();
    check(lines > 0, `log: ${lines} lines shown`);
    const text = await page.locator('main').innerText();
    check(/rapporterade incidenten/.test(text), 'log: says in words who reported the breach');
    check(!/incident\.(report|read|status)/.test(text), 'log: no action names shown as text');
    await axeCurrent(page, 'DPO', 'case log');

    // The filter is a plain GET form.
    await page.check('#log-filter-changes');
    await submitWith(page, 'form.log-filter button[type="submit"]');
    check(new URL(page.url()).searchParams.get('filter') === 'changes', 'log: the filter is in the address', page.url());
    check(!(await page.locator('main').innerText()).includes('Läst av'), 'log: "Bara ändringar" shows no reads');
    await axeCurrent(page, 'DPO', 'case log, changes only');

    // At 390 px nothing scrolls sideways.
    const narrow = await newPage({ width: 390, height: 844, javaScript: false });
    await login(narrow, users.dpo);
    await goto(narrow, `${demoCase}/log`);
    const width = await narrow.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 390, `log at 390 px: document width ${width} ≤ 390`);

    // A note from the case page: the page confirms it at the top with the next step.
    await goto(narrow, demoCase);
    await narrow.fill('#field-body', 'En anteckning från webbläsartestet.');
    await submitWith(narrow, 'form[action$="/notes"] button[type="submit"]');
    check(new URL(narrow.url()).searchParams.get('done') === 'note', 'notice: the redirect says what was done', narrow.url());
    const heading = (await textOf(narrow, '#done-heading')).trim();
    check(heading === 'Anteckningen är sparad.', `notice: "${heading}"`);
    check((await narrow.locator('#done[role="status"] a').count()) === 1, 'notice: links to the next step');
    await narrow.context().close();

    await goto(page, `${demoCase}?done=note`);
    await axeCurrent(page, 'DPO', 'case file with a confirmation');
    await goto(page, `${demoCase}/log`);
    check((await page.locator('main').innerText()).includes('skrev en anteckning'), 'log: the new note is in the log');
    await page.context().close();
  });
}
