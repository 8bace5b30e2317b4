from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .qnetz_report_figures import NETWORK_READER

# What a network reader may change of its own user: its password and how pages are shown.
READER_SELF_FIELDS = {"password", "lang", "tz"}


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.multi
    def _qnetz_landing_url(self):
        """Where the user starts after logging in: the page of their daily job.

        Companies on their portal home, providers on their courses, the coordinator on
        the needs board, the network user on the figures. Decided by the user's groups
        and the portal role of their organisation, never by the login name.
        """
        self.ensure_one()
        if self.has_group("base.group_user"):
            if self.has_group("qnetz_base.group_qnetz_coordinator"):
                return "/web#action=qnetz_base.qnetz_need_action&view_type=kanban"
            return "/web"
        roles = self._qnetz_portal_roles()
        if roles == {"provider"}:
            return "/my/provider/courses"
        if roles == {"network"}:
            return "/my/netzwerk"
        return "/my"

    @api.multi
    def _qnetz_portal_roles(self):
        """The parts of the portal the user may use: those of their organisation
        ("company", "provider"), and "network" for a network reader."""
        self.ensure_one()
        roles = self.partner_id._qnetz_portal_roles()
        if self.has_group(NETWORK_READER):
            roles.add("network")
        return roles

    @api.multi
    def write(self, values):
        # Odoo lets every user change their own name, e-mail and signature; the network
        # reader writes nothing anywhere (its details are the coordination's)
        if self.env.uid != SUPERUSER_ID and set(values) - READER_SELF_FIELDS \
                and self.env.user.has_group(NETWORK_READER):
            raise AccessError(_("The details of a network reader are kept by the "
                                "coordination."))
        return super(ResUsers, self).write(values)
