from odoo import api, fields, models

from .receipts import RECEIPTS_SQL


class QnetzCourseReconciliation(models.Model):
    """The course's reconciliation also says what came in: from the companies for their
    invoices, and from the funders for the course's part of their claims (a claim covers
    several courses; a payment of it counts for each course in proportion to the course's
    part of the claim)."""

    _inherit = "qnetz.course.reconciliation"

    fee_received = fields.Monetary(
        string="Received from Companies", readonly=True,
        help="Payments booked against the course's company invoices, less refunds.")
    funding_received = fields.Monetary(
        string="Received from Funders", readonly=True,
        help="The course's share of the payments booked against the funders' claims.")
    amount_unpaid = fields.Monetary(
        string="Not Yet Received", readonly=True,
        help="Company invoices + funder claims − received.")

    @api.model
    def _qnetz_view_extensions(self):
        columns, joins = super(QnetzCourseReconciliation, self)._qnetz_view_extensions()
        columns += """
                   , COALESCE(received.fees, 0) AS fee_received
                   , COALESCE(received.funding, 0) AS funding_received
                   , result.company_amount + result.funding_claimed - COALESCE(received.fees, 0)
                     - COALESCE(received.funding, 0) AS amount_unpaid"""
        joins += """
              LEFT JOIN (
                  SELECT event_id, ROUND(SUM(fees), 2) AS fees,
                         ROUND(SUM(funding), 2) AS funding
                    FROM (
                      SELECT inv.course_id AS event_id, receipts.amount AS fees,
                             0.0 AS funding
                        FROM ({receipts}) receipts
                        JOIN account_invoice inv ON inv.id = receipts.invoice_id
                       WHERE inv.course_id IS NOT NULL AND inv.funder_claim_id IS NULL
                         AND NOT COALESCE(inv.is_provider_bill, FALSE)
                      UNION ALL
                      SELECT line.event_id, 0.0,
                             line.amount * paid.amount / NULLIF(claim.amount_total, 0)
                        FROM (SELECT invoice_id, SUM(amount) AS amount
                                FROM ({receipts}) r GROUP BY invoice_id) paid
                        JOIN qnetz_funder_claim claim ON claim.invoice_id = paid.invoice_id
                        JOIN qnetz_funder_claim_line line ON line.claim_id = claim.id
                      UNION ALL
                      -- claims made as documents only: what their transfers booked
                      SELECT line.event_id, 0.0,
                             line.amount * claim.received_amount
                             / NULLIF(claim.amount_total, 0)
                        FROM qnetz_funder_claim claim
                        JOIN qnetz_funder_claim_line line ON line.claim_id = claim.id
                       WHERE claim.invoice_id IS NULL AND claim.received_amount != 0
                    ) parts
                   GROUP BY event_id
              ) received ON received.event_id = result.event_id""".format(
            receipts=RECEIPTS_SQL)
        return columns, joins
