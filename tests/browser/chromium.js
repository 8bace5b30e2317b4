// Starts Debian's Chromium for the browser tests, the way this machine needs it:
// headless, no sandbox (root), none of Chromium's own network traffic (the machine
// has no internet), and a fresh profile each time. German locale, as the users'.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
              '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Marks the test failed and goes on, so one run reports every problem it meets.
function fail(message) {
  console.error('FAIL: ' + message);
  process.exitCode = 1;
}

async function launch(name, viewport, options) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qnetz-' + name + '-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: 'de-DE',
    viewport,
    args: ARGS,
    ...(options || {}),
  });
  // Chromium may still be writing its profile when the context reports closing;
  // the profile is removed when the script ends, and a leftover is no failure.
  process.on('exit', () => {
    try { fs.rmSync(userDataDir, { recursive: true, force: true }); } catch (err) { /* ignored */ }
  });
  return context;
}

// Collects the page's uncaught errors (and with consoleToo its console errors) in `errors`.
function watchErrors(page, errors, consoleToo) {
  page.on('pageerror', (err) => errors.push('pageerror: ' + err.message));
  if (consoleToo) {
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push('console: ' + msg.text()); });
  }
}

// Waits until the backend is idle; an error dialog or notification fails the test.
async function settle(page, pause) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(pause || 300);
  const dialog = page.locator('.modal .o_dialog_warning, .modal .o_error_detail, .o_notification.o_error');
  if (await dialog.count()) fail('error dialog: ' + (await dialog.first().innerText()));
}

// Logs in through Odoo's own form.
async function login(page, baseUrl, user, password) {
  await page.goto(baseUrl + '/web/login', { waitUntil: 'load' });
  await page.fill('input[name="login"]', user);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
}

// Returns shot(page, name), which saves a full-page screenshot as <dir>/<prefix><name>.png.
function screenshots(dir, prefix) {
  return async (page, name) => {
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, prefix + name + '.png'), fullPage: true });
  };
}

module.exports = { fail, launch, login, screenshots, settle, watchErrors };
