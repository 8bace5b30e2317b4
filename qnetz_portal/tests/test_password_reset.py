""""Passwort vergessen?" end to end, over HTTP as the visitor: the request, the German mail
with its link, the new password; reset and invitation links expire."""
import re
from datetime import datetime, timedelta

from odoo import fields

from .common import PortalCase

LINK_RE = re.compile(r'href="[^"]*?(/web/(?:reset_password|signup)\?[^"]+)"')


class TestPasswordReset(PortalCase):

    def ask_for_link(self, login):
        token = self.csrf_token("/web/reset_password")
        response = self.url_open("/web/reset_password", data={
            "login": login, "csrf_token": token})
        self.assertEqual(response.status_code, 200, login)
        return response

    def mails_to(self, user):
        return self.env["mail.mail"].sudo().search(
            [("email_to", "ilike", user.email)], order="id desc")

    def test_forgotten_password_end_to_end(self):
        before = self.mails_to(self.user_a)
        answer = self.ask_for_link("test_portal_a")
        self.assertIn("Link", answer.text)
        self.assertIn("24 Stunden", answer.text)
        # the same answer for a login that does not exist: nobody learns which logins do
        unknown = self.ask_for_link("niemand-hier")
        self.assertIn("24 Stunden", unknown.text)
        mail = self.mails_to(self.user_a) - before
        self.assertEqual(len(mail), 1)
        self.assertIn("Passwort", mail.subject)
        link = LINK_RE.search(mail.body_html).group(1).replace("&amp;", "&")
        partner = self.user_a.partner_id.sudo()
        expires = fields.Datetime.from_string(partner.signup_expiration)
        self.assertAlmostEqual(expires, datetime.now() + timedelta(days=1),
                               delta=timedelta(minutes=10))

        form = self.url_open(link)
        self.assertEqual(form.status_code, 200)
        self.assertIn('name="confirm_password"', form.text)
        token = re.search(r'name="token" value="([^"]+)"', form.text).group(1)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)

        # a password anyone could guess is refused in German, and the link stays usable
        weak = self.url_open("/web/reset_password", data={
            "token": token, "csrf_token": csrf, "login": "test_portal_a",
            "password": "aaaaaaaaaaaa", "confirm_password": "aaaaaaaaaaaa"})
        self.assertEqual(weak.status_code, 200)
        self.assertIn("zu leicht zu erraten", weak.text)
        self.assertTrue(partner.signup_valid)

        new_password = "Holzminden Weser Fähre Brücke"
        done = self.url_open("/web/reset_password", data={
            "token": token, "csrf_token": csrf, "login": "test_portal_a",
            "password": new_password, "confirm_password": new_password})
        self.assertEqual(done.status_code, 200)
        self.assertNotIn("oe_login_form", done.text)
        self.env.cache.invalidate()
        self.assertFalse(partner.signup_token)
        self.env["res.users"].sudo(self.user_a).check_credentials(new_password)
        # the link is used up
        again = self.url_open(link)
        self.assertEqual(again.status_code, 200)
        self.assertIn("ungültig", again.text)

    def test_an_expired_link_is_refused(self):
        self.ask_for_link("test_portal_a")
        partner = self.user_a.partner_id.sudo()
        partner.signup_expiration = fields.Datetime.to_string(
            datetime.now() - timedelta(minutes=1))
        response = self.url_open("/web/reset_password?token=%s" % partner.signup_token)
        self.assertEqual(response.status_code, 200)
        self.assertIn("ungültig", response.text)
        self.assertNotIn('name="confirm_password"', response.text)

    def test_invitation_links_expire_after_a_week(self):
        contact = self.env["res.partner"].create({
            "name": "Carla Clausen", "parent_id": self.company_a.id,
            "email": "carla.clausen@example.com", "lang": "de_DE"})
        invited = self.env["res.users"].create({
            "name": "Carla Clausen", "login": "carla.clausen@example.com",
            "partner_id": contact.id, "groups_id": [(6, 0, [self.portal_group.id])]})
        partner = invited.partner_id.sudo()
        self.assertTrue(partner.signup_token)
        expires = fields.Datetime.from_string(partner.signup_expiration)
        self.assertAlmostEqual(expires, datetime.now() + timedelta(days=7),
                               delta=timedelta(minutes=10))
        # links made before links expired get their expiry on the update
        partner.signup_expiration = False
        self.assertGreaterEqual(self.env["res.partner"]._qnetz_expire_open_signup_links(), 1)
        self.assertTrue(partner.signup_expiration)
