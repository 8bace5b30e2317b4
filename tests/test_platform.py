"""The platform as a user meets it: Odoo answers over HTTP, in German.

The first request to /web compiles the stylesheets with lessc; on a loaded
2-core machine that takes well over the default 10 s, hence the long timeouts.
"""
from odoo.tests.common import HttpCase


class TestPlatform(HttpCase):

    def test_login_page_is_served(self):
        response = self.url_open("/web/login", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="login"', response.text)

    def test_coordinator_sees_german_menus(self):
        self.authenticate("koordination", "koordination")
        response = self.url_open("/web", timeout=60)
        self.assertEqual(response.status_code, 200)
        # The top-level app and Odoo's own menus arrive translated.
        self.assertIn("Qualifizierungsnetzwerk", response.text)
        self.assertIn("Kontakte", response.text)
        # lessc is there, so the stylesheets compiled (no "Style error" dialog).
        self.assertNotIn("Could not execute command", response.text)
