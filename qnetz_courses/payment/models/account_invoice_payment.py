from odoo import _, api, fields, models

from ...spine.course_time import format_date


class AccountInvoice(models.Model):
    """What became of a course-fee invoice, a funder claim or a provider bill after it
    went out: paid (on which day), partly paid, reminded (at which level), disputed."""

    _inherit = "account.invoice"

    reminder_paused = fields.Boolean(
        string="Disputed: No Reminders", copy=False, track_visibility="onchange",
        help="While the payer disputes the invoice, no reminder goes out for it.")
    reminder_pause_reason = fields.Char(string="Dispute", copy=False,
                                        track_visibility="onchange")

    @api.multi
    def _qnetz_paid_on(self):
        """{invoice id: the day of the last payment booked against it} (one query)."""
        if not self.ids:
            return {}
        self.env.cr.execute("""
            SELECT i.id, max(pay.date)
              FROM account_invoice i
              JOIN account_move_line inv_line ON inv_line.move_id = i.move_id
              JOIN account_partial_reconcile pr
                ON pr.debit_move_id = inv_line.id OR pr.credit_move_id = inv_line.id
              JOIN account_move_line pay
                ON pay.id = CASE WHEN pr.debit_move_id = inv_line.id
                                 THEN pr.credit_move_id ELSE pr.debit_move_id END
             WHERE i.id IN %s
             GROUP BY i.id
        """, (tuple(self.ids),))
        return dict(self.env.cr.fetchall())

    @api.multi
    def _qnetz_reminder_levels(self):
        """{invoice id: the name of the highest reminder level sent}."""
        lines = self.env["credit.control.line"].sudo().search(
            [("invoice_id", "in", self.ids), ("state", "=", "sent")], order="level")
        return {line.invoice_id.id: line.policy_level_id.name for line in lines}

    @api.multi
    def _qnetz_payment_status(self):
        """[(invoice, {'status', 'label', 'paid_on', 'reminder', 'residual'})] for the
        portal: what the payer or the provider needs to know, in words."""
        paid_on = self._qnetz_paid_on()
        reminders = self._qnetz_reminder_levels()
        labels = {
            "paid": _("Paid"), "partial": _("Partly paid"), "open": _("Open"),
            "disputed": _("Disputed"), "approved": _("Approved, not paid yet"),
            "submitted": _("Submitted, awaiting approval"),
        }
        result = []
        for invoice in self:
            if invoice.state == "paid":
                status = "paid"
            elif invoice.state == "draft":
                status = "submitted"
            elif invoice.reminder_paused:
                status = "disputed"
            elif invoice.state == "open" and invoice.residual < invoice.amount_total:
                status = "partial"
            elif invoice.type == "in_invoice":
                status = "approved"
            else:
                status = "open"
            day = paid_on.get(invoice.id) if status in ("paid", "partial") else None
            result.append((invoice, {
                "status": status,
                "label": labels[status],
                "paid_on": format_date(fields.Date.from_string(day)) if day else "",
                "reminder": reminders.get(invoice.id, "") if invoice.state == "open" else "",
                "residual": invoice.residual,
            }))
        return result
