import datetime

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools import mute_logger

from ...tests.common import QnetzCoursesCase


class TestProjectClaims(QnetzCoursesCase):
    """The funded project: its term and analytic account, claiming the funded share from
    the funders, and the reconciliation of every course to the cent."""

    @classmethod
    def setUpClass(cls):
        super(TestProjectClaims, cls).setUpClass()
        Partner = cls.env["res.partner"]
        cls.funder = Partner.create({"name": "Förderstelle Test", "is_company": True})
        cls.agency = Partner.create({"name": "Agentur für Arbeit Test", "is_company": True})
        cls.project = cls.env["qnetz.project"].create({
            "name": "Testprojekt", "programme": "Land(auf)Schwung",
            "funder_id": cls.funder.id, "date_start": "2026-01-01",
            "claim_period": "month", "claim_mode": "invoice"})
        today = fields.Date.from_string(fields.Date.context_today(cls.project))
        # a day in the month after the invoices are validated (today): that month is past
        cls.next_month = today.replace(day=1) + relativedelta(months=1, days=3)

    def _course_with(self, count, **values):
        values.setdefault("project_id", self.project.id)
        # each course on a day of its own: their sessions share the venue
        day = len(self.env["event.event"].search([("name", "=", "Hydraulik Grundlagen")])) + 1
        values.setdefault("date_begin", "2030-03-%02d 07:00:00" % day)
        values.setdefault("date_end", "2030-03-%02d 15:00:00" % day)
        course = self._create_course(seats_min=1, seats_max=10, **values)
        registrations = self.env["event.registration"]
        for apprentice in self.apprentices[:count]:
            registrations |= self._register(course, apprentice)
        course.button_confirm()
        self._begin(course)
        return course, registrations

    def _bill(self, courses):
        documents = courses._qnetz_bill_registrations()
        documents.action_invoice_open()
        return documents

    def _claim(self, project=None, today=None):
        return self.env["qnetz.funder.claim"]._qnetz_claim_run(
            project or self.project, today=today or self.next_month)

    def _reconciliation(self, courses):
        self.env["qnetz.course.reconciliation"].invalidate_cache()
        records = self.env["qnetz.course.reconciliation"].browse(courses.ids)
        return {record.event_id: record for record in records}

    def test_course_list_of_a_project_pre_fills_it_on_create(self):
        action = self.project.action_view_courses()
        defaults = self.env["event.event"].with_context(**action["context"]).default_get(
            ["project_id"])
        self.assertEqual(defaults.get("project_id"), self.project.id)

    def test_project_term_analytic_account_and_funder(self):
        land = self.env["res.partner"].create({"name": "Landesförderung", "is_company": True})
        project = self.env["qnetz.project"].create({
            "name": "Achtzehn Monate", "funder_id": land.id, "date_start": "2026-03-01"})
        self.assertEqual(project.date_end, "2027-08-31")
        self.assertEqual(project.month_count, 18)
        self.assertTrue(project.analytic_account_id)
        course, _regs = self._course_with(2, project_id=project.id, funding_share=50.0)
        self.assertEqual(course.funder_id, land, "the funding body by default")
        other, _regs = self._course_with(1, project_id=project.id,
                                         funder_id=self.agency.id)
        self.assertEqual(other.funder_id, self.agency)
        # moved to another project: the funder follows, unless the course names its own
        (course | other).write({"project_id": self.project.id})
        self.assertEqual(course.funder_id, self.funder)
        self.assertEqual(other.funder_id, self.agency)
        course.project_id = project
        # a course without a project finds the one whose term holds its start
        found = self._create_course(date_begin="2026-05-04 07:00:00",
                                    date_end="2026-05-20 15:00:00")
        self.assertTrue(found.project_id)
        self.assertLessEqual(found.project_id.date_start, "2026-05-04")
        self.assertGreaterEqual(found.project_id.date_end, "2026-05-04")

        invoices = course._qnetz_bill_registrations()
        bill = course._qnetz_create_provider_bill()
        analytic = project.analytic_account_id
        lines = (invoices | bill).mapped("invoice_line_ids")
        self.assertTrue(lines)
        self.assertEqual(lines.mapped("account_analytic_id"), analytic)
        # a participant added later joins the draft: the new line carries it too
        late = self._register(course, self.apprentices[3])
        course._qnetz_bill_registrations()
        late_line = self.env["account.invoice.line"].search(
            [("registration_id", "=", late.id)])
        self.assertEqual(late_line.account_analytic_id, analytic)
        invoices.action_invoice_open()
        self.assertTrue(self.env["account.analytic.line"].search(
            [("account_id", "=", analytic.id)]), "Odoo's analytic reports see the income")

    def test_claims_and_reconciliation_to_the_cent(self):
        courses = {}
        courses["pp_0"], _r = self._course_with(3, fee_amount=250.0, funding_share=0.0)
        courses["pp_33"], _r = self._course_with(3, fee_amount=100.0, funding_share=33.33)
        courses["pp_100"], _r = self._course_with(2, fee_amount=80.0, funding_share=100.0)
        courses["total_33"], _r = self._course_with(
            3, fee_model="total", fee_amount=1000.0, funding_share=33.33)
        courses["total_100"], _r = self._course_with(
            3, fee_model="total", fee_amount=999.99, funding_share=100.0)
        all_courses = self.env["event.event"].browse([c.id for c in courses.values()])
        self._bill(all_courses)
        rec = self._reconciliation(all_courses)
        self.assertTrue(rec[courses["pp_0"]].reconciled)
        for key in ("pp_33", "pp_100", "total_33", "total_100"):
            self.assertFalse(rec[courses[key]].reconciled, key)
            self.assertEqual(rec[courses[key]].reason, "unclaimed", key)

        # nothing of the current month is claimed before the month is over
        self.assertFalse(self._claim(today=fields.Date.context_today(self.project)))
        claims = self._claim()
        self.assertEqual(len(claims), 1, "one claim per funder and month")
        claim = claims
        self.assertEqual(claim.funder_id, self.funder)
        by_course = {line.event_id: line for line in claim.line_ids}
        self.assertNotIn(courses["pp_0"], by_course, "nothing funded, nothing claimed")
        # 100 × 33.33 % per participant: companies 66.67, funding 33.33 each
        self.assertEqual(by_course[courses["pp_33"]].amount, 99.99)
        self.assertEqual(by_course[courses["pp_33"]].part_count, 3)
        self.assertEqual(by_course[courses["pp_100"]].amount, 160.0)
        # total 1000, companies 66.67 % = 666.70 split to the cent; the funders the rest
        self.assertEqual(by_course[courses["total_33"]].amount, 333.30)
        self.assertEqual(by_course[courses["total_100"]].amount, 999.99)
        self.assertAlmostEqual(claim.amount_total, 99.99 + 160.0 + 333.30 + 999.99, places=2)

        invoice = claim.invoice_id
        self.assertEqual(invoice.type, "out_invoice")
        self.assertEqual(invoice.partner_id, self.funder)
        self.assertEqual(invoice.funder_claim_id, claim)
        self.assertEqual(len(invoice.invoice_line_ids), 4, "line by line per course")
        self.assertAlmostEqual(invoice.amount_total, claim.amount_total, places=2)
        self.assertEqual(invoice.amount_tax, 0.0)
        tax = self.env.ref("qnetz_courses.tax_exempt_education_sale")
        self.assertEqual(invoice.invoice_line_ids.mapped("invoice_line_tax_ids"), tax)
        self.assertTrue(invoice._qnetz_is_education_exempt())
        self.assertEqual(invoice.invoice_line_ids.mapped("account_analytic_id"),
                         self.project.analytic_account_id)

        rec = self._reconciliation(all_courses)
        for key, course in courses.items():
            record = rec[course]
            self.assertTrue(record.reconciled, key)
            self.assertEqual(record.difference, 0.0, key)
            self.assertFalse(record.reason, key)
            self.assertAlmostEqual(record.company_amount + record.funding_claimed,
                                   record.fee_due, places=2)
        self.assertEqual(rec[courses["total_33"]].company_amount, 666.70)
        self.assertEqual(rec[courses["total_33"]].fee_due, 1000.0)
        self.assertEqual(rec[courses["pp_0"]].provider_cost, 0.0)

        # the project's sums: the same view, over its courses (the demo's are elsewhere)
        project = self.project
        project.invalidate_cache()
        self.assertAlmostEqual(project.fee_due_total, sum(r.fee_due for r in rec.values()),
                               places=2)
        self.assertAlmostEqual(project.company_amount_total + project.funding_claimed_total,
                               project.fee_due_total, places=2)
        self.assertEqual(project.difference_total, 0.0)
        self.assertEqual(project.unreconciled_count, 0)

        # idempotent: a second run claims nothing
        self.assertFalse(self._claim())
        self.assertFalse(self._claim(today=self.next_month + relativedelta(months=2)))

    def test_credit_notes_after_cancellations(self):
        per_participant, regs = self._course_with(3, fee_amount=100.0, funding_share=33.33)
        total, total_regs = self._course_with(
            3, fee_model="total", fee_amount=1000.0, funding_share=33.33)
        both = per_participant | total
        self._bill(both)
        first = self._claim()
        self.assertAlmostEqual(first.amount_total, 99.99 + 333.30, places=2)

        regs[0].action_cancel_registration()
        total_regs[0].action_cancel_registration()
        rec = self._reconciliation(both)
        self.assertEqual(rec[per_participant].reason, "cancelled", "billed, not credited")
        refunds = self._bill(both)
        self.assertEqual(set(refunds.mapped("type")), {"out_refund"})
        rec = self._reconciliation(both)
        self.assertEqual(rec[per_participant].reason, "unclaimed")
        self.assertAlmostEqual(rec[per_participant].difference, -33.33, places=2)

        later = self.next_month + relativedelta(months=1)
        credit = self._claim(today=later)
        self.assertEqual(len(credit), 1)
        self.assertAlmostEqual(credit.amount_total, -(33.33 + 111.10), places=2)
        self.assertEqual(credit.invoice_id.type, "out_refund")
        self.assertAlmostEqual(credit.invoice_id.amount_total, 33.33 + 111.10, places=2)

        rec = self._reconciliation(both)
        self.assertTrue(rec[per_participant].reconciled)
        self.assertEqual(rec[per_participant].company_amount, 133.34)
        self.assertEqual(rec[per_participant].funding_claimed, 66.66)
        # the total price was split over three: two shares remain billed, not the total
        self.assertFalse(rec[total].reconciled)
        self.assertEqual(rec[total].reason, "cancelled")
        # 1000 − companies (666.70 − 222.24) − funders (333.30 − 111.10)
        self.assertAlmostEqual(rec[total].difference, 333.34, places=2)
        self.assertFalse(self._claim(today=later))

    def test_reasons_not_billed_and_credit_note(self):
        unbilled, _regs = self._course_with(2, fee_amount=100.0, funding_share=50.0)
        credited, _regs = self._course_with(2, fee_amount=100.0, funding_share=50.0)
        invoice = self._bill(credited)
        self._claim()
        invoice.refund().action_invoice_open()
        rec = self._reconciliation(unbilled | credited)
        self.assertEqual(rec[unbilled].reason, "not_billed")
        self.assertEqual(rec[unbilled].fee_due, 200.0)
        self.assertEqual(rec[credited].reason, "credit_note")
        # the funder's share of the credit note is credited on the next claim
        self.assertAlmostEqual(self._claim(today=self.next_month + relativedelta(
            months=1)).amount_total, -100.0, places=2)
        listed = self.env["qnetz.course.reconciliation"].search(
            [("reconciled", "=", False), ("event_id", "in", (unbilled | credited).ids)])
        self.assertEqual(listed.mapped("event_id"), unbilled | credited)
        # a group of courses adds up money, not the courses' funding shares
        group = self.env["qnetz.course.reconciliation"].read_group(
            [("event_id", "in", (unbilled | credited).ids)],
            ["project_id", "funding_share", "fee_due"], ["project_id"])[0]
        self.assertNotIn("funding_share", group)
        self.assertIn("fee_due", group)

    def test_claim_at_course_end_and_other_funder_as_document(self):
        project = self.env["qnetz.project"].create({
            "name": "Kursende", "funder_id": self.funder.id, "date_start": "2026-01-01",
            "claim_period": "course_end", "claim_mode": "document"})
        course, _regs = self._course_with(2, project_id=project.id,
                                          funder_id=self.agency.id,
                                          fee_amount=120.0, funding_share=25.0)
        self._bill(course)
        today = fields.Date.context_today(project)
        self.assertFalse(self._claim(project, today), "the course is still running")
        course.button_done()
        claim = self._claim(project, today)
        self.assertEqual(claim.funder_id, self.agency, "the course's own funder pays")
        self.assertEqual(claim.amount_total, 60.0)
        self.assertFalse(claim.invoice_id, "a claim document, no invoice")
        self.assertFalse(self._claim(project, today))
        report = self.env.ref("qnetz_courses.action_report_qnetz_funder_claim")
        html = report.render_qweb_html(claim.ids)[0]
        self.assertIn(course.name.encode(), html)

    @mute_logger("odoo.sql_db")
    def test_database_refuses_a_part_claimed_twice(self):
        course, _regs = self._course_with(1, fee_amount=100.0, funding_share=50.0)
        self._bill(course)
        claim = self._claim()
        part = claim.part_ids
        self.assertEqual(len(part), 1)
        with self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self.env["qnetz.funder.claim.part"].create({
                    "claim_id": claim.id, "claim_line_id": claim.line_ids.id,
                    "source_line_id": part.source_line_id.id, "event_id": course.id,
                    "amount": 50.0})

    def test_milestone_activities_once(self):
        coordinator = self.env.ref("qnetz_base.user_coordinator_demo")
        project = self.env["qnetz.project"].create({
            "name": "Fristen", "funder_id": self.funder.id, "date_start": "2026-01-01",
            "coordinator_id": coordinator.id, "activity_days": 14})
        Milestone = self.env["qnetz.project.milestone"]
        soon = Milestone.create({"project_id": project.id, "name": "1. Zwischenbericht",
                                 "kind": "interim_report", "date_deadline": "2026-07-10"})
        later = Milestone.create({"project_id": project.id, "name": "Verwendungsnachweis",
                                  "kind": "final_report", "date_deadline": "2027-09-30"})
        done = Milestone.create({"project_id": project.id, "name": "Auftakt",
                                 "date_deadline": "2026-07-01", "done": True})
        today = datetime.date(2026, 6, 30)
        reminded = Milestone._qnetz_cron_activities(today=today)
        self.assertIn(soon, reminded)
        self.assertNotIn(later, reminded)
        self.assertNotIn(done, reminded)
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "qnetz.project"), ("res_id", "=", project.id)])
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, coordinator)
        self.assertEqual(activity.date_deadline, "2026-07-10")
        self.assertIn("1. Zwischenbericht", activity.summary)
        # the next day's run, and after the activity was marked done, remind nobody again
        activity.action_done()
        self.assertFalse(Milestone._qnetz_cron_activities(today=today)
                         & (soon | later | done))
        self.assertIn(later, Milestone._qnetz_cron_activities(today=datetime.date(2027, 9, 20)))

    def test_the_coordinator_claims_from_the_project(self):
        coordinator = self.env.ref("qnetz_base.user_coordinator_demo")
        course, _regs = self._course_with(2, fee_amount=90.0, funding_share=50.0)
        self._bill(course)
        project = self.project.sudo(coordinator).with_context(
            qnetz_today=fields.Date.to_string(self.next_month))
        action = project.action_claim_funding()
        claim = self.env["qnetz.funder.claim"].search(action["domain"])
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.amount_total, 90.0)
        self.assertEqual(claim.create_uid, self.env.ref("base.user_root"))
        self.assertTrue(claim.sudo(coordinator).invoice_id.invoice_line_ids)
        # nothing new: the action says so
        self.assertIn("nichts Neues", project.action_claim_funding()["help"])
        project.action_refresh_actuals()
        records = self.env["qnetz.course.reconciliation"].sudo(coordinator).search(
            [("event_id", "=", course.id)])
        self.assertTrue(records.reconciled)
