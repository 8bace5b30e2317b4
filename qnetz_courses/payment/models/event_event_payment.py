from odoo import api, models


class EventEvent(models.Model):
    _inherit = "event.event"

    def _qnetz_customer_invoice_vals(self, partner, inv_type, tools, currency, origin):
        # a company with a valid SEPA mandate pays its course fees by direct debit: the
        # invoice says so (OCA's payment mode), and OCA fills in the mandate on create
        vals = super(EventEvent, self)._qnetz_customer_invoice_vals(
            partner, inv_type, tools, currency, origin)
        if inv_type == "out_invoice":
            mandate = partner.with_context(force_company=tools["company"].id).valid_mandate_id
            if mandate:
                vals["payment_mode_id"] = self.env.ref(
                    "qnetz_courses.payment_mode_direct_debit").id
                vals["mandate_id"] = mandate.id
        return vals

    @api.multi
    def action_validate_invoices(self):
        """Validating a billing run's invoices also prepares its direct debit: one payment
        order for the invoices of companies with a mandate (the coordinator confirms it
        and generates the pain.008 file for the bank)."""
        result = super(EventEvent, self).action_validate_invoices()
        invoices = self.env["account.invoice"].search([
            ("course_id", "in", self.ids), ("type", "=", "out_invoice"),
            ("state", "=", "open"), ("mandate_id", "!=", False),
            ("payment_mode_id", "=", self.env.ref(
                "qnetz_courses.payment_mode_direct_debit").id)])
        invoices._qnetz_payment_order()
        return result
