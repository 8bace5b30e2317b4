"""Planning on real dates (issue 22): the states a course serves, computed and own
holidays, sourced school holidays and their import, the generator's plan, school days,
under-18 rules and the demo dates. The dates are chosen where Höxter (North
Rhine-Westphalia) and Holzminden (Lower Saxony) differ: Corpus Christi and All Saints'
(NRW only), Reformation Day (Lower Saxony only), the offset summer holidays."""
import base64
import os
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from ...spine.course_time import utc_string_to_local
from ...tests.common import QnetzCoursesCase

TEST_SOURCE = "test fixture"
# The summer holidays as the ministry's long-term table ("Langfristige Sommerferienregelung
# bis 2030" on schulministerium.nrw, the source the shipped records cite) gives them.
NRW_SUMMERS_PUBLISHED = {
    2026: ("2026-07-20", "2026-09-01"),
    2027: ("2027-07-19", "2027-08-31"),
    2028: ("2028-07-10", "2028-08-22"),
    2029: ("2029-07-02", "2029-08-14"),
    2030: ("2030-06-24", "2030-08-06"),
}
# Shipped school holidays come from the publishers themselves (the states' ministries, the
# KMK), never from holiday aggregators.
OFFICIAL_PUBLISHERS = (
    "https://www.schulministerium.nrw/", "https://bass.schul-welt.de/",
    "https://www.mk.niedersachsen.de/", "https://www.kmk.org/",
)


class RealDatesCase(QnetzCoursesCase):

    @classmethod
    def setUpClass(cls):
        super(RealDatesCase, cls).setUpClass()
        cls.nw = cls.env.ref("qnetz_base.state_de_nw")
        cls.ni = cls.env.ref("qnetz_base.state_de_ni")
        cls.Calendar = cls.env["qnetz.calendar"]
        cls.Holiday = cls.env["qnetz.holiday"]
        # Lower Saxony's school holidays are not shipped (no official text was found):
        # the tests bring the one period they need
        cls.Holiday.with_context(active_test=False).search(
            [("kind", "=", "school"), ("state_id", "=", cls.ni.id)]).unlink()
        cls.ni_summer_2026 = cls.Holiday.create({
            "name": "Sommerferien", "kind": "school", "state_id": cls.ni.id,
            "date_from": "2026-07-02", "date_to": "2026-08-12", "source": TEST_SOURCE})

    def _course(self, **values):
        vals = {"district_id": self.district_hx.id, "address_id": False,
                "date_begin": "2027-01-04 07:00:00", "date_end": "2027-06-30 15:00:00",
                "seats_max": 10}
        vals.update(values)
        return self._create_course(**vals)

    def _need(self, company, course=None, **values):
        vals = {"partner_id": company.id, "area": "practice", "topic": "Hydraulik",
                "occupation_id": self.occupation.id, "participant_count": 1,
                "course_id": course.id if course else False}
        vals.update(values)
        return self.env["qnetz.need"].create(vals)

    def _generate(self, course, **values):
        vals = {"event_id": course.id, "start_time": 16.0, "hours": 3.0,
                "skip_school_holidays": False}
        vals.update(values)
        wizard = self.env["qnetz.session.generator"].create(vals)
        wizard.action_generate()
        return wizard

    @staticmethod
    def _days(course):
        return sorted(utc_string_to_local(s.date_begin).date() for s in course.session_ids)


