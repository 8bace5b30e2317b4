from odoo import api, fields, models


class AccountInvoice(models.Model):
    """The project's analytic account on every line of a course's invoices and bills, so
    that Odoo's analytic reports show the project's income and cost. Set where the lines
    are created (create, and lines added to a draft), for the billing engine and the
    coordinator's hand alike, without touching the engine."""

    _inherit = "account.invoice"

    funder_claim_id = fields.Many2one(
        "qnetz.funder.claim", string="Funder Claim", readonly=True, copy=False, index=True,
        ondelete="restrict")

    @api.model
    def _qnetz_with_analytic(self, vals, course):
        commands = vals.get("invoice_line_ids")
        if not commands or not course:
            return vals
        analytic = course.sudo().project_id.analytic_account_id
        if not analytic:
            return vals
        lines = []
        for command in commands:
            if command[0] == 0 and not command[2].get("account_analytic_id"):
                command = (0, 0, dict(command[2], account_analytic_id=analytic.id))
            lines.append(command)
        return dict(vals, invoice_line_ids=lines)

    @api.model
    def create(self, vals):
        course = self.env["event.event"].browse(vals.get("course_id") or [])
        return super(AccountInvoice, self).create(self._qnetz_with_analytic(vals, course))

    @api.multi
    def write(self, vals):
        courses = self.mapped("course_id") if vals.get("invoice_line_ids") else None
        if courses and len(courses) == 1:
            vals = self._qnetz_with_analytic(vals, courses)
        return super(AccountInvoice, self).write(vals)
