from datetime import datetime, timedelta

from odoo import fields

from .common import GuideHttpCase


def dt(days, hour=17):
    return fields.Datetime.to_string(
        (datetime.utcnow() + timedelta(days=days)).replace(hour=hour, minute=0, second=0))


class TestCourseCatalogue(GuideHttpCase):

    def setUp(self):
        super(TestCourseCatalogue, self).setUp()
        Event = self.env["event.event"]
        self.has_courses = "is_qnetz_course" in Event._fields
        extra = {"is_qnetz_course": True, "area": "theory"} if self.has_courses else {}
        if "district_id" in Event._fields:
            extra["district_id"] = self.env.ref("qnetz_base.district_holzminden").id

        def course(name, state, start, **values):
            vals = dict(extra, name=name, state=state, date_begin=dt(start),
                        date_end=dt(start + 14, 20), seats_availability="limited",
                        seats_max=12, date_tz="Europe/Berlin")
            vals.update(values)
            return Event.create(vals)

        self.confirmed = course("Kurs Quarzsand Mathematik", "confirm", 10)
        self.draft = course("Kurs Quarzsand Entwurf", "draft", 10)
        self.past = course("Kurs Quarzsand Vergangen", "confirm", -30)
        self.cancelled = course("Kurs Quarzsand Abgesagt", "cancel", 10)
        if self.has_courses:
            self.other_event = course("Quarzsand Sommerfest", "confirm", 10, is_qnetz_course=False)

    def test_catalogue_lists_upcoming_confirmed_courses(self):
        response = self.url_open("/wegweiser/kurse")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn("Kurs Quarzsand Mathematik", html)
        for name in ("Entwurf", "Vergangen", "Abgesagt", "Sommerfest"):
            self.assertNotIn("Quarzsand %s" % name, html)
        # Places left, and the two calls to action.
        self.assertRegex(
            html, r"Kurs Quarzsand Mathematik[\s\S]*?Freie Plätze</dt>\s*<dd>\s*12\s*</dd>")
        self.assertIn('href="/my"', html)
        self.assertIn('href="/bedarf-melden"', html)
        if self.has_courses:
            self.assertIn("Fachtheorie", html)
            self.assertIn("Landkreis Holzminden", html)

    def test_catalogue_domain(self):
        courses = self.env["event.event"]._qnetz_catalogue_courses()
        self.assertIn(self.confirmed, courses)
        self.assertFalse(courses & (self.draft | self.past | self.cancelled))


class TestCatalogueQueries(GuideHttpCase):
    """The catalogue's rows are read in a number of queries that does not grow with the
    number of courses (benchmarks/bench_public_pages.py counts whole pages at 50 and 500)."""

    def create_courses(self, count, offset):
        Event = self.env["event.event"]
        module = self.env["qnetz.course.module"].create({
            "name": "Quarzsand Modul %d" % offset, "area": "theory",
            "description": "<p>Inhalt</p>"})
        for index in range(offset, offset + count):
            begin = datetime.utcnow().replace(minute=0, second=0) + timedelta(days=40 + index)
            Event.create({
                "name": "Kurs Quarzsand %d" % index, "is_qnetz_course": True, "area": "theory",
                "state": "confirm", "date_tz": "Europe/Berlin",
                "date_begin": fields.Datetime.to_string(begin),
                "date_end": fields.Datetime.to_string(begin + timedelta(hours=8)),
                "seats_availability": "limited", "seats_max": 10, "fee_amount": 90.0,
                "funding_share": 40.0, "module_id": module.id,
                "district_id": self.env.ref("qnetz_base.district_holzminden").id,
                "session_ids": [(0, 0, {
                    "date_begin": fields.Datetime.to_string(begin + timedelta(hours=hours)),
                    "date_end": fields.Datetime.to_string(begin + timedelta(hours=hours + 3)),
                }) for hours in (0, 4)],
            })

    def count_queries(self):
        self.env.cache.invalidate()
        before = self.cr.sql_log_count
        courses = self.env["event.event"]._qnetz_catalogue_courses()
        rows = courses._qnetz_catalogue_rows()
        course = courses[-1]
        course._qnetz_session_rows()
        course._qnetz_module_html()
        return len(rows), self.cr.sql_log_count - before

    def test_queries_do_not_grow_with_the_courses(self):
        self.create_courses(3, 0)
        self.count_queries()  # warm-up: the registry's caches
        few, few_queries = self.count_queries()
        self.create_courses(12, 3)
        many, many_queries = self.count_queries()
        self.assertEqual(many - few, 12)
        self.assertEqual(many_queries, few_queries)

    def test_the_catalogue_comes_in_pages(self):
        self.create_courses(25, 100)
        total = self.env["event.event"]._qnetz_catalogue_count()
        first = self.url_open("/wegweiser/kurse").text
        self.assertEqual(first.count('class="o_qnetz_course_card"'), 20)
        self.assertIn('href="/wegweiser/kurse/page/2"', first)
        second = self.url_open("/wegweiser/kurse/page/2").text
        self.assertEqual(second.count('class="o_qnetz_course_card"'), min(20, total - 20))
