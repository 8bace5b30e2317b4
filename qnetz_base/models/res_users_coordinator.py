from odoo import api, models


class ResUsers(models.Model):
    """Who the coordinator is, written once: the active internal members of the
    coordination group; where one must be chosen, the first of them by id, the superuser
    only as the last resort."""

    _inherit = "res.users"

    @api.model
    def _qnetz_coordinators(self):
        return self.env.ref("qnetz_base.group_qnetz_coordinator").sudo().users.filtered(
            lambda user: user.active and not user.share)

    @api.model
    def _qnetz_first_coordinator(self, responsible=None):
        """`responsible` when it is one of the coordinators, else the first coordinator."""
        coordinators = self._qnetz_coordinators()
        if responsible and responsible in coordinators:
            return responsible
        return coordinators.filtered(lambda user: user.id != 1).sorted("id")[:1] \
            or coordinators[:1]
