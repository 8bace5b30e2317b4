from odoo.exceptions import UserError

from .common import QnetzCoursesCase


class TestBundle(QnetzCoursesCase):

    @classmethod
    def setUpClass(cls):
        super(TestBundle, cls).setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("qnetz_courses.default_seats_min", "3")
        cls.env["ir.config_parameter"].sudo().set_param("qnetz_courses.default_seats_max", "5")
        # other qualified needs (demo data) must not disturb these tests
        cls.env["qnetz.need"].search([("state", "=", "qualified")]).action_withdraw()
        cls.occupation_2 = cls.env.ref("qnetz_base.occupation_elektroniker")

    def _need(self, partner, apprentices=None, **values):
        vals = {"partner_id": partner.id, "area": "practice", "topic": "Hydraulik",
                "occupation_id": self.occupation.id, "participant_count": 1,
                "preferred_place": "either", "preferred_time": "any"}
        if apprentices:
            vals["apprentice_ids"] = [(6, 0, apprentices.ids)]
            vals["participant_count"] = len(apprentices)
        vals.update(values)
        need = self.env["qnetz.need"].create(vals)
        need.action_qualify()
        return need

    def _proposal_of(self, need):
        Proposal = self.env["qnetz.bundle.proposal"]
        proposals = Proposal.search([])
        found = proposals.filtered(lambda p: need in p.need_ids)
        self.assertEqual(len(found), 1)
        return found

    def test_proposals_group_the_right_needs(self):
        a1 = self._need(self.company_a, self.apprentices[0:2], preferred_time="evening")
        a2 = self._need(self.company_a, self.apprentices[2:3], preferred_time="evening",
                        preferred_place="hoexter")
        # Holzminden-side company that accepts either side: counts on its own side
        b1 = self._need(self.company_b, self.apprentices[4:5], preferred_time="saturday")
        # ... unless it asks for the Höxter side
        b2 = self._need(self.company_b, self.apprentices[5:6], preferred_place="hoexter")
        other_area = self._need(self.company_a, area="theory")
        other_topic = self._need(self.company_a, topic="Pneumatik")
        general_1 = self._need(self.company_a, area="general", occupation_id=False,
                               topic="Mathematik ")
        general_2 = self._need(self.company_b, area="general",
                               occupation_id=self.occupation_2.id,
                               topic="mathematik", preferred_place="hoexter")
        unqualified = self.env["qnetz.need"].create({
            "partner_id": self.company_a.id, "area": "practice", "topic": "Hydraulik",
            "occupation_id": self.occupation.id})

        hx = self._proposal_of(a1)
        self.assertEqual(hx.need_ids, a1 | a2 | b2)
        self.assertEqual(hx.participant_count, 4)
        self.assertEqual(hx.need_count, 3)
        self.assertEqual(hx.partner_count, 2)
        self.assertEqual(hx.place, "hoexter")
        self.assertEqual(hx.occupation_id, self.occupation)
        self.assertEqual(hx.seats_min, 3)
        self.assertEqual(hx.seats_max, 5)
        self.assertEqual(hx.fill_state, "ok")
        self.assertEqual(hx.suggested_time, "evening")
        self.assertEqual(hx.evening_count, 3)
        self.assertEqual(hx.any_time_count, 1)
        self.assertFalse(hx.time_conflict)
        self.assertIn("Hydraulik", hx.name)
        self.assertNotIn(unqualified, hx.need_ids)

        hol = self._proposal_of(b1)
        self.assertEqual(hol.need_ids, b1)
        self.assertEqual(hol.place, "holzminden")
        self.assertEqual(hol.fill_state, "below")
        self.assertEqual(hol.suggested_time, "saturday")

        self.assertEqual(self._proposal_of(other_area).need_ids, other_area)
        self.assertEqual(self._proposal_of(other_topic).need_ids, other_topic)
        # one topic (case and spaces ignored) for several occupations: one proposal
        maths = self._proposal_of(general_1)
        self.assertEqual(maths.need_ids, general_1 | general_2)
        self.assertFalse(maths.occupation_id)
        self.assertEqual(maths.place, "hoexter")

    def test_time_conflict_and_above_maximum(self):
        first = self._need(self.company_a, self.apprentices[0:4], preferred_time="evening")
        self._need(self.company_b, self.apprentices[4:6], preferred_time="school_day",
                   preferred_place="hoexter")
        proposal = self._proposal_of(first)
        self.assertEqual(proposal.participant_count, 6)
        self.assertEqual(proposal.fill_state, "above")
        self.assertEqual(proposal.course_count, 2)
        self.assertTrue(proposal.time_conflict)
        self.assertEqual(proposal.suggested_time, "evening")

    def test_wizard_turns_proposal_into_course(self):
        first = self._need(self.company_a, self.apprentices[0:2])
        second = self._need(self.company_a, self.apprentices[2:4], preferred_place="hoexter")
        proposal = self._proposal_of(first)
        action = proposal.action_create_course()
        wizard = self.env["qnetz.bundle.wizard"].with_context(**action["context"]).create({
            "provider_id": self.provider.id, "district_id": self.district_hx.id,
            "address_id": self.venue.id, "fee_amount": 250.0, "funding_share": 50.0})
        self.assertEqual(wizard.need_ids, first | second)
        self.assertEqual(wizard.area, "practice")
        self.assertEqual(wizard.occupation_id, self.occupation)
        self.assertEqual(wizard.course_count, 1)
        result = wizard.action_create_courses()
        course = self.env["event.event"].browse(result["res_id"])
        # lands on the network's course form, not on Odoo's stock event form
        self.assertEqual(result["views"],
                         [(self.env.ref("qnetz_courses.view_qnetz_course_form").id, "form")])
        self.assertTrue(course.is_qnetz_course)
        self.assertEqual(course.need_ids, first | second)
        self.assertEqual(set((first | second).mapped("state")), {"bundled"})
        self.assertEqual(course.registration_ids.mapped("apprentice_id"), self.apprentices[0:4])
        self.assertEqual(set(course.registration_ids.mapped("paying_partner_id")),
                         {self.company_a})
        self.assertEqual(course.registration_ids.filtered(
            lambda r: r.apprentice_id == self.apprentices[0]).need_id, first)
        self.assertEqual((course.seats_min, course.seats_max), (3, 5))
        self.assertEqual(course.funding_share, 50.0)
        # the needs left the proposals
        self.assertFalse(self.env["qnetz.bundle.proposal"].search([]).filtered(
            lambda p: first in p.need_ids))

    def test_wizard_splits_above_maximum(self):
        needs = self._need(self.company_a, self.apprentices[0:2]) \
            | self._need(self.company_a, self.apprentices[2:4]) \
            | self._need(self.company_b, self.apprentices[4:6])
        wizard = self.env["qnetz.bundle.wizard"].with_context(
            active_model="qnetz.need", active_ids=needs.ids).create({
                "name": "Hydraulik", "seats_max": 4, "seats_min": 2})
        wizard._onchange_course_count()
        self.assertEqual(wizard.course_count, 2)
        result = wizard.action_create_courses()
        courses = self.env["event.event"].search(result["domain"])
        self.assertEqual(len(courses), 2)
        self.assertEqual(courses.mapped("need_ids"), needs)
        for course in courses:
            self.assertLessEqual(course.seats_reserved, 4)
            self.assertFalse(course.registration_ids.filtered(lambda r: r.state == "waiting"))
        self.assertEqual(len(courses.mapped("registration_ids")), 6)
        self.assertIn("(1/2)", " ".join(courses.mapped("name")))

    def test_wizard_refuses_wrong_needs(self):
        need = self._need(self.company_a)
        new_need = self.env["qnetz.need"].create({
            "partner_id": self.company_a.id, "area": "practice", "topic": "Hydraulik"})
        wizard = self.env["qnetz.bundle.wizard"].with_context(
            active_model="qnetz.need", active_ids=(need | new_need).ids).create(
            {"name": "Hydraulik"})
        with self.assertRaisesRegex(UserError, new_need.name):
            wizard.action_create_courses()
        empty = self.env["qnetz.bundle.wizard"].create({"name": "Leer"})
        with self.assertRaises(UserError):
            empty.action_create_courses()

    def test_wizard_reports_a_taken_venue_as_a_message(self):
        values = {
            "name": "Hydraulik", "provider_id": self.provider.id, "address_id": self.venue.id,
            "date_begin": "2030-03-05 07:00:00", "date_end": "2030-03-30 15:00:00",
            "start_time": 16.0, "hours": 3.0, "session_count": 1, "avoid_school_days": False,
            "mon": True, "tue": True, "wed": True, "thu": True, "fri": True}
        Wizard = self.env["qnetz.bundle.wizard"]
        first = self._need(self.company_a, self.apprentices[0:2])
        Wizard.with_context(active_model="qnetz.need", active_ids=first.ids).create(
            values).action_create_courses()
        second = self._need(self.company_b, self.apprentices[4:6])
        wizard = Wizard.with_context(active_model="qnetz.need", active_ids=second.ids).create(
            values)
        # a UserError (a warning to act on), not the ValidationError of the session
        with self.assertRaisesRegex(UserError, "selben Ort"):
            wizard.action_create_courses()
