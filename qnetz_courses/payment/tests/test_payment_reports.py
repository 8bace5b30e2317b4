"""The money reports: open items per company and age, what was billed against what came
in (course fees and funder claims), and what the course's reconciliation received. Every
figure is counted a second way, straight from the invoices, and compared."""
from datetime import timedelta

from odoo import fields

from ...spine.course_time import course_today
from ...tests.payment_common import PaymentCase


class TestPaymentReports(PaymentCase):

    @classmethod
    def setUpClass(cls):
        super(TestPaymentReports, cls).setUpClass()
        cls.coordinator = cls.env.ref("qnetz_base.user_coordinator_demo")
        cls.today = fields.Date.from_string(course_today())

    def _due(self, invoice, days_ago):
        """The invoice fell due `days_ago` days before today."""
        invoice.move_id.line_ids.filtered(
            lambda line: line.account_id.internal_type == "receivable").write(
                {"date_maturity": fields.Date.to_string(self.today - timedelta(days=days_ago))})

    def _items(self, domain):
        return self.env["qnetz.open.item"].sudo(self.coordinator).search(domain)

    def _sums(self, model, domain, groupby, measures):
        """{group value: {measure: sum}} as the pivot view asks for them."""
        rows = self.env[model].sudo(self.coordinator).read_group(
            domain, measures + [groupby.split(":")[0]], [groupby], lazy=False)
        result = {}
        for row in rows:
            key = row[groupby][0] if isinstance(row[groupby], tuple) else row[groupby]
            result[key] = {measure: round(row[measure] or 0.0, 2) for measure in measures}
        return result

    # (a) open items ------------------------------------------------------------------

    def test_open_items_show_the_open_remainder_in_its_age_bucket(self):
        self._import([
            self._entry(1200.0, self.invoice_a.number, "A1", name=self.company_a.name),
            self._entry(100.0, self.invoice_b.number, "A2", name=self.company_b.name)])
        self.assertEqual(self.invoice_a.state, "paid")
        self._due(self.invoice_b, 45)
        self.assertFalse(self._items([("partner_id", "=", self.company_a.id)]),
                         "a paid invoice is no open item")
        item = self._items([("partner_id", "=", self.company_b.id)])
        self.assertEqual(len(item), 1)
        self.assertEqual(item.invoice_id, self.invoice_b)
        self.assertEqual(item.course_id, self.course)
        self.assertAlmostEqual(item.amount_open, 200.0)
        self.assertEqual((item.days_overdue, item.age), (45, "31_60"))
        for days_ago, age in ((-3, "0_not_due"), (0, "0_not_due"), (1, "1_30"),
                              (30, "1_30"), (31, "31_60"), (60, "31_60"), (61, "61_90"),
                              (90, "61_90"), (91, "over_90")):
            self._due(self.invoice_b, days_ago)
            self.env["qnetz.open.item"].invalidate_cache()
            item = self._items([("partner_id", "=", self.company_b.id)])
            self.assertEqual(item.age, age, days_ago)
            self.assertEqual(item.days_overdue, max(days_ago, 0))

    def test_open_items_per_company_agree_with_the_invoices(self):
        self._import([self._entry(100.0, self.invoice_b.number, "C1")])
        refund = self.invoice_a.refund(description="Teilnehmer abgemeldet")
        # one of A's four participants credited
        refund.invoice_line_ids[1:].unlink()
        refund.invoice_line_ids.write({"quantity": 1.0, "price_unit": 300.0})
        refund.compute_taxes()
        refund.action_invoice_open()
        # the report, as the pivot asks for it, against the invoices' own residuals (SQL)
        report = self._sums("qnetz.open.item", [], "partner_id", ["amount_open"])
        self.env.cr.execute("""
            SELECT commercial_partner_id, ROUND(SUM(residual_signed), 2)
              FROM account_invoice
             WHERE state = 'open' AND type IN ('out_invoice', 'out_refund')
             GROUP BY commercial_partner_id HAVING SUM(residual_signed) != 0""")
        expected = {partner: float(amount) for partner, amount in self.env.cr.fetchall()}
        self.assertEqual({partner: sums["amount_open"] for partner, sums in report.items()
                          if sums["amount_open"]}, expected)
        self.assertEqual(report[self.company_a.id]["amount_open"], 900.0, "1,200 less 300")
        self.assertEqual(report[self.company_b.id]["amount_open"], 200.0)

    # (b) and (c) billed against received ----------------------------------------------

    def test_fees_billed_against_received_per_course_and_month(self):
        self._import([
            self._entry(1200.0, self.invoice_a.number, "B1"),
            self._entry(100.0, self.invoice_b.number, "B2")])
        # a credit note set off against B's rest is not money received
        refund = self.invoice_b.refund(description="Kulanz")
        refund.action_invoice_open()
        (self.invoice_b | refund).mapped("move_id.line_ids").filtered(
            lambda line: line.account_id.internal_type == "receivable").reconcile()
        self.assertEqual(self.invoice_b.state, "paid")
        report = self._sums("qnetz.payment.analysis", [("course_id", "=", self.course.id)],
                            "kind", ["amount_billed", "amount_received", "amount_open"])
        invoices = self.env["account.invoice"].search([
            ("course_id", "=", self.course.id), ("state", "in", ("open", "paid")),
            ("type", "in", ("out_invoice", "out_refund"))])
        billed = round(sum(invoices.mapped("amount_total_signed")), 2)
        still_open = round(sum(invoices.mapped("residual_signed")), 2)
        self.assertEqual(report, {"fee": {"amount_billed": billed, "amount_received": 1300.0,
                                          "amount_open": still_open}})
        self.assertEqual((billed, still_open), (1200.0, -100.0),
                         "1,500 less the 300 credit note; the credit's rest is the company's")
        self.assertEqual(billed - 1300.0, still_open, "billed − received = open")
        # the period: billed on the invoice date, received on the statement's day
        by_month = self._sums("qnetz.payment.analysis", [("course_id", "=", self.course.id),
                                                         ("entry", "=", "received")],
                              "date:month", ["amount_received"])
        self.assertEqual(list(by_month.values()), [{"amount_received": 1300.0}])

    def test_funder_claim_billed_against_received_and_in_the_reconciliation(self):
        claim = self.env["qnetz.funder.claim"].search(
            [("invoice_id.state", "=", "draft")], limit=1)
        self.assertTrue(claim, "the demo claims the funding of its finished course")
        claim.invoice_id.action_invoice_open()
        total = claim.invoice_id.amount_total
        half = round(total / 2, 2)
        lines, _action = self._import([self._entry(
            half, "Erstattung %s" % claim.name, "F1", name=claim.funder_id.name)])
        self.assertEqual(lines.match_state, "partial")
        report = self._sums("qnetz.payment.analysis",
                            [("project_id", "=", claim.project_id.id), ("kind", "=", "claim")],
                            "project_id", ["amount_billed", "amount_received", "amount_open"])
        claims = self.env["qnetz.funder.claim"].search(
            [("project_id", "=", claim.project_id.id)])
        invoiced = claims.mapped("invoice_id").filtered(lambda inv: inv.state != "draft")
        expected_billed = sum(invoiced.mapped("amount_total_signed")) + sum(
            claims.filtered(lambda c: not c.invoice_id).mapped("amount_total"))
        self.assertEqual(report[claim.project_id.id], {
            "amount_billed": round(expected_billed, 2),
            "amount_received": half,
            "amount_open": round(expected_billed - half, 2)})
        # the courses of the claim received their share of the funder's payment
        reconciliation = self.env["qnetz.course.reconciliation"].sudo(
            self.coordinator).browse(claim.line_ids.mapped("event_id").ids)
        self.assertAlmostEqual(sum(reconciliation.mapped("funding_received")), half,
                               delta=0.01 * len(reconciliation))

    # (d) the course's reconciliation ----------------------------------------------------

    def test_reconciliation_shows_what_the_demo_statement_brought(self):
        Reconciliation = self.env["qnetz.course.reconciliation"].sudo(self.coordinator)
        before = Reconciliation.browse(self.course.id)
        self.assertEqual((before.fee_received, before.amount_unpaid),
                         (0.0, before.company_amount + before.funding_claimed))
        self.env["account.bank.statement.import"]._qnetz_import_demo_statement(
            self.bank_account.id, self.course.id)
        Reconciliation.invalidate_cache()
        invoices = self.invoice_a | self.invoice_b
        received = round(sum(inv.amount_total - inv.residual for inv in invoices), 2)
        self.assertEqual(received, 1350.0, "A in full, B half")
        after = Reconciliation.browse(self.course.id)
        self.assertEqual(after.fee_received, received)
        self.assertEqual(after.amount_unpaid,
                         round(after.company_amount + after.funding_claimed - received, 2))
        # and the demo course, whose statement came with the demo data
        demo = self.env.ref("qnetz_courses.course_technical_drawing_demo")
        demo_invoices = self.env["account.invoice"].search([
            ("course_id", "=", demo.id), ("type", "=", "out_invoice"),
            ("funder_claim_id", "=", False), ("state", "in", ("open", "paid"))])
        self.assertEqual(Reconciliation.browse(demo.id).fee_received,
                         round(sum(inv.amount_total - inv.residual for inv in demo_invoices), 2))
        self.assertTrue(Reconciliation.browse(demo.id).fee_received)

    def test_a_claim_document_is_matched_and_counts_as_received(self):
        """A funder claim made as a document only (no invoice): the funder's transfer naming
        it is booked as the funding income and counts in the reports."""
        project = self.env.ref("qnetz_courses.project_landaufschwung_demo")
        claim = self.env["qnetz.funder.claim"].create({
            "project_id": project.id, "funder_id": project.funder_id.id, "mode": "document",
            "line_ids": [(0, 0, {"event_id": self.course.id, "amount": 400.0,
                                 "part_count": 2})]})
        lines, _action = self._import([self._entry(
            150.0, "Zuwendung %s" % claim.name.replace("-", " "), "G1",
            name=project.funder_id.name)])
        self.assertEqual(lines.match_state, "partial")
        self.assertEqual(lines.funder_claim_id, claim)
        self.assertAlmostEqual(claim.received_amount, 150.0)
        self.assertNotIn(lines, self._to_clarify())
        income = lines.journal_entry_ids.filtered(
            lambda aml: aml.account_id.internal_type != "liquidity")
        self.assertEqual(income.mapped("credit"), [150.0])
        self.assertEqual(income.analytic_account_id, project.analytic_account_id)
        rows = self._sums("qnetz.payment.analysis",
                          [("project_id", "=", project.id), ("kind", "=", "claim")],
                          "entry", ["amount_billed", "amount_received", "amount_open"])
        self.assertEqual(rows["received"]["amount_received"], 150.0)
        self.assertEqual(rows["billed"]["amount_billed"], round(sum(
            self.env["qnetz.funder.claim"].search([("project_id", "=", project.id)]).mapped(
                lambda c: c.invoice_id.amount_total_signed if c.invoice_id.state in (
                    "open", "paid") else (0.0 if c.invoice_id else c.amount_total))), 2))
        reconciliation = self.env["qnetz.course.reconciliation"].sudo(
            self.coordinator).browse(self.course.id)
        self.assertEqual(reconciliation.funding_received, 150.0)
        # the rest and 50 more: the claim is received in full, the 50 are the funder's
        lines, _action = self._import([self._entry(300.0, claim.name, "G2")])
        self.assertEqual(lines.match_state, "overpaid")
        self.assertAlmostEqual(claim.received_amount, 400.0)
        # received in full: a further transfer naming it is for the coordinator
        lines, _action = self._import([self._entry(10.0, claim.name, "G3")])
        self.assertEqual(lines.match_state, "unmatched")
