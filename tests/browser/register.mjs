// Browser checks of the case register (issue 14): search, filter and page /cases without
// JavaScript, at phone width too, and open /statistics and the DPO's annual report; axe on each state. Called from run.mjs
// with its helpers; reports through its check().
export async function register({ step, check, newPage, goto, login, axeCurrent, submitWith, users }) {
  await step('g) the case register: search, filters and paging without JavaScript, and the statistics', async () => {
    // axe runs in the page, so the page it checks has JavaScript; the same steps without it follow.
    const page = await newPage({ bypassCSP: true });
    await login(page, users.dpo);
    check((await goto(page, '/cases')) === 200, 'register: GET /cases answers 200');
    const count = (await page.locator('main strong[role="status"]').innerText()).trim();
    check(/^\d+ ärenden?$/.test(count) || count === '1 ärende', `register: the count of matches ("${count}")`);
    await axeCurrent(page, 'DPO', 'case register');

    // Search: the demo's words in another form.
    const firstTitle = (await page.locator('table.cases tbody tr td').first().innerText()).trim();
    const word = (firstTitle.split(/[^A-Za-zÅÄÖåäö]+/).find((w) => w.length >= 5) || firstTitle).toLowerCase();
    await page.fill('#field-q', word);
    await submitWith(page, 'form.filters button[type="submit"]');
    check(new URL(page.url()).searchParams.get('q') === word, 'register: the search is in the address', page.url());
    const rows = await page.locator('table.cases tbody tr').count();
    check(rows >= 1, `register: "${word}" finds ${rows} case(s)`);
    check((await page.inputValue('#field-q')) === word, 'register: the search box keeps the words');
    await axeCurrent(page, 'DPO', 'case register, searched');

    // Filters: open cases in the latest-reported order, two per page, then the next page.
    await goto(page, '/cases?open=true&sort=reported&limit=2');
    const firstPage = await page.locator('table.cases tbody th a').allInnerTexts();
    const next = page.locator('a[rel="next"]');
    if ((await next.count()) > 0) {
      await next.click();
      const secondPage = await page.locator('table.cases tbody th a').allInnerTexts();
      check(secondPage.length > 0 && secondPage.every((n) => !firstPage.includes(n)),
        `register: the next page shows other cases (${firstPage.join(', ')} → ${secondPage.join(', ')})`);
      check(new URL(page.url()).searchParams.get('open') === 'true', 'register: the next page keeps the filters', page.url());
      await axeCurrent(page, 'DPO', 'case register, second page');
    } else {
      check(firstPage.length <= 2, 'register: two cases per page');
    }
    // A bad date is an error linked to its box.
    await goto(page, '/cases?aware_from=igår');
    check((await page.locator('.error-summary a[href="#field-aware_from"], .error-summary a[href="#field-aware-from"]').count()) === 1,
      'register: a bad date is named in the error summary');
    await axeCurrent(page, 'DPO', 'case register, bad filter');

    // Without JavaScript at 390 px: the search and the next page work, nothing scrolls sideways.
    const narrow = await newPage({ width: 390, height: 844, javaScript: false });
    await login(narrow, users.dpo);
    await goto(narrow, '/cases');
    await narrow.fill('#field-q', word);
    await submitWith(narrow, 'form.filters button[type="submit"]');
    check((await narrow.locator('table.cases tbody tr').count()) === rows, 'register (no JS): the search finds the same cases');
    await goto(narrow, '/cases?limit=2');
    if ((await narrow.locator('a[rel="next"]').count()) > 0) {
      await narrow.locator('a[rel="next"]').click();
      check(new URL(narrow.url()).searchParams.has('cursor'), 'register (no JS): the next page by its link', narrow.url());
    }
    await goto(narrow, '/cases?open=true');
    const width = await narrow.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 390, `register at 390 px: document width ${width} ≤ 390`);
    await goto(narrow, '/statistics');
    const statsWidth = await narrow.evaluate(() => document.documentElement.scrollWidth);
    check(statsWidth <= 390, `statistics at 390 px: document width ${statsWidth} ≤ 390`);
    // The DPO's annual report (no JS, 390 px): the text is written and saved, the notice says what next.
    check((await goto(narrow, '/statistics/annual')) === 200, 'annual report (no JS): GET /statistics/annual answers 200');
    await narrow.fill('#field-text', 'Fler utbildningar om e-post till vårdnadshavare.');
    await submitWith(narrow, 'form[method="post"][action="/statistics/annual"] button[type="submit"]');
    check((await narrow.locator('#done').count()) === 1, 'annual report (no JS): the save is confirmed', narrow.url());
    check((await narrow.inputValue('#field-text')) === 'Fler utbildningar om e-post till vårdnadshavare.',
      'annual report (no JS): the saved text is in its box');
    const annualWidth = await narrow.evaluate(() => document.documentElement.scrollWidth);
    check(annualWidth <= 390, `annual report at 390 px: document width ${annualWidth} ≤ 390`);
    await narrow.context().close();

    // The statistics: figures, a chart with its table.
    check((await goto(page, '/statistics')) === 200, 'statistics: GET /statistics answers 200');
    check((await page.locator('svg[role="img"]').count()) >= 1, 'statistics: at least one chart');
    check((await page.locator('.chart table').count()) === (await page.locator('.chart svg').count()),
      'statistics: every chart has its data table');
    await axeCurrent(page, 'DPO', 'statistics');
    check((await goto(page, '/statistics/annual')) === 200, 'annual report: GET /statistics/annual answers 200');
    const pdfHref = await page.locator('a[href*="/statistics/annual/document"][href*="format=pdf"]').getAttribute('href');
    const pdf = await page.request.get(new URL(pdfHref, page.url()).href);
    check(pdf.status() === 200 && (await pdf.body()).subarray(0, 5).toString() === '%PDF-', 'annual report: the PDF downloads');
    await axeCurrent(page, 'DPO', 'annual report');
    await page.context().close();
  });
}
