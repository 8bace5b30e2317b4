// Walks the public site, the portal and the backend through the production profile's
// nginx (HTTPS, its Content-Security-Policy) and reports every CSP violation Chromium
// logs, enforced ("Refused to ...") or report-only ("[Report Only] ...").
// Driven by tests/test_prod_browser.py: BASE_URL (https), NEED_ID, COURSE_ID.
const { fail, launch, login, settle } = require('./chromium');

const BASE_URL = process.env.BASE_URL;
const PUBLIC = ['/', '/wegweiser', '/wegweiser/kurse', '/bedarf-melden', '/zertifikat/pruefen',
                '/web/login', '/datenschutz', '/event'];
const PORTAL = ['/my', '/my/needs'];
const BACKEND = [
  '/web#action=qnetz_base.qnetz_need_action&view_type=kanban',
  '/web#action=qnetz_base.qnetz_need_action&view_type=list',
  '/web#model=qnetz.need&view_type=form&id=' + process.env.NEED_ID,
  '/web#model=event.event&view_type=form&id=' + process.env.COURSE_ID,
  '/web#action=event.action_event_view&view_type=list',
];

async function walk(context, paths, violations, errors, backend) {
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  page.on('console', (msg) => {
    const text = msg.text();
    if (text.includes('Content Security Policy') || text.includes('Content-Security-Policy')) {
      violations.push(page.url() + ': ' + text);
    }
  });
  page.on('pageerror', (err) => errors.push(page.url() + ': ' + err.message));
  for (const path of paths) {
    await page.goto(BASE_URL + path, { waitUntil: 'load' });
    if (backend) await settle(page, 1000); else await page.waitForLoadState('networkidle');
  }
  return page;
}

(async () => {
  const context = await launch('csp', { width: 1280, height: 900 }, { ignoreHTTPSErrors: true });
  const violations = [];
  const errors = [];
  try {
    await walk(context, PUBLIC, violations, errors, false);
    let page = await context.newPage();
    await login(page, BASE_URL, 'betrieb', 'betrieb');
    await walk(context, PORTAL, violations, errors, false);
    await page.goto(BASE_URL + '/web/session/logout');
    page = await context.newPage();
    await login(page, BASE_URL, 'koordination', 'koordination');
    await walk(context, BACKEND, violations, errors, true);
  } catch (error) {
    fail(error.stack || String(error));
  } finally {
    await context.close();
  }
  for (const violation of violations) console.log('CSP: ' + violation);
  for (const error of errors) console.log('page error: ' + error);
  console.log('violations: ' + violations.length + ', page errors: ' + errors.length);
  if (violations.length) fail(violations.length + ' CSP violations');
  console.log('done');
})();
