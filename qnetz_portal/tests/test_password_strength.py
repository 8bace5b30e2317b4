"""Passwords are checked for how easily they are guessed, on every path that sets one: the
change-password form, a reset or invitation link, the administrator."""
import re

from odoo.tests.common import HOST, PORT

from .common import PortalCase

GUESSABLE = ("aaaaaaaaaaaa", "abcdefghijklmn", "123456789012", "qwertzuiopasdf",
             "passwort1234", "test_portal_a2026", "anna albers 2026", "Tischlerei Albers")
STRONG = "Weserbogen Fähre Kiebitz Laterne"


class TestPasswordStrength(PortalCase):

    def change_password(self, session, old, new):
        self.sync()
        response = session.post(
            "http://%s:%s/web/session/change_password" % (HOST, PORT), json={
                "jsonrpc": "2.0", "method": "call", "id": 1, "params": {"fields": [
                    {"name": "old_pwd", "value": old}, {"name": "new_password", "value": new},
                    {"name": "confirm_pwd", "value": new}]}}, timeout=60)
        self.env.cache.invalidate()
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_change_password_form(self):
        session = self.rpc_session(self.user_a)
        for weak in GUESSABLE:
            answer = self.change_password(session, "test_portal_a", weak)
            text = str(answer)
            self.assertIn("zu leicht zu erraten", text, weak)
            self.assertNotIn("new_password", answer.get("result") or {}, weak)
        # the login, the name and the organisation are named as the reason
        self.assertIn("Anmeldenamen", str(self.change_password(
            session, "test_portal_a", "test_portal_a2026")))
        answer = self.change_password(session, "test_portal_a", STRONG)
        self.assertEqual(answer["result"].get("new_password"), STRONG)

    def test_administrator_sets_a_password(self):
        admin = self.env.ref("base.user_admin") if self.env.ref(
            "base.user_admin", raise_if_not_found=False) else self.env.ref("base.user_root")
        session = self.rpc_session(admin)
        answer = self.call_kw(session, "res.users", "write",
                              [[self.user_b.id], {"password": "aaaaaaaaaaaa"}])
        self.assertIn("zu leicht zu erraten", answer["error"]["data"]["message"])
        answer = self.call_kw(session, "res.users", "write",
                              [[self.user_b.id], {"password": STRONG}])
        self.assertTrue(answer.get("result"))

    def test_invitation_link(self):
        contact = self.env["res.partner"].create({
            "name": "Carla Clausen", "parent_id": self.company_a.id,
            "email": "carla.clausen@example.com", "lang": "de_DE"})
        invited = self.env["res.users"].create({
            "name": "Carla Clausen", "login": "carla.clausen@example.com",
            "partner_id": contact.id, "groups_id": [(6, 0, [self.portal_group.id])]})
        token = invited.partner_id.sudo().signup_token
        form = self.url_open("/web/signup?token=%s" % token)
        self.assertEqual(form.status_code, 200)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        for weak in ("carla.clausen1", "aaaaaaaaaaaa"):
            response = self.url_open("/web/signup", data={
                "token": token, "csrf_token": csrf, "login": invited.login,
                "name": "Carla Clausen", "password": weak, "confirm_password": weak})
            self.assertEqual(response.status_code, 200)
            self.assertIn("zu leicht zu erraten", response.text, weak)
        self.assertTrue(invited.partner_id.sudo().signup_valid)
