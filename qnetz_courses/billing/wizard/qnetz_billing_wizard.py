from odoo import _, api, fields, models
from odoo.exceptions import UserError


class QnetzBillingWizard(models.TransientModel):
    """The billing run: customer invoices per course and company, provider bills."""

    _name = "qnetz.billing.wizard"
    _description = "Course Billing Run"

    def _default_event_ids(self):
        Event = self.env["event.event"]
        if self.env.context.get("active_model") == "event.event":
            events = Event.browse(self.env.context.get("active_ids") or [])._qnetz_billable()
        else:
            events = Event._qnetz_billing_candidates()
        return [(6, 0, events.ids)]

    event_ids = fields.Many2many(
        "event.event", "qnetz_billing_wizard_event_rel", "wizard_id", "event_id",
        string="Courses", default=_default_event_ids)
    bill_customers = fields.Boolean(string="Invoice the Companies", default=True)
    bill_providers = fields.Boolean(string="Vendor Bills for the Providers", default=True)
    split_warning = fields.Text(
        string="Total Price Split", compute="_compute_split_warning",
        help="Courses with a total price whose registrations are still open: billing now "
             "splits the price over the participants registered so far.")
    confirm_split = fields.Boolean(
        string="Split the Total Price Now",
        help="Bill these courses although later participants would change every share.")

    @api.depends("event_ids", "bill_customers")
    def _compute_split_warning(self):
        for wizard in self:
            courses = wizard.event_ids.filtered(
                lambda e: e.fee_model == "total" and e.open_registrations)
            wizard.split_warning = wizard.bill_customers and courses and _(
                "Registrations are still open for %s: the total price is split over the "
                "participants registered so far, and later participants change no invoice "
                "already made.") % ", ".join(courses.mapped("name")) or False

    @api.multi
    def action_run(self):
        self.ensure_one()
        if not self.event_ids:
            raise UserError(_("Courses: choose at least one course to bill."))
        if self.split_warning and not self.confirm_split:
            raise UserError(_("Split the Total Price Now: %s Tick the box to bill anyway.")
                            % self.split_warning)
        invoices = self.env["event.event"]._qnetz_billing_run(
            self.event_ids, customers=self.bill_customers, providers=self.bill_providers)
        if not invoices:
            raise UserError(_("Nothing to bill: every participant of these courses is "
                              "already billed."))
        return self.env["event.event"]._qnetz_invoices_action(invoices)
