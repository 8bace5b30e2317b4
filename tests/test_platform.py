"""The platform as a user meets it: Odoo answers over HTTP, in German."""
from odoo.tests.common import HttpCase


class TestPlatform(HttpCase):

    def test_login_page_is_served(self):
        response = self.url_open("/web/login")
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="login"', response.text)

    def test_coordinator_sees_german_menus(self):
        self.authenticate("koordination", "koordination")
        response = self.url_open("/web")
        self.assertEqual(response.status_code, 200)
        # The top-level app and Odoo's own menus arrive translated.
        self.assertIn("Qualifizierungsnetzwerk", response.text)
        self.assertIn("Kontakte", response.text)
        # lessc is there, so the stylesheets compiled (no "Style error" dialog).
        self.assertNotIn("Could not execute command", response.text)
