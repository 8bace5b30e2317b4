from odoo import api, models


class CreditControlPolicy(models.Model):
    _inherit = "credit.control.policy"

    @api.multi
    def _get_move_lines_to_process(self, controlling_date):
        """Reminders go to the companies for course fees only: not for an invoice the
        company disputes (paused), not for a funder claim (the coordinator follows the
        claims with the funder), not to a payer whose money came in but awaits matching
        on the coordinator's list (it paid; a reminder would be wrong)."""
        lines = super(CreditControlPolicy, self)._get_move_lines_to_process(controlling_date)
        if not lines:
            return lines
        waiting = self.env["account.bank.statement.line"].sudo().search([
            ("match_state", "=", "unmatched"), ("journal_entry_ids", "=", False),
            ("amount", ">", 0), ("partner_id", "!=", False),
        ]).mapped("partner_id.commercial_partner_id")
        return lines.filtered(
            lambda line: not line.invoice_id.reminder_paused
            and not line.invoice_id.funder_claim_id
            and line.partner_id.commercial_partner_id not in waiting)

    @api.model
    def _qnetz_setup_reminders(self):
        """The network's reminder policy controls the receivables of the main company's
        chart (SKR03 1400 and whatever the chart marks receivable)."""
        policy = self.env.ref("qnetz_courses.credit_control_policy_reminders")
        company = self.env.ref("base.main_company")
        accounts = self.env["account.account"].search([
            ("company_id", "=", company.id), ("internal_type", "=", "receivable")])
        policy.account_ids = [(6, 0, accounts.ids)]
        # OCA's data makes its English sample policy the company's: ours replaces it, a
        # policy the coordinator chose is left alone
        current = company.credit_policy_id
        shipped = current.get_external_id().get(current.id, "").startswith(
            "account_credit_control.") if current else True
        if shipped:
            company.credit_policy_id = policy
        return True
