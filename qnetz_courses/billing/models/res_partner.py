from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.multi
    def _qnetz_scrub_identity(self, replacement):
        """Invoice lines name the participant in their label, and the invoice's journal
        items and analytic lines copy it: anonymising a person scrubs it there too. The
        lines stay, so the courses' amounts stay as they were."""
        super(ResPartner, self)._qnetz_scrub_identity(replacement)
        names = self._qnetz_scrubbable_names()
        for table in ("account_invoice_line", "account_move_line", "account_analytic_line"):
            self._qnetz_scrub_columns(table, ("name",), names, replacement)
        for model in ("account.invoice.line", "account.move.line", "account.analytic.line"):
            self.env[model].invalidate_cache(["name"])
