// The coordinator's path "three qualified needs -> confirmed course with sessions ->
// invoices sent", in the German backend, counting every click, entry and choice the
// coordinator makes (waiting for the page is no step). It starts where the coordinator
// lands after logging in, the needs board, and ends on the list of sent invoices.
// Driven by qnetz_portal/tests/test_journeys_browser.py (BASE_URL, SHOTS, TOPIC, PROVIDER,
// FEE, PROVIDER_FEE, START); prints "STEPS <n>" and the steps, one per line.
const { fail, settle } = require('../../../tests/browser/chromium');
const { expectGerman, journey, logIn } = require('./journey_helpers');

const { BASE_URL, TOPIC, PROVIDER, FEE, PROVIDER_FEE, START } = process.env;
const steps = [];

// Every user action goes through one of these, so that none escapes the count.
async function click(page, selector, what) {
  await page.locator(selector).first().waitFor({ state: 'visible' });
  await page.locator(selector).first().click();
  steps.push('click ' + what);
}
async function fill(page, selector, value, what) {
  await page.locator(selector).first().waitFor({ state: 'visible' });
  await page.locator(selector).first().fill(value);
  steps.push('enter ' + what + ': ' + value);
}

journey('coordinator', async (page, shot) => {
  // logging in is not part of the path: it starts on the needs board
  await logIn(page, BASE_URL, 'koordination', /qnetz_need_action/);
  await page.waitForSelector('.o_kanban_view .o_kanban_group');
  await settle(page, 300);
  await expectGerman(page, 'nav.main-nav, .o_control_panel', ['Bedarfe', 'Bündelungsvorschläge']);
  await shot(page, '1_needs_board');
  // at the venue, on a phone: the board fits the screen's width (web_responsive)
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForSelector('nav.main-nav #odooMenuBarToggle:visible');
  await settle(page, 500);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) fail('the needs board is ' + overflow + ' px wider than a 390 px phone');
  await shot(page, '1_needs_board_phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  await settle(page, 500);

  await click(page, 'nav.main-nav a[data-menu-xmlid="qnetz_courses.menu_qnetz_bundle_proposal"]',
              'menu "Bündelungsvorschläge"');
  const row = '.o_list_view tr.o_data_row:has-text("' + TOPIC + '")';
  await page.waitForSelector(row);
  await settle(page, 300);
  await expectGerman(page, '.o_list_view', ['Bedarfe', 'Teilnehmende', 'Genug für einen Kurs']);
  await shot(page, '2_proposals');

  await click(page, row + ' button[title="Kurs anlegen"]', '"Kurs anlegen" on the proposal');
  const wizard = '.modal:has(button[name="action_create_courses"])';
  await page.waitForSelector(wizard + ' .o_form_view');
  await settle(page, 300);
  await expectGerman(page, wizard, ['Kurstitel', 'Bildungsträger', 'Beginn', 'Gebühr']);
  // the course began a week ago (START): its first session, on a day of its rhythm, is
  // past, so that "Kurs beginnt" and the billing are allowed (they are refused before it)
  await fill(page, wizard + ' .o_field_widget[name="date_begin"] input', START + ' 08:00:00', 'start');
  await fill(page, wizard + ' .o_field_widget[name="provider_id"] input', PROVIDER.slice(0, 11),
             'provider');
  await click(page, 'ul.ui-autocomplete li a:has-text("' + PROVIDER + '")', 'provider "' + PROVIDER + '"');
  await fill(page, wizard + ' input[name="fee_amount"]', FEE, 'fee');
  // what the provider gets is agreed before the course is confirmed
  await fill(page, wizard + ' input[name="provider_fee"]', PROVIDER_FEE, 'provider fee');
  await settle(page, 300);
  await shot(page, '3_wizard');
  await click(page, wizard + ' button[name="action_create_courses"]', '"Kurs anlegen" in the wizard');

  // lands on the network's course form, with the sessions generated
  await page.waitForSelector('.o_form_view .o_statusbar_buttons button:text-is("Bestätigen")');
  await settle(page, 300);
  const sessions = await page.locator('.o_form_view .o_field_widget[name="session_ids"] tr.o_data_row').count();
  if (sessions < 1) fail('the course has no sessions');
  console.log('sessions: ' + sessions);
  await expectGerman(page, '.o_form_view', ['Bestätigen', 'Termine', 'Teilnehmende']);
  await shot(page, '4_course');

  await click(page, '.o_statusbar_buttons button:text-is("Bestätigen")', '"Bestätigen"');
  await page.waitForSelector('.o_statusbar_buttons button:text-is("Kurs beginnt"):visible');
  await settle(page, 300);
  await click(page, '.o_statusbar_buttons button:text-is("Kurs beginnt")', '"Kurs beginnt" (on the first course day)');
  await page.waitForSelector('.o_statusbar_status .btn-primary:text-is("Läuft")');
  await page.waitForSelector('.o_statusbar_buttons button:text-is("Abrechnen und versenden"):visible');
  await settle(page, 300);
  await shot(page, '5_course_running');

  await click(page, '.o_statusbar_buttons button:text-is("Abrechnen und versenden")',
              '"Abrechnen und versenden"');
  await page.waitForSelector('.modal .modal-footer button.btn-primary');
  await click(page, '.modal .modal-footer button.btn-primary', '"Ok" to confirm');

  // ends on the companies' invoices: validated and sent
  await page.waitForURL(/model=account\.invoice/);
  await page.waitForSelector('.o_list_view tr.o_data_row');
  await settle(page, 500);
  const list = await page.locator('.o_list_view').innerText();
  console.log('invoices: ' + list.replace(/\s+/g, ' ').slice(0, 500));
  await expectGerman(page, '.o_list_view', ['Offen']);
  await shot(page, '6_invoices_sent');

  console.log('STEPS ' + steps.length);
  steps.forEach((step, index) => console.log('STEP ' + (index + 1) + ': ' + step));
});
