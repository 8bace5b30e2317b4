from odoo import fields
from odoo.exceptions import UserError

from ...tests.payment_common import PaymentCase


class TestPaymentMatching(PaymentCase):

    def test_statement_pays_in_full_pays_partly_and_lists_the_unknown(self):
        lines, action = self._import([
            self._entry(1200.0, "Kursgebuehr %s Danke" % self.invoice_a.number, "E1",
                        name=self.company_a.name),
            self._entry(100.0, "Rechnung %s" % self.invoice_b.number.replace("-", " "), "E2",
                        name=self.company_b.name),
            self._entry(75.0, "Azubi Meier Juni", "E3", name="Tischlerei Unbekannt"),
        ])
        by_ref = {line.unique_import_id.rsplit("-", 1)[-1]: line for line in lines}
        self.assertEqual(self.invoice_a.state, "paid")
        self.assertEqual(by_ref["E1"].match_state, "paid")
        self.assertEqual(by_ref["E1"].partner_id, self.company_a)
        # "RE 2026 0002" in the reference: the number is still recognised
        self.assertEqual(self.invoice_b.state, "open")
        self.assertAlmostEqual(self.invoice_b.residual, 200.0)
        self.assertEqual(by_ref["E2"].match_state, "partial")
        self.assertEqual(by_ref["E3"].match_state, "unmatched")
        self.assertFalse(by_ref["E3"].journal_entry_ids, "nothing booked for the unknown")
        # (the demo's own unknown transfer may be on the list too)
        self.assertEqual(self._to_clarify() & lines, by_ref["E3"])
        summary = [note["message"] for note in action["context"]["notifications"]
                   if note["type"] == "info"][0]
        self.assertIn("1 vollständig bezahlt, 1 teilweise bezahlt", summary)
        # the rest of B's invoice comes with the next statement
        lines, _action = self._import([
            self._entry(200.0, self.invoice_b.number, "E4", name=self.company_b.name)])
        self.assertEqual(lines.match_state, "paid")
        self.assertEqual(self.invoice_b.state, "paid")

    def test_overpayment_pays_the_invoice_and_keeps_the_rest_as_credit(self):
        lines, _action = self._import([
            self._entry(310.0, self.invoice_b.number, "O1", name=self.company_b.name)])
        self.assertEqual(self.invoice_b.state, "paid")
        self.assertEqual(lines.match_state, "overpaid")
        self.assertIn("10,00", lines.match_note)
        self.assertIn(lines, self._to_clarify(), "the coordinator refunds or sets it off")
        # the company's receivable shows the 10.00 credit
        self.company_b.invalidate_cache()
        self.assertAlmostEqual(self.company_b.credit, -10.0)
        lines.action_qnetz_clear()
        self.assertNotIn(lines, self._to_clarify())

    def test_one_transfer_for_two_invoices_of_one_company(self):
        second = self._create_course(name="Pneumatik", seats_min=1, seats_max=10,
                                     fee_amount=150.0, date_begin="2030-04-02 07:00:00",
                                     date_end="2030-04-20 15:00:00")
        self._register(second, self.apprentices[5])
        second.button_confirm()
        self._begin(second)
        invoice_b2 = second._qnetz_bill_registrations()
        invoice_b2.action_invoice_open()
        lines, _action = self._import([self._entry(
            450.0, "%s, %s" % (self.invoice_b.number, invoice_b2.number), "M1")])
        self.assertEqual(lines.match_state, "paid")
        self.assertEqual((self.invoice_b | invoice_b2).mapped("state"), ["paid", "paid"])

    def test_a_reference_of_another_kind_or_a_longer_number_is_not_matched(self):
        # money out never pays a customer invoice; RE-…-00021 is not RE-…-0002
        lines, _action = self._import([
            self._entry(-300.0, self.invoice_b.number, "K1"),
            self._entry(300.0, self.invoice_b.number + "1", "K2"),
        ])
        self.assertEqual(lines.mapped("match_state"), ["unmatched", "unmatched"])
        self.assertEqual(self.invoice_b.state, "open")

    def test_the_same_statement_imported_twice_books_nothing_twice(self):
        entries = [self._entry(100.0, self.invoice_a.number, "D1")]
        self._import(entries, statement_id="TWICE")
        with self.assertRaises(UserError):
            self._import(entries, statement_id="TWICE")
        self.assertAlmostEqual(self.invoice_a.residual, 1100.0)

    def test_provider_bill_paid_by_transfer_shows_paid_on(self):
        bill = self.course._qnetz_create_provider_bill()
        bill.action_invoice_open()
        status = dict(bill._qnetz_payment_status())[bill]
        self.assertEqual(status["status"], "approved")
        lines, _action = self._import([
            self._entry(-bill.amount_total, "Honorar %s" % bill.number, "P1",
                        name=self.provider.name)])
        self.assertEqual(lines.match_state, "paid")
        self.assertEqual(bill.state, "paid")
        status = dict(bill._qnetz_payment_status())[bill]
        self.assertEqual(status["status"], "paid")
        today = fields.Date.from_string(fields.Date.context_today(bill))
        self.assertEqual(status["paid_on"], today.strftime("%d.%m.%Y"))
