from odoo import api, models

from odoo.addons.qnetz_base.tools import like_escape


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.multi
    def _qnetz_scrub_identity(self, replacement):
        """Invoice lines name the participant in their label: anonymising a person scrubs
        it there too. The lines stay, so the courses' amounts stay as they were."""
        super(ResPartner, self)._qnetz_scrub_identity(replacement)
        cr = self.env.cr
        for name in self._qnetz_scrubbable_names():
            cr.execute("""UPDATE account_invoice_line SET name = replace(name, %s, %s)
                          WHERE name LIKE %s""",
                       (name, replacement, "%" + like_escape(name) + "%"))
        self.env["account.invoice.line"].invalidate_cache(["name"])
