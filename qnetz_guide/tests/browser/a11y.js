// Accessibility audit of the public site and the portal with axe-core, as a visitor
// and as a company user, on a desktop and on a 390 px phone. Serious and critical
// violations fail the test; every page is saved as a screenshot in SCREENSHOT_DIR.
// Driven by qnetz_guide/tests/test_a11y_browser.py.
const fs = require('fs');
const { fail, launch, login, screenshots } = require('../../../tests/browser/chromium');

const BASE_URL = process.env.BASE_URL;
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const AXE = require.resolve('axe-core/axe.min.js');

async function audit(page, name, shot) {
  await page.addScriptTag({ content: fs.readFileSync(AXE, 'utf8') });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) fail(name + ': ' + v.impact + ' ' + v.id + ' (' + v.help + ') at ' + v.nodes.join(', '));
  const minor = violations.length - bad.length;
  console.log('audited: ' + name + ' (' + bad.length + ' serious/critical, ' + minor + ' minor)');
  await shot(page, name);
}

async function visit(page, url) {
  const response = await page.goto(BASE_URL + url, { waitUntil: 'load' });
  if (!response || response.status() !== 200) fail(url + ' answered ' + (response && response.status()));
}

// No horizontal scrolling on a phone: nothing is cut off at the right edge.
async function checkNoOverflow(page, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) fail(name + ': wider than the phone by ' + overflow + ' px');
}

(async () => {
  const shot = screenshots(SCREENSHOT_DIR, 'a11y-');
  const desktop = await launch('a11y', { width: 1280, height: 900 });
  try {
    const page = desktop.pages()[0] || await desktop.newPage();
    page.setDefaultTimeout(30000);
    await visit(page, '/');
    const viewport = await page.getAttribute('meta[name="viewport"]', 'content');
    if (/user-scalable\s*=\s*no/.test(viewport)) fail('zoom is blocked: ' + viewport);
    await audit(page, 'home', shot);

    await visit(page, '/wegweiser');
    await audit(page, 'wegweiser', shot);
    // The skip link leads keyboard users to the filters.
    await page.focus('a.o_qnetz_filters_link');
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    if (focused !== 'qnetz_filters') fail('skip link did not move the focus to the filters: ' + focused);

    const offerUrl = await page.getAttribute('a.o_qnetz_offer_link', 'href');
    await visit(page, offerUrl);
    await audit(page, 'offer', shot);

    await visit(page, '/wegweiser/kurse');
    await audit(page, 'courses', shot);
    const courseUrl = await page.getAttribute('.o_qnetz_course_card h3 a', 'href');
    if (!courseUrl) fail('no course in the catalogue');
    await visit(page, courseUrl);
    await audit(page, 'course', shot);

    await visit(page, '/bedarf-melden');
    await audit(page, 'need-form', shot);
    // A failed submit brings the focus to the error summary.
    await page.fill('#qnetz_name', 'x');
    await Promise.all([page.waitForNavigation(), page.click('.o_qnetz_need_form button[type="submit"]')]);
    await page.waitForTimeout(300);
    const summaryFocused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    if (summaryFocused !== 'qnetz_form_errors') fail('focus not on the error summary: ' + summaryFocused);
    const textareas = await page.locator('textarea#qnetz_description').count();
    if (textareas !== 1) fail('need form without its message box');
    await audit(page, 'need-form-errors', shot);

    await visit(page, '/impressum');
    await audit(page, 'impressum', shot);
    await visit(page, '/datenschutz');
    await audit(page, 'datenschutz', shot);

    await login(page, BASE_URL, 'betrieb', 'betrieb');
    await visit(page, '/my');
    await audit(page, 'my', shot);
    await visit(page, '/my/needs');
    await audit(page, 'my-needs', shot);
  } catch (error) {
    fail(error.stack || String(error));
  } finally {
    await desktop.close();
  }

  // The languages of the people the guide is for: Arabic and Farsi right to left.
  const langs = await launch('a11y-langs', { width: 1280, height: 900 });
  try {
    const page = langs.pages()[0] || await langs.newPage();
    page.setDefaultTimeout(30000);
    for (const [name, url, dir] of [['ar-home', '/ar_SY/', 'rtl'], ['ar-need-form', '/ar_SY/bedarf-melden', 'rtl'],
                                    ['ar-thanks', '/ar_SY/bedarf-melden/danke', 'rtl'],
                                    ['fa-wegweiser', '/fa_IR/wegweiser', 'rtl'], ['fa-need-form', '/fa_IR/bedarf-melden', 'rtl'],
                                    ['uk-home', '/uk_UA/', null], ['uk-wegweiser', '/uk_UA/wegweiser', null]]) {
      await visit(page, url);
      const actual = await page.getAttribute('html', 'dir');
      if (actual !== dir) fail(name + ': dir is ' + actual + ', expected ' + dir);
      await checkNoOverflow(page, name);
      await audit(page, name, shot);
    }
    console.log('languages: checked');
  } catch (error) {
    fail(error.stack || String(error));
  } finally {
    await langs.close();
  }

  const phone = await launch('a11y-phone', { width: 390, height: 844 });
  try {
    const page = phone.pages()[0] || await phone.newPage();
    page.setDefaultTimeout(30000);
    for (const [name, url] of [['phone-home', '/'], ['phone-courses', '/wegweiser/kurse'],
                               ['phone-wegweiser', '/wegweiser'], ['phone-need-form', '/bedarf-melden']]) {
      await visit(page, url);
      await checkNoOverflow(page, name);
      await shot(page, name);
    }
    await visit(page, '/wegweiser/kurse');
    const courseUrl = await page.getAttribute('.o_qnetz_course_card h3 a', 'href');
    await visit(page, courseUrl);
    await checkNoOverflow(page, 'phone-course');
    await shot(page, 'phone-course');
    console.log('phone: checked');
  } catch (error) {
    fail(error.stack || String(error));
  } finally {
    await phone.close();
  }
})();
