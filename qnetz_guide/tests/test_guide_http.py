import re

import odoo

from .common import GuideDataMixin, GuideHttpCase


class TestGuidePages(GuideDataMixin, GuideHttpCase):

    def setUp(self):
        super(TestGuidePages, self).setUp()
        self._qnetz_fixtures(self.env)

    def get(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response.text

    def listed(self, html):
        """Names of the offers listed on a page (from the result links)."""
        return set(re.findall(r'<a [^>]*class="o_qnetz_offer_link"[^>]*>([^<]+)</a>', html))

    def test_listing_is_german_and_lists_visible_offers(self):
        html = self.get("/wegweiser?search=%s" % self.MARKER)
        self.assertIn("<h1", html)
        self.assertIn("Angebote gefunden", html)
        self.assertEqual(self.listed(html), set(self.visible.mapped("name")))

    def test_the_count_of_offers_speaks_each_language(self):
        """One offer, three offers: the noun follows the number as each language wants it
        (Ukrainian: one, few, many; Arabic: one, and "few" from three to ten)."""
        three = "/wegweiser?search=%s" % self.MARKER
        one = three + "&topic=language&topic=tutoring&region=holzminden"
        self.assertEqual(len(self.listed(self.get(three))), 3)
        self.assertEqual(len(self.listed(self.get(one))), 1)
        for prefix, (text_one, text_three) in (
                ("", ("1 Angebot gefunden", "3 Angebote gefunden")),
                ("/uk_UA", ("Знайдено 1 пропозицію", "Знайдено 3 пропозиції")),
                ("/ar_SY", ("تم العثور على عرض واحد", "تم العثور على 3 عروض"))):
            self.assertIn(text_one, self.get(prefix + one), prefix)
            self.assertIn(text_three, self.get(prefix + three), prefix)

    def test_filters_in_url(self):
        html = self.get("/wegweiser?search=%s&topic=language&topic=tutoring&region=holzminden"
                        % self.MARKER)
        self.assertEqual(self.listed(html), {self.offer_tutoring.name})
        # The filter state shows as checked boxes, so it can be changed and shared.
        self.assertRegex(html, r'value="tutoring"\s+checked="checked"')
        self.assertRegex(html, r'value="holzminden"\s+checked="checked"')
        # The offer links carry the state back to the listing.
        self.assertIn("?search=%s&amp;topic=language&amp;topic=tutoring&amp;region=holzminden"
                      % self.MARKER, html)

    def test_facet_counts_shown(self):
        html = self.get("/wegweiser?search=%s" % self.MARKER)
        self.assertRegex(
            html, r'value="refugees"[^>]*/>\s*[^<]+\s*<span class="o_qnetz_count">\(2\)')

    def test_unknown_filter_values_give_message(self):
        html = self.get("/wegweiser?search=%s&topic=nonsense&cost=%%3Cscript%%3E" % self.MARKER)
        self.assertEqual(self.listed(html), set(self.visible.mapped("name")))
        self.assertIn("unbekannt", html)
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;", html)

    def test_special_characters_in_search(self):
        base = "http://127.0.0.1:%s" % odoo.tools.config["http_port"]
        for term in ("'; DROP TABLE qnetz_offer; --", "<script>alert(1)</script>", "%", "_",
                     "\\", "\"", "ä ö ü ß", "x" * 3000):
            response = self.opener.get(base + "/wegweiser", params={"search": term}, timeout=20)
            self.assertEqual(response.status_code, 200, term)
            self.assertNotIn("<script>alert(1)</script>", response.text)
        self.assertTrue(self.env["qnetz.offer"].search_count([]))

    def test_absurd_page_numbers(self):
        html = self.get("/wegweiser/page/999999999?search=%s" % self.MARKER)
        self.assertEqual(self.listed(html), set(self.visible.mapped("name")))
        self.assertIn("Seite 999999999", html)
        # past PostgreSQL's integer range no route takes the number (issue 21): not found
        response = self.url_open("/wegweiser/page/999999999999?search=%s" % self.MARKER)
        self.assertEqual(response.status_code, 404)
        html = self.get("/wegweiser?page=abc")
        self.assertIn("<h1", html)
        html = self.get("/wegweiser/page/-3")
        self.assertIn("Seite -3 gibt es nicht", html)

    def test_pagination_keeps_filters(self):
        html = self.get("/wegweiser?topic=counselling")
        self.assertIn("/wegweiser/page/2?topic=counselling", html)
        html2 = self.get("/wegweiser/page/2?topic=counselling")
        self.assertTrue(self.listed(html2))
        self.assertFalse(self.listed(html) & self.listed(html2))

    def test_detail_page(self):
        self.offer_money.write({"contact_info": "Über die Agentur für Arbeit Höxter",
                                "external_url": "https://www.arbeitsagentur.de"})
        html = self.get(self.offer_money.website_url)
        self.assertIn(self.offer_money.name, html)
        self.assertIn("Über die Agentur für Arbeit Höxter", html)
        self.assertIn("Testinstitut Weserbogen", html)
        self.assertIn("<b>Betriebe</b>", html)
        # The application steps as an ordered list.
        self.assertRegex(
            html, r"<ol>\s*<li>Anrufen</li>\s*<li>Termin machen</li>\s*<li>Hingehen</li>")
        self.assertIn("So bewerben Sie sich", html)
        self.assertIn('href="https://www.arbeitsagentur.de"', html)

    def test_detail_url_with_wrong_slug_redirects(self):
        response = self.url_open("/wegweiser/anything-%d" % self.offer_money.id)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(self.offer_money.website_url))

    def test_hidden_offers_unreachable_for_visitors(self):
        html = self.get("/wegweiser?search=%s" % self.MARKER)
        for offer in self.hidden:
            self.assertNotIn(offer.name, html)
            url = "/wegweiser/%s" % offer.website_url.rsplit("/", 1)[1]
            response = self.url_open(url, timeout=20)
            self.assertEqual(response.status_code, 404, offer.name)
            self.assertNotIn(offer.name, response.text)
            response = self.url_open("/wegweiser/x-%d" % offer.id, timeout=20)
            self.assertEqual(response.status_code, 404, offer.name)
        self.assertEqual(self.url_open("/wegweiser/x-999999999").status_code, 404)

    def test_coordinator_previews_hidden_offer(self):
        self.authenticate("koordination", "koordination")
        response = self.url_open(self.offer_unpublished.website_url, timeout=20)
        self.assertEqual(response.status_code, 200)
        self.assertIn("nicht veröffentlicht", response.text)

    def test_sitemap(self):
        self.env["ir.attachment"].sudo().search([("url", "=like", "/sitemap%")]).unlink()
        response = self.url_open("/sitemap.xml", timeout=60)
        self.assertEqual(response.status_code, 200)
        xml = response.text
        self.assertIn("/wegweiser</loc>", xml)
        self.assertIn("/wegweiser/kurse</loc>", xml)
        self.assertIn("/bedarf-melden</loc>", xml)
        for offer in self.visible:
            self.assertIn(offer.website_url + "</loc>", xml)
        for offer in self.hidden:
            self.assertNotIn("-%d</loc>" % offer.id, xml)

    def test_english_version(self):
        offer = self.env.ref("qnetz_guide.offer_asa_flex_hoexter_demo")
        html = self.get(offer.website_url)
        self.assertIn("Assistierte Ausbildung (AsA flex)", html)
        self.assertIn("So bewerben Sie sich", html)
        response = self.url_open("/en_US" + offer.with_context(lang="en_US").website_url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Assisted Training (AsA flex)", response.text)
        self.assertIn("<strong>Training companies</strong>", response.text)
        self.assertIn("How to apply", response.text)

    def test_website_menu(self):
        html = self.get("/")
        self.assertIn('href="/wegweiser"', html)
        self.assertIn('href="/wegweiser/kurse"', html)
