// The coordinator's daily round through the backend, in German, with the demo data:
// the needs kanban (by state), pivot and graph, the companies, an apprentice's form with the
// network page and the sensitive target-group page, and a rule that says no. Fails on any JS
// error or error dialog. Driven by qnetz_base/tests/test_browser.py (BASE_URL, LOGIN, PASSWORD,
// APPRENTICE_ID, NEW_NEED_ID: a need in state "Neu", SHOTS).
const { fail, launch, login, screenshots, settle, watchErrors } = require('../../../tests/browser/chromium');

const { BASE_URL, LOGIN, PASSWORD, APPRENTICE_ID, NEW_NEED_ID, SHOTS } = process.env;
const errors = [];

const shot = screenshots(SHOTS, 'qnetz_base_');

(async () => {
  const context = await launch('base', { width: 1400, height: 900 });
  try {
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(45000);
    watchErrors(page, errors, true);

    await login(page, BASE_URL, LOGIN, PASSWORD);
    // web_responsive (OCA) replaces Odoo's top menu bar by its navbar and app drawer
    await page.waitForSelector('nav.main-nav');
    await settle(page);

    // Needs: kanban grouped by state, in German.
    await page.goto(BASE_URL + '/web#action=qnetz_base.qnetz_need_action&view_type=kanban');
    await page.waitForSelector('.o_kanban_view .o_kanban_group');
    await settle(page);
    const columns = await page.locator('.o_kanban_group .o_column_title').allInnerTexts();
    console.log('kanban columns: ' + columns.join(' | '));
    if (!columns.some((c) => c.includes('Neu'))) fail('no column "Neu": ' + columns);
    for (const stage of ['Qualifiziert', 'In einem Kurs gebündelt', 'Bedient', 'Abgeschlossen']) {
      if (!columns.some((c) => c.includes(stage))) fail('no column "' + stage + '": ' + columns);
    }
    const cards = await page.locator('.o_kanban_record:not(.o_kanban_ghost)').count();
    console.log('kanban cards: ' + cards);
    if (cards < 20) fail('too few need cards: ' + cards);
    const title = await page.title();
    if (title.includes('Odoo') || !title.includes('Qualifizierungsnetzwerk')) fail('tab title: ' + title);
    await page.locator('.o_user_menu > a').click();
    const userMenu = await page.locator('.o_user_menu .dropdown-menu').innerText();
    console.log('user menu: ' + userMenu.replace(/\s+/g, ' '));
    if (/odoo\.com|Dokumentation|Support/i.test(userMenu)) fail('user menu leads to odoo.com: ' + userMenu);
    await page.keyboard.press('Escape');
    const menu = await page.locator('#odooAppDrawer').textContent();
    if (!menu.includes('Qualifizierungsnetzwerk')) fail('app name not German: ' + menu);
    await shot(page, 'needs_kanban');

    // Pivot and graph.
    await page.goto(BASE_URL + '/web#action=qnetz_base.qnetz_need_action&view_type=pivot');
    await page.waitForSelector('.o_pivot table');
    await settle(page);
    const pivot = await page.locator('.o_pivot table').innerText();
    if (!pivot.includes('Fachpraxis') || !pivot.includes('Kreis Höxter')) fail('pivot content: ' + pivot.slice(0, 300));
    await shot(page, 'needs_pivot');
    await page.goto(BASE_URL + '/web#action=qnetz_base.qnetz_need_action&view_type=graph');
    await page.waitForSelector('.o_graph_svg_container svg, .o_graph svg');
    await settle(page);
    await page.waitForTimeout(1500);  // let the bars finish their animation
    await shot(page, 'needs_graph');

    // Companies: kanban of the training companies.
    await page.goto(BASE_URL + '/web#action=qnetz_base.res_partner_action_companies&view_type=kanban');
    await page.waitForSelector('.o_kanban_view .o_kanban_record');
    await settle(page);
    const companies = await page.locator('.o_kanban_record:not(.o_kanban_ghost)').count();
    console.log('companies: ' + companies);
    if (companies < 20) fail('too few companies: ' + companies);
    await shot(page, 'companies');

    // An apprentice: network page and the sensitive target-group page.
    await page.goto(BASE_URL + '/web#model=res.partner&view_type=form&id=' + APPRENTICE_ID);
    await page.waitForSelector('.o_form_view .o_notebook');
    await settle(page);
    const tabs = await page.locator('.o_notebook .nav-tabs li').allInnerTexts();
    console.log('tabs: ' + tabs.join(' | '));
    if (!tabs.some((t) => t.includes('Qualifizierungsnetzwerk'))) fail('no network page: ' + tabs);
    const sensitive = page.locator('.o_notebook .nav-tabs a', { hasText: 'Zielgruppe (vertraulich)' });
    if (!(await sensitive.count())) fail('no target-group page: ' + tabs);
    await page.locator('.o_notebook .nav-tabs a', { hasText: 'Qualifizierungsnetzwerk' }).click();
    await settle(page);
    const networkPage = await page.locator('.o_notebook .tab-pane.active').innerText();
    if (!networkPage.includes('Ausbildungsbetrieb')) fail('apprentice data missing: ' + networkPage.slice(0, 300));
    await shot(page, 'apprentice_network');
    await sensitive.click();
    await settle(page);
    await shot(page, 'apprentice_target_group');

    // A rule of the network refuses an action (a UserError: a new need cannot be served):
    // the dialog says so in German and names no vendor (Odoo's: "Odoo Server Error - Warnung").
    // The call is the one the web client makes for a button, so its crash manager answers.
    await page.evaluate((needId) => {
      const services = odoo.__DEBUG__.services;
      services['web.ajax'].jsonRpc('/web/dataset/call_kw/qnetz.need/action_mark_served', 'call', {
        model: 'qnetz.need', method: 'action_mark_served', args: [[needId]],
        kwargs: { context: services['web.session'].user_context } });
    }, Number(NEW_NEED_ID));
    const refusal = page.locator('.modal:has(.o_dialog_warning)');
    await refusal.waitFor();
    const refusalTitle = (await refusal.locator('.modal-title').innerText()).trim();
    const refusalText = await refusal.locator('.modal-body').innerText();
    console.log('refusal: ' + refusalTitle + ': ' + refusalText.replace(/\s+/g, ' '));
    if (refusalTitle !== 'Hinweis') fail('the refusal dialog is titled "' + refusalTitle + '"');
    if (!refusalText.includes('Neu')) fail('the refusal does not say why: ' + refusalText);
    await shot(page, 'refusal');
    await refusal.locator('.modal-footer button').first().click();
    await refusal.waitFor({ state: 'detached' });
    // the web client logs every refused call on the console; this one was asked for
    const expected = (e) => e.includes('Server application error') && e.includes('"exception_type":"user_error"');
    errors.splice(0, errors.length, ...errors.filter((e) => !expected(e)));
    console.log('done');
  } catch (error) {
    fail(error.stack || String(error));
  } finally {
    for (const e of errors) fail(e);
    await context.close();
  }
})();
