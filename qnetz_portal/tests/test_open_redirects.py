"""Redirects that a URL chooses lead only to this site: after login, at logout, at the
language switch and through link attachments."""
import base64
from urllib.parse import quote

import requests

from odoo.tests.common import HOST, PORT

from .common import CSRF_RE, PortalCase

FOREIGN = ("https://phish.example/login", "//phish.example/login", "/\\phish.example",
           "http:phish.example", "javascript:alert(1)", " //phish.example",
           "https://%s:%s@phish.example/" % (HOST, PORT))


class TestOpenRedirects(PortalCase):

    def target(self, response):
        """Where the answer sends the browser: the Location header, or the script page Odoo
        answers a login with for browsers that lose the URL's #fragment on redirects."""
        if response.is_redirect:
            return response.headers["Location"]
        marker = "window.location = '"
        self.assertIn(marker, response.text)
        return response.text.split(marker, 1)[1].split("'", 1)[0]

    def assert_local(self, response, what):
        target = self.target(response)
        self.assertNotIn("phish.example", target, what)
        local = "http://%s:%s/" % (HOST, PORT)
        self.assertTrue(target.startswith("/") and not target.startswith("//")
                        or target.startswith(local), (what, target))

    def login_with_redirect(self, redirect):
        """A fresh browser logs in through the form with `redirect`; (answer, browser)."""
        browser = requests.Session()
        self.sync()
        page = browser.get("http://%s:%s/web/login" % (HOST, PORT), timeout=60)
        token = CSRF_RE.search(page.text).group(1)
        self.sync()
        response = browser.post("http://%s:%s/web/login" % (HOST, PORT), data={
            "login": self.user_a.login, "password": self.user_a.login, "csrf_token": token,
            "redirect": redirect}, allow_redirects=False, timeout=60)
        return response, browser

    def get(self, path, browser=None):
        self.sync()
        return (browser or self.opener).get("http://%s:%s%s" % (HOST, PORT, path),
                                            allow_redirects=False, timeout=60)

    def test_after_login(self):
        for url in FOREIGN:
            self.assert_local(self.login_with_redirect(url)[0], url)
        # a path of the site is kept
        response, browser = self.login_with_redirect("/my/needs")
        self.assertIn("/my/needs", self.target(response))
        # logged in, the login page with a redirect sends on at once: the same check
        for url in FOREIGN[:2]:
            path = "/web/login?redirect=%s" % quote(url, safe="")
            self.assert_local(self.get(path, browser), url)

    def test_at_logout(self):
        self.login(self.user_a)
        for url in FOREIGN:
            path = "/web/session/logout?redirect=%s" % quote(url, safe="")
            self.assert_local(self.get(path), url)
        self.assertTrue(self.target(self.get("/web/session/logout?redirect=/wegweiser"))
                        .endswith("/wegweiser"))

    def test_language_switch(self):
        for url in FOREIGN:
            self.assert_local(self.get("/website/lang/de_DE?r=%s" % quote(url, safe="")), url)
        self.assertTrue(self.target(self.get("/website/lang/en_US?r=/en_US/wegweiser"))
                        .endswith("/en_US/wegweiser"))

    def test_link_attachments(self):
        Attachment = self.env["ir.attachment"]
        link = Attachment.create({"name": "Rechnung", "type": "url",
                                  "url": "https://phish.example/rechnung.pdf", "public": True})
        local_link = Attachment.create({"name": "Wegweiser", "type": "url",
                                        "url": "/wegweiser", "public": True})
        for path in ("/web/content/%d" % link.id, "/web/content/%d?download=true" % link.id):
            response = self.get(path)
            self.assertNotIn("phish.example", response.headers.get("Location", ""), path)
            self.assertLess(response.status_code, 500)
        self.assertTrue(self.get("/web/content/%d" % local_link.id).headers["Location"]
                        .endswith("/wegweiser"))
        # an attachment served at its own URL that names another site as its file name
        Attachment.create({"name": "https://phish.example/", "type": "binary",
                           "url": "/qnetz-weiter", "public": True,
                           "datas": base64.b64encode(b"")})
        response = self.get("/qnetz-weiter")
        self.assertNotIn("phish.example", response.headers.get("Location", ""))
        self.assertLess(response.status_code, 500)
