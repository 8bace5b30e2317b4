from odoo import api, models

from odoo.addons.qnetz_base.tools import like_escape


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.multi
    def _qnetz_scrub_identity(self, replacement):
        """Registrations copy a participant's name, e-mail and phone, and invoice lines name
        the participant in their label: anonymising a person scrubs both. The records
        stay, so the courses' counts and amounts stay as they were."""
        super(ResPartner, self)._qnetz_scrub_identity(replacement)
        registrations = self.env["event.registration"].sudo().with_context(
            active_test=False, tracking_disable=True).search(
            ["|", ("partner_id", "in", self.ids), ("apprentice_id", "in", self.ids)])
        if registrations:
            # SQL: the registrations' write() would send mails and move the waiting list
            self.env.cr.execute(
                "UPDATE event_registration SET name = %s, email = NULL, phone = NULL "
                "WHERE id IN %s", (replacement, tuple(registrations.ids)))
            registrations.invalidate_cache(["name", "email", "phone"])
        cr = self.env.cr
        for name in self._qnetz_scrubbable_names():
            cr.execute("""UPDATE account_invoice_line SET name = replace(name, %s, %s)
                          WHERE name LIKE %s""",
                       (name, replacement, "%" + like_escape(name) + "%"))
        self.env["account.invoice.line"].invalidate_cache(["name"])
