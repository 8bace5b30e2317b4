import re

from odoo.tests.common import HttpCase, SavepointCase


class TestLandingUrl(SavepointCase):
    """Each role starts on the page of its daily job, decided by groups and portal role."""

    def test_landing_per_role(self):
        ref = self.env.ref
        self.assertEqual(ref("qnetz_base.user_company_portal_demo")._qnetz_landing_url(), "/my")
        self.assertEqual(ref("qnetz_base.user_provider_portal_demo")._qnetz_landing_url(),
                         "/my/provider/courses")
        self.assertIn("action=qnetz_base.qnetz_need_action",
                      ref("qnetz_base.user_coordinator_demo")._qnetz_landing_url())
        self.assertEqual(ref("qnetz_base.user_network_demo")._qnetz_landing_url(),
                         "/my/netzwerk")
        # the role, not the login: a new network reader lands on the figures too
        reader = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Neue Leserin", "login": "qnetz_landing_reader",
            "groups_id": [(6, 0, [ref("qnetz_base.group_qnetz_network").id])]})
        self.assertEqual(reader._qnetz_landing_url(), "/my/netzwerk")


class TestLoginPage(HttpCase):

    def _login(self, login, password):
        page = self.url_open("/web/login", timeout=60)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.opener.post(
            "http://127.0.0.1:%s/web/login" % self._port(), timeout=60, allow_redirects=False,
            data={"login": login, "password": password, "csrf_token": token})

    def _port(self):
        from odoo.tests import common
        return common.PORT

    def test_login_page_speaks_german_with_user_names_and_password_reset(self):
        page = self.url_open("/web/login", timeout=60)
        self.assertIn("Benutzername", page.text)
        self.assertNotIn(">E-Mail<", page.text)
        self.assertIn("Passwort vergessen?", page.text)
        reset = self.url_open("/web/reset_password", timeout=60)
        self.assertEqual(reset.status_code, 200)
        self.assertIn("Benutzername", reset.text)

    def test_each_role_lands_on_its_page(self):
        for login, target in (("betrieb", "/my"), ("traeger", "/my/provider/courses"),
                              ("koordination", "action=qnetz_base.qnetz_need_action"),
                              ("netzwerk", "/my/netzwerk")):
            self.opener.cookies.clear()
            response = self._login(login, login)
            # Odoo answers a successful login with a page that keeps the URL's hash
            found = re.search(r"window.location = '([^']+)'", response.text)
            self.assertTrue(found, "%s: %s" % (login, re.findall(
                r"alert-danger[^>]*>([^<]*)<", response.text)))
            location = found.group(1)
            self.assertTrue(location.endswith(target) if target.startswith("/")
                            else target in location, "%s -> %s" % (login, location))

    def test_login_page_titles_are_german(self):
        for url, title in (("/web/login", "Anmelden"),
                           ("/web/reset_password", "Passwort zurücksetzen")):
            page = self.url_open(url, timeout=60).text
            found = re.search(r"<title>(.*?)</title>", page, re.S)
            self.assertTrue(found, url)
            self.assertIn(title, found.group(1), url)

    def test_portal_page_titles_are_german(self):
        self.authenticate("betrieb", "betrieb")
        for url, title in (("/my", "Mein Konto"), ("/my/needs", "Meine Bedarfe"),
                           ("/my/needs/new", "Bedarf melden"),
                           ("/my/apprentices", "Meine Auszubildenden"),
                           ("/my/invoices", "Meine Rechnungen")):
            page = self.url_open(url, timeout=60).text
            found = re.search(r"<title>(.*?)</title>", page, re.S)
            self.assertTrue(found, url)
            self.assertIn(title, found.group(1), url)
