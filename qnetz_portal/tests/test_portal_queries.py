from urllib.parse import urlparse

from .common import PortalCase

# The queries of one portal page of a company, measured 6 December 2026 (issue 28): the
# start page 162 with the demo data, every other page 67-97 since only the start page
# counts its badges (before: 170-200, a search through the record rules per badge).
# The bound leaves room for a few more fields, not for the start page's counts.
PAGE_QUERY_BOUND = 110


class TestPortalQueries(PortalCase):
    """The cost of a portal page stays the same however much the company has."""

    def queries(self, url):
        # warm-up: the registry's and the templates' caches. Twice: on a database whose
        # asset bundles were never built (a fresh one, and the tests roll them back), the
        # first page builds them, and Odoo 11 clears every cache when it stores a bundle
        # (AssetsBundle.clean_attachments), so the templates compile again on the second
        self.get(url)
        self.get(url)
        self.sync()
        before = self.cr.sql_log_count
        response = self.get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertEqual(urlparse(response.url).path, url)
        return self.cr.sql_log_count - before

    def add(self, count):
        Need = self.env["qnetz.need"]
        for index in range(count):
            Need.create(self.need_values(self.company_a, topic="Thema %d" % index))
            apprentice = self.env["res.partner"].create({
                "name": "Azubi %d" % index, "is_apprentice": True,
                "employer_id": self.company_a.id, "training_year": "1"})
            # a course open to the company, with the new apprentice registered
            course = self.make_course(name="Kurs %d" % index, days=30 + index, seats_max=5)
            self.env["event.registration"].create({
                "event_id": course.id, "apprentice_id": apprentice.id})

    def test_company_pages_do_not_count_the_start_page_badges(self):
        self.login(self.user_a)
        pages = ("/my/needs", "/my/apprentices", "/my/courses")
        # some of each already (reading needs is audited: a page with none writes no log)
        self.add(2)
        few = {url: self.queries(url) for url in pages}
        self.add(10)
        many = {url: self.queries(url) for url in pages}
        self.assertEqual(many, few)
        for url, count in many.items():
            self.assertLessEqual(count, PAGE_QUERY_BOUND, url)
        # the start page still counts (and shows) them
        home = self.get("/my/home")
        self.assertIn(">12<", home.text.replace(" ", ""))
