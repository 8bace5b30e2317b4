// The network reader's view: a portal login that lands on the network's figures, on a
// desktop and on a phone, and finds the courses in the public catalogue, never an
// apprentice's name. Driven by qnetz_portal/tests/test_journeys_browser.py
// (BASE_URL, SHOTS, NAMES: the apprentices' names of a running course, separated by "|").
const { fail, settle } = require('../../../tests/browser/chromium');
const { expectGerman, journey, logIn } = require('./journey_helpers');

const { BASE_URL, NAMES } = process.env;

function noNames(text, where) {
  for (const name of NAMES.split('|')) {
    if (text.includes(name)) fail(where + ' shows the apprentice "' + name + '"');
  }
}

journey('network', async (page, shot) => {
  await logIn(page, BASE_URL, 'netzwerk', /\/my\/netzwerk/);
  await page.waitForSelector('.o_qnetz_figures table');
  await settle(page, 300);
  const figures = await expectGerman(page, 'main', [
    'Kennzahlen des Netzwerks', 'Kreis Höxter (NRW)', 'Landkreis Holzminden (NI)', 'Gesamt']);
  noNames(figures, 'the figures');
  await shot(page, '1_figures');
  await page.setViewportSize({ width: 390, height: 844 });
  await settle(page, 500);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > 400) fail('the figures page is ' + wide + ' px wide on a 390 px phone');
  await shot(page, '2_figures_phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  // the courses are the public catalogue's, as every visitor sees them
  await page.goto(BASE_URL + '/wegweiser/kurse', { waitUntil: 'load' });
  await settle(page, 300);
  noNames(await page.locator('main').innerText(), 'the course catalogue');
  await shot(page, '3_courses');
});
