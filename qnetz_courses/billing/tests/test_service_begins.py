"""When a course's service has begun: the course starts on its first session day, is done
after its last, and nothing is billed before the service has begun (the billing rule,
every billing path)."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError

from ...tests.common import QnetzCoursesCase


class TestServiceBegins(QnetzCoursesCase):
    """A course begins on its first session, finishes after its last, and is billed only
    once its service has begun, whichever button or job asks."""

    def _at(self, days, hours=3):
        begin = fields.Datetime.from_string(fields.Datetime.now()) + timedelta(days=days)
        return (fields.Datetime.to_string(begin),
                fields.Datetime.to_string(begin + timedelta(hours=hours)))

    def _confirmed_course(self, first_in_days, **values):
        begin, end = self._at(first_in_days)
        # the course's own dates already began: only the sessions say when it happens
        start, _end = self._at(-30)
        course = self._create_course(seats_min=1, date_begin=start, date_end=self._at(60)[0],
                                     **values)
        self.env["qnetz.course.session"].create({
            "event_id": course.id, "date_begin": begin, "date_end": end})
        self._register(course, self.apprentices[0])
        course.button_confirm()
        return course

    def test_course_begins_on_its_first_session_not_before(self):
        course = self._confirmed_course(7)
        with self.assertRaisesRegex(UserError, "Kurs beginnt: .* ersten Termin"):
            course.action_start()
        self.assertEqual(course.state, "confirm")
        # the coordinator corrects the date, then the course can begin
        begin, end = self._at(-1)
        course.session_ids.write({"date_begin": begin, "date_end": end})
        course.action_start()
        self.assertEqual(course.state, "running")

    def test_course_without_sessions_cannot_begin(self):
        course = self._create_course(seats_min=1)
        self._register(course, self.apprentices[0])
        course.button_confirm()
        with self.assertRaisesRegex(UserError, "keine Termine"):
            course.action_start()

    def test_done_needs_its_sessions_past(self):
        course = self._confirmed_course(-2)
        begin, end = self._at(5)
        self.env["qnetz.course.session"].create({
            "event_id": course.id, "date_begin": begin, "date_end": end})
        course.action_start()
        with self.assertRaisesRegex(UserError, "Abschließen: .* noch Termine"):
            course.button_done()
        self.assertEqual(course.state, "running")
        course.session_ids.sorted("date_begin")[-1].write(dict(zip(
            ("date_begin", "date_end"), self._at(-1))))
        course.button_done()
        self.assertEqual(course.state, "done")

    def test_no_invoice_before_the_service_begins(self):
        # begun on paper (course date past), but its first session is next week
        course = self._confirmed_course(7, provider_fee=900.0)
        other = self._confirmed_course(-3, name="Pneumatik", address_id=self.venue_2.id)
        self.assertFalse(course.can_bill)
        self.assertTrue(other.can_bill)
        Event = self.env["event.event"]
        self.assertNotIn(course, Event._qnetz_billing_candidates())
        for run in (lambda: Event._qnetz_billing_run(course),
                    lambda: course._qnetz_bill_registrations(),
                    lambda: course._qnetz_create_provider_bill(),
                    lambda: course.action_qnetz_bill_and_send()):
            with self.assertRaisesRegex(UserError, "noch nicht begonnen"):
                run()
        wizard = self.env["qnetz.billing.wizard"].with_context(
            active_model="event.event", active_ids=course.ids).create({})
        with self.assertRaises(UserError):
            wizard.action_run()
        # the cron's run without courses bills the begun course only
        invoices = Event._qnetz_billing_run()
        self.assertNotIn(course, invoices.mapped("course_id"))
        self.assertIn(other, invoices.mapped("course_id"))
        self.assertFalse(self.env["account.invoice"].search([("course_id", "=", course.id)]))

    def test_a_begun_course_moved_to_the_future_is_not_billed(self):
        course = self._confirmed_course(-1)
        course.action_start()
        # the first session was entered wrongly and is moved to next week
        course.session_ids.write(dict(zip(("date_begin", "date_end"), self._at(7))))
        with self.assertRaisesRegex(UserError, "noch nicht begonnen"):
            course._qnetz_bill_registrations()
