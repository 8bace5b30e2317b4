from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError

from ...tests.common import QnetzCoursesCase
from .workshop_fixture import create_workshop


def stamp(moment):
    return fields.Datetime.to_string(moment.replace(minute=0, second=0, microsecond=0))


class TestPracticeTime(QnetzCoursesCase):
    """Practice time: places, the safety briefing once per apprentice and machine, the
    figures of the workshops and the public listing without names."""

    @classmethod
    def setUpClass(cls):
        super(TestPracticeTime, cls).setUpClass()
        env = cls.env
        cls.school = env["res.partner"].create({
            "name": "Testberufsschule Höxter", "is_company": True,
            "is_vocational_school": True, "district_id": cls.district_hx.id})
        cls.workshop = create_workshop(env, "Schweißwerkstatt Testschule", cls.school, [
            ("machine_type_welding_mag", "MAG-Kabinen", 3, 15.0)], funding_share=40.0)
        cls.booth = cls.workshop.machine_ids
        cls.Booking = env["qnetz.practice.booking"]
        soon = datetime.utcnow() + timedelta(days=10)
        cls.slot = env["qnetz.machine.booking"].create({
            "machine_id": cls.booth.id, "kind": "practice",
            "date_start": stamp(soon), "date_stop": stamp(soon + timedelta(hours=2))})
        cls.a1, cls.a2, cls.a3, cls.a4, cls.b1 = cls.apprentices[:5]

    def test_places_are_counted_over_all_companies(self):
        first = self.Booking._qnetz_book(self.slot, self.company_a, self.a1 | self.a2)
        self.assertEqual((self.slot.places_taken, self.slot.places_free), (2, 1))
        with self.assertRaisesRegex(UserError, "1 frei"):
            self.Booking._qnetz_book(self.slot, self.company_a, self.a3 | self.a4)
        with self.assertRaisesRegex(UserError, "bereits einen Platz"):
            self.Booking._qnetz_book(self.slot, self.company_a, self.a1)
        with self.assertRaisesRegex(UserError, "keine Auszubildenden"):
            self.Booking._qnetz_book(self.slot, self.company_b, self.a3)
        # a refused booking gives its places back
        first._qnetz_refuse()
        self.Booking._qnetz_book(self.slot, self.company_a, self.a3 | self.a4)
        self.slot.state = "closed"
        with self.assertRaisesRegex(UserError, "nicht zur Buchung offen"):
            self.Booking._qnetz_book(self.slot, self.company_b, self.apprentices[4])

    def test_the_safety_briefing_is_recorded_once_per_apprentice_and_machine(self):
        booking = self.Booking._qnetz_book(self.slot, self.company_a, self.a1 | self.a2)
        booking._qnetz_confirm()
        self.assertEqual(booking.briefing_missing_ids, self.a1 | self.a2)
        self.assertEqual(len(booking._qnetz_record_briefings()), 2)
        later = datetime.utcnow() + timedelta(days=17)
        slot = self.env["qnetz.machine.booking"].create({
            "machine_id": self.booth.id, "kind": "practice",
            "date_start": stamp(later), "date_stop": stamp(later + timedelta(hours=2))})
        again = self.Booking._qnetz_book(slot, self.company_a, self.a1 | self.a3)
        again._qnetz_confirm()
        # only the new apprentice still needs it
        self.assertEqual(again.briefing_missing_ids, self.a3)
        self.assertEqual(again._qnetz_record_briefings().apprentice_id, self.a3)

    def test_figures_count_machine_hours_and_apprentices_who_practised(self):
        past = datetime.utcnow() - timedelta(days=20)
        slot = self.env["qnetz.machine.booking"].create({
            "machine_id": self.booth.id, "kind": "practice",
            "date_start": stamp(past), "date_stop": stamp(past + timedelta(hours=3))})
        booking = self.Booking.create({"slot_id": slot.id, "company_id": self.company_a.id,
                                       "apprentice_ids": [(6, 0, (self.a1 | self.a2).ids)],
                                       "state": "confirmed"})
        # practice time nobody used is no machine hour
        unused = past - timedelta(days=1)
        self.env["qnetz.machine.booking"].create({
            "machine_id": self.booth.id, "kind": "practice",
            "date_start": stamp(unused), "date_stop": stamp(unused + timedelta(hours=5))})
        day_from = fields.Date.to_string((past - timedelta(days=5)).date())
        day_to = fields.Date.to_string((past + timedelta(days=5)).date())
        figures = self.env["qnetz.report.figures"].compute(day_from, day_to)
        section = [s for s in figures["sections"] if s["key"] == "workshops"][0]
        rows = {row["key"]: row["values"] for row in section["rows"]}
        column = "d%d" % self.district_hx.id
        self.assertEqual(rows["machine_hours"][column], 3.0)
        self.assertEqual(rows["machine_hours_practice"]["total"], 3.0)
        self.assertEqual(rows["practice_apprentices"][column], 2)
        self.assertEqual(rows["school_%d" % self.school.id]["total"], 3.0)
        self.assertEqual(rows["workshop_%d" % self.workshop.id]["total"], 3.0)
        # billed per place and hour, the funded share as for course fees
        self.assertEqual((booking.gross_amount, booking.funding_amount,
                          booking.company_amount), (90.0, 36.0, 54.0))
        coordinator = self.env.ref("qnetz_base.user_coordinator_demo")
        action = booking.sudo(coordinator).action_bill_practice_time()
        invoice = self.env["account.invoice"].search(action["domain"])
        self.assertEqual(invoice.partner_id, self.company_a)
        self.assertEqual(invoice.amount_total, 54.0)
        with self.assertRaisesRegex(UserError, "nichts zur Abrechnung"):
            booking.sudo(coordinator).action_bill_practice_time()

    def test_the_public_listing_shows_free_places_without_names(self):
        self.Booking._qnetz_book(self.slot, self.company_a, self.a1)
        listing = self.env["qnetz.workshop"]._qnetz_open_practice_time()
        mine = [w for w in listing if w["name"] == self.workshop.name]
        self.assertEqual(len(mine), 1)
        self.assertEqual([s["places_free"] for s in mine[0]["slots"]], [2])
        text = repr(listing)
        self.assertNotIn(self.a1.name, text)
        self.assertNotIn(self.company_a.name, text)
