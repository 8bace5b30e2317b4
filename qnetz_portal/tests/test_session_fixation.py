"""A login gives the browser a new session id; the one it had before logging in is dead."""
import requests

from odoo.tests.common import HOST, PORT

from .common import CSRF_RE, PortalCase


class TestSessionFixation(PortalCase):

    def base(self, path):
        return "http://%s:%s%s" % (HOST, PORT, path)

    def planted_session(self):
        """A browser with the session id an attacker obtained before the victim logs in."""
        browser = requests.Session()
        self.sync()
        page = browser.get(self.base("/web/login"), timeout=60)
        planted = browser.cookies["session_id"]
        return browser, planted, CSRF_RE.search(page.text).group(1)

    def uid_of(self, session_id):
        """Whom the server takes a request with this session id for (None: a visitor)."""
        attacker = requests.Session()
        attacker.cookies["session_id"] = session_id
        self.sync()
        response = attacker.post(self.base("/web/session/get_session_info"), json={
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": {}}, timeout=60)
        result = response.json()
        return (result.get("result") or {}).get("uid")

    def test_login_form_issues_a_new_session_id(self):
        browser, planted, token = self.planted_session()
        self.sync()
        response = browser.post(self.base("/web/login"), data={
            "login": self.user_a.login, "password": self.user_a.login, "csrf_token": token,
            "redirect": "/my"}, timeout=60)
        self.assertEqual(response.status_code, 200)
        renewed = browser.cookies["session_id"]
        self.assertNotEqual(renewed, planted)
        self.assertEqual(self.uid_of(renewed), self.user_a.id)
        self.assertFalse(self.uid_of(planted))

    def test_json_authenticate_issues_a_new_session_id(self):
        browser, planted, _token = self.planted_session()
        self.sync()
        response = browser.post(self.base("/web/session/authenticate"), json={
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "db": self.env.cr.dbname, "login": self.user_a.login,
                "password": self.user_a.login}}, timeout=60)
        result = response.json()["result"]
        self.assertEqual(result["uid"], self.user_a.id)
        renewed = browser.cookies["session_id"]
        self.assertNotEqual(renewed, planted)
        # what the answer tells a JSON client is the id that works
        self.assertEqual(result["session_id"], renewed)
        self.assertEqual(self.uid_of(renewed), self.user_a.id)
        self.assertFalse(self.uid_of(planted))

    def test_a_failed_login_keeps_the_visitors_session(self):
        browser, planted, token = self.planted_session()
        self.sync()
        browser.post(self.base("/web/login"), data={
            "login": self.user_a.login, "password": "falsch", "csrf_token": token}, timeout=60)
        self.assertEqual(browser.cookies["session_id"], planted)
