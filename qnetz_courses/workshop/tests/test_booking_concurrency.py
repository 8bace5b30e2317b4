import threading
import uuid

import odoo
from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from odoo.addons.qnetz_base.tests.tags import tagged

from .workshop_fixture import create_workshop


@tagged("commit")
class TestConcurrentMachineBookings(TransactionCase):
    """Two transactions book the same machine for overlapping times at the same time: the
    database's exclusion constraint lets one through and refuses the other, although
    neither saw the other's booking when it checked. The data is committed and removed at
    the end."""

    def setUp(self):
        super(TestConcurrentMachineBookings, self).setUp()
        self.db_registry = odoo.registry(self.env.cr.dbname)
        tag = uuid.uuid4().hex[:8]
        with self.db_registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            owner = env["res.partner"].create({"name": "Werkstatttraeger %s" % tag,
                                               "is_company": True,
                                               "is_education_provider": True})
            workshop = create_workshop(env, "Parallelwerkstatt %s" % tag, owner, [
                ("machine_type_cnc_lathe", "Drehmaschine %s" % tag, 1, 20.0)])
            cr.commit()  # pylint: disable=invalid-commit (two real transactions race)
            self.machine_id = workshop.machine_ids.id
            self.workshop_id = workshop.id
            self.calendar_id = workshop.calendar_id.id
            self.owner_id = owner.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.db_registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["qnetz.machine.booking"].search([("machine_id", "=", self.machine_id)]).unlink()
            workshop = env["qnetz.workshop"].browse(self.workshop_id)
            resource = workshop.machine_ids.resource_id
            workshop.machine_ids.unlink()
            resource.unlink()
            workshop.unlink()
            env["resource.calendar"].browse(self.calendar_id).unlink()
            env["res.partner"].browse(self.owner_id).unlink()
            cr.commit()  # pylint: disable=invalid-commit (removes what setUp committed)

    def _book(self, cr, start, stop):
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        return env["qnetz.machine.booking"].create({
            "machine_id": self.machine_id, "kind": "practice",
            "date_start": start, "date_stop": stop})

    def _count(self, cr):
        cr.execute("SELECT count(*) FROM qnetz_machine_booking WHERE machine_id = %s "
                   "AND state != 'cancel'", (self.machine_id,))
        return cr.fetchone()[0]

    @mute_logger("odoo.sql_db")
    def test_second_transaction_is_refused_when_the_first_commits(self):
        cr1 = self.db_registry.cursor()
        cr2 = self.db_registry.cursor()
        outcome = {}

        def second():
            try:
                with api.Environment.manage():
                    self._book(cr2, "2031-03-04 13:00:00", "2031-03-04 15:00:00")
                    outcome["second"] = "booked"
            except ValidationError as error:
                outcome["second"] = error.name
        try:
            self._book(cr1, "2031-03-04 12:00:00", "2031-03-04 14:00:00")
            # the second insert waits for the first transaction: it cannot know yet
            # whether the first booking will stay
            thread = threading.Thread(target=second)
            thread.start()
            thread.join(1.0)
            self.assertTrue(thread.is_alive(), "the second booking did not wait for the first")
            cr1.commit()
            thread.join(30)
            self.assertFalse(thread.is_alive())
            self.assertIn("already booked", outcome["second"])
            cr2.rollback()
            # the same machine right after the first booking is free
            self._book(cr2, "2031-03-04 14:00:00", "2031-03-04 16:00:00")
            cr2.commit()
            self.assertEqual(self._count(cr2), 2)
        finally:
            cr1.rollback()
            cr2.rollback()
            cr1.close()
            cr2.close()

    @mute_logger("odoo.sql_db")
    def test_second_transaction_books_when_the_first_rolls_back(self):
        cr1 = self.db_registry.cursor()
        cr2 = self.db_registry.cursor()
        outcome = {}

        def second():
            try:
                with api.Environment.manage():
                    self._book(cr2, "2031-03-05 12:30:00", "2031-03-05 13:30:00")
                    outcome["second"] = "booked"
            except ValidationError as error:
                outcome["second"] = error.name
        try:
            self._book(cr1, "2031-03-05 12:00:00", "2031-03-05 14:00:00")
            thread = threading.Thread(target=second)
            thread.start()
            thread.join(1.0)
            self.assertTrue(thread.is_alive())
            cr1.rollback()
            thread.join(30)
            self.assertEqual(outcome["second"], "booked")
            cr2.commit()
            self.assertEqual(self._count(cr2), 1)
        finally:
            cr1.rollback()
            cr2.rollback()
            cr1.close()
            cr2.close()
