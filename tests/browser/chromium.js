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

async function launch(name, viewport) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qnetz-' + name + '-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: 'de-DE',
    viewport,
    args: ARGS,
  });
  // Chromium may still be writing its profile when the context reports closing;
  // the profile is removed when the script ends, and a leftover is no failure.
  process.on('exit', () => {
    try { fs.rmSync(userDataDir, { recursive: true, force: true }); } catch (err) { /* ignored */ }
  });
  return context;
}

module.exports = { fail, launch };
