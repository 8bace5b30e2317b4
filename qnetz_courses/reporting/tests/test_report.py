import statistics
import tempfile
from unittest.mock import patch

import lxml.html
import xlrd

from odoo.exceptions import UserError, ValidationError
from odoo.tools import config

from ...tests.common import QnetzCoursesCase

PERIOD = ("2024-01-01", "2024-12-31")
HELD = ("confirm", "running", "done")
CONSENT = {"consent_date": "2024-01-05", "consent_given_by": "Die Person selbst",
           "consent_purpose": "Förderung im Qualifizierungsnetzwerk"}


class QnetzReportCase(QnetzCoursesCase):
    """A year (2024) of network activity, built so that every indicator has a known value.

    Kreis Höxter (HX): company A (SME, metal industry), company C (300 employees);
    Landkreis Holzminden (HOL): company B (SME), company E (only a cancelled registration),
    company D (a need in 2023 only).
    """

    @classmethod
    def setUpClass(cls):
        super(QnetzReportCase, cls).setUpClass()
        env = cls.env
        Partner = env["res.partner"]
        cls.env = env = env(context=dict(env.context, lang="en_US"))
        cls.company_a.industry_id = env.ref("qnetz_base.industry_metal_demo")
        cls.company_c = Partner.create({
            "name": "Großbetrieb Warburg AG", "is_company": True, "is_training_company": True,
            "district_id": cls.district_hx.id, "city": "Warburg", "employee_count": 300})
        cls.company_d = Partner.create({
            "name": "Altbetrieb Polle", "is_company": True, "is_training_company": True,
            "district_id": cls.district_hol.id, "city": "Polle", "employee_count": 12})
        cls.company_e = Partner.create({
            "name": "Absagebetrieb Boffzen", "is_company": True, "is_training_company": True,
            "district_id": cls.district_hol.id, "city": "Boffzen", "employee_count": 20})
        cls.apprentice_e = Partner.create({
            "name": "Azubi Absage", "is_apprentice": True, "employer_id": cls.company_e.id})
        ap = cls.apprentices

        # Courses: 1 (HX, practice) and 2 (HOL, theory) are held in 2024; 3 is cancelled,
        # 4 only planned, 5 held in 2025.
        cls.course1 = cls._create_course(
            name="Hydraulik 2024", date_begin="2024-04-08 07:00:00",
            date_end="2024-04-30 15:00:00", funding_share=40.0)
        cls.course2 = cls._create_course(
            name="Elektro-Theorie 2024", area="theory", district_id=cls.district_hol.id,
            address_id=cls.venue_2.id, seats_min=1, fee_amount=200.0, provider_fee=0.0,
            date_begin="2024-09-02 06:00:00", date_end="2024-09-02 15:00:00")
        cls.course3 = cls._create_course(
            name="Mathe abgesagt", area="general", seats_min=1,
            date_begin="2024-10-01 07:00:00", date_end="2024-10-20 15:00:00")
        cls.course4 = cls._create_course(
            name="Deutsch geplant", area="language", seats_min=1,
            date_begin="2024-11-04 07:00:00", date_end="2024-11-20 15:00:00")
        cls.course5 = cls._create_course(
            name="Hydraulik 2025", seats_min=1,
            date_begin="2025-02-03 07:00:00", date_end="2025-02-20 15:00:00")
        Session = env["qnetz.course.session"]
        s1 = Session.create({"event_id": cls.course1.id, "date_begin": "2024-04-08 07:00:00",
                             "date_end": "2024-04-08 11:00:00"})
        s2 = Session.create({"event_id": cls.course1.id, "date_begin": "2024-04-15 07:00:00",
                             "date_end": "2024-04-15 11:00:00"})
        s3 = Session.create({"event_id": cls.course2.id, "date_begin": "2024-09-02 06:00:00",
                             "date_end": "2024-09-02 09:00:00"})
        Session.create({"event_id": cls.course5.id, "date_begin": "2025-02-03 07:00:00",
                        "date_end": "2025-02-03 11:00:00"})

        Attendance = env["qnetz.attendance"]

        def attend(registration, session, status="present"):
            Attendance.create({"registration_id": registration.id, "session_id": session.id,
                               "status": status})

        cls.r1 = cls._register(cls.course1, ap[0])
        cls.r2 = cls._register(cls.course1, ap[1])
        cls.r3 = cls._register(cls.course1, ap[4])
        cls.r_e = cls._register(cls.course1, cls.apprentice_e)
        cls.course1.button_confirm()
        for session in (s1, s2):
            attend(cls.r1, session)
            attend(cls.r3, session)  # attended, then cancelled: must not count
        attend(cls.r2, s1)
        attend(cls.r2, s2, "absent")
        (cls.r3 | cls.r_e).action_cancel_registration()
        cls.r4 = cls._register(cls.course2, ap[5])
        cls.course2.button_confirm()
        attend(cls.r4, s3)
        cls.course2.button_done()
        cls.r5 = cls._register(cls.course3, ap[2])
        cls.course3.button_confirm()
        cls.course3.button_cancel()
        cls._register(cls.course4, ap[3])
        cls._register(cls.course5, ap[3])
        cls.course5.button_confirm()

        # Billing: course 1 (300 per participant, 40 % funded) and course 2 (200, no funding)
        cls.course1._qnetz_billing_run(cls.course1 | cls.course2)
        cls.course5._qnetz_billing_run(cls.course5)

        # Needs, captured on given days (create_date is set by SQL below)
        Need = env["qnetz.need"]

        def need(partner, area, captured, **values):
            record = Need.create(dict({"partner_id": partner.id, "area": area,
                                       "topic": "Thema %s" % area}, **values))
            record._qnetz_test_captured = captured
            return record

        cls.n1 = need(cls.company_a, "practice", "2024-02-10 10:00:00")
        cls.n2 = need(cls.company_b, "theory", "2024-03-01 10:00:00")
        cls.n3 = need(cls.company_c, "general", "2024-05-01 10:00:00")
        cls.n4 = need(cls.company_a, "language", "2024-06-01 10:00:00")
        cls.n5 = need(ap[5], "theory", "2024-07-01 10:00:00")
        cls.n6 = need(cls.company_d, "practice", "2023-12-30 10:00:00")
        cls.n7 = need(cls.company_c, "general", "2024-08-01 10:00:00")
        cls.n1.write({"state": "qualified", "qualified_date": "2024-02-15"})
        cls.n1.write({"state": "bundled", "course_id": cls.course1.id})
        cls.n2.write({"state": "qualified", "qualified_date": "2024-03-05"})
        cls.n2.write({"state": "bundled", "course_id": cls.course1.id})
        cls.n7.write({"state": "qualified", "qualified_date": "2024-08-05"})
        cls.n7.write({"state": "bundled", "course_id": cls.course3.id})
        cls.n4.action_withdraw("Kein Bedarf mehr")
        for record in (cls.n1, cls.n2, cls.n3, cls.n4, cls.n5, cls.n6, cls.n7):
            env.cr.execute("UPDATE qnetz_need SET create_date = %s WHERE id = %s",
                           (record._qnetz_test_captured, record.id))
        Need.invalidate_cache()

        # Target-group profiles: p2's and p3's people are anonymised afterwards, p4 is 2023
        Profile = env["qnetz.target.profile"]
        cls.p1 = Profile.create(dict(CONSENT, partner_id=ap[0].id, first_reached_date="2024-02-01",
                                     learning_difficulties=True, gap_theory=True))
        cls.p2 = Profile.create(dict(CONSENT, partner_id=ap[4].id, first_reached_date="2024-03-01",
                                     is_refugee=True, language_level="a2"))
        cls.p3 = Profile.create(dict(CONSENT, partner_id=ap[5].id, first_reached_date="2024-06-01",
                                     gap_practice=True))
        cls.p4 = Profile.create(dict(CONSENT, partner_id=ap[2].id, first_reached_date="2023-05-01",
                                     gap_general=True))
        (ap[4] | ap[5] | ap[1]).action_qnetz_anonymise()
        cls.Figures = env["qnetz.report.figures"]

    def _column(self, figures, district=None):
        return "d%d" % district.id if district else "total"

    def _row(self, figures, key):
        for section in figures["sections"]:
            for row in section["rows"]:
                if row["key"] == key:
                    return row
        raise AssertionError("no row %s" % key)

    def _expected(self, date_from, date_to, districts=None):
        """The indicators computed independently, with plain ORM searches."""
        env = self.env
        start, end = date_from + " 00:00:00", date_to + " 23:59:59"
        needs = env["qnetz.need"].search([("create_date", ">=", start),
                                          ("create_date", "<=", end)])
        registrations = env["event.registration"].search([
            ("event_id.is_qnetz_course", "=", True), ("event_id.state", "in", HELD),
            ("state", "in", ("open", "done")),
            ("event_id.date_begin", ">=", start), ("event_id.date_begin", "<=", end)])
        courses = env["event.event"].search([
            ("is_qnetz_course", "=", True), ("state", "in", HELD),
            ("date_begin", ">=", start), ("date_begin", "<=", end)])
        profiles = env["qnetz.target.profile"].search([
            ("first_reached_date", ">=", date_from), ("first_reached_date", "<=", date_to)])
        invoices = env["account.invoice"].search([
            ("course_id", "!=", False), ("state", "!=", "cancel"),
            ("course_id.date_begin", ">=", start),
            ("course_id.date_begin", "<=", end)])
        companies = env["res.partner"]
        for need in needs:
            companies |= need.partner_id.employer_id if need.partner_id.is_apprentice \
                else need.partner_id.commercial_partner_id
        companies |= registrations.mapped("paying_partner_id.commercial_partner_id")
        if districts:
            needs = needs.filtered(lambda n: n.district_id in districts)
            registrations = registrations.filtered(lambda r: r.event_id.district_id in districts)
            courses = courses.filtered(lambda c: c.district_id in districts)
            profiles = profiles.filtered(lambda p: p.district_id in districts)
            invoices = invoices.filtered(lambda i: i.course_id.district_id in districts)
            companies = companies.filtered(lambda c: c.district_id in districts)
        served = needs.filtered(lambda n: n.course_id and n.course_id.state != "cancel"
                                and n.state != "withdrawn")
        days = []
        for need in served.filtered("qualified_date"):
            begin = need.course_id.date_begin[:10]
            days.append((self._date(begin) - self._date(need.qualified_date)).days)
        not_withdrawn = needs.filtered(lambda n: n.state != "withdrawn")
        planned = sum(r.event_id.total_hours for r in registrations)
        attended = sum(registrations.mapped("attended_hours"))
        customer = invoices.filtered(lambda i: i.type in ("out_invoice", "out_refund"))
        funding = sum(line.funding_amount * (-1 if line.invoice_id.type == "out_refund"
                                             else 1)
                      for line in customer.mapped("invoice_line_ids"))
        billed = sum(customer.mapped("amount_total_signed"))
        return {
            "companies": len(companies),
            "companies_sme": len(companies.filtered("is_sme")),
            "young_people": len(profiles),
            "young_learning": len(profiles.filtered("learning_difficulties")),
            "young_gap_general": len(profiles.filtered("gap_general")),
            "young_gap_theory": len(profiles.filtered("gap_theory")),
            "young_gap_practice": len(profiles.filtered("gap_practice")),
            "young_refugee": len(profiles.filtered("is_refugee")),
            "young_anonymised": len(profiles.filtered("anonymised")),
            "needs": len(needs),
            "needs_area_theory": len(needs.filtered(lambda n: n.area == "theory")),
            "needs_state_bundled": len(needs.filtered(lambda n: n.state == "bundled")),
            "needs_served": len(served),
            "needs_served_share": round(100.0 * len(served) / len(not_withdrawn), 2)
            if not_withdrawn else 0.0,
            "needs_median_days": statistics.median(days) if days else None,
            "courses": len(courses),
            "participants": len(registrations),
            "participant_hours": round(attended, 2),
            "attendance_rate": round(100.0 * attended / planned, 2) if planned else 0.0,
            "certificates": len(registrations.filtered("certificate_eligible")),
            "fees_billed": round(billed, 2),
            "fees_funding": round(funding, 2),
            "fees_gross": round(billed + funding, 2),
            "fees_open": round(sum(i.amount_total_signed if i.state == "draft" else
                                   i.residual_signed if i.state == "open" else 0.0
                                   for i in customer), 2),
            "provider_fees": round(sum((invoices - customer).mapped("amount_total_signed")), 2),
        }

    @staticmethod
    def _date(value):
        from odoo import fields
        return fields.Date.from_string(value)


