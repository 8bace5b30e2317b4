// The network user's view in the German backend: it lands on the figures, and finds the
// courses without any apprentice's name. Driven by qnetz_portal/tests/test_journeys_browser.py
// (BASE_URL, SHOTS, COURSE, NAMES: apprentices' names separated by "|").
const { fail, settle } = require('../../../tests/browser/chromium');
const { expectGerman, journey, logIn } = require('./journey_helpers');

const { BASE_URL, COURSE, NAMES } = process.env;

function noNames(text, where) {
  for (const name of NAMES.split('|')) {
    if (text.includes(name)) fail(where + ' shows the apprentice "' + name + '"');
  }
}

journey('network', async (page, shot) => {
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
});
