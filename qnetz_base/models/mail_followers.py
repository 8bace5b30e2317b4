from odoo import _, api, models
from odoo.exceptions import AccessError

from ..tools import to_ids


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    @api.model
    def _qnetz_readable_followers(self, follower_ids, res_model):
        """The ids among `follower_ids` that follow a record of `res_model` the current
        user may read; AccessError when the user may not read that model at all."""
        ids = to_ids(follower_ids)
        if ids is None or not isinstance(res_model, str) or res_model not in self.env:
            raise AccessError(_("Followers are read for the records one may read."))
        followers = self.sudo().browse(ids).exists().filtered(
            lambda follower: follower.res_model == res_model)
        Records = self.env[res_model].with_context(active_test=False)
        Records.check_access_rights("read")
        readable = set(Records.search([("id", "in", followers.mapped("res_id"))]).ids)
        return followers.filtered(lambda follower: follower.res_id in readable).ids
