from odoo import api, models


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
