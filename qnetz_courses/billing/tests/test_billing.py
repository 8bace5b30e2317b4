import psycopg2

from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval
from odoo.tools import mute_logger

from ...tests.common import QnetzCoursesCase


class TestBilling(QnetzCoursesCase):

    def _course_with(self, count, begun=True, **values):
        """A confirmed course with `count` participants; begun (billable) unless told."""
        course = self._create_course(seats_min=1, seats_max=10, **values)
        registrations = self.env["event.registration"]
        for apprentice in self.apprentices[:count]:
            registrations |= self._register(course, apprentice)
        course.button_confirm()
        if begun:
            self._begin(course)
        return course, registrations

    def _customer_docs(self, course, inv_type="out_invoice"):
        return self.env["account.invoice"].search(
            [("course_id", "=", course.id), ("type", "=", inv_type)])

    def test_per_participant_with_funding_share(self):
        # 4 apprentices of company A, 1 of company B
        course, registrations = self._course_with(
            5, fee_amount=333.33, funding_share=40.0)
        invoices = course._qnetz_bill_registrations()
        self.assertEqual(len(invoices), 2, "one invoice per course and paying company")
        by_partner = {inv.partner_id: inv for inv in invoices}
        inv_a, inv_b = by_partner[self.company_a], by_partner[self.company_b]
        self.assertEqual(len(inv_a.invoice_line_ids), 4)
        self.assertEqual(len(inv_b.invoice_line_ids), 1)
        # 333.33 * 60 % = 199.998 -> 200.00 per participant
        self.assertEqual(inv_a.amount_total, 800.0)
        self.assertEqual(inv_b.amount_total, 200.0)
        self.assertEqual(inv_a.amount_tax, 0.0)
        line = inv_b.invoice_line_ids
        self.assertEqual(line.gross_amount, 333.33)
        self.assertEqual(line.funding_amount, 133.33)
        self.assertAlmostEqual(line.price_subtotal + line.funding_amount, 333.33, places=2)
        self.assertIn("davon trägt das Förderprogramm 40 %", line.name)
        self.assertTrue(inv_a.comment)
        tax = self.env.ref("qnetz_courses.tax_exempt_education_sale")
        self.assertEqual(line.invoice_line_tax_ids, tax)
        self.assertIn("§4 Nr. 21 UStG", tax.name)
        self.assertEqual(tax.amount, 0.0)
        self.assertEqual(inv_a.state, "draft")
        self.assertEqual(inv_a.course_id, course)
        self.assertEqual(inv_a.registration_ids,
                         registrations.filtered(lambda r: r.paying_partner_id == self.company_a))
        self.assertEqual(set(registrations.mapped("billing_state")), {"invoiced"})
        self.assertEqual(course.amount_billed, 1000.0)
        self.assertEqual(course.amount_open, 1000.0)
        self.assertEqual(course.invoice_count, 2)
        # once validated, the invoice still counts as billed and open until paid
        inv_b.action_invoice_open()
        course.invalidate_cache()
        self.assertEqual(course.amount_billed, 1000.0)
        self.assertEqual(course.amount_open, 1000.0)

    def test_total_price_split_exactly(self):
        course, registrations = self._course_with(
            3, fee_model="total", fee_amount=1000.0, funding_share=33.0)
        invoices = course._qnetz_bill_registrations()
        lines = invoices.mapped("invoice_line_ids")
        self.assertEqual(len(lines), 3)
        self.assertEqual(sorted(lines.mapped("gross_amount")), [333.33, 333.33, 333.34])
        self.assertAlmostEqual(sum(lines.mapped("gross_amount")), 1000.0, places=2)
        # the companies pay 67 % of 1000 = 670.00, split to the cent
        self.assertEqual(sorted(lines.mapped("price_subtotal")), [223.33, 223.33, 223.34])
        self.assertAlmostEqual(sum(invoices.mapped("amount_total")), 670.0, places=2)
        self.assertAlmostEqual(sum(lines.mapped("funding_amount")), 330.0, places=2)

    def test_total_price_without_funding(self):
        course, _regs = self._course_with(6, fee_model="total", fee_amount=100.0)
        invoices = course._qnetz_bill_registrations()
        self.assertAlmostEqual(sum(invoices.mapped("amount_total")), 100.0, places=2)
        self.assertEqual(sorted(invoices.mapped("invoice_line_ids.price_subtotal")),
                         [16.66, 16.66, 16.67, 16.67, 16.67, 16.67])

    def test_billing_twice_bills_nothing_twice(self):
        course, registrations = self._course_with(3)
        first = course._qnetz_bill_registrations()
        lines_before = self.env["account.invoice.line"].search_count(
            [("registration_id", "in", registrations.ids)])
        second = course._qnetz_bill_registrations()
        self.assertFalse(second)
        self.assertEqual(self.env["account.invoice.line"].search_count(
            [("registration_id", "in", registrations.ids)]), lines_before)
        self.assertEqual(len(self._customer_docs(course)), len(first))

    def test_late_registration_joins_the_draft_invoice(self):
        course, registrations = self._course_with(2)
        invoice = course._qnetz_bill_registrations()
        late = self._register(course, self.apprentices[2])
        again = course._qnetz_bill_registrations()
        self.assertEqual(again, invoice, "added to the company's draft invoice")
        self.assertEqual(len(invoice.invoice_line_ids), 3)
        self.assertEqual(invoice.amount_total, 900.0)
        self.assertEqual(late.billing_state, "invoiced")
        # a validated invoice is left alone: a new one is made
        invoice.action_invoice_open()
        later = self._register(course, self.apprentices[3])
        third = course._qnetz_bill_registrations()
        self.assertNotEqual(third, invoice)
        self.assertEqual(third.invoice_line_ids.registration_id, later)

    def test_cancelled_after_billing_gets_credit_note(self):
        course, registrations = self._course_with(3, fee_amount=250.0, funding_share=20.0)
        invoice = course._qnetz_bill_registrations()
        invoice.action_invoice_open()
        cancelled = registrations[1]
        cancelled.action_cancel_registration()
        refunds = course._qnetz_bill_registrations()
        self.assertEqual(len(refunds), 1)
        self.assertEqual(refunds.type, "out_refund")
        self.assertEqual(refunds.partner_id, self.company_a)
        self.assertEqual(refunds.amount_total, 200.0)
        self.assertEqual(refunds.invoice_line_ids.registration_id, cancelled)
        self.assertEqual(cancelled.billing_state, "credited")
        course.invalidate_cache()
        self.assertEqual(course.amount_billed, 400.0)
        # and only once
        self.assertFalse(course._qnetz_bill_registrations())

    def test_waiting_list_is_not_billed(self):
        course, registrations = self._course_with(2)
        course.write({"seats_max": 2})
        waiting = self._register(course, self.apprentices[2])
        self.assertEqual(waiting.state, "waiting")
        invoices = course._qnetz_bill_registrations()
        self.assertNotIn(waiting, invoices.mapped("invoice_line_ids.registration_id"))

    def test_provider_bill_once(self):
        course, _regs = self._course_with(2, provider_fee=1800.0)
        bill = course._qnetz_create_provider_bill()
        self.assertEqual(bill.type, "in_invoice")
        self.assertEqual(bill.partner_id, self.provider)
        self.assertEqual(bill.amount_total, 1800.0)
        self.assertTrue(bill.is_provider_bill)
        self.assertEqual(bill.invoice_line_ids.invoice_line_tax_ids,
                         self.env.ref("qnetz_courses.tax_exempt_education_purchase"))
        self.assertEqual(course._qnetz_create_provider_bill(), bill)
        self.assertEqual(self.env["account.invoice"].search_count(
            [("course_id", "=", course.id), ("type", "=", "in_invoice")]), 1)
        course.invalidate_cache()
        self.assertEqual(course.provider_bill_count, 1)
        self.assertEqual(course.amount_billed, 0.0, "provider bills are not customer billing")

    def test_refusals(self):
        course, _regs = self._course_with(1)
        course.provider_id = False
        with self.assertRaisesRegex(UserError, "hat keinen Träger"):
            course._qnetz_bill_registrations()
        with self.assertRaisesRegex(UserError, "hat keinen Träger"):
            course._qnetz_create_provider_bill()
        draft = self._create_course(name="Noch geplant")
        with self.assertRaises(UserError):
            draft._qnetz_bill_registrations()
        no_fee, _regs = self._course_with(1, name="Ohne Honorar", provider_fee=0.0,
                                          address_id=self.venue_2.id)
        with self.assertRaises(UserError):
            no_fee._qnetz_create_provider_bill()

    def test_unique_index_forbids_second_billing_line(self):
        course, registrations = self._course_with(1)
        invoice = course._qnetz_bill_registrations()
        line = invoice.invoice_line_ids
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                line.copy({"invoice_id": invoice.id,
                           "registration_id": registrations.id,
                           "line_kind": "invoice"})

    def test_billing_wizard_and_server_action(self):
        course, registrations = self._course_with(2, begun=False)
        not_yet = self.env["qnetz.billing.wizard"].with_context(
            active_model="event.event", active_ids=course.ids).create({})
        self.assertFalse(not_yet.event_ids, "a course that has not begun is not preselected")
        self._begin(course)
        wizard = self.env["qnetz.billing.wizard"].with_context(
            active_model="event.event", active_ids=course.ids).create({})
        self.assertEqual(wizard.event_ids, course)
        action = wizard.action_run()
        invoices = self.env["account.invoice"].search(action["domain"])
        # customer invoices and provider bills are listed apart
        self.assertEqual(set(invoices.mapped("type")), {"out_invoice"})
        bills = self.env["account.invoice"].search([("course_id", "=", course.id),
                                                    ("type", "=", "in_invoice")])
        self.assertEqual(len(bills), 1)
        customer_list = self.env.ref("qnetz_courses.qnetz_customer_invoices_action")
        bill_list = self.env.ref("qnetz_courses.qnetz_provider_bills_action")
        Invoice = self.env["account.invoice"]
        course_domain = [("course_id", "=", course.id)]
        self.assertEqual(Invoice.search(safe_eval(customer_list.domain) + course_domain),
                         invoices)
        self.assertEqual(Invoice.search(safe_eval(bill_list.domain) + course_domain), bills)
        with self.assertRaises(UserError):
            self.env["qnetz.billing.wizard"].with_context(
                active_model="event.event", active_ids=course.ids).create({}).action_run()
        server_action = self.env.ref("qnetz_courses.action_server_qnetz_billing_run")
        result = server_action.with_context(
            active_model="event.event", active_ids=course.ids, active_id=course.id).run()
        self.assertFalse(self.env["account.invoice"].search(result["domain"]).filtered(
            lambda i: i.type == "out_invoice" and i not in invoices))

    def test_manual_credit_note_counts_as_credit(self):
        course, registrations = self._course_with(1)
        invoice = course._qnetz_bill_registrations()
        invoice.action_invoice_open()
        refund = invoice.refund()
        self.assertEqual(refund.course_id, course)
        self.assertEqual(refund.invoice_line_ids.line_kind, "refund")
        registrations.action_cancel_registration()
        self.assertFalse(course._qnetz_bill_registrations(), "already credited by hand")

    def test_one_rule_decides_when_a_course_can_be_billed(self):
        Event = self.env["event.event"]
        # confirmed, but in the future and without sessions: not yet
        course, registrations = self._course_with(2, begun=False)
        self.assertFalse(course.can_bill)
        self.assertNotIn(course, Event._qnetz_billing_candidates())
        blocked = course._qnetz_billing_blocker()
        self.assertIn(course.id, blocked)
        # begun, with a session: billable, for the button, the wizard and the cron alike
        self._begin(course)
        course.invalidate_cache()
        self.assertTrue(course.can_bill)
        self.assertIn(course, Event._qnetz_billing_candidates())
        wizard = self.env["qnetz.billing.wizard"].create({})
        self.assertIn(course, wizard.event_ids)
        # below the minimum, not overridden: not billable
        course.seats_min = 5
        course.invalidate_cache()
        self.assertFalse(course.can_bill)
        self.assertNotIn(course, Event._qnetz_billing_candidates())
        with self.assertRaises(UserError):
            self.env["qnetz.billing.wizard"].create(
                {"event_ids": [(6, 0, course.ids)]}).action_run()
        course.min_override = True
        course.invalidate_cache()
        self.assertTrue(course.can_bill)
        # the cron bills what the rule allows, and nothing else
        other, _regs = self._course_with(1, begun=False, name="Noch nicht begonnen")
        Event._qnetz_billing_run()
        self.assertTrue(self._customer_docs(course))
        self.assertFalse(self._customer_docs(other))

    def test_total_price_split_warns_while_registrations_are_open(self):
        course, registrations = self._course_with(2, fee_model="total", fee_amount=900.0)
        wizard = self.env["qnetz.billing.wizard"].with_context(
            active_model="event.event", active_ids=course.ids).create({})
        self.assertTrue(wizard.split_warning)
        self.assertIn(course.name, wizard.split_warning)
        with self.assertRaises(UserError):
            wizard.action_run()
        self.assertFalse(self._customer_docs(course), "nothing billed before confirming")
        wizard.confirm_split = True
        wizard.action_run()
        self.assertEqual(sum(self._customer_docs(course).mapped("amount_total")), 900.0)
        # a finished course has no open registrations: no warning
        course.button_done()
        done = self.env["qnetz.billing.wizard"].with_context(
            active_model="event.event", active_ids=course.ids).create({})
        self.assertFalse(done.split_warning)

    def test_invoice_lines_write_money_in_the_readers_language(self):
        course, registrations = self._course_with(1, fee_amount=1200.0, funding_share=40.0)
        invoice = course.with_context(lang="de_DE")._qnetz_bill_registrations()
        self.assertIn("Gebühr 1.200,00 €", invoice.invoice_line_ids.name)
        self.assertIn("40 %", invoice.invoice_line_ids.name)
        self.assertIn("480,00 €", invoice.invoice_line_ids.name)

    def test_invoice_numbers_are_readable(self):
        course, registrations = self._course_with(1)
        invoice = course._qnetz_bill_registrations()
        invoice.action_invoice_open()
        self.assertRegex(invoice.number, r"^RE-\d{4}-\d{4}$")
