"""Logins and passwords: throttling per login and address, the password policy, and
input no form takes (control characters) answered with 400 instead of a server error."""
from odoo import api
from odoo.exceptions import AccessError, UserError

from .common import PortalCase


class TestLoginSecurity(PortalCase):

    def login_attempt(self, login, password):
        token = self.csrf_token("/web/login")
        return self.url_open("/web/login", data={
            "login": login, "password": password, "csrf_token": token, "redirect": "/my"})

    def logged_in(self, response):
        return response.status_code == 200 and "oe_login_form" not in response.text

    def test_wrong_passwords_ban_the_login_until_the_coordinator_lifts_it(self):
        # (no successful login first: auth_brute_force counts the failures since the last
        # success by create_date, which is the same for every row of a test transaction)
        for _attempt in range(10):
            self.assertFalse(self.logged_in(self.login_attempt("test_portal_a", "falsch")))
        # the right password does not help any more, from this address and for this login
        self.assertFalse(self.logged_in(self.login_attempt("test_portal_a", "test_portal_a")))
        Attempt = self.env["res.authentication.attempt"]
        banned = Attempt.search([("login", "=", "test_portal_a"), ("result", "=", "banned")])
        self.assertTrue(banned)
        # other logins from the same address are not affected
        self.assertTrue(self.logged_in(self.login_attempt("test_portal_b", "test_portal_b")))
        self.opener.cookies.clear()
        # the coordinator lifts the ban; network users and portal users cannot see attempts
        for user in (self.user_a, self.env.ref("qnetz_base.user_network_demo")):
            with self.assertRaises(AccessError):
                Attempt.sudo(user).search([])
        Attempt.sudo(self.coordinator).search(
            [("login", "=", "test_portal_a")]).action_qnetz_unban()
        self.assertTrue(self.logged_in(self.login_attempt("test_portal_a", "test_portal_a")))

    def test_old_attempts_are_forgotten(self):
        Attempt = self.env["res.authentication.attempt"]
        old = Attempt.create({"login": "x", "remote": "192.0.2.1", "result": "failed"})
        recent = Attempt.create({"login": "y", "remote": "192.0.2.1", "result": "failed"})
        self.env.cr.execute("UPDATE res_authentication_attempt SET create_date = "
                            "now() at time zone 'UTC' - interval '31 days' WHERE id = %s",
                            (old.id,))
        self.assertGreaterEqual(Attempt._cron_qnetz_purge(), 1)
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())
        self.assertTrue(self.env.ref("qnetz_base.ir_cron_purge_login_attempts").active)

    def test_password_policy(self):
        self.sync()
        user = api.Environment(self.cr, self.user_a.id, {"lang": "de_DE"})["res.users"]
        for weak in ("a", "kurz", "elf-zeichen"):
            with self.assertRaises(UserError) as caught:
                user.change_password("test_portal_a", weak)
            self.assertIn("12", caught.exception.name)
        # long is enough: no forced mix of character classes, no expiry
        self.assertTrue(user.change_password("test_portal_a", "weserbergland holzminden"))
        self.assertEqual(self.env.user.company_id.password_expiration, 0)
        # the last five passwords cannot come back
        with self.assertRaises(UserError):
            user.change_password("weserbergland holzminden", "test_portal_a")

    def test_control_characters_get_400_not_500(self):
        for url in ("/wegweiser?search=%00", "/wegweiser?search=Schwei%00en",
                    "/wegweiser/kurse?x=%01", "/bedarf-melden?topic=%00"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 400, url)
            self.assertIn("ungültige Zeichen", response.text)
        token = self.csrf_token("/bedarf-melden")
        response = self.url_open("/bedarf-melden", data={
            "csrf_token": token, "topic": "Schwei\x00en", "name": "Test"})
        self.assertEqual(response.status_code, 400)
        self.login(self.user_a)
        token = self.csrf_token("/my/needs/new")
        response = self.url_open("/my/needs/new", data={
            "csrf_token": token, "area": "theory", "topic": "Mathe\x00"})
        self.assertEqual(response.status_code, 400)
        # line breaks and tabs are ordinary input
        response = self.url_open("/wegweiser?search=Sprache%09Kurs")
        self.assertEqual(response.status_code, 200)