class TestServedStates(RealDatesCase):

    def test_needs_count_before_anyone_registers(self):
        """A Höxter course bundled from a Holzminden need keeps Reformation Day free."""
        course = self._course()
        self._need(self.company_b, course)
        self._generate(course, tue=True, count=2, date_start="2028-10-31")
        self.assertEqual(self._days(course), [date(2028, 11, 7), date(2028, 11, 14)],
                         "31.10.2028 is Reformation Day in Lower Saxony")
        served = course._qnetz_served_states()
        self.assertEqual(set(served), {self.nw, self.ni})
        self.assertIn("Testwerk Bevern KG", " ".join(served[self.ni]))
        self.assertIn("Niedersachsen", course.served_states)

    def test_nothing_known_means_both_states(self):
        """No venue, no need, nobody registered: both states' holidays count."""
        course = self._course(district_id=False)
        self.assertEqual(course._qnetz_concerned_states(), self.nw | self.ni)
        wizard = self.env["qnetz.session.generator"].create({
            "event_id": course.id, "mon": True, "fri": True, "count": 4,
            "date_start": "2027-03-22", "skip_school_holidays": False})
        self.assertIn("Nordrhein-Westfalen", wizard.state_names)
        self.assertIn("Niedersachsen", wizard.state_names)
        wizard.action_generate()
        days = self._days(course)
        self.assertNotIn(date(2027, 3, 26), days, "Good Friday")
        self.assertNotIn(date(2027, 3, 29), days, "Easter Monday")
        self.assertEqual(days, [date(2027, 3, 22), date(2027, 4, 2), date(2027, 4, 5),
                                date(2027, 4, 9)])

    def test_venue_only_and_registrations(self):
        """Venue in Höxter alone: All Saints' counts, Reformation Day does not; a
        registered Holzminden participant adds Lower Saxony."""
        course = self._course()
        self.assertEqual(course._qnetz_concerned_states(), self.nw)
        wizard = self.env["qnetz.session.generator"].create({
            "event_id": course.id, "tue": True, "wed": True, "count": 2,
            "date_start": "2028-10-31", "skip_school_holidays": False})
        self.assertIn("31.10.2028", wizard.preview)
        self.assertIn("01.11.2028: Allerheiligen", wizard.preview)
        self._register(course, self.apprentices[4])
        self.assertEqual(course._qnetz_concerned_states(), self.nw | self.ni)
        wizard.invalidate_cache()
        self.assertIn("31.10.2028: Reformationstag", wizard.preview)
        self.assertIn("Kreis Höxter", course.served_states)
        self.assertIn("Testwerk Bevern KG", course.served_states)

    def test_proposal_and_generator_agree(self):
        needs = self._need(self.company_a) | self._need(self.company_b)
        course = self._course(district_id=False)
        needs.write({"course_id": course.id})
        self.assertEqual(course._qnetz_concerned_states(), self.nw | self.ni)
        self.assertEqual(self.Calendar._qnetz_served_state_records(needs=needs),
                         course._qnetz_concerned_states())

    def test_reminder_of_a_session_on_a_holiday_tells_the_coordinator(self):
        """Reformation Day 2028 counts once a Holzminden participant is registered."""
        course = self._course(date_begin="2028-10-31 15:00:00",
                              date_end="2028-10-31 18:00:00")
        self._register(course, self.apprentices[4])
        course.write({"state": "confirm"})
        self.env["qnetz.course.session"].create({
            "event_id": course.id, "date_begin": "2028-10-31 15:00:00",
            "date_end": "2028-10-31 18:00:00"})
        self.env["event.event"]._qnetz_cron_send_reminders(now="2028-10-30 15:00:00")
        bodies = " ".join(course.message_ids.mapped("body"))
        self.assertIn("Reformationstag", bodies)

    def test_go_no_go_names_sessions_on_holidays(self):
        """A course at its minimum with a session on Corpus Christi (NRW) is flagged."""
        course = self._course(seats_min=0, date_begin="2027-05-27 14:00:00",
                              date_end="2027-05-27 17:00:00")
        self.env["qnetz.course.session"].create({
            "event_id": course.id, "date_begin": "2027-05-27 14:00:00",
            "date_end": "2027-05-27 17:00:00"})
        self.env["event.event"]._qnetz_cron_go_no_go(today=date(2027, 5, 12))
        bodies = " ".join(course.message_ids.mapped("body"))
        self.assertIn("Fronleichnam", bodies)


class TestComputedHolidays(RealDatesCase):

    def test_own_day_does_not_suppress_the_computed_ones(self):
        own = self.Holiday.create({"name": "Stadtfest", "kind": "public",
                                   "state_id": self.nw.id, "date_from": "2029-06-01",
                                   "date_to": "2029-06-01"})
        conflicts = self.Calendar._qnetz_conflicts(
            date(2029, 5, 1), date(2029, 6, 30), self.nw, self.env["res.partner"])
        self.assertTrue(conflicts.get(date(2029, 5, 10)), "Ascension 2029")
        self.assertTrue(conflicts.get(date(2029, 5, 31)), "Corpus Christi 2029")
        self.assertTrue(conflicts.get(date(2029, 6, 1)), "the coordinator's own day")
        computed = self.Holiday.search([("state_id", "=", self.nw.id), ("year", "=", 2029),
                                        ("kind", "=", "public"), ("computed", "=", True)])
        self.assertIn("Fronleichnam", computed.mapped("name"))
        self.assertNotIn(own, computed)
        self.assertTrue(all(computed.mapped("source")))

    def test_a_missing_computed_day_is_added_again(self):
        self.Holiday._qnetz_ensure_public([2030], self.ni)
        reformation = self.Holiday.search([("state_id", "=", self.ni.id),
                                           ("date_from", "=", "2030-10-31")])
        reformation.unlink()
        self.Holiday._qnetz_ensure_public([2030], self.ni)
        again = self.Holiday.search([("state_id", "=", self.ni.id),
                                     ("date_from", "=", "2030-10-31")])
        self.assertTrue(again)
        self.assertTrue(again.computed)
        # All Saints' is no holiday in Lower Saxony
        self.assertFalse(self.Holiday.search([("state_id", "=", self.ni.id),
                                              ("date_from", "=", "2030-11-01")]))


