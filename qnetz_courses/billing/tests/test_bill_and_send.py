from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from ...tests.common import QnetzCoursesCase, move_to_past


class TestBillAndSend(QnetzCoursesCase):
    """'Abrechnen und versenden': bill, validate and mail a course's invoices in one step."""

    @classmethod
    def setUpClass(cls):
        super(TestBillAndSend, cls).setUpClass()
        cls.company_a.email = "ausbildung@testbetrieb.example"
        cls.course = cls._create_course(seats_min=1, seats_max=10, funding_share=40.0)
        for apprentice in cls.apprentices[:5]:
            cls._register(cls.course, apprentice)
        cls.course.button_confirm()

    def _begin(self):
        self.env["qnetz.course.session"].create({
            "event_id": self.course.id, "date_begin": self.course.date_begin,
            "date_end": fields.Datetime.to_string(
                fields.Datetime.from_string(self.course.date_begin) + timedelta(hours=3))})
        move_to_past(self.course)
        self.course.action_start()

    def _invoices(self):
        return self.env["account.invoice"].search([
            ("course_id", "=", self.course.id), ("type", "=", "out_invoice")])

    def test_refuses_what_the_billing_rule_refuses(self):
        # confirmed, but not begun and without sessions: the one billing rule says no
        with self.assertRaisesRegex(UserError, "keine Termine|noch nicht begonnen"):
            self.course.action_qnetz_bill_and_send()
        self.assertFalse(self._invoices())

    def test_bills_validates_and_mails_every_company(self):
        self._begin()
        coordinator = self.env.ref("qnetz_base.user_coordinator_demo")
        action = self.course.sudo(coordinator).action_qnetz_bill_and_send()
        invoices = self._invoices()
        self.assertEqual(len(invoices), 2, "one invoice per paying company")
        self.assertEqual(set(invoices.mapped("state")), {"open"})
        self.assertEqual(self.env["account.invoice"].search(action["domain"]), invoices,
                         "it ends on the companies' invoices")
        sent = invoices.filtered(lambda i: i.partner_id == self.company_a)
        unsent = invoices - sent
        self.assertEqual(sent.mail_state, "queued", "handed to the mail queue")
        self.assertFalse(sent.sent, "sent only once the mail server accepted it")
        # the page renders no PDF: the queue's next run writes the mail, as who asked
        Message = self.env["mail.message"]
        written = [("model", "=", "account.invoice"), ("res_id", "=", sent.id),
                   ("message_type", "=", "comment")]
        self.assertFalse(Message.search(written), "no mail is written in the request")
        self.env["mail.mail"].with_context(filters=[("id", "=", 0)]).process_email_queue()
        self.assertFalse(sent.mail_requested_by_id)
        mail = Message.search(written)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.author_id, coordinator.partner_id, "signed by who asked")
        self.assertIn(self.company_a, mail.partner_ids, "addressed to the company")
        self.assertTrue(mail.attachment_ids, "the invoice PDF is attached")
        # in German, with the due date and where to pay
        self.assertIn("Bitte überweisen Sie den Betrag bis zum", mail.body)
        self.assertIn("IBAN %s" % sent.partner_bank_id.acc_number, mail.body)
        self.assertNotIn(" from ", mail.body)
        self.assertTrue(self.env["mail.notification"].search([
            ("mail_message_id", "=", mail.id), ("res_partner_id", "=", self.company_a.id),
            ("is_email", "=", True)]), "an email goes to the company")
        # company B has no email address: validated, not marked sent, and the course says so
        self.assertFalse(unsent.sent)
        self.assertEqual(unsent.state, "open")
        note = self.course.message_ids[0].body
        self.assertIn(sent.number, note)
        self.assertIn(self.company_b.name, note)
        # the provider's bill comes from the same billing run
        self.assertEqual(self.course.provider_bill_count, 1)
        # a second time bills nothing twice and sends nothing twice
        self.company_b.email = "buero@testwerk.example"
        self.course.action_qnetz_bill_and_send()
        self.assertEqual(self._invoices(), invoices)
        self.assertEqual(unsent.mail_state, "queued")
        self.assertEqual(len(self.env["mail.message"].search([
            ("model", "=", "account.invoice"), ("res_id", "=", sent.id),
            ("message_type", "=", "comment")])), 1)
        with self.assertRaises(UserError):
            self.course.action_qnetz_bill_and_send()

    def test_total_price_with_open_registrations_goes_through_the_billing_run(self):
        self.course.write({"fee_model": "total", "fee_amount": 2000.0})
        self._begin()
        with self.assertRaisesRegex(UserError, "Abrechnen|Bill"):
            self.course.action_qnetz_bill_and_send()
        self.assertFalse(self._invoices())

    def test_only_who_may_change_the_course(self):
        self._begin()
        network = self.env.ref("qnetz_base.user_network_demo")
        with self.assertRaises(AccessError):
            self.course.sudo(network).action_qnetz_bill_and_send()
        self.assertFalse(self._invoices())
