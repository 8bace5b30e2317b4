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
