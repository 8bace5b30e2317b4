from datetime import timedelta

from odoo import fields

from ...tests.payment_common import PaymentCase
from ..models.account_bank_statement_import import german_iban


class TestReminders(PaymentCase):
    """The reminder run (OCA credit control with the network's policy): level 1 only to
    unpaid course-fee invoices past due, never for a disputed invoice or to a company whose
    money came in, and no letter for what was paid between the run and the sending."""

    @classmethod
    def setUpClass(cls):
        super(TestReminders, cls).setUpClass()
        cls.company_a.email = "buchhaltung@brakel.example"
        cls.company_b.email = "buchhaltung@bevern.example"
        cls.policy = cls.env.ref("qnetz_courses.credit_control_policy_reminders")
        cls.due = fields.Date.from_string(cls.invoice_a.date_due)

    def _run(self, days_after_due):
        run = self.env["credit.control.run"].create({
            "date": fields.Date.to_string(self.due + timedelta(days=days_after_due)),
            "policy_ids": [(6, 0, self.policy.ids)]})
        run.generate_credit_lines()
        return run

    def _ours(self, run):
        """The run's lines for this test's companies (the demo's invoices are due too)."""
        return run.line_ids.filtered(
            lambda line: line.partner_id.commercial_partner_id in self.company_a | self.company_b)

    def _reminded(self, run):
        return {line.invoice_id: line.level for line in self._ours(run)}

    def test_level_one_only_to_unpaid_invoices_past_due(self):
        # B has paid; a third company's invoice is not due yet at the run's date
        self._import([self._entry(300.0, self.invoice_b.number, "R1")])
        late_course = self._create_course(name="Pneumatik", seats_min=1, seats_max=10,
                                          date_begin="2030-04-02 07:00:00",
                                          date_end="2030-04-20 15:00:00")
        self._register(late_course, self.apprentices[5])
        late_course.button_confirm()
        self._begin(late_course)
        not_due = late_course._qnetz_bill_registrations()
        not_due.action_invoice_open()
        not_due.move_id.line_ids.filtered("date_maturity").write(
            {"date_maturity": fields.Date.to_string(self.due + timedelta(days=30))})
        self.assertEqual(self._reminded(self._run(6)), {}, "a week's grace after the due date")
        run = self._run(8)
        self.assertEqual(self._reminded(run), {self.invoice_a: 1})
        self.assertEqual(self._ours(run).policy_level_id,
                         self.env.ref("qnetz_courses.credit_control_level_1"))

    def test_disputed_invoice_and_money_awaiting_matching_pause_the_reminder(self):
        self.invoice_a.write({"reminder_paused": True,
                              "reminder_pause_reason": "Teilnehmer war krank"})
        # B's transfer named no invoice, but came from B's known account: B paid
        account = self.env["res.partner.bank"].create(
            {"acc_number": german_iban(37040044, 5320130), "partner_id": self.company_b.id})
        lines, _action = self._import([self._entry(300.0, "Kurs Maerz", "R2",
                                                   iban=account.acc_number)])
        self.assertEqual(lines.match_state, "unmatched")
        self.assertEqual(self._reminded(self._run(8)), {})
        # the dispute settled, A is reminded; B stays held back until its money is matched
        self.invoice_a.reminder_paused = False
        self.assertEqual(self._reminded(self._run(9)), {self.invoice_a: 1})

    def test_letters_go_out_in_german_and_not_for_what_was_paid_meanwhile(self):
        run = self._run(8)
        self.assertEqual(set(self._reminded(run)), set(self.invoice_a | self.invoice_b))
        (run.line_ids - self._ours(run)).write({"state": "ignored"})
        run.set_to_ready_lines()
        self._import([self._entry(300.0, self.invoice_b.number, "R3")])
        run.run_channel_action()
        by_invoice = {line.invoice_id: line for line in self._ours(run)}
        self.assertEqual(by_invoice[self.invoice_b].state, "ignored")
        self.assertEqual(by_invoice[self.invoice_a].state, "sent")
        mail = by_invoice[self.invoice_a].mail_message_id
        self.assertIn("Zahlungserinnerung", mail.subject)
        self.assertIn("noch keine Zahlung erhalten", mail.body_html)
        self.assertIn("buchhaltung@brakel.example", mail.email_to)
        status = dict(self.invoice_a._qnetz_payment_status())[self.invoice_a]
        self.assertEqual(status["reminder"], "Zahlungserinnerung")

    def test_the_demo_proposes_one_reminder_to_walk(self):
        """The demo's reminder: level 1 for the demo course's invoice nothing paid, which
        fell due ten days before the install; the invoices the demo statement paid (in
        full or half) are not reminded."""
        demo = self.env.ref("qnetz_courses.course_technical_drawing_demo")
        lines = self.env["credit.control.line"].search([("invoice_id.course_id", "=", demo.id)])
        self.assertEqual(lines.mapped("level"), [1])
        self.assertEqual(lines.state, "draft", "the coordinator sets it ready and sends it")
        invoice = lines.invoice_id
        self.assertEqual(invoice.residual, invoice.amount_total)
        self.assertEqual(fields.Date.from_string(lines.date)
                         - fields.Date.from_string(invoice.date_due), timedelta(days=10))
        paid = self.env["account.bank.statement.line"].search(
            [("match_state", "in", ("paid", "partial"))]).mapped("match_invoice_ids")
        self.assertTrue(paid.filtered(lambda inv: inv.course_id == demo))
        self.assertFalse(paid & lines.mapped("invoice_id"))
