from odoo import _, api, fields, models


class EventEvent(models.Model):
    """When a network course can be billed: one rule for the button, the billing run and
    the cron, so that none of them offers what another would refuse."""

    _inherit = "event.event"

    qnetz_can_bill = fields.Boolean(
        string="Can Be Billed", compute="_compute_qnetz_can_bill",
        help="The course has begun or is finished, has sessions and reached its minimum "
             "(or was confirmed below it).")
    qnetz_open_registrations = fields.Boolean(
        string="Registrations Still Open", compute="_compute_qnetz_can_bill",
        help="The course has not finished, so more participants may still register.")

    @api.multi
    def _qnetz_billing_blocker(self):
        """Why each course cannot be billed now: {event id: reason}, empty when it can."""
        now = fields.Datetime.now()
        # one read of the sessions and invoices of all the courses, not one per course
        self.mapped("session_ids")
        labels = dict(self._fields["state"]._description_selection(self.env))
        reasons = {}
        for event in self:
            if not event.is_qnetz_course:
                reasons[event.id] = _("%s is not a network course.") % event.name
            elif not event.provider_id:
                reasons[event.id] = _("%s has no provider.") % event.name
            elif event.state == "cancel":
                # a cancelled course is only billed to credit what was invoiced before
                if not event.qnetz_invoice_ids:
                    reasons[event.id] = _("%s was cancelled before it was billed.") % event.name
            elif event.state == "draft":
                reasons[event.id] = _("%s is still '%s'.") % (event.name, labels["draft"])
            elif event.state == "confirm" and event.date_begin > now:
                reasons[event.id] = _("%s has not begun yet.") % event.name
            elif not event.session_ids:
                reasons[event.id] = _("%s has no sessions.") % event.name
            elif event.below_minimum and not event.min_override:
                reasons[event.id] = _("%s has not reached its minimum number of "
                                      "participants.") % event.name
        return reasons

    @api.multi
    def _qnetz_billable(self):
        """The courses of self that can be billed now."""
        blocked = self._qnetz_billing_blocker()
        return self.filtered(lambda event: event.id not in blocked)

    @api.depends("state", "is_qnetz_course", "provider_id", "date_begin", "session_ids",
                 "seats_min", "seats_reserved", "seats_used", "min_override")
    def _compute_qnetz_can_bill(self):
        billable = self._qnetz_billable()
        for event in self:
            event.qnetz_can_bill = event in billable
            event.qnetz_open_registrations = event.state in ("draft", "confirm", "running")

    @api.model
    def _qnetz_billing_candidates(self):
        """Every network course the billing run and the cron should bill now."""
        return self.search([
            ("is_qnetz_course", "=", True), ("provider_id", "!=", False),
            ("state", "in", ("confirm", "running", "done", "cancel"))])._qnetz_billable()

    @api.model
    def _qnetz_invoices_action(self, invoices):
        """The list a billing run ends on: the customer invoices it made, the provider
        bills on their own list (both kinds on one list read as one kind)."""
        customer = invoices.filtered(lambda i: i.type in ("out_invoice", "out_refund"))
        bills = invoices - customer
        if customer or not bills:
            action = self.env.ref("qnetz_courses.action_qnetz_customer_invoices").read()[0]
            name = _("Billed Course Fees")
            if bills:
                name = _("Billed Course Fees (and %d provider bills, see Provider Bills)") \
                    % len(bills)
            action.update({"name": name, "domain": [("id", "in", customer.ids)]})
        else:
            action = self.env.ref("qnetz_courses.action_qnetz_provider_bills").read()[0]
            action.update({"name": _("Provider Bills"), "domain": [("id", "in", bills.ids)]})
        action["context"] = {"create": False}
        return action