class TestReportFigures(QnetzReportCase):

    def test_known_figures_of_2024(self):
        figures = self.Figures.compute(*PERIOD)
        totals = figures["totals"]
        hx, hol = self.district_hx, self.district_hol

        def value(key, district=None):
            return self._row(figures, key)["values"][self._column(figures, district)]

        self.assertFalse(figures["empty"])
        # companies: A, C (HX) and B (HOL); not D (need of 2023), not E (cancelled only)
        self.assertEqual(totals["companies"], 3)
        self.assertEqual(totals["companies_sme"], 2)
        self.assertEqual(value("companies", hx), 2)
        self.assertEqual(value("companies", hol), 1)
        self.assertEqual(value("companies", hx), 2)
        self.assertEqual(value("companies_sme", hx), 1)
        metal = self.env.ref("qnetz_base.industry_metal_demo")
        self.assertEqual(value("industry_%d" % metal.id), 1)
        self.assertEqual(value("industry_0"), 2)
        # young people: p1-p3, two of them anonymised and still counted; p4 is 2023
        self.assertEqual(totals["young_people"], 3)
        self.assertEqual(totals["young_anonymised"], 2)
        self.assertEqual(totals["young_learning"], 1)
        self.assertEqual(totals["young_gap_theory"], 1)
        self.assertEqual(totals["young_gap_practice"], 1)
        self.assertEqual(totals["young_refugee"], 1)
        self.assertEqual(totals["young_gap_general"], 0)
        self.assertEqual(value("young_people", hx), 1)
        self.assertEqual(value("young_people", hol), 2)
        self.assertEqual(value("young_people", hol), 2)
        # needs: n1-n5, n7; n7's course was cancelled, n4 withdrawn
        self.assertEqual(totals["needs"], 6)
        self.assertEqual(value("needs_area_theory"), 2)
        self.assertEqual(value("needs_area_general"), 2)
        self.assertEqual(value("needs_state_bundled"), 3)
        self.assertEqual(value("needs_state_withdrawn"), 1)
        self.assertEqual(totals["needs_served"], 2)
        self.assertAlmostEqual(totals["needs_served_share"], 40.0)
        self.assertAlmostEqual(value("needs_served_share", hx), 33.33)
        self.assertAlmostEqual(value("needs_served_share", hol), 50.0)
        # 15 Feb -> 8 Apr = 53 days, 5 Mar -> 8 Apr = 34 days
        self.assertAlmostEqual(totals["needs_median_days"], 43.5)
        self.assertAlmostEqual(value("needs_median_days", hx), 53.0)
        self.assertAlmostEqual(value("needs_median_days", hol), 34.0)
        # courses: 1 and 2 held; cancelled registrations do not count as attended
        self.assertEqual(totals["courses"], 2)
        self.assertEqual(value("courses_area_practice", hx), 1)
        self.assertEqual(value("courses_area_theory", hol), 1)
        self.assertEqual(value("courses_area_general"), 0)
        self.assertEqual(totals["participants"], 3)
        self.assertAlmostEqual(totals["participant_hours"], 15.0)
        self.assertAlmostEqual(value("participant_hours", hx), 12.0)
        self.assertAlmostEqual(totals["attendance_rate"], round(100.0 * 15 / 19, 2))
        self.assertAlmostEqual(value("attendance_rate", hx), 75.0)
        self.assertEqual(totals["certificates"], 2)
        # fees: course 1 2 x 300 (40 % funded), course 2 1 x 200; provider bill 1500
        self.assertAlmostEqual(totals["fees_gross"], 800.0)
        self.assertAlmostEqual(totals["fees_billed"], 560.0)
        self.assertAlmostEqual(totals["fees_funding"], 240.0)
        self.assertAlmostEqual(totals["funding_share"], 30.0)
        self.assertAlmostEqual(totals["fees_open"], 560.0)
        self.assertAlmostEqual(totals["provider_fees"], 1500.0)
        self.assertAlmostEqual(value("fees_billed", hol), 200.0)

    def test_figures_match_independent_orm_counts(self):
        for districts in (None, self.district_hx, self.district_hol):
            figures = self.Figures.compute(*PERIOD, district_ids=districts and districts.ids)
            expected = self._expected(*PERIOD, districts=districts)
            for key, value in expected.items():
                got = figures["totals"][key]
                if isinstance(value, float) or got is None or value is None:
                    self.assertEqual(got if got is None else round(got, 2),
                                     value if value is None else round(value, 2),
                                     "%s (%s)" % (key, districts and districts.name))
                else:
                    self.assertEqual(got, value, "%s (%s)" % (key, districts and districts.name))

    def test_district_columns_add_up_to_the_total(self):
        # a company without a district and its need: counted under "without district"
        loose = self.env["res.partner"].create({
            "name": "Ohnekreis GmbH", "is_company": True, "is_training_company": True})
        need = self.env["qnetz.need"].create({
            "partner_id": loose.id, "area": "theory", "topic": "Thema ohne Kreis"})
        self.env.cr.execute("UPDATE qnetz_need SET create_date = %s WHERE id = %s",
                            ("2024-04-01 10:00:00", need.id))
        self.env["qnetz.need"].invalidate_cache()
        figures = self.Figures.compute(*PERIOD)
        hx, hol = self.district_hx, self.district_hol
        keys = [c["key"] for c in figures["columns"]]
        self.assertEqual(keys, ["d%d" % hx.id, "d%d" % hol.id, "d0", "total"])
        labels = [c["label"] for c in self.Figures.with_context(lang="de_DE").compute(
            *PERIOD)["columns"]]
        self.assertEqual(labels, ["Kreis Höxter (NRW)", "Landkreis Holzminden (NI)",
                                  "ohne Kreis", "Gesamt"])
        for key in ("companies", "needs", "participants", "young_people", "courses",
                    "needs_area_theory", "fees_billed"):
            row = self._row(figures, key)["values"]
            self.assertAlmostEqual(row["d%d" % hx.id] + row["d%d" % hol.id] + row["d0"],
                                   row["total"], msg=key)
        # the columns against a count of their own, with plain ORM searches
        Need = self.env["qnetz.need"]
        in_period = [("create_date", ">=", PERIOD[0] + " 00:00:00"),
                     ("create_date", "<=", PERIOD[1] + " 23:59:59")]
        needs = self._row(figures, "needs")["values"]
        self.assertEqual(needs["d0"], Need.search_count(in_period + [("district_id", "=", False)]))
        self.assertEqual(needs["d0"], 1)
        self.assertEqual(needs["d%d" % hx.id],
                         Need.search_count(in_period + [("district_id", "=", hx.id)]))
        self.assertEqual(needs["total"], Need.search_count(in_period))
        only_hx = self.Figures.compute(*PERIOD, district_ids=hx.ids)
        self.assertEqual([c["key"] for c in only_hx["columns"]], ["d%d" % hx.id, "total"])
        self.assertEqual(only_hx["totals"]["companies"], 2)
        self.assertEqual(only_hx["totals"]["needs"], 4)

    def test_later_cancellation_leaves_the_participants(self):
        before = self.Figures.compute(*PERIOD)["totals"]
        self.r2.action_cancel_registration()
        after = self.Figures.compute(*PERIOD)["totals"]
        self.assertEqual(after["participants"], before["participants"] - 1)
        self.assertAlmostEqual(after["participant_hours"], before["participant_hours"] - 4.0)

    def test_dashboard_pdf_and_xlsx_agree(self):
        wizard = self.env["qnetz.report.wizard"].create({
            "date_from": PERIOD[0], "date_to": PERIOD[1]})
        figures = self.Figures.compute(*PERIOD)
        expected = self._expected(*PERIOD)
        # dashboard
        self.assertEqual(wizard.company_count, expected["companies"])
        self.assertEqual(wizard.need_count, expected["needs"])
        self.assertEqual(wizard.participant_count, expected["participants"])
        self.assertEqual(wizard.certificate_count, expected["certificates"])
        self.assertAlmostEqual(wizard.participant_hours, expected["participant_hours"])
        self.assertAlmostEqual(wizard.fees_billed, expected["fees_billed"])
        self.assertAlmostEqual(wizard.fees_funding, expected["fees_funding"])
        self.assertEqual(wizard.young_people_count, expected["young_people"])
        self.assertFalse(wizard.figures_error)
        # PDF (content of the HTML behind it)
        report = self.env.ref("qnetz_courses.action_report_qnetz_figures")
        html = report.render_qweb_html(wizard.ids)[0].decode("utf-8")
        for html_text in (wizard.figures_html, html):
            for section in figures["sections"]:
                for row in section["rows"]:
                    cell = '<td class="text-right" data-column="total">%s</td>' % \
                        row["display"]["total"]
                    self.assertIn('data-row="%s"' % row["key"], html_text)
                    block = html_text.split('data-row="%s"' % row["key"], 1)[1].split("</tr>")[0]
                    self.assertIn(cell, block, row["key"])
        self.assertIn(figures["date_from_display"], html)  # period on the page
        self.assertIn(figures["date_to_display"], html)
        self.assertIn(figures["generated"], html)
        for name in ("Azubi Test", "Testbetrieb", "Großbetrieb", "Anonymised"):
            self.assertNotIn(name, html, "the report shows aggregates only")
        # XLSX
        book = xlrd.open_workbook(file_contents=self.Figures.to_xlsx(figures))
        sheet = book.sheet_by_index(0)
        header_row = next(r for r in range(sheet.nrows) if sheet.cell_value(r, 1) == "Key")
        total_col = 2 + [c["key"] for c in figures["columns"]].index("total")
        xlsx = {sheet.cell_value(r, 1): sheet.cell_value(r, total_col)
                for r in range(header_row + 1, sheet.nrows) if sheet.cell_value(r, 1)}
        for key, value in expected.items():
            if value is None:
                self.assertEqual(xlsx[key], "", key)
            else:
                self.assertAlmostEqual(xlsx[key], value, places=2, msg=key)
        self.assertEqual(len(xlsx), sum(len(s["rows"]) for s in figures["sections"]))

    def test_pdf_renders(self):
        wizard = self.env["qnetz.report.wizard"].create({
            "date_from": PERIOD[0], "date_to": PERIOD[1],
            "district_ids": [(6, 0, self.district_hol.ids)]})
        action = wizard.action_print_pdf()
        self.assertEqual(action["report_name"], "qnetz_courses.report_qnetz_figures")
        report = self.env.ref("qnetz_courses.action_report_qnetz_figures")
        # Odoo renders HTML instead of PDF in test mode unless a report directory is
        # configured; with one, wkhtmltopdf really runs (and nothing is committed)
        with tempfile.TemporaryDirectory() as directory, \
                patch.dict(config.options, {"test_report_directory": directory}):
            pdf, fmt = report.render_qweb_pdf(wizard.ids)
        html = report.render_qweb_html(wizard.ids)[0].decode("utf-8")
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertIn(self.district_hol.name, html)
        self.assertIn('class="header"', html)
        self.assertIn('class="footer"', html)
        # Debian's wkhtmltopdf ignores the header and footer, so every table, which
        # never breaks across pages, repeats the period and the generation date: then
        # every page of the PDF carries them.
        figures = self.Figures.compute(*PERIOD)
        # the date only: the minute may turn between the rendering and this line
        expected_texts = (figures["date_from_display"], figures["date_to_display"],
                          figures["generated"].split()[0])
        tables = lxml.html.fromstring(html).xpath("//table[@data-section]")
        self.assertGreater(len(tables), 3)
        for table in tables:
            self.assertIn("page-break-inside: avoid", table.get("style"))
            period_row = table.xpath(".//thead/tr[contains(@class, 'o_qnetz_period_row')]")
            self.assertEqual(len(period_row), 1, table.get("data-section"))
            text = period_row[0].text_content()
            for expected in expected_texts:
                self.assertIn(expected, text, table.get("data-section"))

    def test_pivot_sums_equal_the_figures(self):
        totals = self.Figures.compute(*PERIOD)["totals"]
        measures = {"need_count": "needs", "need_served_count": "needs_served",
                    "course_count": "courses", "participant_count": "participants",
                    "attended_hours": "participant_hours", "certificate_count": "certificates",
                    "amount_gross": "fees_gross", "amount_billed": "fees_billed",
                    "amount_funding": "fees_funding", "amount_open": "fees_open",
                    "amount_provider": "provider_fees"}
        groups = self.env["qnetz.report.analysis"].read_group(
            [("date", ">=", PERIOD[0]), ("date", "<=", PERIOD[1])],
            ["federal_state_id"] + list(measures), ["federal_state_id"])
        for measure, key in measures.items():
            self.assertAlmostEqual(sum(g[measure] for g in groups), totals[key], 2, key)

    def test_pdf_in_german(self):
        wizard = self.env["qnetz.report.wizard"].create({
            "date_from": PERIOD[0], "date_to": PERIOD[1]})
        report = self.env.ref("qnetz_courses.action_report_qnetz_figures")
        html = report.with_context(lang="de_DE").render_qweb_html(wizard.ids)[0].decode("utf-8")
        for text in ("Bericht an den Fördermittelgeber", "Erreichte Betriebe", "davon KMU",
                     "Geflüchtete und Zugewanderte", "Bereich: Fachtheorie",
                     "Zeitraum", "01.01.2024", "31.12.2024", "1.500,00 €", "Gesamt", "ohne Kreis"):
            self.assertIn(text, html)

    def test_export_and_analysis_actions(self):
        wizard = self.env["qnetz.report.wizard"].create({
            "date_from": PERIOD[0], "date_to": PERIOD[1],
            "district_ids": [(6, 0, self.district_hx.ids)]})
        action = wizard.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn("date_from=2024-01-01", action["url"])
        self.assertIn("district_ids=%d" % self.district_hx.id, action["url"])
        analysis = wizard.action_open_analysis()
        rows = self.env["qnetz.report.analysis"].search(analysis["domain"])
        self.assertEqual(sum(rows.mapped("need_count")), 4)
        self.assertEqual(sum(rows.mapped("participant_count")), 2)
        # the pivot's read_group sums the same measures as the dashboard
        groups = self.env["qnetz.report.analysis"].read_group(
            analysis["domain"], ["district_id", "course_count", "attended_hours"], ["district_id"])
        self.assertEqual(groups[0]["course_count"], 1)
        self.assertAlmostEqual(groups[0]["attended_hours"], 12.0)


