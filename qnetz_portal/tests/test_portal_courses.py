import re

from .common import PortalCase


class TestPortalCourses(PortalCase):

    def register(self, course, apprentices):
        return self.post("/my/courses/%d/register" % course.id,
                         {"apprentice_ids": [str(a.id) for a in apprentices], "confirmed": "1"},
                         form_url="/my/courses/%d" % course.id)

    def test_company_sees_its_share_and_confirms_before_registering(self):
        course = self.make_course(fee_amount=250.0, funding_share=40.0)
        self.login(self.user_a)
        page = self.get("/my/courses/%d" % course.id)
        self.assertIn("250,00 €", page.text)
        self.assertIn("150,00 €", page.text)  # the company's share after 40 % funding
        response = self.post("/my/courses/%d/register" % course.id,
                             {"apprentice_ids": [str(self.apprentice_a1.id),
                                                 str(self.apprentice_a2.id)]},
                             form_url="/my/courses/%d" % course.id)
        self.assertIn("o_qnetz_register_confirm", response.text)
        self.assertIn("300,00 €", response.text)  # two participants at 150,00 €
        self.assertIn("Tim Arndt", response.text)
        self.assertFalse(self.registrations(course), "nothing is registered before confirming")
        self.register(course, self.apprentice_a1 | self.apprentice_a2)
        registrations = self.registrations(course)
        self.assertEqual(registrations.mapped("apprentice_id"),
                         self.apprentice_a1 | self.apprentice_a2)
        # the progress page of one of them
        self.run_course(course)
        session = course.session_ids.sorted("date_begin")[0]
        session.sudo(self.user_p).qnetz_portal_record_attendance(
            {reg.id: "present" for reg in registrations})
        progress = self.get("/my/registrations/%d" % registrations[0].id)
        self.assertEqual(progress.status_code, 200)
        self.assertIn("o_qnetz_progress", progress.text)
        self.assertIn("1 von 2", progress.text)
        self.login(self.user_b)
        self.assertEqual(self.get("/my/registrations/%d" % registrations[0].id).status_code,
                         404)

    def registrations(self, course):
        return self.env["event.registration"].search(
            [("event_id", "=", course.id)], order="id")

    def test_company_registers_own_apprentice(self):
        course = self.make_course()
        self.make_course(name="Entwurf, noch nicht bestätigt", confirm=False)
        self.login(self.user_a)
        listing = self.get("/my/courses")
        self.assertEqual(listing.status_code, 200)
        self.assertIn("Holzbearbeitung kompakt", listing.text)
        self.assertIn("Lehrwerkstatt Weserbergland", listing.text)
        self.assertNotIn("Entwurf, noch nicht", listing.text)
        response = self.register(course, self.apprentice_a1)
        self.assertEqual(response.status_code, 200)
        registration = self.registrations(course)
        self.assertEqual(registration.apprentice_id, self.apprentice_a1)
        self.assertEqual(registration.paying_partner_id, self.company_a)
        self.assertEqual(registration.state, "open")
        # the apprentice gets qnetz_courses' confirmation mail
        self.assertTrue(self.env["mail.mail"].search(
            [("model", "=", "event.registration"), ("res_id", "=", registration.id)]))
        listing = self.get("/my/courses")
        self.assertIn("Lena Albrecht", listing.text)
        self.assertIn("/my/registrations/%d/cancel" % registration.id, listing.text)
        # B sees the course but not A's registration
        self.login(self.user_b)
        listing = self.get("/my/courses")
        self.assertIn("Holzbearbeitung kompakt", listing.text)
        self.assertNotIn("Lena Albrecht", listing.text)
        page = self.get("/my/courses/%d" % course.id)
        self.assertNotIn("Lena Albrecht", page.text)

    def test_full_course_puts_on_waiting_list_and_cancel_moves_up(self):
        course = self.make_course(seats_max=1)
        self.login(self.user_a)
        response = self.register(course, self.apprentice_a1 | self.apprentice_a2)
        self.assertEqual(response.status_code, 200)
        self.assertIn("alert-warning", response.text)
        regs = self.registrations(course)
        self.assertEqual(sorted(regs.mapped("state")), ["open", "waiting"])
        seated = regs.filtered(lambda r: r.state == "open")
        waiting = regs - seated
        # the first click asks, and says what cancelling costs
        cancel = "/my/registrations/%d/cancel" % seated.id
        self.assertIn(cancel, self.get("/my/courses").text)
        response = self.get(cancel)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_qnetz_cancel_confirm", response.text)
        self.assertIn("kostenfrei", response.text)
        self.assertEqual(seated.state, "open")
        # a POST without the confirmation asks again
        self.post(cancel, {}, form_url=cancel)
        self.assertEqual(seated.state, "open")
        response = self.post(cancel, {"confirmed": "1"}, form_url=cancel)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(seated.state, "cancel")
        self.assertEqual(waiting.state, "open")

    def test_bad_registrations_are_refused_with_a_message(self):
        course = self.make_course()
        started = self.make_course(name="Läuft schon", days=30)
        self.run_course(started, days_ago=1)
        draft = self.make_course(name="Entwurf", confirm=False)
        self.login(self.user_a)
        # another company's apprentice
        response = self.register(course, self.apprentice_b1)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_qnetz_errors", response.text)
        # nobody chosen
        response = self.post("/my/courses/%d/register" % course.id, {},
                             form_url="/my/courses/%d" % course.id)
        self.assertIn("o_qnetz_errors", response.text)
        # a course that has started
        token = self.csrf_token("/my/courses/%d" % course.id)
        response = self.url_open("/my/courses/%d/register" % started.id, data={
            "apprentice_ids": [str(self.apprentice_a1.id)], "csrf_token": token})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_qnetz_errors", response.text)
        # a draft course does not exist for the portal
        response = self.url_open("/my/courses/%d/register" % draft.id, data={
            "apprentice_ids": [str(self.apprentice_a1.id)], "csrf_token": token})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.get("/my/courses/%d" % draft.id).status_code, 404)
        self.assertFalse(self.env["event.registration"].search(
            [("event_id", "in", (course | started | draft).ids)]))

    def test_other_company_cannot_cancel_and_no_cancel_after_start(self):
        course = self.make_course()
        registration = self.env["event.registration"].create({
            "event_id": course.id, "apprentice_id": self.apprentice_a1.id})
        self.login(self.user_b)
        token = self.csrf_token("/my/courses/%d" % course.id)
        response = self.url_open("/my/registrations/%d/cancel" % registration.id,
                                 data={"csrf_token": token})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(registration.state, "open")
        self.run_course(course, days_ago=1)
        self.login(self.user_a)
        response = self.post("/my/registrations/%d/cancel" % registration.id,
                             {"confirmed": "1"}, form_url="/my/needs/new")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_qnetz_errors", response.text)
        self.assertEqual(registration.state, "open")

    def test_certificate_only_for_own_eligible_apprentices(self):
        course = self.make_course()
        reg_a = self.env["event.registration"].create({
            "event_id": course.id, "apprentice_id": self.apprentice_a1.id})
        reg_a2 = self.env["event.registration"].create({
            "event_id": course.id, "apprentice_id": self.apprentice_a2.id})
        reg_b = self.env["event.registration"].create({
            "event_id": course.id, "apprentice_id": self.apprentice_b1.id})
        self.run_course(course)
        for session in course.session_ids:
            for reg, status in ((reg_a, "present"), (reg_a2, "absent"), (reg_b, "present")):
                self.env["qnetz.attendance"].create({
                    "session_id": session.id, "registration_id": reg.id, "status": status})
        course.button_done()
        self.login(self.user_a)
        listing = self.get("/my/certificates")
        self.assertEqual(listing.status_code, 200)
        self.assertIn("/my/certificates/%d/pdf" % reg_a.id, listing.text)
        self.assertNotIn("/my/certificates/%d/pdf" % reg_a2.id, listing.text)
        self.assertNotIn("/my/certificates/%d/pdf" % reg_b.id, listing.text)
        pdf = self.get("/my/certificates/%d/pdf" % reg_a.id)
        self.assertEqual(pdf.status_code, 200)
        self.assertTrue(pdf.headers["Content-Type"].startswith("application/pdf"))
        # under the test cursor Odoo renders reports as HTML instead of calling wkhtmltopdf
        self.assertTrue(pdf.content.startswith(b"%PDF") or b"Lena Albrecht" in pdf.content)
        # not eligible, or another company's apprentice: nothing
        self.assertEqual(self.get("/my/certificates/%d/pdf" % reg_a2.id).status_code, 404)
        self.assertEqual(self.get("/my/certificates/%d/pdf" % reg_b.id).status_code, 404)
        self.login(self.user_p)
        self.assertEqual(self.get("/my/certificates/%d/pdf" % reg_a.id).status_code, 403)

    def test_home_counts_courses(self):
        self.make_course()
        self.login(self.user_a)
        home = self.get("/my/home").text
        self.assertIn('href="/my/courses"', home)
        self.assertIn('href="/my/certificates"', home)
        self.assertNotIn('href="/my/provider/courses"', home)
        match = re.search(r'<span class="badge">(\d+)</span>\s*<a href="/my/courses"', home)
        self.assertTrue(match)
        self.assertGreaterEqual(int(match.group(1)), 1)

    def test_home_names_what_is_waiting(self):
        course = self.make_course(seats_max=1, days=7)
        self.login(self.user_a)
        self.register(course, self.apprentice_a1 | self.apprentice_a2)
        home = self.get("/my/home").text
        self.assertIn("Was auf Sie wartet", home)
        # one apprentice seated in a course beginning within 14 days, one on its waiting list
        for css in ("o_qnetz_waiting_soon", "o_qnetz_waiting_list"):
            match = re.search(
                r'class="%s">\s*<a href="/my/courses"><span class="badge">(\d+)</span>' % css,
                home)
            self.assertTrue(match, css)
            self.assertEqual(int(match.group(1)), 1, css)
        # one is one: "1 Azubi", not "1 Azubis" (qnetz_base.tools.count_text)
        self.assertIn("Anmeldung für einen Kurs, der in den nächsten 14 Tagen beginnt", home)
        self.assertIn("Azubi auf einer Warteliste", home)
        self.assertNotIn("Azubis auf einer Warteliste", home)
        # company B has nothing waiting from A's registrations
        self.login(self.user_b)
        self.assertNotIn("o_qnetz_waiting_list", self.get("/my/home").text)
