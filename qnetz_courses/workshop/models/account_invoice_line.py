from odoo import fields, models


class AccountInvoiceLine(models.Model):
    _inherit = "account.invoice.line"

    practice_booking_id = fields.Many2one("qnetz.practice.booking", string="Practice Time",
                                          index=True, readonly=True, copy=False,
                                          ondelete="restrict")

    _sql_constraints = [
        ("practice_booking_kind_uniq", "unique(practice_booking_id, line_kind)",
         "Practice Time: this booking has already been billed."),
    ]
