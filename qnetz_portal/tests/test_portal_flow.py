from .common import PortalCase


class TestPortalFlow(PortalCase):
    """The whole way through the portal, for the company and for the provider."""

    def test_company_and_provider_flow(self):
        Need = self.env["qnetz.need"]
        # 1. the company reports a need in the portal
        self.login(self.user_a)
        self.post("/my/needs/new", {
            "area": "practice", "topic": "Oberflächenbehandlung", "participant_count": "1",
            "preferred_place": "holzminden", "preferred_time": "block", "urgency": "1",
            "apprentice_ids": [str(self.apprentice_a1.id)],
        })
        need = Need.search([("partner_id", "=", self.company_a.id)])
        self.assertEqual(need.state, "new")
        # 2. the coordinator qualifies and bundles it into a course
        need.sudo(self.coordinator).action_qualify()
        wizard = self.env["qnetz.bundle.wizard"].sudo(self.coordinator).with_context(
            active_model="qnetz.need", active_ids=need.ids).create({
                "name": "Oberflächen kompakt", "provider_id": self.provider.id,
                "district_id": self.holzminden.id, "address_id": self.venue.id,
                "date_begin": self.when(20), "date_end": self.when(21, 16),
                "seats_min": 0, "seats_max": 4, "fee_amount": 180.0, "provider_fee": 900.0,
                "register_apprentices": False})
        wizard.action_create_courses()
        self.assertEqual(need.state, "bundled")
        course = need.course_id
        # the company is told, in German: received, then bundled
        subjects = self.env["mail.mail"].search([
            ("model", "=", "qnetz.need"), ("res_id", "=", need.id)]).mapped("subject")
        self.assertIn("Wir haben Ihren Qualifizierungsbedarf %s erhalten" % need.name, subjects)
        self.assertIn("Ihr Qualifizierungsbedarf %s ist Teil eines Kurses" % need.name, subjects)
        course.write({"session_ids": [
            (0, 0, {"date_begin": self.when(20, 8), "date_end": self.when(20, 16)}),
            (0, 0, {"date_begin": self.when(21, 8), "date_end": self.when(21, 16)})]})
        course.sudo(self.coordinator).button_confirm()
        # 3. the company registers its apprentice
        self.login(self.user_a)
        page = self.get("/my/needs/%d" % need.id)
        self.assertIn(need.name, page.text)
        self.post("/my/courses/%d/register" % course.id,
                  {"apprentice_ids": [str(self.apprentice_a1.id)], "confirmed": "1"},
                  form_url="/my/courses/%d" % course.id)
        registration = course.registration_ids
        self.assertEqual(registration.apprentice_id, self.apprentice_a1)
        self.assertEqual(registration.state, "open")
        # 4. the course runs; the provider records attendance and submits the invoice
        self.run_course(course)
        self.login(self.user_p)
        for session in course.session_ids:
            self.post("/my/provider/courses/%d/attendance" % course.id, {
                "course_session_id": str(session.id), "status_%d" % registration.id: "present"},
                form_url="/my/provider/courses/%d" % course.id)
        self.assertTrue(registration.certificate_eligible)
        self.post("/my/provider/courses/%d/invoice" % course.id, {"confirm_complete": "1"},
                  form_url="/my/provider/courses/%d" % course.id)
        bill = self.env["account.invoice"].search(
            [("course_id", "=", course.id), ("type", "=", "in_invoice")])
        self.assertEqual((len(bill), bill.state), (1, "draft"))
        # 5. the coordinator closes the course and bills the companies
        course.sudo(self.coordinator).button_done()
        invoices = course.sudo(self.coordinator)._qnetz_bill_registrations()
        invoice = invoices.filtered(lambda i: i.type == "out_invoice")
        self.assertEqual(invoice.partner_id, self.company_a)
        invoice.action_invoice_open()
        # 6. the company sees its invoice and the certificate; B sees neither
        self.login(self.user_a)
        invoices_page = self.get("/my/invoices")
        self.assertEqual(invoices_page.status_code, 200)
        self.assertIn(invoice.number, invoices_page.text)
        self.assertEqual(self.get("/my/invoices/%d" % invoice.id).status_code, 200)
        certificates = self.get("/my/certificates")
        self.assertIn("/my/certificates/%d/pdf" % registration.id, certificates.text)
        pdf = self.get("/my/certificates/%d/pdf" % registration.id)
        self.assertEqual(pdf.status_code, 200)
        self.assertIn(b"Lena Albrecht", pdf.content)
        self.login(self.user_b)
        self.assertNotIn(invoice.number, self.get("/my/invoices").text)
        other = self.get("/my/invoices/%d" % invoice.id)
        self.assertNotIn(invoice.number, other.text)
        self.assertNotIn("Lena Albrecht", self.get("/my/certificates").text)
        self.assertEqual(self.get("/my/certificates/%d/pdf" % registration.id).status_code, 404)
        self.assertEqual(self.get("/my/needs/%d" % need.id).status_code, 404)
