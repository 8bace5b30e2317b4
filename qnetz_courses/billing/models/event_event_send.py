from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import html_escape


class EventEvent(models.Model):
    """'Bill and Send': from a course that can be billed to invoices in the companies'
    mailboxes in one step. It runs the same billing as the billing run and the cron
    (one rule, `_qnetz_billing_blocker`), validates the companies' invoices and mails
    each with Odoo's invoice template, as "Send by Email" on the invoice would."""

    _inherit = "event.event"

    @api.multi
    def action_qnetz_bill_and_send(self):
        self._qnetz_check_coordinator_action()
        # refused before the split question below, with the billing rule's own reasons
        self._qnetz_check_billable()
        # splitting a total price while people may still register is a decision the
        # billing run asks for; this one-step button does not take it silently
        split = self.filtered(lambda e: e.fee_model == "total" and e.open_registrations)
        if split:
            raise UserError(_(
                "Bill and Send: registrations are still open for %s, so its total price would "
                "be split over the participants registered so far. Use 'Bill' to decide.")
                % ", ".join(split.mapped("name")))
        Invoice = self.env["account.invoice"]
        touched = self.env["event.event"]._qnetz_billing_run(self)
        self.action_validate_invoices()
        invoices = Invoice.search([
            ("course_id", "in", self.ids), ("state", "in", ("open", "paid")),
            ("type", "in", ("out_invoice", "out_refund")), ("sent", "=", False)])
        unsent = invoices._qnetz_send_by_mail()
        for event in self:
            sent = (invoices - unsent).filtered(lambda i, e=event: i.course_id == e)
            body = html_escape(_("Billed and sent by email: %s.") % (
                ", ".join(sent.mapped("number")) or _("nothing new")))
            missing = unsent.filtered(lambda i, e=event: i.course_id == e)
            if missing:
                body += "<br/>" + html_escape(
                    _("Not sent, the company has no email address: %s.") % ", ".join(
                        "%s (%s)" % (i.number, i.partner_id.name) for i in missing))
            event.message_post(body=body)
        if not touched and not invoices:
            raise UserError(_("Nothing to bill: every participant of these courses is "
                              "already billed and every invoice sent."))
        return self._qnetz_invoices_action(touched | invoices)