class TestSchoolHolidayData(RealDatesCase):

    def test_every_school_holiday_names_its_source(self):
        shipped = self.Holiday.with_context(active_test=False).search(
            [("kind", "=", "school")])
        self.assertTrue(shipped)
        self.assertFalse(shipped.filtered(lambda h: not h.source))
        data = self.env["ir.model.data"].search([
            ("module", "=", "qnetz_courses"), ("model", "=", "qnetz.holiday")])
        self.assertTrue(data)
        for holiday in self.Holiday.browse(data.mapped("res_id")):
            self.assertIn("https://", holiday.source, holiday.name)

    def _shipped_school_holidays(self):
        data = self.env["ir.model.data"].search([
            ("module", "=", "qnetz_courses"), ("model", "=", "qnetz.holiday")])
        return self.Holiday.with_context(active_test=False).browse(
            data.mapped("res_id")).filtered(lambda h: h.kind == "school")

    def test_shipped_records_cite_an_official_publisher(self):
        shipped = self._shipped_school_holidays()
        self.assertTrue(shipped)
        for holiday in shipped:
            title, _sep, _url = holiday.source.partition("https://")
            self.assertTrue(holiday.source.split()[-1].startswith(OFFICIAL_PUBLISHERS),
                            "%s %s: %s" % (holiday.name, holiday.date_from, holiday.source))
            self.assertGreater(len(title.strip(" ,")), 20,
                               "%s %s names no document" % (holiday.name, holiday.date_from))

    def test_nrw_summers_match_the_published_table(self):
        shipped = self._shipped_school_holidays().filtered(
            lambda h: h.state_id == self.nw and h.name == "Sommerferien")
        self.assertEqual(
            {h.year: (h.date_from, h.date_to) for h in shipped}, NRW_SUMMERS_PUBLISHED)

    def test_a_record_without_source_is_refused(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Holiday.create({"name": "Herbstferien", "kind": "school",
                                 "state_id": self.ni.id, "date_from": "2029-10-01",
                                 "date_to": "2029-10-12"})

    def test_wrong_2028_data_is_gone(self):
        nrw = self.Holiday.search([("kind", "=", "school"), ("state_id", "=", self.nw.id)])

        def covered(day):
            return nrw.filtered(lambda h: h.date_from <= day <= h.date_to)
        self.assertFalse(covered("2028-06-06"), "06.06.2028 is no NRW school holiday")
        self.assertFalse(covered("2028-10-16"), "NRW's autumn holidays 2028 begin 23.10.")
        # NRW's official summer holidays 2028: 10.07.-22.08.
        summer = covered("2028-07-10")
        self.assertEqual((summer.date_from, summer.date_to), ("2028-07-10", "2028-08-22"))

    def test_overlapping_and_impossible_periods_are_refused(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Holiday.create({"name": "Sommerferien doppelt", "kind": "school",
                                 "state_id": self.ni.id, "date_from": "2026-08-10",
                                 "date_to": "2026-08-20", "source": TEST_SOURCE})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Holiday.create({"name": "Zu lang", "kind": "school",
                                 "state_id": self.ni.id, "date_from": "2029-01-01",
                                 "date_to": "2029-04-30", "source": TEST_SOURCE})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Holiday.create({"name": "Verdreht", "kind": "school",
                                 "state_id": self.ni.id, "date_from": "2029-10-12",
                                 "date_to": "2029-10-01", "source": TEST_SOURCE})
        # the other state's holidays at the same time are no overlap
        self.Holiday.create({"name": "Herbstferien", "kind": "school",
                             "state_id": self.ni.id, "date_from": "2029-10-01",
                             "date_to": "2029-10-12", "source": TEST_SOURCE})


ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//Ferien//DE\r
BEGIN:VEVENT\r
UID:1@test\r
DTSTART;VALUE=DATE:20271016\r
DTEND;VALUE=DATE:20271031\r
SUMMARY:Herbstferien Niedersachsen\r
  2027\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:2@test\r
DTSTART;VALUE=DATE:20260801\r
DTEND;VALUE=DATE:20260806\r
SUMMARY:Ueberschneidung\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:3@test\r
DTSTART;VALUE=DATE:20260702\r
DTEND;VALUE=DATE:20260813\r
SUMMARY:Sommerferien\r
END:VEVENT\r
END:VCALENDAR\r
"""


class TestHolidayImport(RealDatesCase):

    def _import(self, data, **values):
        vals = {"state_id": self.ni.id, "file": base64.b64encode(data),
                "filename": "ferien_niedersachsen.ics",
                "source": "https://www.mk.niedersachsen.de/ (test)"}
        vals.update(values)
        wizard = self.env["qnetz.holiday.import"].create(vals)
        wizard.action_import()
        return wizard

    def test_import_adds_keeps_and_refuses(self):
        wizard = self._import(ICS)
        autumn = self.Holiday.search([("state_id", "=", self.ni.id),
                                      ("date_from", "=", "2027-10-16")])
        self.assertEqual(autumn.date_to, "2027-10-30", "DTEND is the day after")
        self.assertEqual(autumn.name, "Herbstferien Niedersachsen 2027")
        self.assertIn("ferien_niedersachsen.ics", autumn.source)
        self.assertFalse(self.Holiday.search([("name", "=", "Ueberschneidung")]))
        self.assertIn("Ueberschneidung", wizard.result)
        self.assertEqual(self.Holiday.search_count([
            ("state_id", "=", self.ni.id), ("date_from", "=", "2026-07-02")]), 1,
            "a period already there is not added twice")
        # an imported period counts for planning
        conflicts = self.Calendar._qnetz_conflicts(
            date(2027, 10, 18), date(2027, 10, 18), self.ni, self.env["res.partner"])
        self.assertTrue(conflicts.get(date(2027, 10, 18)))

    def test_a_file_that_is_no_calendar_is_refused_clearly(self):
        with self.assertRaises(UserError):
            self._import(b"%PDF-1.4 not a calendar")
        with self.assertRaises(UserError):
            self._import(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")

    def test_impossible_dates_and_control_characters_are_messages(self):
        event = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:%s\r\n"
                 b"DTEND;VALUE=DATE:%s\r\nSUMMARY:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        with self.assertRaises(UserError):  # the day before 1 January of year 1
            self._import(event % (b"00010101", b"00010101", b"Ferien"))
        self._import(event % (b"20271016", b"20271031", b"Herbst\x00ferien"))
        autumn = self.Holiday.search([("state_id", "=", self.ni.id),
                                      ("date_from", "=", "2027-10-16")])
        self.assertEqual(autumn.name, "Herbst ferien")


class TestGeneratorPlan(RealDatesCase):

    def test_a_second_run_replaces_what_is_not_yet_held(self):
        course = self._course(date_begin="2027-01-05 07:00:00",
                              date_end="2027-06-30 15:00:00")
        past = self.env["qnetz.course.session"].create({
            "event_id": course.id, "date_begin": "2020-03-03 15:00:00",
            "date_end": "2020-03-03 18:00:00"})
        self._generate(course, tue=True, count=3, date_start="2027-01-05")
        wizard = self.env["qnetz.session.generator"].create({
            "event_id": course.id, "thu": True, "count": 2, "date_start": "2027-02-04",
            "skip_school_holidays": False})
        self.assertEqual(len(course.session_ids), 4, "the preview changes nothing")
        wizard.action_generate()
        self.assertEqual(self._days(course), [date(2020, 3, 3), date(2027, 2, 4),
                                              date(2027, 2, 11)])
        self.assertIn(past, course.session_ids, "a held session stays")
        # what the next run would do is shown before it writes
        wizard = self.env["qnetz.session.generator"].create({
            "event_id": course.id, "tue": True, "count": 1, "date_start": "2027-03-02",
            "skip_school_holidays": False})
        self.assertEqual(wizard.existing, "replace")
        self.assertIn("Fügt 1 Termin hinzu", wizard.preview)
        self.assertIn("Ersetzt 2 noch nicht gehaltene Termine", wizard.preview)
        self.assertIn("Behält 1 Termin:", wizard.preview)
        # adding instead keeps them all
        wizard.existing = "add"
        wizard.action_generate()
        self.assertEqual(len(course.session_ids), 4)

    def test_the_course_rhythm_is_the_default_and_lost_topics_are_named(self):
        course = self._course(date_begin="2027-01-05 07:00:00",
                              date_end="2027-06-30 15:00:00")
        self.env["qnetz.course.session"].create({
            "event_id": course.id, "name": "Ausbildungsrecht",
            "date_begin": "2027-01-12 12:00:00", "date_end": "2027-01-12 15:00:00"})
        # opened from the course, as its button does
        wizard = self.env["qnetz.session.generator"].with_context(active_id=course.id).create({
            "tue": True, "count": 1, "date_start": "2027-03-02", "skip_school_holidays": False})
        # 13:00 to 16:00 Berlin time in January, as the course's own session
        self.assertEqual((wizard.start_time, wizard.hours), (13.0, 3.0))
        self.assertIn("13:00–16:00", wizard.preview)
        self.assertIn("Ausbildungsrecht", wizard.preview)
        self.assertIn("nicht übernommen", wizard.preview)

    def test_a_split_block_week_is_shown(self):
        """Corpus Christi (NRW) cuts a Monday-to-Friday block: the preview says so."""
        course = self._course()
        wizard = self.env["qnetz.session.generator"].create({
            "event_id": course.id, "mon": True, "tue": True, "wed": True, "thu": True,
            "fri": True, "count": 5, "date_start": "2027-05-24",
            "skip_school_holidays": False})
        self.assertIn("Blockwochen durch ausgelassene Tage geteilt (Woche ab): Mo 24.05.2027",
                      wizard.preview)
        self.assertIn("27.05.2027: Fronleichnam", wizard.preview)

    def test_the_course_dates_follow_the_sessions(self):
        """Planned again from March, the course no longer runs from January."""
        course = self._course(date_begin="2027-01-04 07:00:00",
                              date_end="2027-06-30 15:00:00")
        self._generate(course, tue=True, count=2, date_start="2027-01-05")
        self._generate(course, tue=True, count=2, date_start="2027-03-02")
        sessions = course.session_ids.sorted("date_begin")
        self.assertEqual(len(sessions), 2)
        self.assertEqual(course.date_begin, sessions[0].date_begin)
        self.assertEqual(course.date_end, sessions[-1].date_end)


class TestSchoolDays(RealDatesCase):

    @classmethod
    def setUpClass(cls):
        super(TestSchoolDays, cls).setUpClass()
        Partner = cls.env["res.partner"]
        cls.school_hx = Partner.create({
            "name": "Berufskolleg Höxter Test", "is_company": True,
            "is_vocational_school": True, "district_id": cls.district_hx.id})
        cls.school_hol = Partner.create({
            "name": "BBS Holzminden Test", "is_company": True,
            "is_vocational_school": True, "district_id": cls.district_hol.id})
        cls.apprentices[0].vocational_school_id = cls.school_hx
        cls.apprentices[4].vocational_school_id = cls.school_hol
        for school in (cls.school_hx, cls.school_hol):
            cls.env["qnetz.school.schedule"].create({
                "vocational_school_id": school.id, "mode": "weekdays", "wed": True,
                "date_from": "2026-08-01", "date_to": "2027-07-31"})

    def test_school_holidays_lift_school_days(self):
        conflicts = self.Calendar._qnetz_school_conflicts(
            date(2026, 8, 5), date(2026, 9, 9), self.apprentices[0] | self.apprentices[4])

        def who(day):
            return " ".join(conflicts.get(day, []))
        # 05.08.2026: both schools in their summer holidays
        self.assertEqual(who(date(2026, 8, 5)), "")
        # 19.08.2026: Lower Saxony's school has begun again, NRW's has not
        self.assertIn("Azubi Test 4", who(date(2026, 8, 19)))
        self.assertNotIn("Azubi Test 0", who(date(2026, 8, 19)))
        # 09.09.2026: both at school
        self.assertIn("Azubi Test 0", who(date(2026, 9, 9)))

    def test_missing_and_expiring_school_days_become_to_dos(self):
        Schedule = self.env["qnetz.school.schedule"]
        self.assertFalse(Schedule._qnetz_cron_school_year_todos(today=date(2027, 3, 1)),
                         "too early: the schools publish their days in June")
        todos = Schedule._qnetz_cron_school_year_todos(today=date(2027, 6, 15))
        summaries = " ".join(todos.mapped("summary"))
        self.assertIn("Berufskolleg Höxter Test", summaries)
        self.assertIn("BBS Holzminden Test", summaries)
        self.assertIn("2027/28", summaries)
        self.assertTrue(all(t.date_deadline == "2027-08-01" for t in todos))
        self.assertFalse(Schedule._qnetz_cron_school_year_todos(today=date(2027, 6, 16)),
                         "asked once")
        Schedule.create({"vocational_school_id": self.school_hx.id, "mode": "weekdays",
                         "wed": True, "date_from": "2027-08-01"})
        todos = Schedule._qnetz_cron_school_year_todos(today=date(2028, 6, 15))
        self.assertNotIn("Berufskolleg Höxter Test", " ".join(todos.mapped("summary")))

    def test_the_proposal_uses_the_apprentices_school_day(self):
        self.env["qnetz.school.schedule"].search(
            [("vocational_school_id", "=", self.school_hx.id)]).write(
            {"wed": False, "mon": True})
        need = self._need(self.company_a, preferred_time="school_day",
                          apprentice_ids=[(6, 0, self.apprentices[0].ids)])
        plan = self.Calendar._qnetz_propose(need, today=date(2026, 9, 1))
        self.assertEqual(plan["weekdays"], [0])
        self.assertEqual(plan["date_start"].weekday(), 0)

    def test_a_block_course_gets_a_whole_free_week(self):
        # Corpus Christi 27.05.2027 (NRW) breaks the week of 24 May
        need = self._need(self.company_a, preferred_time="block",
                          wanted_start="2027-05-24")
        plan = self.Calendar._qnetz_propose(need, today=date(2027, 1, 4))
        self.assertEqual(plan["date_start"], date(2027, 5, 31))
        self.assertFalse(plan["note"])

    def test_a_block_course_says_why_no_week_is_free(self):
        self.env["qnetz.school.schedule"].create({
            "apprentice_id": self.apprentices[1].id, "mode": "weekdays", "mon": True,
            "tue": True, "wed": True, "thu": True, "fri": True})
        need = self._need(self.company_a, preferred_time="block",
                          apprentice_ids=[(6, 0, self.apprentices[1].ids)])
        plan = self.Calendar._qnetz_propose(need, today=date(2027, 1, 4))
        self.assertIn("Azubi Test 1", plan["note"])
        self.assertIn(plan["note"], self.Calendar._qnetz_pattern_label(plan))


class TestMinors(RealDatesCase):

    def test_no_saturday_pattern_and_no_late_sessions_for_minors(self):
        minor = self.apprentices[1]
        minor.of_age_on = "2029-01-01"
        need = self._need(self.company_a, preferred_time="saturday",
                          apprentice_ids=[(6, 0, minor.ids)])
        plan = self.Calendar._qnetz_propose(need, today=date(2027, 1, 4))
        self.assertNotEqual(plan["kind"], "saturday")
        self.assertIn("JArbSchG § 16", plan["note"])
        course = self._course()
        self._register(course, minor)
        wizard = self._generate(course, sat=True, thu=True, count=0,
                                date_start="2027-01-07", date_stop="2027-01-16",
                                start_time=18.0)
        self.assertFalse(course.session_ids)
        # Saturdays are left out (§ 16) and Thursdays end too late (§ 14)
        self.assertIn("JArbSchG § 16", wizard.skipped)
        self.assertIn("JArbSchG § 14", wizard.skipped)
        # once 18, both are fine
        minor.of_age_on = "2027-01-01"
        course.session_ids.unlink()
        self._generate(course, sat=True, count=1, date_start="2027-01-09", start_time=18.0)
        self.assertEqual(self._days(course), [date(2027, 1, 9)])

    def test_school_day_pattern_warns_for_minors(self):
        minor = self.apprentices[1]
        minor.of_age_on = "2029-01-01"
        need = self._need(self.company_a, preferred_time="school_day",
                          apprentice_ids=[(6, 0, minor.ids)])
        plan = self.Calendar._qnetz_propose(need, today=date(2027, 1, 4))
        self.assertIn("JArbSchG § 9", plan["note"])

    def test_only_the_day_of_coming_of_age_is_kept(self):
        fields_ = self.env["res.partner"]._fields
        self.assertIn("of_age_on", fields_)
        self.assertFalse([name for name in fields_ if "birth" in name])


class TestDemoDates(RealDatesCase):

    def test_demo_sessions_fall_on_working_days_whatever_the_install_day(self):
        root = os.path.join(os.path.dirname(__file__), "..", "..")
        files = [os.path.join(root, "spine", "demo", name)
                 for name in ("event_event_demo.xml", "qnetz_role_jobs_demo.xml")]
        checked = 0
        for install_day in [date(2026, 12, 7) + timedelta(days=n) for n in range(7)]:
            class InstallDay(datetime):
                @classmethod
                def today(cls):
                    return datetime(install_day.year, install_day.month, install_day.day)
            for path in files:
                for node in etree.parse(path).iter("record"):
                    if node.get("model") not in ("qnetz.course.session", "event.event"):
                        continue
                    for field in node.iter("field"):
                        if field.get("name") not in ("date_begin", "date_end"):
                            continue
                        value = safe_eval(field.get("eval"), {
                            "DateTime": InstallDay, "relativedelta": relativedelta})
                        day = fields.Datetime.from_string(value).date()
                        self.assertLess(day.weekday(), 5, "%s %s installed on %s" % (
                            node.get("id"), field.get("name"), install_day))
                        checked += 1
        self.assertGreater(checked, 100)


# Lower Saxony's school year 2027/28 as a published calendar file would carry it (the
# test's own dates: no official text of the decree could be read)
ICS_NI_2027 = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//Ferien//DE\r
BEGIN:VEVENT\r
UID:herbst-2027@test\r
DTSTART;VALUE=DATE:20271016\r
DTEND;VALUE=DATE:20271031\r
SUMMARY:Herbstferien\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weihnachten-2027@test\r
DTSTART;VALUE=DATE:20271223\r
DTEND;VALUE=DATE:20280108\r
SUMMARY:Weihnachtsferien\r
END:VEVENT\r
END:VCALENDAR\r
"""
NI_GAP_2027 = ("Für Niedersachsen sind für das Schuljahr 2027/28 keine Schulferien erfasst; "
               "die Planung berücksichtigt sie nicht. Ferien eintragen oder importieren.")


class TestMissingSchoolHolidays(RealDatesCase):
    """A state's school year without school holidays entered is named where the
    coordinator plans: NRW has its periods, Lower Saxony (no official text shipped) not."""

    @classmethod
    def setUpClass(cls):
        super(TestMissingSchoolHolidays, cls).setUpClass()
        # NRW 2027/28 as shipped: its summers only (whatever may be shipped later)
        cls.Holiday.search([("kind", "=", "school"), ("state_id", "=", cls.nw.id),
                            ("date_from", ">=", "2027-08-01"),
                            ("date_to", "<=", "2028-07-31")]).write({"active": False})

    def _nrw_christmas_2027(self):
        return self.Holiday.create({
            "name": "Weihnachtsferien", "kind": "school", "state_id": self.nw.id,
            "date_from": "2027-12-23", "date_to": "2028-01-07", "source": TEST_SOURCE})

    def test_a_school_year_counts_when_a_period_lies_between_its_summers(self):
        gaps = self.Calendar._qnetz_school_holiday_gaps(
            self.nw | self.ni, date(2026, 9, 1), date(2028, 6, 30))
        # Lower Saxony: a summer (2026) only; NRW 2026/27: autumn and Christmas 2026;
        # NRW 2027/28: the summers 2027 and 2028 around it, nothing between them
        self.assertEqual(gaps, [(self.ni, date(2026, 8, 1)), (self.ni, date(2027, 8, 1)),
                                (self.nw, date(2027, 8, 1))])
        self._nrw_christmas_2027()
        gaps = self.Calendar._qnetz_school_holiday_gaps(
            self.nw | self.ni, date(2027, 7, 20), date(2027, 8, 20))
        self.assertEqual(gaps, [(self.ni, date(2026, 8, 1)), (self.ni, date(2027, 8, 1))],
                         "a range around 1 August touches both school years")
        self.assertEqual(self.Calendar._qnetz_school_holiday_warning(gaps[1:]), NI_GAP_2027)
        self.assertFalse(self.Calendar._qnetz_school_holiday_gaps(
            self.nw, date(2027, 9, 1), date(2028, 7, 31)))

    def test_the_generator_warns_until_lower_saxony_is_imported(self):
        """A Höxter course with a Holzminden company's need, planned in autumn 2027."""
        self._nrw_christmas_2027()
        course = self._course()
        self._need(self.company_b, course)
        self.assertEqual(course._qnetz_concerned_states(), self.nw | self.ni)
        values = {"event_id": course.id, "tue": True, "thu": True, "count": 4,
                  "date_start": "2027-10-12"}
        wizard = self.env["qnetz.session.generator"].create(values)
        self.assertEqual(wizard.school_holiday_gaps, NI_GAP_2027)
        self.assertEqual(wizard.gap_state_ids, self.ni)
        wizard.action_generate()
        # without Lower Saxony's periods the plan runs through its autumn holidays ...
        self.assertEqual(self._days(course), [date(2027, 10, 12), date(2027, 10, 14),
                                              date(2027, 10, 19), date(2027, 10, 21)])
        # ... and the course's history says why
        self.assertIn("Für Niedersachsen sind für das Schuljahr 2027/28 keine Schulferien",
                      course.message_ids[0].body)
        # with school holidays left aside on purpose there is nothing to warn about
        wizard = self.env["qnetz.session.generator"].create(
            dict(values, skip_school_holidays=False))
        self.assertFalse(wizard.school_holiday_gaps)

        # the warning's way to the import: Lower Saxony filled in
        wizard = self.env["qnetz.session.generator"].create(values)
        action = wizard.action_import_school_holidays()
        self.assertEqual(action["res_model"], "qnetz.holiday.import")
        importer = self.env["qnetz.holiday.import"].with_context(
            **action["context"]).create({
                "file": base64.b64encode(ICS_NI_2027), "filename": "niedersachsen.ics",
                "source": "https://www.mk.niedersachsen.de/ (test)"})
        self.assertEqual(importer.state_id, self.ni)
        importer.action_import()
        self.assertIn("2 Zeiträume hinzugefügt", importer.result)

        wizard = self.env["qnetz.session.generator"].create(values)
        self.assertFalse(wizard.school_holiday_gaps)
        self.assertIn("19.10.2027: Herbstferien (Schulferien in Niedersachsen)",
                      wizard.preview)
        wizard.action_generate()
        self.assertEqual(self._days(course), [date(2027, 10, 12), date(2027, 10, 14),
                                              date(2027, 11, 2), date(2027, 11, 4)])

    def test_the_holiday_list_opens_on_the_missing_state(self):
        course = self._course(district_id=self.district_hol.id)
        # warned as soon as the first day is chosen, before any weekday
        wizard = self.env["qnetz.session.generator"].create({
            "event_id": course.id, "count": 2, "date_start": "2027-10-12"})
        self.assertFalse(wizard.preview)
        self.assertEqual(wizard.school_holiday_gaps, NI_GAP_2027)
        wizard = self.env["qnetz.session.generator"].create({
            "event_id": course.id, "tue": True, "count": 2, "date_start": "2027-10-12"})
        self.assertEqual(wizard.school_holiday_gaps, NI_GAP_2027)
        action = wizard.action_open_school_holidays()
        self.assertEqual(action["res_model"], "qnetz.holiday")
        self.assertEqual(action["domain"], [("state_id", "in", self.ni.ids)])
        self.assertEqual(action["context"]["default_state_id"], self.ni.id)
        self.assertEqual(action["context"]["default_kind"], "school")

    def test_one_to_do_per_missing_state_and_school_year(self):
        Holiday = self.Holiday
        # what the daily job asked on this database before does not count here
        self.env["mail.activity"].search(
            [("summary", "like", "Schulferien fehlen für das Schuljahr")]).unlink()
        todos = Holiday._qnetz_cron_school_holiday_todos(today=date(2027, 4, 30))
        # the school year under way: Lower Saxony has only its summer 2026
        self.assertEqual(todos.mapped("summary"),
                         ["Schulferien fehlen für das Schuljahr 2026/27: Niedersachsen"])
        self.assertIn("Ferien eintragen oder importieren", todos.note)
        self.assertEqual(todos.user_id, self.env["res.users"]._qnetz_first_coordinator())
        # from 1 May, the next school year: both states (NRW has its summers only)
        todos = Holiday._qnetz_cron_school_holiday_todos(today=date(2027, 5, 1))
        self.assertEqual(sorted(todos.mapped("summary")), [
            "Schulferien fehlen für das Schuljahr 2027/28: Niedersachsen",
            "Schulferien fehlen für das Schuljahr 2027/28: Nordrhein-Westfalen"])
        self.assertEqual(set(todos.mapped("date_deadline")), {"2027-08-01"})
        self.assertFalse(Holiday._qnetz_cron_school_holiday_todos(today=date(2027, 5, 2)),
                         "not again while they are open")
        # NRW entered; the NRW to-do done: it does not come back
        self._nrw_christmas_2027()
        todos.filtered(lambda t: "Nordrhein" in t.summary).action_done()
        self.assertFalse(Holiday._qnetz_cron_school_holiday_todos(today=date(2027, 5, 3)))
