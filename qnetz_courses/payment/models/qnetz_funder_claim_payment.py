from odoo import api, fields, models


class QnetzFunderClaim(models.Model):
    """A claim made as a document only has nothing open in the books: the funder's
    payment, matched from the bank statement by the claim's number, is its booking."""

    _inherit = "qnetz.funder.claim"

    statement_line_ids = fields.One2many(
        "account.bank.statement.line", "funder_claim_id", string="Payments Received",
        readonly=True)
    received_amount = fields.Monetary(
        string="Received", compute="_compute_received_amount", store=True,
        help="For a claim made as a document only: what the funder's matched transfers "
             "booked for it. (A claim made as an invoice is paid like any invoice.)")

    @api.depends("statement_line_ids.funder_claim_amount")
    def _compute_received_amount(self):
        for claim in self:
            claim.received_amount = sum(claim.statement_line_ids.mapped("funder_claim_amount"))
