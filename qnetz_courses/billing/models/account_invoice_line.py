from odoo import fields, models


class AccountInvoiceLine(models.Model):
    _inherit = "account.invoice.line"

    registration_id = fields.Many2one(
        "event.registration", string="Course Registration", index=True, ondelete="restrict",
        copy=False, readonly=True)
    line_kind = fields.Selection(
        [("invoice", "Invoice"), ("refund", "Credit")], string="Billing Kind",
        copy=False, readonly=True)
    gross_amount = fields.Monetary(
        string="Course Fee", readonly=True, copy=False,
        help="The participant's fee before the funding share.")
    funding_amount = fields.Monetary(
        string="Funding Share", readonly=True, copy=False,
        help="The part of the fee covered by the funding programme.")

    _sql_constraints = [
        # a registration is billed once and credited once, whatever runs concurrently
        ("qnetz_registration_kind_uniq", "unique(registration_id, line_kind)",
         "Course Registration: this registration has already been billed."),
    ]