class TestReportInput(QnetzReportCase):

    def test_reversed_period_refused(self):
        with self.assertRaises(UserError) as caught:
            self.Figures.compute("2024-12-31", "2024-01-01")
        self.assertIn("before the start date", caught.exception.name)
        with self.assertRaises(ValidationError):
            self.env["qnetz.report.wizard"].create(
                {"date_from": "2024-12-31", "date_to": "2024-01-01"})

    def test_reversed_period_message_in_german(self):
        with self.assertRaises(UserError) as caught:
            self.Figures.with_context(lang="de_DE").compute("2024-12-31", "2024-01-01")
        self.assertIn("Zeitraum", caught.exception.name)

    def test_missing_or_invalid_dates_refused(self):
        for date_from, date_to in ((False, "2024-01-01"), ("2024-01-01", None),
                                   ("2024-13-45", "2024-12-31"), ("gestern", "heute")):
            with self.assertRaises(UserError):
                self.Figures.compute(date_from, date_to)

    def test_unknown_district_refused(self):
        with self.assertRaises(UserError) as caught:
            self.Figures.compute(*PERIOD, district_ids=[999999])
        self.assertIn("999999", caught.exception.name)

    def test_dashboard_shows_message_while_period_is_wrong(self):
        wizard = self.env["qnetz.report.wizard"].new(
            {"date_from": "2024-12-31", "date_to": "2024-01-01"})
        self.assertIn("before the start date", wizard.figures_error)
        self.assertFalse(wizard.figures_html)

    def test_period_without_data_says_so(self):
        figures = self.Figures.compute("1990-01-01", "1990-12-31")
        self.assertTrue(figures["empty"])
        self.assertEqual(figures["totals"]["needs"], 0)
        self.assertIsNone(figures["totals"]["needs_median_days"])
        self.assertEqual(figures["totals"]["attendance_rate"], 0.0)
        wizard = self.env["qnetz.report.wizard"].create(
            {"date_from": "1990-01-01", "date_to": "1990-12-31"})
        self.assertTrue(wizard.figures_empty)
        self.assertIn("o_qnetz_figures_empty", wizard.figures_html)
        report = self.env.ref("qnetz_courses.action_report_qnetz_figures")
        html = report.render_qweb_html(wizard.ids)[0].decode("utf-8")
        self.assertIn("There is no data for this period", html)
        book = xlrd.open_workbook(file_contents=self.Figures.to_xlsx(figures))
        texts = [book.sheet_by_index(0).cell_value(r, 0)
                 for r in range(book.sheet_by_index(0).nrows)]
        self.assertTrue(any("no data for this period" in str(t) for t in texts))

    def test_single_day_period(self):
        figures = self.Figures.compute("2024-04-08", "2024-04-08")
        self.assertEqual(figures["totals"]["courses"], 1)
        self.assertEqual(figures["totals"]["needs"], 0)

    def test_median_from_counts(self):
        median = self.Figures._median
        self.assertIsNone(median({}))
        self.assertEqual(median({5: 1}), 5.0)
        self.assertEqual(median({1: 1, 3: 1, 10: 1}), 3.0)
        self.assertEqual(median({1: 2, 10: 2}), 5.5)
        self.assertEqual(median({-2: 1, 4: 3}), 4.0)
