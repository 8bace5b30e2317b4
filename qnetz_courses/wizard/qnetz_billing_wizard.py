from odoo import _, api, fields, models
from odoo.exceptions import UserError


class QnetzBillingWizard(models.TransientModel):
    """The billing run: customer invoices per course and company, provider bills."""

    _name = "qnetz.billing.wizard"
    _description = "Course Billing Run"

    def _default_event_ids(self):
        if self.env.context.get("active_model") == "event.event":
            events = self.env["event.event"].browse(self.env.context.get("active_ids") or [])
        else:
            events = self.env["event.event"].search([
                ("is_qnetz_course", "=", True), ("provider_id", "!=", False),
                ("state", "in", ("confirm", "running", "done", "cancel"))])
        return [(6, 0, events.ids)]

    event_ids = fields.Many2many(
        "event.event", "qnetz_billing_wizard_event_rel", "wizard_id", "event_id",
        string="Courses", default=_default_event_ids)
    bill_customers = fields.Boolean(string="Invoice the Companies", default=True)
    bill_providers = fields.Boolean(string="Vendor Bills for the Providers", default=True)

    @api.multi
    def action_run(self):
        self.ensure_one()
        if not self.event_ids:
            raise UserError(_("Courses: choose at least one course to bill."))
        invoices = self.env["account.invoice"]
        if self.bill_customers:
            invoices |= self.event_ids._qnetz_bill_registrations()
        if self.bill_providers:
            with_fee = self.event_ids.filtered(
                lambda e: e.provider_fee > 0 and e.state != "cancel")
            known = self.env["account.invoice"].search([
                ("qnetz_course_id", "in", with_fee.ids), ("qnetz_is_provider_bill", "=", True)])
            invoices |= with_fee._qnetz_create_provider_bill() - known
        if not invoices:
            raise UserError(_("Nothing to bill: every participant of these courses is "
                              "already billed."))
        return self.env["event.event"]._qnetz_invoices_action(invoices)
