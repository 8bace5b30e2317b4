import xlrd

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError
from odoo.tests.common import HttpCase, TransactionCase
from odoo.tools import mute_logger
from ...spine.course_time import course_today

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TestReportAccessOrm(TransactionCase):

    def setUp(self):
        super(TestReportAccessOrm, self).setUp()
        self.coordinator = self.env.ref("qnetz_base.user_coordinator_demo")
        self.portal = self.env.ref("qnetz_base.user_company_portal_demo")
        self.network_user = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Netzwerk Leserin", "login": "leserin_report", "password": "leserin_report",
            "groups_id": [(6, 0, [self.env.ref("qnetz_base.group_qnetz_user").id])]})

    def test_only_network_users_compute_the_figures(self):
        figures = self.env["qnetz.report.figures"].sudo(self.coordinator).compute(
            "2024-01-01", "2024-12-31")
        self.assertIn("totals", figures)
        # the network user's overview: the same aggregates, but not the analysis rows
        same = self.env["qnetz.report.figures"].sudo(self.network_user).compute(
            "2024-01-01", "2024-12-31")
        self.assertEqual(same["totals"], figures["totals"])
        self.assertTrue(self.env["qnetz.report.wizard"].sudo(self.network_user).create(
            {"date_from": "2024-01-01", "date_to": "2024-12-31"}).figures_html)
        self.assertFalse(self.env["qnetz.report.analysis"].sudo(
            self.network_user).check_access_rights("read", raise_exception=False))
        for user in (self.portal,):
            with self.assertRaises(AccessError):
                self.env["qnetz.report.figures"].sudo(user).compute("2024-01-01", "2024-12-31")
            with self.assertRaises(AccessError):
                self.env["qnetz.report.wizard"].sudo(user).create(
                    {"date_from": "2024-01-01", "date_to": "2024-12-31"})
            self.assertFalse(self.env["qnetz.report.analysis"].sudo(user).check_access_rights(
                "read", raise_exception=False))

    def test_analysis_rule_hides_rows_even_with_an_acl(self):
        """If some other addon granted network users an ACL on the analysis, the global
        record rule still keeps its rows from them."""
        self.env["ir.model.access"].create({
            "name": "test leak", "model_id": self.env["ir.model"]._get("qnetz.report.analysis").id,
            "group_id": self.env.ref("qnetz_base.group_qnetz_user").id, "perm_read": True})
        Analysis = self.env["qnetz.report.analysis"]
        self.assertTrue(Analysis.sudo(self.coordinator).search([], limit=1))
        self.assertTrue(Analysis.sudo(self.network_user).check_access_rights(
            "read", raise_exception=False))
        self.assertFalse(Analysis.sudo(self.network_user).search([]))

    def test_others_cannot_print_a_coordinators_report(self):
        wizard = self.env["qnetz.report.wizard"].sudo(self.coordinator).create(
            {"date_from": "2024-01-01", "date_to": "2024-12-31"})
        report = self.env.ref("qnetz_courses.action_report_qnetz_figures")
        self.assertTrue(report.sudo(self.coordinator).render_qweb_html(wizard.ids)[0])
        for user in (self.portal, self.network_user):
            with self.assertRaises(AccessError):
                report.sudo(user).render_qweb_html(wizard.ids)
        with self.assertRaises(AccessError):
            report.sudo(self.portal).render_qweb_html(
                [], data={"date_from": "2024-01-01", "date_to": "2024-12-31"})

    def test_menu_and_report_action_for_network_users(self):
        menu = self.env.ref("qnetz_courses.menu_qnetz_report")
        self.assertIn(self.env.ref("qnetz_base.group_qnetz_user"), menu.groups_id)
        analysis = self.env.ref("qnetz_courses.menu_qnetz_report_analysis")
        self.assertEqual(self.env.ref("qnetz_base.group_qnetz_coordinator"), analysis.groups_id)
        report = self.env.ref("qnetz_courses.action_report_qnetz_figures")
        self.assertIn(self.env.ref("qnetz_base.group_qnetz_user"), report.groups_id)


