from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome
from odoo.addons.password_security.controllers.main import PasswordSecurityHome

from .redirect import keep_redirect_local


class QnetzPasswordReset(PasswordSecurityHome):

    @http.route()
    def web_auth_reset_password(self, *args, **kw):
        """"Passwort vergessen?": a link to set a new password, by mail.

        password_security 11.0 answered every request for a link with a server error
        (it calls ``request.env.sudo()``, which Odoo 11's environment does not have), and
        Odoo's own flow names whether a login exists. A request for a link is answered here
        the same way whether or not the login exists; setting the new password through the
        link stays Odoo's flow."""
        keep_redirect_local(kw)
        qcontext = self.get_auth_signup_qcontext()
        asks_for_link = request.httprequest.method == "POST" and not qcontext.get("token") \
            and "error" not in qcontext
        if not asks_for_link:
            return AuthSignupHome.web_auth_reset_password(self, *args, **kw)
        if not qcontext.get("reset_password_enabled"):
            raise NotFound()
        request.env["res.users"].sudo()._qnetz_send_reset_link(
            qcontext.get("login"), request.httprequest.remote_addr)
        qcontext["message"] = _(
            "If an account with this user name or e-mail address exists, we have sent an "
            "e-mail with a link to set a new password. The link is valid for 24 hours.")
        response = request.render("auth_signup.reset_password", qcontext)
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @http.route()
    def web_auth_signup(self, *args, **kw):
        # after an invitation link, Odoo logs in and follows the form's `redirect`
        keep_redirect_local(kw)
        return super(QnetzPasswordReset, self).web_auth_signup(*args, **kw)

    def do_signup(self, qcontext):
        # The link's user is checked before Odoo's sign-up invalidates the link: a password
        # the policy refuses then leaves the link usable for a better one.
        token, password = qcontext.get("token"), qcontext.get("password")
        if token and password:
            partner = request.env["res.partner"].sudo()._signup_retrieve_partner(
                token, check_validity=True)
            if partner and partner.user_ids:
                partner.user_ids[0]._check_password(password)
        return super(QnetzPasswordReset, self).do_signup(qcontext)
