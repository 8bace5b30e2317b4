from datetime import date

from ...tests.common import CalendarCase
from ...spine.course_time import utc_string_to_local


class TestProposals(CalendarCase):

    @classmethod
    def setUpClass(cls):
        super(TestProposals, cls).setUpClass()
        cls.env["qnetz.need"].search([("state", "=", "qualified")]).action_withdraw()

    def _need(self, partner, apprentices, **values):
        vals = {"partner_id": partner.id, "area": "practice", "topic": "Pneumatik",
                "occupation_id": self.occupation.id, "preferred_place": "hoexter",
                "apprentice_ids": [(6, 0, apprentices.ids)],
                "participant_count": len(apprentices), "wanted_start": "2028-07-14"}
        vals.update(values)
        need = self.env["qnetz.need"].create(vals)
        need.action_qualify()
        return need

    def test_saturday_wish_after_wanted_start_clear_of_holidays(self):
        needs = self._need(self.company_a, self.apprentices[0:2], preferred_time="saturday") \
            | self._need(self.company_b, self.block_apprentice, preferred_time="saturday") \
            | self._need(self.company_a, self.apprentices[2:3], preferred_time="evening")
        wizard = self.env["qnetz.bundle.wizard"].with_context(
            active_model="qnetz.need", active_ids=needs.ids).create({"name": "Pneumatik"})
        self.assertTrue(wizard.sat)
        self.assertFalse(wizard.tue or wizard.thu)
        begin = utc_string_to_local(wizard.date_begin)
        self.assertEqual(begin.strftime("%H:%M"), "08:30")
        # 14 July 2028 is wanted, but both states' summer holidays lie ahead: the first
        # Saturday after them is 2 September
        self.assertEqual(begin.date(), date(2028, 9, 2))
        proposal = self.env["qnetz.bundle.proposal"].search([]).filtered(
            lambda p: needs[0] in p.need_ids)
        self.assertEqual(proposal.proposed_start, "2028-09-02")
        self.assertIn("08:30", proposal.proposed_pattern)

    def test_evening_course_created_with_sessions_around_school_days(self):
        needs = self._need(self.company_a, self.apprentices[0:2], preferred_time="evening",
                           wanted_start="2028-09-01") \
            | self._need(self.company_b, self.block_apprentice, preferred_time="evening",
                         wanted_start="2028-09-01")
        wizard = self.env["qnetz.bundle.wizard"].with_context(
            active_model="qnetz.need", active_ids=needs.ids).create({
                "name": "Pneumatik am Abend", "provider_id": self.provider.id,
                "address_id": self.venue.id, "district_id": self.district_hx.id})
        self.assertFalse(wizard.session_count, "no sessions unless asked for")
        wizard._onchange_proposed_sessions()  # what the form does
        self.assertEqual(wizard.session_count, 10)
        self.assertTrue(wizard.tue and wizard.thu)
        # Tuesday 5 September is in the block weeks, Thursdays are school days
        self.assertEqual(utc_string_to_local(wizard.date_begin).date(), date(2028, 9, 19))
        action = wizard.action_create_courses()
        course = self.env["event.event"].browse(action["res_id"])
        self.assertEqual(len(course.session_ids), wizard.session_count)
        holidays = self._holiday_days(self.nw | self.ni)
        for session in course.session_ids:
            day = utc_string_to_local(session.date_begin).date()
            self.assertNotIn(day, holidays)
            self.assertEqual(day.weekday(), 1, "Thursdays are Azubi Test 0's school days")
        self.assertEqual(course.date_begin, course.session_ids[0].date_begin)

    def test_missing_school_holidays_are_named_where_the_start_is_proposed(self):
        """Here Lower Saxony's school year 2028/29 has its summer only, NRW its autumn."""
        needs = self._need(self.company_a, self.apprentices[0:2], preferred_time="evening",
                           wanted_start="2028-09-01") \
            | self._need(self.company_b, self.block_apprentice, preferred_time="evening",
                         wanted_start="2028-09-01")
        warning = ("Für Niedersachsen sind für das Schuljahr 2028/29 keine Schulferien "
                   "erfasst; die Planung berücksichtigt sie nicht. Ferien eintragen oder "
                   "importieren.")
        proposal = self.env["qnetz.bundle.proposal"].search([]).filtered(
            lambda p: needs[1] in p.need_ids)
        self.assertEqual(proposal.school_holiday_gaps, warning)
        self.assertEqual(proposal.action_import_school_holidays()["context"],
                         {"default_state_id": self.ni.id})
        wizard = self.env["qnetz.bundle.wizard"].with_context(
            active_model="qnetz.need", active_ids=needs.ids).create({
                "name": "Pneumatik am Abend", "district_id": self.district_hx.id})
        self.assertEqual(wizard.school_holiday_gaps, warning)
        self.assertEqual(wizard.gap_state_ids, self.ni)
        # with the Höxter need alone the course serves NRW, whose autumn 2028 is there
        wizard.need_ids = needs[0]
        self.assertFalse(wizard.school_holiday_gaps)
        wizard.need_ids = needs
        # Lower Saxony's free day before 3 October 2028 entered: nothing is missing
        self.env["qnetz.holiday"].create({
            "name": "Tag vor dem 3. Oktober", "kind": "school", "state_id": self.ni.id,
            "date_from": "2028-10-02", "date_to": "2028-10-02", "source": "test fixture"})
        proposal.invalidate_cache()
        wizard.invalidate_cache()
        self.assertFalse(proposal.school_holiday_gaps)
        self.assertFalse(wizard.school_holiday_gaps)
