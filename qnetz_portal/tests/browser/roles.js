// Each role logs in, in German, and lands on the page of its job: the company on its
// portal home, the provider on its courses, the coordinator on the needs board (also at
// 390 px, with OCA's web_responsive), the network user on the figures.
// Driven by qnetz_portal/tests/test_roles_browser.py (BASE_URL, SHOTS).
const { fail, launch, screenshots, settle, watchErrors } = require('../../../tests/browser/chromium');

const { BASE_URL, SHOTS } = process.env;
const errors = [];
const shot = screenshots(SHOTS, 'qnetz_roles_');

async function logIn(page, user, landing) {
  await page.context().clearCookies();
  await page.goto(BASE_URL + '/web/login', { waitUntil: 'load' });
  await page.fill('input[name="login"]', user);
  await page.fill('input[name="password"]', user);
  await page.click('button[type="submit"]');
  await page.waitForURL(landing, { timeout: 60000 });
  await settle(page, 500);
}

(async () => {
  const context = await launch('roles', { width: 1280, height: 900 });
  try {
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(60000);
    watchErrors(page, errors, true);

    await page.goto(BASE_URL + '/web/login', { waitUntil: 'load' });
    const loginText = await page.locator('form').first().innerText();
    for (const label of ['Benutzername', 'Passwort', 'Passwort vergessen?']) {
      if (!loginText.includes(label)) fail('login page lacks "' + label + '": ' + loginText);
    }
    await shot(page, 'login');

    await logIn(page, 'betrieb', /\/my$/);
    await shot(page, 'company_home');

    await logIn(page, 'traeger', /\/my\/provider\/courses/);
    const courses = await page.locator('body').innerText();
    for (const course of ['Pneumatik und Elektropneumatik', 'CNC-Drehen in der Praxis',
                          'Hydraulik für Industriemechaniker']) {
      if (!courses.includes(course)) fail('provider does not see "' + course + '"');
    }
    await shot(page, 'provider_courses');

    await logIn(page, 'koordination', /qnetz_need_action/);
    await page.waitForSelector('.o_kanban_view .o_kanban_group');
    await settle(page, 500);
    await shot(page, 'coordinator_needs');
    await page.setViewportSize({ width: 390, height: 844 });
    await settle(page, 800);
    await page.waitForSelector('nav.main-nav');
    await shot(page, 'coordinator_needs_phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await logIn(page, 'netzwerk', /\/my\/netzwerk/);
    await page.waitForSelector('.o_qnetz_figures table');
    await settle(page, 500);
    const figures = await page.locator('main').innerText();
    for (const label of ['Kreis Höxter (NRW)', 'Landkreis Holzminden (NI)', 'Gesamt']) {
      if (!figures.includes(label)) fail('figures lack "' + label + '"');
    }
    await shot(page, 'network_figures');

    if (errors.length) fail('browser errors:\n' + errors.join('\n'));
    console.log('done');
  } finally {
    await context.close();
  }
})().catch((error) => { console.error(error); process.exit(1); });
