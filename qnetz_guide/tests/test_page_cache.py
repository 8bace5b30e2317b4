import re
from unittest.mock import patch

from odoo.addons.qnetz_guide.controllers import main as controllers

from .common import GuideDataMixin, GuideHttpCase


class TestPageCache(GuideDataMixin, GuideHttpCase):
    """Visitors' pages come from the cache until something they show changes."""

    def setUp(self):
        super(TestPageCache, self).setUp()
        self._qnetz_fixtures(self.env)
        controllers._page_cache.clear()
        # The cache key holds the current minute; the tests must not meet its turn.
        clock = patch("odoo.addons.qnetz_guide.models.website.current_minute",
                      return_value="2030-01-01 12:00")
        clock.start()
        self.addCleanup(clock.stop)

    def csrf(self, html):
        return re.search(r'csrf_token: "([^"]+)"', html).group(1)

    def test_second_request_is_served_from_the_cache(self):
        first = self.url_open("/wegweiser?search=%s" % self.MARKER).text
        self.assertEqual(len(controllers._page_cache), 1)
        second = self.url_open("/wegweiser?search=%s" % self.MARKER).text
        self.assertEqual(len(controllers._page_cache), 1)
        self.assertEqual(first, second)
        self.url_open("/")
        self.assertEqual(len(controllers._page_cache), 2)

    def test_a_published_change_shows_at_once(self):
        url = "/wegweiser?search=%s" % self.MARKER
        self.assertNotIn("Zebrafink Neuheit", self.url_open(url).text)
        offer = self.Offer.create({
            "name": "Zebrafink Neuheit", "summary": "Neu", "website_published": True,
            "institution_id": self.institution.id, "region": "both", "cost": "free"})
        self.assertIn("Zebrafink Neuheit", self.url_open(url).text)
        offer.website_published = False
        # The test's requests share one transaction, whose writes all carry the same
        # write date; a real unpublishing comes in a later transaction.
        self.env.cr.execute("UPDATE qnetz_offer SET write_date = write_date + interval '1 second'"
                            " WHERE id = %s", (offer.id,))
        self.assertNotIn("Zebrafink Neuheit", self.url_open(url).text)

    def test_every_visitor_gets_their_own_csrf_token(self):
        html = self.url_open("/wegweiser").text
        token = self.csrf(html)
        self.opener.cookies.clear()
        other = self.url_open("/wegweiser").text
        self.assertNotEqual(self.csrf(other), token)
        self.assertEqual(len(controllers._page_cache), 1)

    def test_the_turn_of_the_minute_renders_anew(self):
        self.url_open("/")
        with patch("odoo.addons.qnetz_guide.models.website.current_minute",
                   return_value="2030-01-01 12:01"):
            self.url_open("/")
        self.assertEqual(len(controllers._page_cache), 2)

    def test_logged_in_users_are_not_cached(self):
        self.authenticate("admin", "admin")
        self.url_open("/wegweiser")
        self.url_open("/")
        self.assertEqual(len(controllers._page_cache), 0)
