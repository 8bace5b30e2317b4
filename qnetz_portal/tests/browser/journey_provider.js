// The provider's day in the German portal: it sees what is due, records the attendance of
// a session that has begun (sessions to come offer no recording) and submits the invoice
// of a finished course.
// Driven by qnetz_portal/tests/test_journeys_browser.py (BASE_URL, SHOTS, RUNNING, BEGUN,
// FINISHED, PART: "attendance" or "invoice", two runs so that the test can warm Odoo's
// caches in between).
const { fail } = require('../../../tests/browser/chromium');
const { expectGerman, follow, journey, logIn } = require('./journey_helpers');

const { BASE_URL, RUNNING, BEGUN, FINISHED, PART } = process.env;

journey('provider', async (page, shot) => {
  await logIn(page, BASE_URL, 'traeger', /\/my\/provider\/courses/);
  const list = await expectGerman(page, 'main', [RUNNING, FINISHED, 'Anwesenheit erfassen',
                                                 'Rechnung einreichen']);
  console.log('due: ' + list.replace(/\s+/g, ' ').slice(0, 600));
  await shot(page, '1_courses_due');

  if (PART === 'attendance') {
    // the running course: only sessions that have begun can be recorded
    await follow(page, 'main a:text-is("' + RUNNING + '")');
    await expectGerman(page, 'main', ['Teilnehmende', 'Termine']);
    const links = await page.locator('table.o_qnetz_sessions a.btn').count();
    const rows = await page.locator('table.o_qnetz_sessions tr:has(td)').count();
    console.log('sessions: ' + rows + ', open for recording: ' + links);
    if (links !== Number(BEGUN)) fail(links + ' sessions offer recording, ' + BEGUN + ' have begun');
    await shot(page, '2_running_course');
    await follow(page, 'table.o_qnetz_sessions a.btn');
    const radios = page.locator('form.o_qnetz_attendance_form input[type="radio"][value="present"]');
    await radios.first().waitFor();
    await expectGerman(page, 'form.o_qnetz_attendance_form', ['Anwesend', 'Abwesend']);
    await shot(page, '3_attendance_form');
    // everybody came: one click
    await follow(page, 'form.o_qnetz_attendance_form button:text-is("Alle anwesend")');
    await expectGerman(page, '.alert-success', ['gespeichert']);
    // a recorded session is changed, not recorded again
    await expectGerman(page, 'table.o_qnetz_sessions', ['Anwesenheit ändern']);
    await shot(page, '4_attendance_saved');
  } else {
    // the finished course: the invoice
    await follow(page, 'main a:text-is("' + FINISHED + '")');
    await page.locator('form.o_qnetz_invoice_form input[name="confirm_complete"]').check();
    await shot(page, '5_invoice_form');
    await follow(page, 'form.o_qnetz_invoice_form button[type="submit"]');
    await expectGerman(page, '.alert-success', ['Rechnung']);
    // the provider sees its bill: amount, status, PDF
    await expectGerman(page, 'table.o_qnetz_provider_bill', ['Betrag', '€', 'eingereicht', 'PDF']);
    await shot(page, '6_invoice_submitted');
  }
});
