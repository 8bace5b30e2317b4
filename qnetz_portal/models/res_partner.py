from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.multi
    def _qnetz_portal_roles(self):
        """Which parts of the portal the partner's organisation may use.

        The role always comes from the commercial partner, so every contact of a
        company works for the company, never for itself."""
        self.ensure_one()
        company = self.commercial_partner_id
        roles = set()
        if company.is_training_company:
            roles.add("company")
        if company.is_education_provider or company.is_vocational_school:
            roles.add("provider")
        return roles

    @api.model
    def _qnetz_default_coordinator(self, company):
        """The coordinator who looks after a company: its salesperson when that is
        a coordinator, otherwise the first coordinator (the superuser only as the last resort)."""
        group = self.env.ref("qnetz_base.group_qnetz_coordinator")
        users = group.sudo().users.filtered(lambda u: u.active and not u.share)
        responsible = company.sudo().user_id
        if responsible and responsible in users:
            return responsible
        others = users.filtered(lambda u: u.id != 1).sorted("id")
        return others[:1] or users[:1]
