import threading
import uuid

import psycopg2

import odoo
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from odoo.addons.qnetz_base.tests.tags import tagged

from .workshop_fixture import create_workshop


@tagged("commit")
class CommittedWorkshop(TransactionCase):
    """A workshop with one CNC lathe, committed for tests that race two transactions; it
    is removed at the end."""

    def setUp(self):
        super(CommittedWorkshop, self).setUp()
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


@tagged("commit")
class TestConcurrentMachineBookings(CommittedWorkshop):
    """Two transactions book the same machine for overlapping times at the same time: the
    database's exclusion constraint lets one through and refuses the other, although
    neither saw the other's booking when it checked."""

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


@tagged("commit")
class TestConcurrentPracticeBookings(CommittedWorkshop):
    """Two companies book the last place of a practice time at the same time. Each read
    the slot (and so took its snapshot) before the other booked: without a write to the
    slot's row the second would still count the place as free."""

    def setUp(self):
        super(TestConcurrentPracticeBookings, self).setUp()
        with self.db_registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            Partner = env["res.partner"]
            self.company_ids, self.apprentice_ids = [], []
            for name in ("Parallelbetrieb A", "Parallelbetrieb B"):
                company = Partner.create({"name": name, "is_company": True,
                                          "is_training_company": True})
                apprentice = Partner.create({"name": "Azubi von %s" % name,
                                             "is_apprentice": True,
                                             "employer_id": company.id})
                self.company_ids.append(company.id)
                self.apprentice_ids.append(apprentice.id)
            self.slot_id = env["qnetz.machine.booking"].create({
                "machine_id": self.machine_id, "kind": "practice", "state": "open",
                "places": 1, "date_start": "2031-04-01 12:00:00",
                "date_stop": "2031-04-01 15:00:00"}).id
            cr.commit()  # pylint: disable=invalid-commit (two real transactions race)

    def _cleanup(self):
        with self.db_registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["qnetz.practice.booking"].search([("slot_id", "=", self.slot_id)]).unlink()
            cr.commit()  # pylint: disable=invalid-commit (removes what setUp committed)
        super(TestConcurrentPracticeBookings, self)._cleanup()
        with self.db_registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["res.partner"].browse(self.apprentice_ids + self.company_ids).unlink()
            cr.commit()  # pylint: disable=invalid-commit (removes what setUp committed)

    def _take_place(self, cr, index, snapshot_only=False):
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        slot = env["qnetz.machine.booking"].browse(self.slot_id)
        if snapshot_only:
            return slot.places_free
        return env["qnetz.practice.booking"]._qnetz_book(
            slot, env["res.partner"].browse(self.company_ids[index]),
            env["res.partner"].browse(self.apprentice_ids[index]))

    @mute_logger("odoo.sql_db")
    def test_two_companies_cannot_both_take_the_last_place(self):
        cr1 = self.db_registry.cursor()
        cr2 = self.db_registry.cursor()
        outcome = {}

        def second():
            try:
                with api.Environment.manage():
                    self._take_place(cr2, 1)
                    outcome["second"] = "booked"
            except psycopg2.extensions.TransactionRollbackError:
                outcome["second"] = "retry"
        try:
            # both have seen one free place
            self.assertEqual(self._take_place(cr1, 0, snapshot_only=True), 1)
            self.assertEqual(self._take_place(cr2, 1, snapshot_only=True), 1)
            self._take_place(cr1, 0)
            thread = threading.Thread(target=second)
            thread.start()
            thread.join(1.0)
            self.assertTrue(thread.is_alive(), "the second booking did not wait for the first")
            cr1.commit()
            thread.join(30)
            self.assertFalse(thread.is_alive())
            # Odoo's HTTP and RPC layers run a request that failed to serialize again ...
            self.assertEqual(outcome.get("second"), "retry")
            cr2.rollback()
            # ... and then the place is gone
            with self.assertRaisesRegex(UserError, "0 free"):
                self._take_place(cr2, 1)
        finally:
            cr1.rollback()
            cr2.rollback()
            cr1.close()
            cr2.close()
