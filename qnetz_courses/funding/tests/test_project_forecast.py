import datetime

import xlrd

from ...tests.common import QnetzCoursesCase


class TestProjectForecast(QnetzCoursesCase):
    """Targets against the reporting's actuals and a straight line to the term's end,
    with a fixed 'today' in months 1, 9 and 18 of an 18-month term."""

    @classmethod
    def setUpClass(cls):
        super(TestProjectForecast, cls).setUpClass()
        funder = cls.env["res.partner"].create({"name": "Förderer Prognose", "is_company": True})
        # far from the demo data, which lies around today
        cls.project = cls.env["qnetz.project"].create({
            "name": "Prognoseprojekt", "funder_id": funder.id, "date_start": "2031-01-01"})
        cls.target = cls.env["qnetz.project.target"].create({
            "project_id": cls.project.id, "indicator": "courses", "target_value": 36.0})
        cls.participants = cls.env["qnetz.project.target"].create({
            "project_id": cls.project.id, "indicator": "participants", "target_value": 90.0})
        starts = ["2031-01-08", "2031-01-20", "2031-03-10", "2031-08-04", "2031-09-01",
                  "2032-02-02"]
        for index, start in enumerate(starts):
            course = cls._create_course(
                name="Prognosekurs %d" % index, seats_min=1,
                date_begin="%s 07:00:00" % start, date_end="%s 15:00:00" % start)
            cls._register(course, cls.apprentices[index % 6])
            course.button_confirm()

    def progress(self, day, target=None):
        return (target or self.target)._qnetz_progress(today=day)[(target or self.target).id]

    def test_term(self):
        self.assertEqual(self.project.date_end, "2032-06-30")
        self.assertEqual(self.project.month_count, 18)
        self.assertEqual(self.project._qnetz_month_index("2031-01-31"), 1)
        self.assertEqual(self.project._qnetz_month_index("2031-09-15"), 9)
        self.assertEqual(self.project._qnetz_month_index("2032-06-30"), 18)

    def test_month_1(self):
        values = self.progress(datetime.date(2031, 1, 25))
        self.assertEqual(values["month"], 1)
        self.assertEqual(values["actual"], 2.0, "two courses began in January")
        self.assertEqual(values["forecast"], 36.0, "2 a month for 18 months")
        self.assertEqual(values["target_to_date"], 2.0)
        self.assertEqual(values["ratio"], 100.0)
        # a course after 'today' does not count yet
        self.assertEqual(self.progress(datetime.date(2031, 1, 10))["actual"], 1.0)

    def test_month_9(self):
        values = self.progress(datetime.date(2031, 9, 15))
        self.assertEqual(values["month"], 9)
        self.assertEqual(values["actual"], 5.0)
        self.assertEqual(values["forecast"], 10.0, "5 in 9 months: 10 in 18")
        self.assertEqual(values["target_to_date"], 18.0)
        self.assertAlmostEqual(values["ratio"], 27.8, places=1)
        people = self.progress(datetime.date(2031, 9, 15), self.participants)
        self.assertEqual(people["actual"], 5.0)
        self.assertEqual(people["forecast"], 10.0)

    def test_month_18_and_after(self):
        values = self.progress(datetime.date(2032, 6, 20))
        self.assertEqual(values["month"], 18)
        self.assertEqual(values["actual"], 6.0)
        self.assertEqual(values["forecast"], 6.0, "the last month: the forecast is the actual")
        self.assertEqual(values["target_to_date"], 36.0)
        after = self.progress(datetime.date(2033, 1, 1))
        self.assertEqual((after["month"], after["actual"], after["forecast"]), (18, 6.0, 6.0))
        before = self.progress(datetime.date(2030, 12, 1))
        self.assertEqual((before["actual"], before["forecast"]), (0.0, 0.0))

    def test_computed_fields_take_today_from_the_context(self):
        target = self.target.with_context(qnetz_today="2031-09-15")
        self.assertEqual(target.forecast_value, 10.0)
        self.assertEqual(target.month_elapsed, 9)

    def test_monthly_series_for_the_graph(self):
        Actual = self.env["qnetz.project.actual"]
        Actual._qnetz_refresh(self.project, today=datetime.date(2031, 9, 15))
        rows = Actual.search([("project_id", "=", self.project.id),
                              ("target_id", "=", self.target.id)])
        series = {(row.kind, row.month_index): row.value for row in rows}
        self.assertEqual(len([key for key in series if key[0] == "target"]), 18)
        self.assertEqual(series[("target", 18)], 36.0)
        self.assertEqual(series[("actual", 1)], 2.0)
        self.assertEqual(series[("actual", 3)], 3.0)
        self.assertEqual(series[("actual", 9)], 5.0)
        self.assertNotIn(("actual", 10), series)
        self.assertEqual(series[("forecast", 18)], 10.0)
        self.assertNotIn(("forecast", 8), series)
        # the graph groups the series per month
        groups = Actual.read_group([("target_id", "=", self.target.id)], ["value", "month", "kind"],
                                   ["month:month", "kind"], lazy=False)
        self.assertTrue(groups)

    def test_report_rows(self):
        rows = self.project.target_ids._qnetz_report_rows(today=datetime.date(2031, 9, 15))
        row = [r for r in rows if r["key"] == "courses"][0]
        self.assertEqual((row["target"], row["actual"], row["forecast"]), (36.0, 5.0, 10.0))

    def test_funders_pdf_and_xlsx_show_target_actual_forecast(self):
        wizard = self.env["qnetz.report.wizard"].create({
            "date_from": "2031-01-01", "date_to": "2031-09-15",
            "project_id": self.project.id})
        figures = wizard._get_figures()
        rows = {row["key"]: row for row in figures["targets"]["rows"]}
        self.assertEqual(figures["targets"]["month"], 9)
        self.assertEqual((rows["courses"]["actual"], rows["courses"]["forecast"]), (5.0, 10.0))
        report = self.env.ref("qnetz_courses.action_report_qnetz_figures")
        html = report.render_qweb_html(wizard.ids)[0].decode("utf-8")
        self.assertIn("Prognoseprojekt", html)
        self.assertIn('data-row="courses"', html)
        self.assertIn("Prognose / Ziel", html, "the table reads German")
        content = self.env["qnetz.report.figures"].to_xlsx(figures)
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(1)
        values = {sheet.cell_value(r, 1): [sheet.cell_value(r, c) for c in range(2, 7)]
                  for r in range(4, sheet.nrows)}
        self.assertEqual(values["courses"], [36.0, 18.0, 5.0, 10.0, 27.8])
        # without a project the report is as before
        wizard.project_id = False
        self.assertNotIn("targets", wizard._get_figures())
        url = wizard.action_export_xlsx()["url"]
        self.assertNotIn("project_id", url)
        wizard.project_id = self.project
        self.assertIn("project_id=%d" % self.project.id, wizard.action_export_xlsx()["url"])
