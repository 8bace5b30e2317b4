// The training company's day in the German portal: it reports a need, registers an
// apprentice for a course after seeing the price and confirming, follows an apprentice's
// attendance and downloads a certificate of participation.
// Driven by qnetz_portal/tests/test_journeys_browser.py (BASE_URL, SHOTS, TOPIC, COURSE,
// APPRENTICE, REGISTRATION and its PARTICIPANT).
const fs = require('fs');
const { fail } = require('../../../tests/browser/chromium');
const { expectGerman, follow, journey, logIn } = require('./journey_helpers');

const { BASE_URL, TOPIC, COURSE, APPRENTICE, REGISTRATION, PARTICIPANT } = process.env;

journey('company', async (page, shot) => {
  await logIn(page, BASE_URL, 'betrieb', /\/my$/);
  await expectGerman(page, 'body', ['Bedarf melden', 'Azubis', 'Kurse', 'Rechnungen', 'Zertifikate']);
  await shot(page, '1_home');

  // a need
  await follow(page, 'a[href="/my/needs/new"]');
  await expectGerman(page, 'body', ['Thema', 'Teilnehmende']);
  await page.selectOption('select[name="area"]', 'practice');
  await page.fill('input[name="topic"]', TOPIC);
  await page.fill('input[name="participant_count"]', '1');
  await page.selectOption('select[name="preferred_place"]', 'hoexter');
  await page.selectOption('select[name="preferred_time"]', 'evening');
  await shot(page, '2_need_form');
  await follow(page, 'button.o_qnetz_submit');
  await expectGerman(page, 'main', [TOPIC, 'Neu']);
  await shot(page, '3_need_reported');

  // a registration, with the price and a confirmation
  await page.goto(BASE_URL + '/my/courses', { waitUntil: 'load' });
  await expectGerman(page, 'main', [COURSE]);
  await follow(page, 'main a:text-is("' + COURSE + '")');
  const coursePage = await expectGerman(page, 'main', ['Gebühr', 'Förderanteil', '€', APPRENTICE]);
  // session times read "17.12.2026 07:00 – 11:00: Grundlagen", without seconds
  if (!/\d\d\.\d\d\.\d{4} \d\d:\d\d – \d\d:\d\d: \S/.test(coursePage) || /\d\d:\d\d:\d\d/.test(coursePage)) {
    fail('session times: ' + coursePage.replace(/\s+/g, ' ').slice(0, 600));
  }
  await page.locator('form.o_qnetz_register_form label:has-text("' + APPRENTICE + '") input[type="checkbox"]').check();
  await follow(page, 'form.o_qnetz_register_form button[type="submit"]');
  const confirm = await expectGerman(page, '.o_qnetz_register_confirm', [APPRENTICE, '€']);
  console.log('confirmation: ' + confirm.replace(/\s+/g, ' '));
  await shot(page, '4_register_confirm');
  await follow(page, '.o_qnetz_register_confirm button[type="submit"]');
  await page.waitForSelector('.alert-success');
  const registered = await expectGerman(page, 'main', [APPRENTICE]);
  if (!(await page.locator('.o_qnetz_course_registered').innerText()).includes(APPRENTICE)) {
    fail('the apprentice is not listed as registered: ' + registered.slice(0, 400));
  }
  await shot(page, '5_registered');

  // how an apprentice attends: the progress page, and the certificate
  await page.goto(BASE_URL + '/my/courses', { waitUntil: 'load' });
  await follow(page, 'a[href="/my/registrations/' + REGISTRATION + '"]');
  const progress = await expectGerman(page, 'main', ['Anwesend', '%']);
  console.log('progress: ' + progress.replace(/\s+/g, ' ').slice(0, 400));
  await shot(page, '6_progress');
  await follow(page, 'main a[href="/my/certificates"]');
  await expectGerman(page, 'main', ['Teilnahmebescheinigung']);
  await shot(page, '7_certificates');
  const link = page.locator('a[href="/my/certificates/' + REGISTRATION + '/pdf"]');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  const content = fs.readFileSync(file);
  console.log('certificate: ' + download.suggestedFilename() + ', ' + content.length + ' bytes');
  // under test, Odoo renders reports as HTML instead of calling wkhtmltopdf
  const body = content.toString('latin1');
  if (!body.startsWith('%PDF') && !body.includes(PARTICIPANT)) {
    fail('the certificate does not name ' + PARTICIPANT + ': ' + body.slice(0, 200));
  }
  if (!download.suggestedFilename().startsWith('Teilnahmebescheinigung')) {
    fail('certificate file name: ' + download.suggestedFilename());
  }

  // on a phone held upright the lists are cards: nothing wider than the screen, and the
  // cancel button in reach; cancelling asks first and says what it costs
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/my/courses', '/my/apprentices', '/my/uebungszeit']) {
    await page.goto(BASE_URL + path, { waitUntil: 'load' });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) fail(path + ' is ' + overflow + ' px wider than a 390 px phone');
  }
  await page.goto(BASE_URL + '/my/courses', { waitUntil: 'load' });
  const cancel = page.locator('table.o_qnetz_registrations a:text-is("Anmeldung stornieren")').first();
  const box = await cancel.boundingBox();
  if (!box || box.x < 0 || box.x + box.width > 390) fail('"Anmeldung stornieren" is off-screen: ' + JSON.stringify(box));
  await shot(page, '8_phone_registrations');
  await follow(page, 'table.o_qnetz_registrations a:text-is("Anmeldung stornieren")');
  await expectGerman(page, 'main', ['Anmeldung stornieren?', 'kostenfrei']);
  await shot(page, '9_cancel_confirm');
  await follow(page, '.o_qnetz_cancel_confirm a:text-is("Nein, behalten")');
  // every request of the last page done before the test reads the database again
  await page.waitForLoadState('networkidle');
  await page.setViewportSize({ width: 1280, height: 900 });
});
