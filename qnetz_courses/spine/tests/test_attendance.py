import tempfile
from unittest.mock import patch

import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tools import config, mute_logger

from ...tests.common import QnetzCoursesCase


class TestAttendance(QnetzCoursesCase):

    @classmethod
    def setUpClass(cls):
        super(TestAttendance, cls).setUpClass()
        cls.course = cls._create_course(seats_min=1)
        Session = cls.env["qnetz.course.session"]
        cls.sessions = Session
        for day in (2, 9, 16, 23, 30):
            cls.sessions |= Session.create({
                "event_id": cls.course.id, "name": "Block %d" % day,
                "date_begin": "2030-03-%02d 07:00:00" % day,
                "date_end": "2030-03-%02d 11:00:00" % day})
        cls.good = cls._register(cls.course, cls.apprentices[0])
        cls.poor = cls._register(cls.course, cls.apprentices[1])

    def _mark(self, registration, statuses):
        for session, status in zip(self.sessions, statuses):
            self.env["qnetz.attendance"].create({
                "registration_id": registration.id, "session_id": session.id,
                "status": status})

    def test_attendance_rate_and_certificate_threshold(self):
        self.assertEqual(self.course.total_hours, 20.0)
        self._mark(self.good, ["present", "present", "present", "present", "excused"])
        self._mark(self.poor, ["present", "absent", "present", "excused", "absent"])
        self.assertAlmostEqual(self.good.attended_hours, 16.0)
        self.assertAlmostEqual(self.good.attendance_rate, 80.0)
        self.assertTrue(self.good.certificate_eligible, "80 % is enough with the default")
        self.assertAlmostEqual(self.poor.attendance_rate, 40.0)
        self.assertFalse(self.poor.certificate_eligible)
        self.course.attendance_threshold = 40.0
        self.assertTrue(self.poor.certificate_eligible)
        self.course.attendance_threshold = 90.0
        self.assertFalse(self.good.certificate_eligible)

    def test_fill_attendance_list(self):
        self.sessions[0].action_fill_attendance()
        self.assertEqual(len(self.sessions[0].attendance_ids), 2)
        self.assertEqual(self.sessions[0].present_count, 2)
        # running it again adds nobody twice
        self.sessions[0].action_fill_attendance()
        self.assertEqual(len(self.sessions[0].attendance_ids), 2)

    def test_one_entry_per_session(self):
        self._mark(self.good, ["present"])
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self._mark(self.good, ["absent"])

    def test_session_of_other_course_refused(self):
        other = self._create_course(name="Pneumatik", address_id=self.venue_2.id)
        session = self.env["qnetz.course.session"].create({
            "event_id": other.id, "date_begin": "2030-04-01 07:00:00",
            "date_end": "2030-04-01 09:00:00"})
        with self.assertRaises(ValidationError):
            self.env["qnetz.attendance"].create({
                "registration_id": self.good.id, "session_id": session.id})

    def test_certificate_pdf(self):
        self._mark(self.good, ["present"] * 5)
        report = self.env.ref("qnetz_courses.action_report_qnetz_certificate")
        # Odoo renders HTML instead of PDF in test mode unless a report directory is
        # configured; with one, wkhtmltopdf really runs (and nothing is committed)
        with tempfile.TemporaryDirectory() as directory, \
                patch.dict(config.options, {"test_report_directory": directory}):
            pdf, fmt = report.render_qweb_pdf(self.good.ids)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        html = report.render_qweb_html(self.good.ids)[0]
        self.assertIn(b"Azubi Test 0", html)
        self.assertIn(b"Hydraulik Grundlagen", html)

    def test_no_certificate_without_enough_attendance(self):
        self._mark(self.poor, ["present", "absent", "absent", "absent", "absent"])
        report = self.env.ref("qnetz_courses.action_report_qnetz_certificate")
        with self.assertRaisesRegex(UserError, "Azubi Test 1"):
            report.render_qweb_html(self.poor.ids)
