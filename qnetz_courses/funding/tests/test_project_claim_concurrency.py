import uuid

from dateutil.relativedelta import relativedelta

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from ...tests.common import create_begun_course


class TestConcurrentClaims(TransactionCase):
    """Two claim runs in two database transactions at the same time (as the billing runs
    in test_billing_concurrency.py). The data is committed and removed at the end."""

    def setUp(self):
        super(TestConcurrentClaims, self).setUp()
        self.db_registry = odoo.registry(self.env.cr.dbname)
        self.tag = uuid.uuid4().hex[:8]
        with self.db_registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            funder = env["res.partner"].create({"name": "Anspruchsfoerderer %s" % self.tag,
                                                "is_company": True})
            project = env["qnetz.project"].create({
                "name": "Anspruchsprojekt %s" % self.tag, "funder_id": funder.id,
                "date_start": "2031-01-01", "claim_period": "month"})
            course, partners = create_begun_course(env, "Anspruchs", self.tag,
                                                   funding_share=33.33, project_id=project.id)
            invoices = course._qnetz_bill_registrations()
            # validated as far as a claim asks (state and date); posting them would need
            # a journal that allows cancelling to clean up
            cr.execute("UPDATE account_invoice SET state = 'open', date_invoice = current_date "
                       "WHERE id IN %s", (tuple(invoices.ids),))
            cr.commit()  # pylint: disable=invalid-commit (two real transactions race)
            self.course_id = course.id
            self.project_id = project.id
            self.analytic_id = project.analytic_account_id.id
            self.partner_ids = (partners | funder).ids
        today = fields.Date.from_string(fields.Date.context_today(self.env["qnetz.project"]))
        self.today = today.replace(day=1) + relativedelta(months=1, days=1)
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.db_registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            course = env["event.event"].browse(self.course_id)
            project = env["qnetz.project"].browse(self.project_id)
            claims = env["qnetz.funder.claim"].search([("project_id", "=", project.id)])
            invoices = env["account.invoice"].search(
                ["|", ("course_id", "=", course.id),
                 ("funder_claim_id", "in", claims.ids)])
            claims.mapped("part_ids").unlink()
            claims.write({"invoice_id": False})
            invoices.write({"funder_claim_id": False})
            claims.unlink()
            cr.execute("UPDATE account_invoice SET state = 'draft', move_name = NULL "
                       "WHERE id IN %s", (tuple(invoices.ids),))
            invoices.invalidate_cache()
            invoices.unlink()
            course.registration_ids.unlink()
            course.unlink()
            project.unlink()
            env["account.analytic.account"].browse(self.analytic_id).unlink()
            env["res.partner"].browse(self.partner_ids).unlink()
            cr.commit()  # pylint: disable=invalid-commit (removes what setUp committed)

    def _run(self, cr):
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        return env["qnetz.funder.claim"]._qnetz_claim_run(
            env["qnetz.project"].browse(self.project_id), today=self.today)

    def _claimed(self, cr):
        cr.execute("SELECT count(*), sum(amount) FROM qnetz_funder_claim_part "
                   "WHERE event_id = %s", (self.course_id,))
        return cr.fetchone()

    @mute_logger("odoo.sql_db")
    def test_second_concurrent_run_fails_cleanly(self):
        cr1 = self.db_registry.cursor()
        cr2 = self.db_registry.cursor()
        try:
            first = self._run(cr1)
            self.assertEqual(len(first), 1)
            # run 2 starts while run 1 has not committed yet
            with self.assertRaisesRegex(UserError, "billing run|Abrechnungslauf"):
                self._run(cr2)
            cr2.rollback()
            cr2.execute("SELECT 1")  # run 2's snapshot is taken before run 1 commits
            cr1.commit()
            with self.assertRaises(UserError):
                self._run(cr2)
            cr2.rollback()
            # a run that starts after the commit finds nothing left to claim
            self.assertFalse(self._run(cr2))
            cr2.commit()
            count, amount = self._claimed(cr2)
            self.assertEqual(count, 3)
            self.assertAlmostEqual(float(amount), 99.99, places=2)
        finally:
            cr1.rollback()
            cr2.rollback()
            cr1.close()
            cr2.close()
