from odoo.exceptions import AccessError, UserError

from .common import PortalCase


class TestPortalProvider(PortalCase):

    def setUp(self):
        super(TestPortalProvider, self).setUp()
        self.course = self.make_course()
        Registration = self.env["event.registration"]
        self.reg_a = Registration.create({"event_id": self.course.id,
                                          "apprentice_id": self.apprentice_a1.id})
        self.reg_b = Registration.create({"event_id": self.course.id,
                                          "apprentice_id": self.apprentice_b1.id})
        self.other_provider = self.env["res.partner"].create({
            "name": "Berufskolleg Beispiel", "is_company": True, "is_vocational_school": True,
            "city": "Höxter"})
        self.user_p2 = self._portal_user(self.other_provider, "Paul Pohl", "test_portal_p2")
        self.other_course = self.make_course(name="Fremdkurs Elektro", days=60,
                                             provider=self.other_provider)

    def attendance_data(self, session, status="present"):
        return {"course_session_id": str(session.id), "status_%d" % self.reg_a.id: status,
                "status_%d" % self.reg_b.id: status}

    def post_attendance(self, session, status="present", course=None):
        course = course or self.course
        return self.post("/my/provider/courses/%d/attendance" % course.id,
                         self.attendance_data(session, status),
                         form_url="/my/provider/courses/%d" % course.id)

    def test_provider_sees_own_courses_and_participants_only(self):
        self.login(self.user_p)
        home = self.get("/my/home")
        self.assertIn('href="/my/provider/courses"', home.text)
        self.assertNotIn('href="/my/needs"', home.text)
        listing = self.get("/my/provider/courses")
        self.assertEqual(listing.status_code, 200)
        self.assertIn("Holzbearbeitung kompakt", listing.text)
        self.assertNotIn("Fremdkurs Elektro", listing.text)
        page = self.get("/my/provider/courses/%d" % self.course.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Lena Albrecht", page.text)
        self.assertIn("Tischlerei Albers GmbH", page.text)
        self.assertIn("Metallbau Bode KG", page.text)
        self.assertIn("Lehrwerkstatt Weserbergland", page.text)
        # nothing personal beyond name and company
        self.assertNotIn("lena.albrecht@example.com", page.text)
        self.assertEqual(self.get("/my/provider/courses/%d" % self.other_course.id).status_code,
                         404)
        # companies have no provider pages; the other provider does not see this course
        self.login(self.user_a)
        self.assertEqual(self.get("/my/provider/courses").status_code, 403)
        self.login(self.user_p2)
        self.assertEqual(self.get("/my/provider/courses/%d" % self.course.id).status_code, 404)
        self.assertNotIn("Holzbearbeitung", self.get("/my/provider/courses").text)

    def test_attendance_entry(self):
        first, second = self.course.session_ids.sorted("date_begin")
        self.login(self.user_p)
        # not yet held
        response = self.post_attendance(first)
        self.assertIn("o_qnetz_errors", response.text)
        self.assertFalse(first.attendance_ids)
        self.run_course(self.course)
        response = self.post_attendance(first)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(first.attendance_ids.mapped("registration_id"), self.reg_a | self.reg_b)
        self.assertEqual(set(first.attendance_ids.mapped("status")), {"present"})
        # correcting an entry updates it instead of adding one
        data = self.attendance_data(first)
        data["status_%d" % self.reg_b.id] = "excused"
        self.post("/my/provider/courses/%d/attendance" % self.course.id, data,
                  form_url="/my/provider/courses/%d" % self.course.id)
        self.assertEqual(len(first.attendance_ids), 2)
        self.assertEqual(first.attendance_ids.filtered(
            lambda a: a.registration_id == self.reg_b).status, "excused")
        # a session of another course, an invalid status: message, nothing stored
        foreign = self.other_course.session_ids[0]
        response = self.post_attendance(foreign)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_qnetz_errors", response.text)
        self.assertFalse(foreign.attendance_ids)
        response = self.post_attendance(second, status="maybe")
        self.assertIn("o_qnetz_errors", response.text)
        self.assertFalse(second.attendance_ids)
        # the other provider cannot record attendance here
        self.login(self.user_p2)
        token = self.csrf_token("/my/provider/courses/%d" % self.other_course.id)
        response = self.url_open("/my/provider/courses/%d/attendance" % self.course.id,
                                 data=dict(self.attendance_data(second), csrf_token=token))
        self.assertEqual(response.status_code, 404)
        self.assertFalse(second.attendance_ids)

    def test_attendance_rules(self):
        self.run_course(self.course)
        session = self.course.session_ids[0]
        Attendance = self.env["qnetz.attendance"]
        statuses = {self.reg_a.id: "present", self.reg_b.id: "present"}
        # providers record through the session's portal action, not by writing attendance
        with self.assertRaises(AccessError), self.cr.savepoint():
            Attendance.sudo(self.user_p).create({
                "session_id": session.id, "registration_id": self.reg_a.id,
                "status": "present"})
        self.assertIs(session.sudo(self.user_p).qnetz_portal_record_attendance(statuses), True)
        mine = session.attendance_ids.filtered(lambda a: a.registration_id == self.reg_a)
        with self.assertRaises(AccessError), self.cr.savepoint():
            session.sudo(self.user_p2).qnetz_portal_record_attendance(statuses)
        with self.assertRaises(AccessError):
            mine.sudo(self.user_p).write({"status": "absent"})
        with self.assertRaises(AccessError):
            mine.sudo(self.user_a).write({"status": "absent"})
        self.assertEqual(Attendance.sudo(self.user_a).search([]).ids, mine.ids)
        self.assertEqual(Attendance.sudo(self.user_b).search([]).mapped("registration_id"),
                         self.reg_b)
        regs = self.env["event.registration"]
        self.assertEqual(regs.sudo(self.user_p).search(
            [("event_id", "=", self.course.id)]).ids.__len__(), 2)
        self.assertFalse(regs.sudo(self.user_p2).search([("event_id", "=", self.course.id)]))
        self.assertEqual(regs.sudo(self.user_b).search([]).ids, self.reg_b.ids)

    def test_invoice_submission_creates_one_draft_vendor_bill(self):
        Invoice = self.env["account.invoice"]

        def bills():
            return Invoice.search([("course_id", "=", self.course.id),
                                   ("type", "=", "in_invoice")])
        url = "/my/provider/courses/%d/invoice" % self.course.id
        form_url = "/my/provider/courses/%d" % self.course.id
        self.login(self.user_p)
        # the course has not taken place yet
        response = self.post(url, {"confirm_complete": "1"}, form_url=form_url)
        self.assertIn("o_qnetz_errors", response.text)
        self.assertFalse(bills())
        self.run_course(self.course)
        # attendance missing, and not confirmed
        response = self.post(url, {}, form_url=form_url)
        self.assertIn("o_qnetz_errors", response.text)
        self.assertFalse(bills())
        for session in self.course.session_ids:
            self.post_attendance(session)
        response = self.post(url, {}, form_url=form_url)
        self.assertIn("o_qnetz_errors", response.text)
        self.assertFalse(bills())
        token = self.csrf_token(form_url)
        response = self.post(url, {"confirm_complete": "1"}, form_url=form_url)
        self.assertEqual(response.status_code, 200)
        bill = bills()
        self.assertEqual(len(bill), 1)
        self.assertEqual(bill.state, "draft")
        self.assertEqual(bill.partner_id, self.provider)
        self.assertTrue(bill.is_provider_bill)
        self.assertEqual(bill.amount_untaxed, 1200.0)
        self.assertTrue(self.env["mail.activity"].search(
            [("res_model", "=", "account.invoice"), ("res_id", "=", bill.id)]))
        # twice: nothing twice
        response = self.url_open(url, data={"confirm_complete": "1", "csrf_token": token})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(bills()), 1)
        # billed: attendance is locked, in the portal and in the ORM
        session = self.course.session_ids[0]
        response = self.url_open(
            "/my/provider/courses/%d/attendance" % self.course.id,
            data=dict(self.attendance_data(session, "absent"), csrf_token=token))
        self.assertIn("o_qnetz_errors", response.text)
        self.assertEqual(set(session.attendance_ids.mapped("status")), {"present"})
        with self.assertRaises(UserError):
            session.sudo(self.user_p).qnetz_portal_record_attendance(
                {self.reg_a.id: "absent", self.reg_b.id: "absent"})
        # another provider cannot bill this course
        self.login(self.user_p2)
        token = self.csrf_token("/my/provider/courses/%d" % self.other_course.id)
        response = self.url_open(url, data={"confirm_complete": "1", "csrf_token": token})
        self.assertEqual(response.status_code, 404)

    def test_provider_sees_what_is_due(self):
        self.login(self.user_p)
        page = self.get("/my/provider/courses/%d" % self.course.id)
        # the sessions lie ahead: nothing to record yet
        self.assertNotIn("course_session_id=", page.text)
        self.assertNotIn("o_qnetz_provider_due\">\n                            <a", page.text)
        self.run_course(self.course)
        page = self.get("/my/provider/courses/%d" % self.course.id)
        self.assertIn("course_session_id=", page.text)
        listing = self.get("/my/provider/courses")
        self.assertIn("2 Termin(e): Anwesenheit erfassen", listing.text)
        for session in self.course.session_ids:
            self.post_attendance(session)
        listing = self.get("/my/provider/courses")
        self.assertNotIn("Anwesenheit erfassen", listing.text)
        self.assertIn("Rechnung einreichen", listing.text)
