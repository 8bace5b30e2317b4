// What the role journeys share: logging in through the login form and checking that a
// page reads German, with none of the English leftovers users met before.
const { fail, launch, screenshots, settle, watchErrors } = require('../../../tests/browser/chromium');

// English words and titles of stock Odoo and of our own templates that must not show in
// the German interface (whole words, case-sensitive).
const ENGLISH = ['My Portal', 'My Account', 'My Needs', 'Need form', 'Provider course',
                 'Invoice Portal Template', 'Training Need', 'Bundle Proposal', 'Create Course',
                 'Sessions', 'Participants', 'Attendance', 'Register', 'Submit Invoice',
                 'Certificates', 'Invoices', 'Confirm', 'Cancel', 'Continue', 'Back',
                 'Sign in', 'Log out', 'Waiting List', 'Running', 'Twitter', 'Billed'];

async function logIn(page, baseUrl, user, landing) {
  await page.context().clearCookies();
  await page.goto(baseUrl + '/web/login', { waitUntil: 'load' });
  await page.fill('input[name="login"]', user);
  await page.fill('input[name="password"]', user);
  await page.click('button[type="submit"]');
  await page.waitForURL(landing, { timeout: 60000 });
  await settle(page, 300);
}

// Fails unless the part of the page (a selector) names every German text in `expected`
// and neither it nor the page title carries an English leftover or an HTML entity as text.
async function expectGerman(page, selector, expected) {
  const text = (await page.locator(selector).allInnerTexts()).join('\n');
  const title = await page.title();
  for (const label of expected || []) {
    if (!text.includes(label)) fail(page.url() + ': "' + label + '" missing in ' + text.slice(0, 400).replace(/\s+/g, ' '));
  }
  // an HTML entity written as text, e.g. "0,00&nbsp;€"
  const entity = text.match(/&(nbsp|amp|lt|gt|quot|#\d+);/);
  if (entity) fail(page.url() + ': "' + entity[0] + '" as text in ' + selector);
  for (const word of ENGLISH) {
    const pattern = new RegExp('(^|[^\\wäöüÄÖÜß])' + word + '($|[^\\wäöüÄÖÜß])');
    if (pattern.test(text)) fail(page.url() + ': English "' + word + '" in ' + selector);
    if (pattern.test(title)) fail(page.url() + ': English page title "' + title + '"');
  }
  return text;
}

// Clicks a link or submit button and waits for the page it leads to.
async function follow(page, selector) {
  await page.locator(selector).first().waitFor({ state: 'visible' });
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
}

// Runs one role's journey: a fresh browser, errors of the page and server errors (5xx,
// with what the server answered) collected, a screenshot of what the page showed when
// the journey broke off. `body(page, shot)` walks the pages.
function journey(role, body) {
  const errors = [];
  const shot = screenshots(process.env.SHOTS, 'qnetz_journey_' + role + '_');
  (async () => {
    const context = await launch('journey-' + role, { width: 1280, height: 900 });
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(60000);
    watchErrors(page, errors, true);
    page.on('response', async (response) => {
      if (response.status() < 500) return;
      const text = (await response.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 3000);
      errors.push('HTTP ' + response.status() + ' ' + response.url() + ' ' + text);
    });
    try {
      await body(page, shot);
      if (errors.length) fail('browser errors:\n' + errors.join('\n'));
      console.log(process.exitCode ? 'failed' : 'done');
    } catch (error) {
      await shot(page, 'failure').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  })().catch((error) => { console.error(error); process.exit(1); });
}

module.exports = { expectGerman, follow, journey, logIn };
