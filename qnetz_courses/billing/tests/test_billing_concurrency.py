import uuid

import odoo
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from ...tests.common import create_begun_course


class TestConcurrentBilling(TransactionCase):
    """Two billing runs in two database transactions at the same time.

    The data must be committed so that both transactions see it; it is removed again
    at the end.
    """

    def setUp(self):
        super(TestConcurrentBilling, self).setUp()
        self.db_registry = odoo.registry(self.env.cr.dbname)
        self.tag = uuid.uuid4().hex[:8]
        with self.db_registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            course, partners = create_begun_course(env, "Parallel", self.tag,
                                                   provider_fee=500.0)
            cr.commit()  # pylint: disable=invalid-commit (two real transactions race)
            self.course_id = course.id
            self.partner_ids = partners.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.db_registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            course = env["event.event"].browse(self.course_id)
            invoices = env["account.invoice"].search([("course_id", "=", course.id)])
            invoices.filtered(lambda i: i.state != "draft").action_invoice_cancel()
            invoices.write({"move_name": False})
            invoices.unlink()
            course.registration_ids.unlink()
            course.unlink()
            env["res.partner"].browse(self.partner_ids).unlink()
            cr.commit()  # pylint: disable=invalid-commit (removes what setUp committed)

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _billed_lines(self, cr):
        cr.execute("""SELECT count(*) FROM account_invoice_line l
                        JOIN event_registration r ON r.id = l.registration_id
                       WHERE r.event_id = %s AND l.line_kind = 'invoice'""",
                   (self.course_id,))
        return cr.fetchone()[0]

    @mute_logger("odoo.sql_db")
    def test_second_concurrent_run_fails_cleanly(self):
        cr1 = self.db_registry.cursor()
        cr2 = self.db_registry.cursor()
        try:
            course1 = self._env(cr1)["event.event"].browse(self.course_id)
            course2 = self._env(cr2)["event.event"].browse(self.course_id)
            first = course1._qnetz_bill_registrations()
            self.assertEqual(len(first.invoice_line_ids), 3)
            # run 2 starts while run 1 has not committed yet
            with self.assertRaisesRegex(UserError, "billing run|Abrechnungslauf"):
                course2._qnetz_bill_registrations()
            with self.assertRaises(UserError):
                course2._qnetz_create_provider_bill()
            cr2.rollback()
            # run 2 took its snapshot before run 1 committed: still refused
            cr2.execute("SELECT 1")
            cr1.commit()
            with self.assertRaises(UserError):
                course2._qnetz_bill_registrations()
            cr2.rollback()
            # a run that starts after the commit finds nothing left to bill
            self.assertFalse(course2._qnetz_bill_registrations())
            cr2.commit()
            self.assertEqual(self._billed_lines(cr2), 3)
        finally:
            cr1.rollback()
            cr2.rollback()
            cr1.close()
            cr2.close()

    @mute_logger("odoo.sql_db")
    def test_unique_line_stops_double_billing_without_locks(self):
        """Even a run that skipped the locks cannot bill a registration twice."""
        cr1 = self.db_registry.cursor()
        cr2 = self.db_registry.cursor()
        try:
            env1, env2 = self._env(cr1), self._env(cr2)
            env1["event.event"].browse(self.course_id)._qnetz_bill_registrations()
            cr1.commit()
            # forge a second billing line for an already billed registration
            line = env2["account.invoice.line"].search(
                [("registration_id.event_id", "=", self.course_id)], limit=1)
            with self.assertRaises(Exception):
                line.copy({"registration_id": line.registration_id.id,
                           "line_kind": "invoice"})
            cr2.rollback()
            self.assertEqual(self._billed_lines(cr2), 3)
        finally:
            cr1.rollback()
            cr2.rollback()
            cr1.close()
            cr2.close()
