import tempfile
from unittest.mock import patch

from odoo.tools import config

from ...tests.common import QnetzCoursesCase


class TestEvidence(QnetzCoursesCase):

    @classmethod
    def setUpClass(cls):
        super(TestEvidence, cls).setUpClass()
        cls.course = cls._create_course(seats_min=1)
        cls.session = cls.env["qnetz.course.session"].create({
            "event_id": cls.course.id, "name": "Hydraulikpläne",
            "date_begin": "2030-03-02 07:00:00", "date_end": "2030-03-02 11:00:00"})
        cls.reg_0 = cls._register(cls.course, cls.apprentices[0])
        cls.reg_4 = cls._register(cls.course, cls.apprentices[4])
        cls.cancelled = cls._register(cls.course, cls.apprentices[2])
        cls.cancelled.action_cancel_registration()

    def _pdf(self, xmlid, ids):
        report = self.env.ref(xmlid)
        # wkhtmltopdf only runs in test mode when a report directory is configured
        with tempfile.TemporaryDirectory() as directory, \
                patch.dict(config.options, {"test_report_directory": directory}):
            pdf, fmt = report.render_qweb_pdf(ids)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return report.render_qweb_html(ids)[0].decode("utf-8")

    def test_attendance_sheet(self):
        html = self._pdf("qnetz_courses.action_report_qnetz_attendance_sheet", self.session.ids)
        self.assertIn("Anwesenheitsliste", html)
        self.assertIn("Hydraulik Grundlagen", html)
        self.assertIn("Testbildung Höxter e.V.", html)
        self.assertIn("02.03.2030", html)
        self.assertIn("08:00–12:00", html, "Berlin time")
        self.assertIn("Schulungsraum Testbildung", html)
        self.assertIn("Azubi Test 0", html)
        self.assertIn("Testbetrieb Brakel GmbH", html)
        self.assertIn("Testwerk Bevern KG", html)
        self.assertIn("Unterschrift", html)
        self.assertNotIn("Azubi Test 2", html, "cancelled participants do not sign")

    def _attend(self, registration):
        self.env["qnetz.attendance"].create({
            "registration_id": registration.id, "session_id": self.session.id,
            "status": "present"})

    def test_certificate_register_and_public_check(self):
        self._attend(self.reg_0)
        self._attend(self.reg_4)
        Certificate = self.env["qnetz.certificate"]
        html = self._pdf("qnetz_courses.action_report_qnetz_certificate", self.reg_0.ids)
        certificate = Certificate.search([("registration_id", "=", self.reg_0.id)])
        self.assertEqual(len(certificate), 1)
        self.assertRegex(certificate.name, r"^QNZ-\d{4}-\d{5}$")
        self.assertIn(certificate.name, html)
        self.assertIn("/zertifikat/pruefen", html)
        self.assertEqual(certificate.issued_by_id, self.env.user)
        self.assertEqual(certificate.hours, 4.0)
        self.assertTrue(certificate.first_download)
        downloads = certificate.download_count
        # printing again is counted, not issued anew
        self.env.ref("qnetz_courses.action_report_qnetz_certificate").render_qweb_html(
            self.reg_0.ids)
        self.assertEqual(Certificate.search_count([("registration_id", "=", self.reg_0.id)]), 1)
        self.assertEqual(certificate.download_count, downloads + 1)

        other = Certificate._qnetz_issue(self.reg_4)
        self.assertNotEqual(other.name, certificate.name)
        register = self._pdf("qnetz_courses.action_report_qnetz_certificate_register",
                             (certificate | other).ids)
        self.assertIn("Register der ausgestellten Bescheinigungen", register)
        self.assertIn(certificate.name, register)
        self.assertIn("Azubi Test 4", register)

        self.assertIn(certificate.verification_code, html)
        self.assertNotEqual(certificate.verification_code, other.verification_code)
        # the number alone tells nothing; number and code confirm the paper
        self.assertEqual(Certificate.qnetz_public_check(certificate.name)["status"], "invalid")
        valid = Certificate.qnetz_public_check(" %s " % certificate.name.lower(),
                                               certificate.verification_code.lower())
        self.assertEqual(valid["status"], "valid")
        self.assertEqual(valid["participant"], "Azubi Test 0")
        self.assertEqual(valid["course"], "Hydraulik Grundlagen")
        self.assertNotIn("email", str(valid))
        self.assertNotIn("azubi0@example.com", str(valid))
        self.assertEqual(Certificate.qnetz_public_check(
            certificate.name, other.verification_code)["status"], "unknown")
        other.action_revoke()
        self.assertEqual(Certificate.qnetz_public_check(
            other.name, other.verification_code)["status"], "revoked")
        self.assertEqual(Certificate.qnetz_public_check("QNZ-1999-99999", "ACDE-FGHJ"),
                         {"status": "unknown", "number": "QNZ-1999-99999"})
        self.assertEqual(Certificate.qnetz_public_check(
            "<script>", "ACDE-FGHJ")["status"], "invalid")
        self.assertEqual(Certificate.qnetz_public_check("")["status"], "empty")
