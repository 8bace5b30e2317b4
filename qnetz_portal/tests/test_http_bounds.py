"""Ids past PostgreSQL's integer range and reports of others' records: the ordinary 404
and 403 pages, never a server error."""
from .common import PortalCase

PAST_INT = 2 ** 31


class TestHttpBounds(PortalCase):

    def setUp(self):
        super(TestHttpBounds, self).setUp()
        self.need_b = self.env["qnetz.need"].create(
            self.need_values(self.company_b, topic="Bedarf B"))
        self.course = self.make_course()
        self.registration_b = self.env["event.registration"].create(
            {"event_id": self.course.id, "apprentice_id": self.apprentice_b1.id})

    def assert_page(self, url, status):
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, url)
        # Odoo's own error page of the website, in German, not a traceback
        self.assertNotIn("Traceback", response.text)
        self.assertIn("<html", response.text)
        return response

    def test_ids_past_the_integer_range_are_not_found(self):
        for url in ("/wegweiser/kurse/%d" % PAST_INT, "/wegweiser/kurse/%d" % 2 ** 63,
                    "/wegweiser/hilfe-%d" % PAST_INT, "/event/kurs-%d" % PAST_INT):
            self.assert_page(url, 404)
        # the file routes answer as they do for any id without a file (not website pages)
        for route in ("/web/content/%d", "/web/image/%d"):
            normal = self.url_open(route % (PAST_INT - 3))
            self.assertEqual(normal.status_code, 404)
            for number in (PAST_INT, 2 ** 63):
                response = self.url_open(route % number)
                self.assertEqual((response.status_code, response.content),
                                 (normal.status_code, normal.content), route % number)
        self.login(self.user_a)
        for url in ("/my/needs/%d" % PAST_INT, "/my/courses/%d" % PAST_INT,
                    "/my/needs/%d" % (PAST_INT * 4), "/my/registrations/%d" % PAST_INT):
            self.assert_page(url, 404)
        # an id in range is still routed as before
        self.assert_page("/my/needs/%d" % self.need_b.id, 404)

    def test_reports_of_others_records_are_refused(self):
        self.login(self.user_a)
        name = "qnetz_courses.report_certificate"
        for converter in ("pdf", "html"):
            self.assert_page("/report/%s/%s/%d" % (converter, name, self.registration_b.id),
                             403)
            self.assert_page("/report/%s/%s/%d" % (converter, name, PAST_INT), 404)
            # a report of a share user is refused before any record is looked at: a
            # missing record answers like a foreign one, and says nothing of its existence
            self.assert_page("/report/%s/%s/%d" % (converter, name, PAST_INT - 5), 403)
            self.assert_page("/report/%s/%s/abc" % (converter, name), 404)
            self.assert_page("/report/%s/qnetz_courses.no_such_report/1" % converter, 403)
        self.assert_page("/report/docx/%s/%d" % (name, self.registration_b.id), 404)
