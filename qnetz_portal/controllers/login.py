from odoo import http
from odoo.http import request

from odoo.addons.website.controllers.main import Website


class QnetzLogin(Website):

    @http.route(website=True, auth="public")
    def web_login(self, redirect=None, *args, **kw):
        """After logging in without a target, each role lands on its own page
        (res.users._qnetz_landing_url) instead of the website's home page."""
        response = super(QnetzLogin, self).web_login(redirect=redirect, *args, **kw)
        if not redirect and request.params.get("login_success") and request.session.uid:
            user = request.env["res.users"].sudo().browse(request.session.uid)
            return http.redirect_with_hash(user._qnetz_landing_url())
        return response
