"""A new session id at every login (session fixation).

Odoo 11 keeps the session id a visitor had before logging in: whoever planted that id in
a victim's browser (a link with ``?session_id=``, a shared computer, a cookie set from a
sibling domain) was logged in together with the victim. After a successful login the
session gets a new id here, and the old one is deleted from the session store.

Odoo offers no hook for this: every login path (the login form, /web/session/authenticate,
sign-up and password reset) ends in ``OpenERPSession.authenticate``, which is wrapped here.
"""
from odoo import http
from odoo.service import security

_odoo_authenticate = http.OpenERPSession.authenticate


def _authenticate_with_new_id(self, db, login=None, password=None, uid=None):
    authenticated = _odoo_authenticate(self, db, login=login, password=password, uid=uid)
    if authenticated and http.request:
        store = http.root.session_store
        store.delete(self)
        self.sid = store.generate_key()
        # Odoo signs the session with its id: sign the new one
        self.session_token = security.compute_session_token(self, http.request.env)
        self.modified = True
    return authenticated


if not getattr(http.OpenERPSession.authenticate, "qnetz_renews_id", False):
    _authenticate_with_new_id.qnetz_renews_id = True
    http.OpenERPSession.authenticate = _authenticate_with_new_id
