from datetime import date

from odoo.exceptions import UserError

from ...spine.course_time import utc_string_to_local

from ...tests.common import CalendarCase


class TestHolidays(CalendarCase):

    def test_public_holidays_differ_between_the_states(self):
        self.env["qnetz.calendar"]._qnetz_conflicts(
            date(2028, 1, 1), date(2028, 12, 31), self.nw | self.ni, self.env["res.partner"])
        Holiday = self.env["qnetz.holiday"]

        def names(state):
            return set(Holiday.search([("state_id", "=", state.id), ("kind", "=", "public"),
                                       ("year", "=", 2028)]).mapped("name"))
        self.assertIn("Fronleichnam", names(self.nw))
        self.assertIn("Allerheiligen", names(self.nw))
        self.assertNotIn("Fronleichnam", names(self.ni))
        self.assertIn("Reformationstag", names(self.ni))
        self.assertNotIn("Reformationstag", names(self.nw))
        # computed once: asking again does not duplicate
        count = Holiday.search_count([("kind", "=", "public"), ("year", "=", 2028)])
        self.env["qnetz.calendar"]._qnetz_conflicts(
            date(2028, 3, 1), date(2028, 3, 2), self.nw | self.ni, self.env["res.partner"])
        self.assertEqual(Holiday.search_count([("kind", "=", "public"), ("year", "=", 2028)]),
                         count)

    def test_school_holidays_shipped_with_their_source(self):
        Holiday = self.env["qnetz.holiday"]
        for year in (2026, 2027, 2028, 2029, 2030):
            summer = Holiday.search([("state_id", "=", self.nw.id), ("kind", "=", "school"),
                                     ("year", "=", year), ("name", "=", "Sommerferien")])
            self.assertEqual(len(summer), 1, year)
            self.assertIn("schulministerium.nrw", summer.source)

    def test_coordinator_edits_a_public_holiday(self):
        Holiday = self.env["qnetz.holiday"]
        Holiday._qnetz_ensure_public([2029], self.nw)
        corpus = Holiday.search([("state_id", "=", self.nw.id), ("name", "=", "Fronleichnam"),
                                 ("year", "=", 2029)])
        corpus.active = False
        conflicts = self.env["qnetz.calendar"]._qnetz_conflicts(
            date(2029, 5, 31), date(2029, 5, 31), self.nw, self.env["res.partner"])
        self.assertFalse(conflicts, "an archived holiday no longer counts")
        self.assertEqual(Holiday.with_context(active_test=False).search_count(
            [("state_id", "=", self.nw.id), ("name", "=", "Fronleichnam"), ("year", "=", 2029)]),
            1, "the year is not computed again over the coordinator's change")


class TestSessionGenerator(CalendarCase):

    def test_states_concerned(self):
        self.assertEqual(self.course._qnetz_concerned_states(), self.nw | self.ni)

    def _generate(self, **values):
        vals = {"event_id": self.course.id, "date_start": "2028-06-01", "mon": True,
                "tue": True, "thu": True, "fri": True, "start_time": 16.5, "hours": 3.0,
                "count": 20}
        vals.update(values)
        wizard = self.env["qnetz.session.generator"].create(vals)
        wizard.action_generate()
        return wizard

    def test_no_session_on_holiday_or_school_day(self):
        wizard = self._generate()
        sessions = self.course.session_ids
        self.assertEqual(len(sessions), 20)
        holidays = self._holiday_days(self.nw | self.ni)
        days = [utc_string_to_local(s.date_begin).date() for s in sessions]
        for session, day in zip(sessions, days):
            self.assertNotIn(day, holidays, "session on a holiday: %s" % day)
            # Thursday: school of apprentices 0 and 4; Friday: apprentice 1; Monday stays
            # free (3rd-year class only)
            self.assertIn(day.weekday(), (0, 1), day)
            self.assertFalse(date(2028, 9, 4) <= day <= date(2028, 9, 15),
                             "session in the block weeks: %s" % day)
            self.assertEqual(utc_string_to_local(session.date_begin).strftime("%H:%M"), "16:30")
            self.assertEqual(session.duration, 3.0)
        # across both summer holidays (NRW from 10 July, Lower Saxony until 30 August)
        self.assertFalse([d for d in days if date(2028, 7, 10) <= d <= date(2028, 8, 30)])
        self.assertTrue([d for d in days if d > date(2028, 8, 30)])
        # the reasons are listed
        self.assertIn("15.06.2028: Fronleichnam", wizard.skipped)
        self.assertIn("Sommerferien", wizard.skipped)
        self.assertIn("Azubi Test 4", wizard.skipped)
        self.assertIn("Berufsschule", wizard.skipped)
        self.assertIn("Blockwoche", wizard.skipped)
        # the course now spans its sessions
        self.assertEqual(self.course.date_begin, sessions[0].date_begin)
        self.assertTrue(self.course.message_ids.filtered(
            lambda m: "20 Termine erzeugt" in (m.body or "")))

    def test_end_date_and_lower_saxony_reformation_day(self):
        self._generate(mon=False, thu=False, fri=False, count=0,
                       date_start="2028-10-01", date_stop="2028-11-30",
                       skip_school_holidays=False)
        days = [utc_string_to_local(s.date_begin).date() for s in self.course.session_ids]
        self.assertNotIn(date(2028, 10, 31), days, "Reformationstag (Lower Saxony)")
        self.assertIn(date(2028, 10, 24), days, "school holidays were allowed")
        self.assertTrue(all(d <= date(2028, 11, 30) for d in days))
        self.assertEqual(len(days), 7)  # 3 October is a holiday in both states

    def test_too_few_days_and_no_weekday(self):
        with self.assertRaises(UserError):
            self._generate(mon=False, tue=False, thu=False, fri=False)
        with self.assertRaises(UserError):
            self._generate(count=30, date_stop="2028-06-30", mon=False, thu=False, fri=False)

    def test_session_warns_about_conflicts(self):
        self._generate(count=1)
        session = self.course.session_ids
        self.assertFalse(session.calendar_warning)
        session.write({"date_begin": "2028-10-31 15:00:00", "date_end": "2028-10-31 18:00:00"})
        self.assertIn("Reformationstag", session.calendar_warning)
        self.assertIn("Niedersachsen", session.calendar_warning)
        # a Thursday after the autumn holidays (in them, there is no school)
        session.write({"date_begin": "2028-11-09 15:00:00", "date_end": "2028-11-09 18:00:00"})
        self.assertIn("Azubi Test 0", session.calendar_warning)
        # the form's onchange warns with the same reasons
        new = self.env["qnetz.course.session"].new({
            "event_id": self.course.id, "date_begin": "2028-06-15 15:00:00",
            "date_end": "2028-06-15 18:00:00"})
        result = new._onchange_calendar()
        self.assertIn("Fronleichnam", result["warning"]["message"])


class TestGeneratorPreview(CalendarCase):

    def test_preview_lists_dates_and_reasons_before_generating(self):
        wizard = self.env["qnetz.session.generator"].with_context(
            active_id=self.course.id).create({"tue": True, "count": 3,
                                              "date_start": "2028-10-24"})
        self.assertEqual(wizard.event_id, self.course)
        self.assertIn("Nordrhein-Westfalen", wizard.state_names)
        self.assertIn("Niedersachsen", wizard.state_names)
        self.assertIn("Di 07.11.2028", wizard.preview)
        self.assertIn("31.10.2028: Herbstferien", wizard.preview)
        self.assertFalse(self.course.session_ids, "a preview creates nothing")
