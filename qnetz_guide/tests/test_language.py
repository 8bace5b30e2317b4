"""The site speaks German unless the visitor chooses English."""
from odoo.tests import common
from odoo.tests.common import HOST, HttpCase

ENGLISH_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}


class TestSiteLanguage(HttpCase):

    def get(self, path, headers=None):
        response = self.opener.get(
            "http://%s:%s%s" % (HOST, common.PORT, path), headers=headers or {}, timeout=60)
        self.assertEqual(response.status_code, 200, path)
        return response

    def test_english_browser_gets_the_german_site(self):
        response = self.get("/wegweiser", ENGLISH_BROWSER)
        self.assertIn('lang="de-DE"', response.text)
        self.assertNotIn("/en_US/", response.url)

    def test_english_is_there_when_chosen(self):
        response = self.get("/en_US/wegweiser", ENGLISH_BROWSER)
        self.assertIn('lang="en-US"', response.text)
        # the choice sticks for the next page
        response = self.get("/wegweiser", ENGLISH_BROWSER)
        self.assertIn('lang="en-US"', response.text)

    def test_portal_user_gets_their_own_language(self):
        self.authenticate("betrieb", "betrieb")
        response = self.get("/my", ENGLISH_BROWSER)
        self.assertIn('lang="de-DE"', response.text)
        self.assertIn("Meine Bedarfe", response.text)


class TestGuideLanguages(HttpCase):
    """Arabic, Farsi and Ukrainian pages carry no English of Odoo's or ours."""

    LEFTOVERS = ("Toggle navigation", "Add to calendar", ">Region<")

    def test_public_pages_have_no_english_leftovers(self):
        for lang in ("ar_SY", "fa_IR", "uk_UA"):
            for path in ("/", "/wegweiser", "/wegweiser/kurse"):
                response = self.opener.get("http://%s:%s/%s%s" % (
                    HOST, common.PORT, lang, path), timeout=60)
                self.assertEqual(response.status_code, 200, (lang, path))
                for english in self.LEFTOVERS:
                    self.assertNotIn(english, response.text, (lang, path))

    def test_farsi_names_itself_farsi(self):
        page = self.opener.get("http://%s:%s/" % (HOST, common.PORT), timeout=60).text
        self.assertIn("فارسی", page)
