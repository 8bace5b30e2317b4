from odoo import http
from odoo.http import request

from odoo.addons.mail.controllers.main import MailController


class QnetzMailController(MailController):

    @http.route()
    def read_followers(self, follower_ids, res_model):
        """The followers of records the caller may read, of `res_model` only.

        Odoo 11 reads the followers as superuser and checks the record rule of the model
        the caller names, not of the followers' own records: naming a model without rules
        (res.lang) listed every follower of every record with name and e-mail."""
        follower_ids = request.env["mail.followers"]._qnetz_readable_followers(
            follower_ids, res_model)
        return super(QnetzMailController, self).read_followers(follower_ids, res_model)
