// Walks through the public Wegweiser as a visitor: listing, a filter, an offer.
// Driven by qnetz_guide/tests/test_browser.py; BASE_URL and SCREENSHOT come from there.
const fs = require('fs');
const path = require('path');
const { fail, launch } = require('./chromium');

const BASE_URL = process.env.BASE_URL;
const SCREENSHOT = process.env.SCREENSHOT;

(async () => {
  const context = await launch('guide', { width: 1280, height: 900 });
  try {
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(30000);
    await page.goto(BASE_URL + '/wegweiser', { waitUntil: 'load' });
    const heading = await page.textContent('h1');
    if (!heading.includes('Wegweiser')) fail('no Wegweiser heading: ' + heading);
    const before = await page.locator('.o_qnetz_offer_item').count();

    // Apply a filter with the keyboard, as a visitor without a mouse would.
    const box = page.locator('input[name="topic"][value="language"]');
    await box.focus();
    await page.keyboard.press('Space');
    if (!(await box.isChecked())) fail('filter checkbox not checked by keyboard');
    await page.locator('button.o_qnetz_apply').focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    if (!page.url().includes('topic=language')) fail('filter not in URL: ' + page.url());
    const after = await page.locator('.o_qnetz_offer_item').count();
    if (after < 1 || after > before + 100) fail('unexpected result count ' + after);
    console.log('results: ' + before + ' -> ' + after + ' with topic=language');

    // Open the first offer and check its detail page.
    const link = page.locator('a.o_qnetz_offer_link').first();
    const title = (await link.textContent()).trim();
    await Promise.all([page.waitForNavigation(), link.click()]);
    const detailTitle = (await page.textContent('h1')).trim();
    if (detailTitle !== title) fail('detail title "' + detailTitle + '" != "' + title + '"');
    if (!(await page.locator('.o_qnetz_contact').count())) fail('no contact box');
    console.log('opened: ' + page.url());
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Back to the overview keeps the filter.
    await Promise.all([page.waitForNavigation(), page.locator('.breadcrumb a').first().click()]);
    if (!page.url().includes('topic=language')) fail('filter lost on the way back: ' + page.url());
  } catch (error) {
    fail(error.stack || String(error));
  } finally {
    await context.close();
  }
})();
