"""Printing a certificate is recorded in the audit trail of the person."""
from ...tests.common import QnetzCoursesCase


class TestCertificateAudit(QnetzCoursesCase):

    def test_printing_a_certificate_is_logged_against_the_person(self):
        course = self._create_course(seats_min=1)
        session = self.env["qnetz.course.session"].create({
            "event_id": course.id, "name": "Block", "date_begin": "2030-03-02 07:00:00",
            "date_end": "2030-03-02 11:00:00"})
        registration = self._register(course, self.apprentices[0])
        self.env["qnetz.attendance"].create({
            "registration_id": registration.id, "session_id": session.id, "status": "present"})
        report = self.env.ref("qnetz_courses.action_report_qnetz_certificate")
        coordinator = self.env.ref("qnetz_base.user_coordinator_demo")
        report.sudo(coordinator).render_qweb_html(registration.ids)
        logs = self.env["auditlog.log"].search([
            ("model_id.model", "=", "res.partner"), ("res_id", "=", registration.partner_id.id),
            ("method", "=", "print certificate")])
        self.assertEqual(logs.user_id, coordinator)
