"""The coordinator anonymises a person with the confirmation wizard over JSON-RPC, as the
backend does: the name goes from the journal, the analytic lines, the mail queue, the
to-dos and the change history too."""
from .common import PortalCase


class TestAnonymiseRpc(PortalCase):

    def test_wizard_scrubs_journal_queue_todos_and_history(self):
        env = self.env
        person = self.apprentice_a1
        name = person.name
        # a posted invoice line naming the participant, on an analytic account
        income = env["account.account"].search(
            [("user_type_id", "=", env.ref("account.data_account_type_revenue").id)], limit=1)
        analytic = env["account.analytic.account"].create({"name": "Testprojekt RPC"})
        invoice = env["account.invoice"].create({
            "partner_id": self.company_a.id, "type": "out_invoice",
            "account_id": self.company_a.property_account_receivable_id.id,
            # an invoice a payer accepts: the network's payment term
            "payment_term_id": env.ref("qnetz_courses.payment_term_14_days").id,
            "invoice_line_ids": [(0, 0, {
                "name": "Kursgebühr Holzbearbeitung: %s" % name, "quantity": 1,
                "price_unit": 250.0, "account_id": income.id,
                "account_analytic_id": analytic.id})]})
        invoice.action_invoice_open()
        move_lines = invoice.move_id.line_ids.filtered(lambda l: name in (l.name or ""))
        analytic_lines = env["account.analytic.line"].search(
            [("account_id", "=", analytic.id)])
        self.assertTrue(move_lines)
        self.assertTrue(analytic_lines.filtered(lambda l: name in l.name))
        # a mail in the queue to the company that names her, one to her
        to_company = env["mail.mail"].create({
            "subject": "Abwesenheit: %s" % name, "body_html": "<p>%s fehlte.</p>" % name,
            "recipient_ids": [(6, 0, self.company_a.ids)], "state": "outgoing"})
        to_her = env["mail.mail"].create({
            "subject": "Einladung", "body_html": "<p>Hallo</p>",
            "email_to": person.email, "state": "outgoing"})
        # a to-do and a tracked change on the company that name her
        todo = env["mail.activity"].create({
            "res_model_id": env["ir.model"]._get("res.partner").id,
            "res_id": self.company_a.id,
            "activity_type_id": env.ref("mail.mail_activity_data_todo").id,
            "summary": "%s zweimal gefehlt" % name, "note": "<p>%s anrufen</p>" % name,
            "user_id": self.coordinator.id})
        self.company_a.message_post(body="Änderung", tracking_value_ids=[(0, 0, {
            "field": "comment", "field_desc": "Notiz", "field_type": "char",
            "old_value_char": "", "new_value_char": "Ansprechpartnerin: %s" % name})])

        coordinator = self.rpc_session(self.coordinator)
        context = {"active_model": "res.partner", "active_ids": person.ids}
        created = self.call_kw(coordinator, "qnetz.anonymise.wizard", "create", [{}],
                               context=context)
        self.assertIn("result", created, created)
        done = self.call_kw(coordinator, "qnetz.anonymise.wizard", "action_anonymise",
                            [[created["result"]]], context=context)
        self.assertNotIn("error", done, done)
        env.cache.invalidate()

        self.assertTrue(person.with_context(active_test=False).anonymised)
        for line in list(move_lines) + list(invoice.invoice_line_ids) + list(analytic_lines):
            self.assertNotIn(name, line.name)
        self.assertEqual(invoice.amount_total, 250.0)
        self.assertFalse(to_her.exists())
        for text in (to_company.subject, to_company.body_html, todo.summary, todo.note):
            self.assertNotIn(name, text)
        values = self.company_a.message_ids.mapped("tracking_value_ids")
        self.assertTrue(values)
        for value in values:
            self.assertNotIn(name, value.new_value_char or "")