class TestReportHttp(HttpCase):

    def setUp(self):
        super(TestReportHttp, self).setUp()
        # In Odoo 11 the requests run on the registry's test cursor, not on self.cr:
        # the data they must see is created there (and rolled back with it).
        self.tenv = env = api.Environment(
            self.registry.test_cr, SUPERUSER_ID, {"tracking_disable": True})
        company = env["res.partner"].create({
            "name": "HTTP-Testbetrieb Nieheim", "is_company": True, "is_training_company": True,
            "district_id": env.ref("qnetz_base.district_hoexter").id,
            "employee_count": 9})
        self.need = env["qnetz.need"].create(
            {"partner_id": company.id, "area": "theory", "topic": "Messtechnik"})
        # the figures' days are the network's (after 23:00 UTC, Berlin's is the next one)
        self.today = course_today()

    def _url(self, date_from=None, date_to=None, **extra):
        params = {"date_from": date_from or self.today, "date_to": date_to or self.today}
        params.update(extra)
        return "/qnetz/report/xlsx?" + "&".join("%s=%s" % item for item in params.items())

    def test_coordinator_downloads_the_same_figures(self):
        self.authenticate("koordination", "koordination")
        response = self.url_open(self._url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX_TYPE)
        figures = self.tenv["qnetz.report.figures"].compute(self.today, self.today)
        sheet = xlrd.open_workbook(file_contents=response.content).sheet_by_index(0)
        total_col = 2 + len(figures["columns"]) - 1
        values = {sheet.cell_value(r, 1): sheet.cell_value(r, total_col)
                  for r in range(sheet.nrows) if sheet.cell_value(r, 1)}
        self.assertGreaterEqual(values["needs"], 1)
        for key in ("companies", "needs", "needs_area_theory", "young_people", "courses"):
            self.assertEqual(values[key], figures["totals"][key], key)

    def test_coordinator_bad_period_gets_a_message(self):
        self.authenticate("koordination", "koordination")
        response = self.url_open(self._url("2024-12-31", "2024-01-01"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Zeitraum", response.text)
        response = self.url_open(self._url("kaputt", "2024-01-01"))
        self.assertEqual(response.status_code, 400)
        response = self.url_open(self._url(district_ids="x,y"))
        self.assertEqual(response.status_code, 400)
        response = self.url_open(self._url(district_ids="999999"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("999999", response.text)
        response = self.url_open("/qnetz/report/xlsx")
        self.assertEqual(response.status_code, 400)

    def test_portal_user_cannot_export(self):
        self.authenticate("betrieb", "betrieb")
        response = self.url_open(self._url())
        self.assertEqual(response.status_code, 403)
        self.assertNotEqual(response.headers.get("Content-Type"), XLSX_TYPE)

    def test_anonymous_visitor_is_sent_to_login(self):
        response = self.url_open(self._url())
        self.assertNotEqual(response.headers.get("Content-Type"), XLSX_TYPE)
        self.assertIn("/web/login", response.url)

    def test_portal_user_cannot_print_the_report(self):
        coordinator = self.tenv.ref("qnetz_base.user_coordinator_demo")
        wizard = self.tenv["qnetz.report.wizard"].sudo(coordinator).create(
            {"date_from": self.today, "date_to": self.today})
        self.authenticate("betrieb", "betrieb")
        with mute_logger("odoo.http", "odoo.addons.web.controllers.main"):
            response = self.url_open(
                "/report/pdf/qnetz_courses.report_qnetz_figures/%d" % wizard.id)
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(response.content.startswith(b"%PDF"))
        with mute_logger("odoo.http", "odoo.addons.web.controllers.main"):
            response = self.url_open(
                "/report/html/qnetz_courses.report_qnetz_figures/%d" % wizard.id)
        self.assertNotIn(b"o_qnetz_figures", response.content)
