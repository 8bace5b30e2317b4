import threading
import time
import uuid

import psycopg2

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from odoo.addons.qnetz_base.tests.tags import tagged


@tagged("commit")
class TestConcurrentRegistration(TransactionCase):
    """Two companies register for the last seat of a course in two transactions at once.

    The data is committed so that both transactions see it, and removed at the end."""

    def setUp(self):
        super(TestConcurrentRegistration, self).setUp()
        self.db_registry = odoo.registry(self.env.cr.dbname)
        tag = uuid.uuid4().hex[:8]
        with self.db_registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            Partner = env["res.partner"]
            portal = env.ref("base.group_portal")
            self.company_ids, self.apprentice_ids, self.user_ids = [], [], []
            for letter in "AB":
                company = Partner.create({
                    "name": "Gleichzeitig %s %s" % (letter, tag), "is_company": True,
                    "is_training_company": True, "city": "Brakel"})
                self.company_ids.append(company.id)
                self.apprentice_ids.append(Partner.create({
                    "name": "Azubi %s %s" % (letter, tag), "is_apprentice": True,
                    "employer_id": company.id}).id)
                contact = Partner.create({"name": "Kontakt %s" % letter,
                                          "parent_id": company.id})
                self.user_ids.append(env["res.users"].with_context(
                    no_reset_password=True).create({
                        "name": "Kontakt %s %s" % (letter, tag),
                        "login": "parallel_%s_%s" % (letter, tag), "partner_id": contact.id,
                        "groups_id": [(6, 0, portal.ids)]}).id)
            provider = Partner.create({"name": "Träger %s" % tag, "is_company": True,
                                       "is_education_provider": True})
            self.company_ids.append(provider.id)
            course = env["event.event"].create({
                "name": "Letzter Platz %s" % tag, "is_qnetz_course": True,
                "provider_id": provider.id, "date_begin": "2031-02-03 08:00:00",
                "date_end": "2031-02-20 16:00:00", "seats_min": 0, "seats_max": 1,
                "seats_availability": "limited", "fee_amount": 100.0,
                "provider_fee": 500.0})
            course.button_confirm()
            cr.commit()  # pylint: disable=invalid-commit (two real transactions race)
            self.course_id = course.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.db_registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            course = env["event.event"].browse(self.course_id)
            course.registration_ids.unlink()
            course.unlink()
            users = env["res.users"].browse(self.user_ids)
            partners = users.mapped("partner_id")
            users.unlink()
            (partners | env["res.partner"].browse(self.apprentice_ids + self.company_ids)
             ).unlink()
            cr.commit()  # pylint: disable=invalid-commit (removes what setUp committed)

    def _register(self, cr, index):
        env = api.Environment(cr, self.user_ids[index], {"lang": "de_DE"})
        return env["event.event"].browse(self.course_id).qnetz_portal_register(
            [self.apprentice_ids[index]])

    @mute_logger("odoo.sql_db")
    def test_last_seat_goes_to_one_company_the_other_waits(self):
        cr1, cr2 = self.db_registry.cursor(), self.db_registry.cursor()
        outcome = {}

        def second():
            # a thread of its own needs Odoo's per-thread environments
            with api.Environment.manage():
                try:
                    outcome["ids"] = self._register(cr2, 1)
                except psycopg2.OperationalError as error:
                    outcome["pgcode"] = error.pgcode
                finally:
                    cr2.rollback()

        try:
            first_ids = self._register(cr1, 0)
            thread = threading.Thread(target=second)
            thread.start()
            time.sleep(1.0)
            self.assertTrue(thread.is_alive(), "the second registration waits for the first")
            cr1.commit()
            thread.join(30)
            # Odoo's RPC and HTTP layers retry a transaction that failed to serialize
            self.assertEqual(outcome.get("pgcode"), "40001", outcome)
            with self.db_registry.cursor() as cr3:
                retried = self._register(cr3, 1)
                cr3.commit()
            env = api.Environment(cr1, SUPERUSER_ID, {})
            Registration = env["event.registration"]
            self.assertEqual(Registration.browse(first_ids).state, "open")
            self.assertEqual(Registration.browse(retried).state, "waiting")
            course = env["event.event"].browse(self.course_id)
            self.assertEqual(course.seats_reserved + course.seats_used, 1)
        finally:
            cr1.rollback()
            cr1.close()
            cr2.close()
