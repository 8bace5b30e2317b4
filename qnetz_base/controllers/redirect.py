"""Redirects that a URL parameter chooses go only to this site (open redirects).

A link of ours such as ``/web/login?redirect=https://other.example/`` sent the user on to
another site after logging in, one that could imitate our login page. Each route that
redirects to a URL it is given checks it with ``ir.http._qnetz_local_redirect``."""
from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.main import Home, Session


def _local(url, default):
    return request.env["ir.http"]._qnetz_local_redirect(url, default)


def keep_redirect_local(kw):
    """The `redirect` parameter of a login form, in the keyword arguments and in the
    request's parameters that the login controllers also read, made local."""
    for params in (kw, request.params):
        if params.get("redirect"):
            params["redirect"] = _local(params["redirect"], "/web")


class QnetzHome(Home):

    @http.route()
    def web_login(self, redirect=None, **kw):
        if redirect:
            redirect = _local(redirect, "/web")
        keep_redirect_local(kw)
        return super(QnetzHome, self).web_login(redirect=redirect, **kw)

    def _login_redirect(self, uid, redirect=None):
        return _local(super(QnetzHome, self)._login_redirect(uid, redirect=redirect), "/web")


class QnetzSession(Session):

    @http.route()
    def logout(self, redirect="/web"):
        return super(QnetzSession, self).logout(redirect=_local(redirect, "/web"))
