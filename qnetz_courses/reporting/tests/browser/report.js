// The coordinator's dashboard "Auswertung → Kennzahlen" in German, with the demo data:
// the figures appear, a reversed period shows a message instead of an error, and the
// analysis opens as a pivot. Fails on any JS error or error dialog.
// Driven by qnetz_courses/tests/test_report_browser.py (BASE_URL, LOGIN, PASSWORD, SHOTS).
const { fail, launch, login, screenshots, settle, watchErrors } = require('../../../../tests/browser/chromium');

const { BASE_URL, LOGIN, PASSWORD, SHOTS } = process.env;
const errors = [];

const shot = screenshots(SHOTS, 'qnetz_courses_');

(async () => {
  const context = await launch('report', { width: 1400, height: 900 });
  try {
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(45000);
    watchErrors(page, errors, true);

    await login(page, BASE_URL, LOGIN, PASSWORD);
    await page.waitForSelector('nav.main-nav');
    await settle(page, 500);

    await page.goto(BASE_URL + '/web#action=qnetz_courses.qnetz_report_wizard_action');
    await page.waitForSelector('.o_qnetz_figures table');
    await settle(page, 500);
    const text = await page.locator('.o_form_view').innerText();
    for (const label of ['Erreichte Betriebe', 'Erfasste Bedarfe', 'Durchgeführte Kurse',
                         'Kreis Höxter (NRW)', 'Landkreis Holzminden (NI)', 'ohne Kreis', 'Gesamt',
                         'PDF drucken']) {
      if (!text.includes(label)) fail('dashboard lacks "' + label + '"');
    }
    const needs = await page.locator('tr[data-row="needs"] td[data-column="total"]').innerText();
    console.log('needs this year: ' + needs);
    if (!(parseInt(needs, 10) > 0)) fail('no needs counted: ' + needs);
    await page.keyboard.press('Escape');  // close the date picker that has the focus
    // a click on the heading closes it (the menu's foot moves as menus are added)
    await page.getByText('Was das Netzwerk erreicht hat').first().click();
    await shot(page, 'report_dashboard');

    // A reversed period: a message on the form, no error dialog.
    const from = page.locator('.o_field_widget[name="date_from"] input, input[name="date_from"]').first();
    await from.fill('31.12.2099');
    await from.press('Tab');
    await page.waitForTimeout(1500);
    await settle(page, 500);
    const message = await page.locator('.alert-warning').innerText();
    console.log('message: ' + message);
    if (!message.includes('Zeitraum')) fail('no period message: ' + message);
    await page.keyboard.press('Escape');
    await shot(page, 'report_reversed_period');

    // a full page load: leaving the dirty dashboard by its hash would ask to save it
    await page.goto(BASE_URL + '/web?reload=1#action=qnetz_courses.qnetz_report_analysis_action&view_type=pivot');
    await page.waitForSelector('.o_pivot table');
    await settle(page, 500);
    const pivot = await page.locator('.o_pivot table').innerText();
    if (!pivot.includes('Bedarfe')) fail('pivot content: ' + pivot.slice(0, 300));
    await shot(page, 'report_pivot');

    if (errors.length) fail('browser errors:\n' + errors.join('\n'));
    console.log('done');
  } catch (err) {
    fail(err.stack || String(err));
  } finally {
    await context.close();
  }
})();
