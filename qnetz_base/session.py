"""The session: a new id at every login, a lifetime of office hours, a cookie fit for HTTPS.

Session fixation. Odoo 11 keeps the session id a visitor had before logging in: whoever
planted that id in a victim's browser (a link with ``?session_id=``, a shared computer, a
cookie set from a sibling domain) was logged in together with the victim. After a
successful login the session gets a new id here, and the old one is deleted from the
session store. Odoo offers no hook for this: every login path (the login form,
/web/session/authenticate, sign-up and password reset) ends in
``OpenERPSession.authenticate``, which is wrapped here.

Lifetime. Odoo 11 sets the ``session_id`` cookie for 90 days (``Root.get_response``,
odoo/http.py) and keeps a session file for a week after its last change (``session_gc``):
a laptop left logged in stayed so for months. Here a session ends after
``qnetz_session_hours`` (Odoo configuration, default 8; the production profile's
SESSION_HOURS) without a request: ``check_security``, which Odoo calls on every request
of a logged-in session, refuses an idle one (Odoo then logs it out, and the web client
shows its login), and the cookie's Max-Age is the same span, renewed with every answer.

Cookie. ``HttpOnly`` (Odoo's own), ``SameSite=Lax`` (a form of another site cannot post
with the user's session) and ``Secure`` whenever the request came over HTTPS (behind
nginx: ``X-Forwarded-Proto`` with ``proxy_mode``), so it never travels in clear text.
"""
import time

from odoo import http
from odoo.service import security
from odoo.tools import config

_odoo_authenticate = http.OpenERPSession.authenticate
_odoo_check_security = http.OpenERPSession.check_security
_odoo_get_response = http.Root.get_response

# The last request is written into the session at most this often (a write saves the
# session file): the idle time is measured to the minute.
SEEN_RESOLUTION = 60
SEEN_KEY = "qnetz_seen"


def session_lifetime():
    """Seconds a session lives without a request."""
    return int(float(config.get("qnetz_session_hours") or 8) * 3600)


def _authenticate_with_new_id(self, db, login=None, password=None, uid=None):
    authenticated = _odoo_authenticate(self, db, login=login, password=password, uid=uid)
    if authenticated and http.request:
        store = http.root.session_store
        store.delete(self)
        self.sid = store.generate_key()
        # Odoo signs the session with its id: sign the new one
        self.session_token = security.compute_session_token(self, http.request.env)
        self[SEEN_KEY] = time.time()
        self.modified = True
    return authenticated


def _check_security_and_idle_time(self):
    _odoo_check_security(self)
    now = time.time()
    seen = self.get(SEEN_KEY)
    if seen and now - seen > session_lifetime():
        raise http.SessionExpiredException("Session expired")
    if not seen or now - seen > SEEN_RESOLUTION:
        self[SEEN_KEY] = now


def _get_response_with_cookie_policy(self, httprequest, result, explicit_session):
    response = _odoo_get_response(self, httprequest, result, explicit_session)
    # Odoo sets the cookie only for a session that came by cookie (see there why)
    if not explicit_session and hasattr(response, "set_cookie"):
        others = [value for value in response.headers.getlist("Set-Cookie")
                  if not value.startswith("session_id=")]
        response.headers.remove("Set-Cookie")
        for value in others:
            response.headers.add("Set-Cookie", value)
        response.set_cookie("session_id", httprequest.session.sid, max_age=session_lifetime(),
                            httponly=True, secure=httprequest.scheme == "https",
                            samesite="Lax")
    return response


if not getattr(http.OpenERPSession.authenticate, "qnetz_renews_id", False):
    _authenticate_with_new_id.qnetz_renews_id = True
    http.OpenERPSession.authenticate = _authenticate_with_new_id
if not getattr(http.OpenERPSession.check_security, "qnetz_idle_time", False):
    _check_security_and_idle_time.qnetz_idle_time = True
    http.OpenERPSession.check_security = _check_security_and_idle_time
if not getattr(http.Root.get_response, "qnetz_cookie_policy", False):
    _get_response_with_cookie_policy.qnetz_cookie_policy = True
    http.Root.get_response = _get_response_with_cookie_policy
