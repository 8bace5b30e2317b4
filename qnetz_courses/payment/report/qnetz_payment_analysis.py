from odoo import api, fields, models, tools

from .qnetz_open_item import KINDS
from .receipts import RECEIPTS_SQL

ENTRIES = [("billed", "Billed"), ("received", "Received")]


class QnetzPaymentAnalysis(models.Model):
    """Course fees and funder claims: what was billed against what came in, per course,
    funded project and period. Two kinds of rows: a billed row per customer invoice or
    credit note (on its invoice date, with what is still open of it) and per funder claim
    made as a document only (on the claim's date), and a received row per payment booked
    against an invoice or matched to a document claim (on the day of the payment). So a
    month shows what was billed in it and what came in during it.

    Rows name no company and no invoice: network staff read this analysis too (figures
    per course and project); the coordinator sees who owes what under Open Items."""

    _name = "qnetz.payment.analysis"
    _description = "Fees and Claims: Billed and Received"
    _auto = False
    _order = "date desc, id"
    _rec_name = "date"

    date = fields.Date(readonly=True,
                       help="Invoice date of what was billed, payment date of what came in.")
    entry = fields.Selection(ENTRIES, readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    course_id = fields.Many2one("event.event", string="Course", readonly=True)
    project_id = fields.Many2one("qnetz.project", string="Funded Project", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    amount_billed = fields.Monetary(string="Billed", readonly=True,
                                    help="Invoices less credit notes, and claims.")
    amount_received = fields.Monetary(string="Received", readonly=True,
                                      help="Payments booked against the invoices.")
    amount_open = fields.Monetary(string="Still Open", readonly=True,
                                  help="What is still open of the invoices and claims.")

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # the view's table name and the receipts' SQL of the code, no input
        self.env.cr.execute(  # pylint: disable=sql-injection
            """
            CREATE VIEW {table} AS (
            WITH invoices AS (
                SELECT inv.id, inv.date_invoice,
                       CASE WHEN inv.funder_claim_id IS NULL THEN 'fee' ELSE 'claim' END
                           AS kind,
                       inv.course_id, COALESCE(claim.project_id, e.project_id) AS project_id,
                       inv.currency_id, inv.amount_total_signed, inv.residual_signed
                  FROM account_invoice inv
                  LEFT JOIN event_event e ON e.id = inv.course_id
                  LEFT JOIN qnetz_funder_claim claim ON claim.id = inv.funder_claim_id
                 WHERE inv.type IN ('out_invoice', 'out_refund')
                   AND inv.state IN ('open', 'paid')
            )
            SELECT id * 4 AS id, date_invoice AS date, 'billed'::varchar AS entry, kind,
                   course_id, project_id, currency_id,
                   amount_total_signed AS amount_billed, 0.0 AS amount_received,
                   residual_signed AS amount_open
              FROM invoices
            UNION ALL
            SELECT receipts.partial_id * 4 + 1, receipts.date, 'received', invoices.kind,
                   invoices.course_id, invoices.project_id, invoices.currency_id,
                   0.0, receipts.amount, 0.0
              FROM ({receipts}) receipts
              JOIN invoices ON invoices.id = receipts.invoice_id
            UNION ALL
            SELECT claim.id * 4 + 2, claim.date, 'billed', 'claim',
                   NULL, claim.project_id, claim.currency_id,
                   claim.amount_total, 0.0,
                   claim.amount_total - COALESCE(claim.received_amount, 0.0)
              FROM qnetz_funder_claim claim
             WHERE claim.invoice_id IS NULL
            UNION ALL
            -- the payments of claims made as documents only (no invoice to reconcile)
            SELECT line.id * 4 + 3, line.date, 'received', 'claim',
                   NULL, claim.project_id, claim.currency_id,
                   0.0, line.funder_claim_amount, 0.0
              FROM account_bank_statement_line line
              JOIN qnetz_funder_claim claim ON claim.id = line.funder_claim_id
             WHERE claim.invoice_id IS NULL
            )
        """.format(table=self._table, receipts=RECEIPTS_SQL))
