"""The production profile's nginx in front of Odoo: HTTPS with a self-signed certificate,
port 80 redirecting, the security headers, the session cookie's flags over HTTPS, the
rate limits with their German page, and the health route's public answer.

nginx runs as the production profile generates it (tests/prod_site.py), in front of the
test session's own Odoo server; a login through it commits (the user's login date)."""
import os
import unittest
from unittest.mock import patch

import requests

import odoo
from odoo.addons.qnetz_base.tests.tags import tagged

from .prod_site import NGINX, ProdSite

HEADERS = ("Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy",
           "Content-Security-Policy")


@tagged("subprocess", "commit")
@unittest.skipUnless(os.path.exists(NGINX), "nginx is not installed (make prod installs it)")
class TestProdSite(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dbname = odoo.tools.config["db_name"]
        cls.site = ProdSite(cls.dbname, [odoo.tools.config["http_port"]]).start()

    @classmethod
    def tearDownClass(cls):
        cls.site.stop()

    def setUp(self):
        # Odoo believes X-Forwarded-* (the scheme, the client's address) only in
        # proxy_mode, which the production profile sets; the test server gets it here.
        patcher = patch.dict(odoo.tools.config.options, {"proxy_mode": True})
        patcher.start()
        self.addCleanup(patcher.stop)

    def get(self, path, **kwargs):
        kwargs.setdefault("timeout", 60)
        return requests.get(self.site.url(path), verify=self.site.certificate, **kwargs)

    def test_port_80_redirects_to_https(self):
        response = requests.get(self.site.url("/wegweiser?x=1", https=False),
                                allow_redirects=False, timeout=60)
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response.headers["Location"], self.site.url("/wegweiser?x=1"))

    def test_https_serves_the_site_with_the_security_headers(self):
        # verify=: the certificate is the self-signed one the profile made for the name
        for path in ("/wegweiser", "/web/login", "/web/static/src/img/favicon.ico"):
            response = self.get(path)
            self.assertEqual(response.status_code, 200, path)
            for header in HEADERS:
                self.assertIn(header, response.headers, path)
        self.assertIn("max-age=31536000", response.headers["Strict-Transport-Security"])
        self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response.headers["Referrer-Policy"], "strict-origin-when-cross-origin")
        self.assertIn("default-src 'self'", response.headers["Content-Security-Policy"])
        self.assertIn("object-src 'none'", response.headers["Content-Security-Policy"])

    def test_the_session_cookie_is_secure_over_https(self):
        response = requests.post(self.site.url("/web/session/authenticate"), json={
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "db": self.dbname, "login": "betrieb", "password": "betrieb"}},
            verify=self.site.certificate, timeout=60)
        self.assertTrue(response.json()["result"]["uid"])
        cookie = [value for value in response.raw.headers.getlist("Set-Cookie")
                  if value.startswith("session_id=")]
        attributes = [part.strip().lower() for part in cookie[0].split(";")]
        for flag in ("secure", "httponly", "samesite=lax", "max-age=28800"):
            self.assertIn(flag, attributes)

    def fresh_site(self):
        """An nginx of its own: its counters start at zero."""
        site = ProdSite(self.dbname, [odoo.tools.config["http_port"]]).start()
        self.addCleanup(site.stop)
        return site

    def test_the_login_limit_trips_with_a_german_page_and_the_form_stays_reachable(self):
        self.site = self.fresh_site()
        answers = []
        for _ in range(25):
            response = requests.post(self.site.url("/web/login"), data={
                "login": "niemand", "password": "falsch"}, verify=self.site.certificate,
                allow_redirects=False, timeout=60)
            answers.append(response.status_code)
            if response.status_code == 429:
                break
        self.assertEqual(answers[-1], 429, answers)
        # the burst (10) passes first: an office behind one address is not locked out
        self.assertGreaterEqual(len(answers), 11, answers)
        self.assertIn("Zu viele Anfragen", response.text)
        self.assertIn("Bitte warten Sie eine Minute", response.text)
        self.assertEqual(response.headers["Retry-After"], "60")
        self.assertIn("text/html", response.headers["Content-Type"])
        self.assertEqual(self.get("/web/login").status_code, 200, "GET is not limited")

    def test_the_certificate_check_is_limited_too(self):
        self.site = self.fresh_site()
        answers = [self.get("/zertifikat/pruefen?nummer=X&code=Y").status_code
                   for _ in range(24)]
        self.assertIn(429, answers)
        self.assertEqual(answers[:20], [200] * 20)
        # the empty form is not a check: it stays reachable
        self.assertEqual(self.get("/zertifikat/pruefen").status_code, 200)

    def test_health_tells_the_public_ok_or_not_ok_only(self):
        response = self.get("/qnetz/health")
        self.assertIn(response.status_code, (200, 503))
        self.assertIn(response.text, ("ok\n", "not ok\n"))
