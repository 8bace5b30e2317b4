// A training company reports a need in the portal and finds it in its list.
// Driven by qnetz_portal/tests/test_portal_browser.py (BASE_URL, LOGIN, PASSWORD, TOPIC, SHOTS).
const fs = require('fs');
const path = require('path');
const { fail, launch, login, watchErrors } = require('./chromium');

const { BASE_URL, LOGIN, PASSWORD, TOPIC, SHOTS } = process.env;
const errors = [];

(async () => {
  const context = await launch('portal', { width: 1280, height: 900 });
  try {
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(45000);
    watchErrors(page, errors);

    await login(page, BASE_URL, LOGIN, PASSWORD);

    // My Account: the company's entries, in German.
    await page.goto(BASE_URL + '/my/home', { waitUntil: 'load' });
    const home = await page.locator('.o_portal_docs').innerText();
    console.log('home: ' + home.replace(/\s+/g, ' '));
    if (!home.includes('Meine Bedarfe')) fail('no "Meine Bedarfe" entry: ' + home);
    await Promise.all([page.waitForNavigation(), page.click('a[href="/my/needs"]')]);
    await Promise.all([page.waitForNavigation(), page.click('a.o_qnetz_new_need')]);

    // First try without a topic the browser would stop; send a participant count out of
    // range instead (the server checks it) and make sure nothing typed is lost.
    await page.selectOption('select[name="area"]', 'theory');
    await page.fill('input[name="topic"]', TOPIC);
    await page.evaluate(() => document.querySelector('input[name="participant_count"]').removeAttribute('max'));
    await page.fill('input[name="participant_count"]', '500');
    await page.fill('textarea[name="description"]', 'Zwei Auszubildende im zweiten Lehrjahr');
    await Promise.all([page.waitForNavigation(), page.click('button.o_qnetz_submit')]);
    const error = await page.locator('.o_qnetz_errors').innerText();
    console.log('error shown: ' + error);
    if (!error.includes('Teilnehmende')) fail('no German message on the participants: ' + error);
    if ((await page.inputValue('input[name="topic"]')) !== TOPIC) fail('topic lost');
    if (!(await page.inputValue('textarea[name="description"]')).includes('Lehrjahr')) fail('notes lost');

    await page.fill('input[name="participant_count"]', '2');
    await page.selectOption('select[name="preferred_place"]', 'holzminden');
    await page.selectOption('select[name="preferred_time"]', 'saturday');
    const firstApprentice = page.locator('input[name="apprentice_ids"]').first();
    if (await firstApprentice.count()) await firstApprentice.check();
    await Promise.all([page.waitForNavigation(), page.click('button.o_qnetz_submit')]);
    const detail = await page.locator('main').innerText();
    if (!detail.includes(TOPIC)) fail('detail page does not show the need: ' + detail.slice(0, 300));

    await page.goto(BASE_URL + '/my/needs', { waitUntil: 'load' });
    const table = await page.locator('table.o_qnetz_needs').innerText();
    console.log('needs list: ' + table.replace(/\s+/g, ' ').slice(0, 400));
    if (!table.includes(TOPIC)) fail('the new need is not listed');
    if (!table.includes('Neu')) fail('state not shown in German');
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'portal_need.png'), fullPage: true });
    if (errors.length) fail(errors.join('\n'));
    console.log(process.exitCode ? 'failed' : 'done');
  } catch (err) {
    fail(err.stack || String(err));
  } finally {
    await context.close();
  }
})();
