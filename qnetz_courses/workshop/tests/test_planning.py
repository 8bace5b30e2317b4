from datetime import date

from odoo.exceptions import UserError, ValidationError

from ...tests.common import QnetzCoursesCase
from .workshop_fixture import create_workshop

TUESDAY = 1
FIRST = date(2031, 9, 2)  # a Tuesday outside the holidays of both states
DAYS = [date(2031, 9, 2), date(2031, 9, 9), date(2031, 9, 16)]


class TestPracticalCoursePlanning(QnetzCoursesCase):
    """A practical module names the machine places it needs; the planner puts sessions
    only where and when they are free and names what is missing otherwise."""

    @classmethod
    def setUpClass(cls):
        super(TestPracticalCoursePlanning, cls).setUpClass()
        env = cls.env
        cls.provider.district_id = cls.district_hx
        cls.school = env["res.partner"].create({
            "name": "Testberufsschule Holzminden", "is_company": True,
            "is_vocational_school": True, "district_id": cls.district_hol.id})
        cls.own = create_workshop(env, "CNC-Raum Testbildung", cls.provider, [
            ("machine_type_cnc_lathe", "Drehmaschine %d" % index, 2, 18.0)
            for index in range(3)])
        cls.school_shop = create_workshop(env, "Metallwerkstatt Testschule", cls.school, [
            ("machine_type_cnc_lathe", "Schuldrehmaschine %d" % index, 1, 12.0)
            for index in range(6)], district_id=cls.district_hx.id)
        cls.module = env["qnetz.course.module"].create({
            "name": "CNC-Drehen mit PAL-Steuerung", "area": "practice", "hours": 9.0,
            "machine_need_ids": [(0, 0, {
                "type_id": env.ref("qnetz_courses.machine_type_cnc_lathe").id,
                "places": 6, "features": "PAL"})]})
        cls.course = cls._create_course(module_id=cls.module.id, area="practice",
                                        date_begin="2031-09-02 12:00:00",
                                        date_end="2031-09-30 15:00:00")

    def _plan(self, course, count=3):
        return course._qnetz_plan_sessions(FIRST, [TUESDAY], 14.0, 3.0, count=count,
                                           school_holidays=False, school_days=False)

    def test_sessions_hold_the_machines_of_the_providers_workshop(self):
        sessions, skipped = self.course._qnetz_generate_sessions(
            FIRST, [TUESDAY], 14.0, 3.0, count=3, school_holidays=False, school_days=False)
        self.assertEqual(len(sessions), 3)
        self.assertFalse(skipped)
        self.assertEqual(self.course.workshop_id, self.own)
        for session in sessions:
            self.assertEqual(session.machine_booking_ids.mapped("machine_id"),
                             self.own.machine_ids)
            self.assertEqual(sum(session.machine_booking_ids.mapped("places")), 6)
        # the machines are now held: another course of the same module goes to the next
        # workshop of the course's district
        other = self._create_course(name="CNC-Drehen 2", module_id=self.module.id,
                                    address_id=self.venue_2.id)
        dates, skipped = self._plan(other)
        self.assertEqual(dates, DAYS)
        other_sessions, __ = other._qnetz_generate_sessions(
            FIRST, [TUESDAY], 14.0, 3.0, count=3, school_holidays=False, school_days=False)
        self.assertEqual(other.workshop_id, self.school_shop)
        self.assertEqual(len(other_sessions.mapped("machine_booking_ids")), 18)

    def test_a_taken_machine_or_a_closure_leaves_the_day_out_and_names_why(self):
        self.course.workshop_id = self.own
        lathe = self.own.machine_ids[0]
        self.env["qnetz.machine.booking"].create({
            "machine_id": lathe.id, "kind": "practice",
            "date_start": "2031-09-09 13:00:00", "date_stop": "2031-09-09 14:00:00"})
        self.env["resource.calendar.leaves"].create({
            "name": "Betriebsferien", "calendar_id": self.own.calendar_id.id,
            "date_from": "2031-09-15 22:00:00", "date_to": "2031-09-16 21:59:59"})
        dates, skipped = self._plan(self.course)
        self.assertEqual(dates, [date(2031, 9, 2), date(2031, 9, 23), date(2031, 9, 30)])
        reasons = dict(skipped)
        self.assertIn("4 von 6 Plätzen an CNC-Drehmaschine frei",
                      "; ".join(reasons[date(2031, 9, 9)]))
        self.assertIn("0 von 6", "; ".join(reasons[date(2031, 9, 16)]))

    def test_outside_the_working_time_nothing_is_planned(self):
        self.course.workshop_id = self.own
        with self.assertRaises(UserError):
            self.course._qnetz_plan_sessions(FIRST, [TUESDAY], 19.0, 3.0, count=1,
                                             school_holidays=False, school_days=False)

    def test_a_workshop_without_enough_machines_is_refused_for_the_course(self):
        small = create_workshop(self.env, "Kleine Werkstatt", self.provider, [
            ("machine_type_cnc_lathe", "Einzeldrehmaschine", 2, 18.0)])
        with self.assertRaisesRegex(ValidationError, "2 von 6"):
            self.course.workshop_id = small

    def test_the_database_refuses_an_overlapping_booking(self):
        lathe = self.own.machine_ids[0]
        Booking = self.env["qnetz.machine.booking"]
        Booking.create({"machine_id": lathe.id, "date_start": "2031-10-01 12:00:00",
                        "date_stop": "2031-10-01 14:00:00"})
        with self.assertRaisesRegex(ValidationError, "bereits gebucht"):
            Booking.create({"machine_id": lathe.id, "date_start": "2031-10-01 13:59:00",
                            "date_stop": "2031-10-01 16:00:00"})
        # back to back is no overlap, and a cancelled booking holds nothing
        cancelled = Booking.create({"machine_id": lathe.id,
                                    "date_start": "2031-10-01 14:00:00",
                                    "date_stop": "2031-10-01 16:00:00"})
        cancelled.state = "cancel"
        Booking.create({"machine_id": lathe.id, "date_start": "2031-10-01 15:00:00",
                        "date_stop": "2031-10-01 17:00:00"})

    def _bundle(self, **values):
        need = self.env["qnetz.need"].create({
            "partner_id": self.company_a.id, "area": "practice", "topic": "CNC-Drehen",
            "occupation_id": self.occupation.id, "participant_count": 2,
            "apprentice_ids": [(6, 0, self.apprentices[:2].ids)]})
        need.action_qualify()
        return self.env["qnetz.bundle.wizard"].with_context(
            active_model="qnetz.need", active_ids=need.ids).create(dict({
                "name": "CNC-Drehen gebündelt", "module_id": self.module.id,
                "provider_id": self.provider.id, "district_id": self.district_hx.id,
                "date_begin": "2031-09-02 12:00:00", "date_end": "2031-09-30 15:00:00",
                "start_time": 14.0, "hours": 3.0, "session_count": 2, "tue": True,
                "mon": False, "wed": False, "thu": False, "fri": False, "sat": False,
                "avoid_school_days": False}, **values))

    def test_the_bundle_wizard_books_the_machines_of_its_sessions(self):
        action = self._bundle().action_create_courses()
        course = self.env["event.event"].browse(action["res_id"])
        self.assertEqual(len(course.session_ids), 2)
        self.assertEqual(course.workshop_id, self.own)
        self.assertEqual(len(course.machine_booking_ids), 6)

    def test_the_bundle_wizard_names_the_missing_places(self):
        small = create_workshop(self.env, "Kleiner CNC-Raum", self.provider, [
            ("machine_type_cnc_lathe", "Drehmaschine klein %d" % index, 2, 18.0)
            for index in range(3)])
        for machine in small.machine_ids[:2]:
            self.env["qnetz.machine.booking"].create({
                "machine_id": machine.id, "kind": "practice", "state": "closed",
                "date_start": "2031-09-01 00:00:00", "date_stop": "2034-12-31 00:00:00"})
        with self.assertRaisesRegex(UserError, "Kleiner CNC-Raum: 2 von 6 Plätzen"):
            self._bundle(workshop_id=small.id).action_create_courses()
