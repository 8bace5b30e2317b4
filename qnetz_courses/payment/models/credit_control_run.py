from datetime import timedelta

from odoo import api, fields, models

from ...spine.course_time import course_today


class CreditControlRun(models.Model):
    _inherit = "credit.control.run"

    @api.multi
    def run_channel_action(self):
        # an invoice paid (or disputed) between the run and the sending gets no reminder
        for run in self:
            stale = run.line_ids.filtered(
                lambda line: line.state == "to_be_sent" and (
                    line.move_line_id.reconciled or line.invoice_id.reminder_paused))
            stale.write({"state": "ignored"})
        return super(CreditControlRun, self).run_channel_action()

    @api.model
    def _qnetz_demo_reminder(self, course_id):
        """The demo's reminder to walk: the first invoice of the course that nothing has
        paid is made due ten days before the install date (its company forgot it), and a
        run on the install date proposes its level-1 reminder; the coordinator sets it
        ready and sends it (Billing › Reminder Runs)."""
        invoice = self.env["account.invoice"].search([
            ("course_id", "=", course_id), ("type", "=", "out_invoice"),
            ("state", "=", "open"), ("is_provider_bill", "=", False),
            ("mandate_id", "=", False)], order="id").filtered(
                lambda inv: inv.residual == inv.amount_total)[:1]
        if not invoice:
            return self
        today = fields.Date.from_string(course_today())
        due = fields.Date.to_string(today - timedelta(days=10))
        invoice.write({"date_due": due})
        invoice.move_id.line_ids.filtered(
            lambda line: line.account_id.internal_type == "receivable").write(
                {"date_maturity": due})
        run = self.create({
            "date": fields.Date.to_string(today),
            "policy_ids": [(6, 0, self.env.ref(
                "qnetz_courses.credit_control_policy_reminders").ids)]})
        run.generate_credit_lines()
        return run
