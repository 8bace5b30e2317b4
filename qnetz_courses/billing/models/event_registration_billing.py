from odoo import fields, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    invoice_line_ids = fields.One2many(
        "account.invoice.line", "registration_id", string="Invoice Lines", readonly=True,
        groups="qnetz_base.group_qnetz_coordinator")
    billing_state = fields.Selection(
        [("to_bill", "To Bill"), ("invoiced", "Invoiced"), ("credited", "Credited")],
        string="Billing", default="to_bill", readonly=True, copy=False, index=True)
