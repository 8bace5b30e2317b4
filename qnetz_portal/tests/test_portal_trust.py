from .common import PortalCase


class TestPortalTrust(PortalCase):
    """What the provider and the company can rely on in the portal: the provider's own bill
    with amount, number, status and PDF; the open quote requests on its start page;
    attendance in one click and labels that say "ändern" once recorded; the real person as
    the author of what the portal writes."""

    def setUp(self):
        super(TestPortalTrust, self).setUp()
        self.course = self.make_course()
        Registration = self.env["event.registration"]
        self.reg_a = Registration.create({"event_id": self.course.id,
                                          "apprentice_id": self.apprentice_a1.id})
        self.reg_b = Registration.create({"event_id": self.course.id,
                                          "apprentice_id": self.apprentice_b1.id})
        self.page = "/my/provider/courses/%d" % self.course.id

    def test_all_present_then_change_then_the_bill_with_amount_status_and_pdf(self):
        self.run_course(self.course)
        self.login(self.user_p)
        self.assertIn("Anwesenheit erfassen", self.get(self.page).text)
        for session in self.course.session_ids:
            response = self.post(self.page + "/attendance", {
                "course_session_id": str(session.id), "all_present": "1"}, form_url=self.page)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(session.attendance_ids.mapped("registration_id"),
                             self.reg_a | self.reg_b)
            self.assertEqual(set(session.attendance_ids.mapped("status")), {"present"})
        page = self.get(self.page).text
        self.assertIn("Anwesenheit ändern", page)
        self.assertNotIn("Anwesenheit erfassen", page)
        self.assertIn("Alle anwesend", self.get(
            self.page + "?course_session_id=%d" % self.course.session_ids[0].id).text)
        self.post(self.page + "/invoice", {"confirm_complete": "1"}, form_url=self.page)
        bill = self.course._qnetz_provider_bill()
        self.assertTrue(bill)
        page = self.get(self.page).text
        self.assertIn("o_qnetz_provider_bill", page)
        self.assertIn("1.200,00", page)
        self.assertIn("eingereicht, wird von der Koordination geprüft", page)
        bill.action_invoice_open()
        page = self.get(self.page).text
        self.assertIn(bill.number, page)
        self.assertIn("geprüft, Zahlung ausstehend", page)
        pdf = self.get(self.page + "/bill.pdf")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        # under test Odoo renders the report as HTML instead of calling wkhtmltopdf
        self.assertTrue(pdf.content.startswith(b"%PDF") or bill.number.encode() in pdf.content)
        # nobody else's bill: another provider, a company
        other = self.env["res.partner"].create({
            "name": "Berufskolleg Beispiel", "is_company": True, "is_vocational_school": True})
        self.login(self._portal_user(other, "Paul Pohl", "test_portal_p2"))
        self.assertEqual(self.get(self.page + "/bill.pdf").status_code, 404)
        self.login(self.user_a)
        self.assertIn(self.get(self.page + "/bill.pdf").status_code, (403, 404))

    def test_open_quote_requests_open_the_providers_start_page(self):
        module = self.env["qnetz.course.module"].create({
            "name": "Oberflächen lackieren", "area": "practice", "hours": 16,
            "provider_ids": [(6, 0, self.provider.ids)]})
        request = self.env["qnetz.quote.request"].create({
            "name": "Lackieren Herbst", "module_id": module.id, "participant_count": 6})
        request.action_send()
        self.login(self.user_p)
        home = self.get("/my/home").text
        self.assertIn("o_qnetz_home_open_quotes", home)
        # in German: its .po term is the template's (<strong> included), tests/test_po_terms.py
        self.assertIn("Die Koordination bittet Sie um ein Angebot:", home)
        self.assertNotIn("asks you for a quote", home)
        self.assertIn("Lackieren Herbst", home)
        self.assertIn("/my/provider/quotes/%d" % request.quote_ids.id, home)
        self.login(self.user_a)
        self.assertNotIn("o_qnetz_home_open_quotes", self.get("/my/home").text)

    def test_the_portal_signs_with_the_real_person(self):
        course = self.make_course(name="Furniertechnik")
        self.login(self.user_a)
        self.post("/my/courses/%d/register" % course.id,
                  {"apprentice_ids": [str(self.apprentice_a2.id)], "confirmed": "1"},
                  form_url="/my/courses/%d" % course.id)
        registration = self.env["event.registration"].search([
            ("event_id", "=", course.id), ("apprentice_id", "=", self.apprentice_a2.id)])
        self.assertTrue(registration)
        logged = registration.message_ids.filtered(
            lambda m: m.message_type in ("notification", "comment"))
        self.assertTrue(logged)
        self.assertNotIn(self.env.ref("base.partner_root"), logged.mapped("author_id"),
                         "not signed by the administrator")
        self.assertIn(self.user_a.partner_id, logged.mapped("author_id"))

    def test_phone_cards_are_part_of_the_portal(self):
        nodes = self.env["ir.qweb"]._get_asset_nodes("web.assets_frontend", {}, debug="assets")
        sources = " ".join(str(node) for node in nodes)
        self.assertIn("/qnetz_portal/static/src/css/portal_cards.css", sources)
        self.assertIn("/qnetz_portal/static/src/js/portal_cards.js", sources)
