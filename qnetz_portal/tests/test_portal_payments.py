from datetime import timedelta

from odoo import fields

from odoo.addons.qnetz_courses.payment.models.account_bank_statement_import import german_iban
from odoo.addons.qnetz_courses.spine.course_time import course_today

from .common import PortalCase


class TestPortalPayments(PortalCase):
    """/my/payments: a company sees its course invoices open, partly paid, paid on,
    reminded; a provider its bills submitted, approved, paid on; nobody another's."""

    def setUp(self):
        super(TestPortalPayments, self).setUp()
        env = self.env
        self.course = self.make_course()
        Registration = env["event.registration"]
        for apprentice in (self.apprentice_a1, self.apprentice_a2, self.apprentice_b1):
            Registration.create({"event_id": self.course.id, "apprentice_id": apprentice.id})
        self.run_course(self.course)
        self.course.action_start()
        invoices = self.course._qnetz_bill_registrations()
        invoices.action_invoice_open()
        by_partner = {invoice.partner_id: invoice for invoice in invoices}
        self.invoice_a, self.invoice_b = by_partner[self.company_a], by_partner[self.company_b]
        self.bank = env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", env.ref("base.main_company").id)],
            limit=1)
        # A pays half its invoice, B is reminded
        self.half = round(self.invoice_a.amount_total / 2, 2)
        self.invoice_a.pay_and_reconcile(self.bank, self.half)
        due = fields.Date.from_string(self.invoice_b.date_due)
        run = env["credit.control.run"].create({
            "date": fields.Date.to_string(due + timedelta(days=8)),
            "policy_ids": [(6, 0, env.ref("qnetz_courses.credit_control_policy_reminders").ids)]})
        run.generate_credit_lines()
        run.line_ids.filtered(lambda line: line.invoice_id == self.invoice_b).write(
            {"state": "sent"})
        self.bill = self.course._qnetz_create_provider_bill()

    def _row(self, page, invoice_number):
        """The table row of `invoice_number` in the page's HTML."""
        start = page.find(invoice_number)
        self.assertNotEqual(start, -1, invoice_number)
        return page[start:page.find("</tr>", start)]

    def test_company_sees_its_invoices_with_payment_and_reminder(self):
        self.login(self.user_a)
        page = self.get("/my/payments")
        self.assertEqual(page.status_code, 200)
        row = self._row(page.text, self.invoice_a.number)
        self.assertIn("Teilweise bezahlt", row)
        self.assertIn(fields.Date.from_string(course_today()).strftime("%d.%m.%Y"), row)
        self.assertIn(("%.2f" % (self.invoice_a.amount_total - self.half)).replace(".", ","),
                      row)
        self.assertNotIn(self.invoice_b.number, page.text, "another company's invoice")
        self.assertNotIn("Zahlungen meiner Rechnungen an", page.text)
        self.login(self.user_b)
        page = self.get("/my/payments")
        row = self._row(page.text, self.invoice_b.number)
        self.assertIn("Offen", row)
        self.assertIn("gemahnt: Zahlungserinnerung", row)
        self.assertNotIn(self.invoice_a.number, page.text)

    def test_provider_sees_its_bill_submitted_approved_paid(self):
        self.login(self.user_p)
        self.assertIn("Eingereicht, noch nicht freigegeben", self.get("/my/payments").text)
        self.bill.action_invoice_open()
        self.assertIn("Freigegeben, noch nicht bezahlt", self.get("/my/payments").text)
        self.bill.pay_and_reconcile(self.bank, self.bill.amount_total)
        page = self.get("/my/payments").text
        row = self._row(page, self.bill.number)
        self.assertIn("Bezahlt", row)
        self.assertIn("bezahlt am %s" % fields.Date.from_string(
            course_today()).strftime("%d.%m.%Y"), row)
        self.assertNotIn(self.invoice_a.number, page, "the companies' invoices")

    def test_readers_and_the_public_get_no_payments(self):
        network_user = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Nina Netz", "login": "test_network_pay", "password": "test_network_pay",
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id,
                                  self.env.ref("qnetz_base.group_qnetz_network").id])]})
        self.login(network_user)
        self.assertEqual(self.get("/my/payments").status_code, 403)
        self.url_open("/web/session/logout")
        page = self.get("/my/payments")
        self.assertNotIn(self.invoice_a.number, page.text)
        self.assertIn("/web/login", page.url)

    def test_share_users_read_no_reconciliation_or_reminder_by_rpc(self):
        session = self.rpc_session(self.user_b)
        for model in ("credit.control.line", "account.partial.reconcile",
                      "account.bank.statement.line", "credit.control.policy"):
            response = self.call_kw(session, model, "search_read", [], {"fields": ["id"]})
            self.assertIn("error", response, model)

    def test_company_sees_its_mandate_but_not_the_full_iban(self):
        iban = german_iban(50010517, 5407324)
        mandate = self.env["account.banking.mandate"].create({
            "partner_bank_id": self.env["res.partner.bank"].create(
                {"acc_number": iban, "partner_id": self.company_a.id}).id,
            "unique_mandate_reference": "QN-PORTAL-01", "signature_date": "2026-03-02",
            "format": "sepa"})
        mandate.validate()
        self.login(self.user_a)
        page = self.get("/my/payments").text
        self.assertIn("QN-PORTAL-01", page)
        self.assertIn("02.03.2026", page)
        self.assertIn("… %s" % iban[-4:], page)
        self.assertNotIn(iban, page)
        self.login(self.user_b)
        page = self.get("/my/payments").text
        self.assertNotIn("QN-PORTAL-01", page)
        self.assertIn("Kein Lastschriftmandat", page)
