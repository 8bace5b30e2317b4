// The network user's view in the German backend: it lands on the figures, and finds the
// courses without any apprentice's name. Driven by qnetz_portal/tests/test_journeys_browser.py
// (BASE_URL, SHOTS, COURSE, NAMES: apprentices' names separated by "|").
const { fail, launch, screenshots, settle, watchErrors } = require('../../../tests/browser/chromium');
const { expectGerman, logIn } = require('./journey_helpers');

const { BASE_URL, SHOTS, COURSE, NAMES } = process.env;
const errors = [];
const shot = screenshots(SHOTS, 'qnetz_journey_network_');

function noNames(text, where) {
  for (const name of NAMES.split('|')) {
    if (text.includes(name)) fail(where + ' shows the apprentice "' + name + '"');
  }
}

(async () => {
  const context = await launch('journey-network', { width: 1280, height: 900 });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(60000);
  watchErrors(page, errors, true);
  page.on('response', (r) => { if (r.status() >= 500) errors.push('HTTP ' + r.status() + ' ' + r.url()); });
  try {
    await logIn(page, BASE_URL, 'netzwerk', /qnetz_report_wizard_action/);
    await page.waitForSelector('.o_qnetz_figures table');
    await settle(page, 300);
    const figures = await expectGerman(page, '.o_form_view', [
      'Kreis Höxter (NRW)', 'Landkreis Holzminden (NI)', 'ohne Kreis', 'Gesamt']);
    noNames(figures, 'the figures');
    await shot(page, '1_figures');

    await page.click('nav.main-nav a.dropdown-toggle:has-text("Kurse")');
    await page.click('nav.main-nav a[data-menu-xmlid="qnetz_courses.menu_qnetz_course"]');
    const row = '.o_kanban_view .o_kanban_record:has-text("' + COURSE + '")';
    await page.waitForSelector(row);
    await settle(page, 300);
    noNames(await expectGerman(page, '.o_content', [COURSE]), 'the course list');
    await shot(page, '2_courses');
    await page.click(row);
    await page.waitForSelector('.o_form_view .oe_title:has-text("' + COURSE + '")');
    await settle(page, 300);
    const form = await expectGerman(page, '.o_content', ['Termine', 'Gebühren']);
    noNames(form, 'the course form');
    if (await page.locator('.o_statusbar_buttons button:visible').count()) {
      fail('the network user is offered workflow buttons: '
           + (await page.locator('.o_statusbar_buttons').innerText()));
    }
    await shot(page, '3_course');

    if (errors.length) fail('browser errors:\n' + errors.join('\n'));
    console.log(process.exitCode ? 'failed' : 'done');
  } catch (error) {
    await shot(page, 'failure').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
})().catch((error) => { console.error(error); process.exit(1); });
