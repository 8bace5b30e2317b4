"""A session lasts office hours, not months; its cookie is HttpOnly and SameSite=Lax
(Secure over HTTPS: tests/test_prod_site.py, through nginx)."""
import time

import requests

import odoo
from odoo.tests.common import HOST, PORT

from odoo.addons.qnetz_base.session import SEEN_KEY, session_lifetime

from .common import CSRF_RE, PortalCase


class TestSessionLifetime(PortalCase):

    def base(self, path):
        return "http://%s:%s%s" % (HOST, PORT, path)

    def log_in(self):
        browser = requests.Session()
        self.sync()
        page = browser.get(self.base("/web/login"), timeout=60)
        token = CSRF_RE.search(page.text).group(1)
        self.sync()
        response = browser.post(self.base("/web/login"), data={
            "login": self.user_a.login, "password": self.user_a.login, "csrf_token": token,
            "redirect": "/my"}, timeout=60, allow_redirects=False)
        return browser, response

    def uid_of(self, browser):
        self.sync()
        response = browser.post(self.base("/web/session/get_session_info"), json={
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": {}}, timeout=60)
        return (response.json().get("result") or {}).get("uid")

    def test_the_session_cookie_lives_office_hours_and_is_lax_and_httponly(self):
        self.assertEqual(session_lifetime(), 8 * 3600, "the default: a working day")
        _browser, response = self.log_in()
        cookie = [value for value in response.raw.headers.getlist("Set-Cookie")
                  if value.startswith("session_id=")]
        self.assertEqual(len(cookie), 1, response.raw.headers.getlist("Set-Cookie"))
        attributes = [part.strip().lower() for part in cookie[0].split(";")]
        self.assertIn("max-age=%d" % session_lifetime(), attributes)
        self.assertIn("httponly", attributes)
        self.assertIn("samesite=lax", attributes)
        self.assertNotIn("secure", attributes, "plain HTTP: a Secure cookie would be lost")

    def test_an_idle_session_ends_and_an_active_one_goes_on(self):
        browser, _response = self.log_in()
        self.assertEqual(self.uid_of(browser), self.user_a.id)
        store = odoo.http.root.session_store
        session = store.get(browser.cookies["session_id"])
        session[SEEN_KEY] = time.time() - session_lifetime() + 600
        store.save(session)
        self.assertEqual(self.uid_of(browser), self.user_a.id, "idle for less: still in")
        session = store.get(browser.cookies["session_id"])
        session[SEEN_KEY] = time.time() - session_lifetime() - 60
        store.save(session)
        self.assertFalse(self.uid_of(browser), "idle past the lifetime: logged out")
        self.assertFalse(store.get(browser.cookies["session_id"]).uid)
