from odoo.exceptions import UserError

from ...tests.common import QnetzCoursesCase


class TestBundle(QnetzCoursesCase):

    @classmethod
    def setUpClass(cls):
        super(TestBundle, cls).setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("qnetz_courses.default_seats_min", "3")
        cls.env["ir.config_parameter"].sudo().set_param("qnetz_courses.default_seats_max", "5")
        # other qualified needs (demo data) must not disturb these tests
        cls.env["qnetz.need"].search([("state", "=", "qualified")]).action_withdraw()
        # without a catalogue, proposals group by the topic's stems (the fall-back)
        cls.env["qnetz.course.module"].search([]).write({"active": False})
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

    def test_wizard_takes_the_default_course_size_from_the_parameters(self):
        Params = self.env["ir.config_parameter"].sudo()
        Params.set_param("qnetz_courses.default_seats_min", "5")
        Params.set_param("qnetz_courses.default_seats_max", "10")
        defaults = self.env["qnetz.bundle.wizard"].default_get(["seats_min", "seats_max"])
        self.assertEqual((defaults["seats_min"], defaults["seats_max"]), (5, 10))

    def test_proposals_group_the_right_needs(self):
        a1 = self._need(self.company_a, self.apprentices[0:2], preferred_time="evening")
        a2 = self._need(self.company_a, self.apprentices[2:3], preferred_time="evening",
                        preferred_place="hoexter")
        # Holzminden-side company that wants its own side
        b1 = self._need(self.company_b, self.apprentices[4:5], preferred_time="saturday",
                        preferred_place="holzminden")
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

    def test_weser_pooling(self):
        """Needs that accept either side cross the Weser when that makes a course."""
        a1 = self._need(self.company_a, self.apprentices[0:2])
        b1 = self._need(self.company_b, self.apprentices[4:5])
        b2 = self._need(self.company_b, self.apprentices[5:6], preferred_place="holzminden")
        pooled = self._proposal_of(a1)
        # Höxter side 2, Holzminden side 2: neither reaches 3; the flexible needs go to
        # the side where they make a course (Holzminden: one need is fixed there)
        self.assertEqual(pooled.need_ids, a1 | b1 | b2)
        self.assertEqual(pooled.place, "holzminden")
        self.assertTrue(pooled.cross_border)
        self.assertEqual(pooled.crossed_count, 2)
        self.assertEqual(pooled.fill_state, "ok")
        # the list view's search_read (one evaluation of the view) reads the same
        fields = ["name", "module_id", "place", "cross_border", "participant_count",
                  "earliest_start", "fill_state"]
        Proposal = self.env["qnetz.bundle.proposal"]
        self.assertEqual(Proposal.search_read([("id", "=", pooled.id)], fields),
                         pooled.read(fields))
        self.assertEqual([row["id"] for row in Proposal.search_read([], ["place"])],
                         Proposal.search([]).ids)

    def test_no_pooling_when_both_sides_have_a_course(self):
        a1 = self._need(self.company_a, self.apprentices[0:3])
        b1 = self._need(self.company_b, self.apprentices[4:6])
        b2 = self._need(self.company_b, topic="hydraulik")
        self.assertEqual(self._proposal_of(a1).need_ids, a1)
        self.assertEqual(self._proposal_of(b1).need_ids, b1 | b2)
        self.assertFalse(self._proposal_of(a1).cross_border)

    def test_module_groups_different_wordings(self):
        # the demo's "Hydraulik und Pneumatik" would make every wording a tie of two modules
        self.env["qnetz.course.module"].search([]).write({"active": False})
        module = self.env["qnetz.course.module"].create({
            "name": "Fluidtechnik", "area": "practice",
            "keywords": "Hydraulik, Pneumatik, Hydraulikpläne lesen",
            "description": "<p>Hydraulische und pneumatische Anlagen.</p>"})
        first = self._need(self.company_a, self.apprentices[0:2], topic="Hydrauliksysteme")
        second = self._need(self.company_a, self.apprentices[2:3], topic="Pneumatik Grundkurs",
                            area="theory")
        proposal = self._proposal_of(first)
        self.assertEqual(proposal.need_ids, first | second)
        self.assertEqual(proposal.module_id, module)
        self.assertEqual(proposal.area, "practice")
        self.assertIn("Fluidtechnik", proposal.name)
        # the course of the proposal teaches the module; its page shows the description
        action = proposal.action_create_course()
        wizard = self.env["qnetz.bundle.wizard"].with_context(**action["context"]).create({
            "provider_id": self.provider.id, "address_id": self.venue.id})
        self.assertEqual(wizard.module_id, module)
        course = self.env["event.event"].browse(wizard.action_create_courses()["res_id"])
        self.assertEqual(course.module_id, module)
        self.assertIn("pneumatische Anlagen", course.description)

    def test_venue_with_least_travel(self):
        """Of the towns where the module's providers teach, the one the participants reach
        with the least travel; longest and average straight-line distance."""
        from ..models.qnetz_town import distance_km
        provider_hol = self.env["res.partner"].create({
            "name": "Testbildung Holzminden", "is_company": True,
            "is_education_provider": True, "city": "Holzminden"})
        module = self.env["qnetz.course.module"].create({
            "name": "Fluidtechnik", "area": "practice", "keywords": "Hydraulik",
            "provider_ids": [(6, 0, (self.provider | provider_hol).ids)]})
        first = self._need(self.company_a, self.apprentices[0:3])       # Brakel
        self._need(self.company_b, self.apprentices[4:5], preferred_place="hoexter")  # Bevern
        proposal = self._proposal_of(first)
        self.assertEqual(proposal.module_id, module)
        towns = {t.name: t for t in self.env["qnetz.town"].search([])}
        hx, brakel, bevern = towns["Höxter"], towns["Brakel"], towns["Bevern"]
        self.assertEqual(proposal.venue_town_id, hx)
        self.assertEqual(proposal.venue_provider_ids, self.provider)
        to_brakel = distance_km(hx.latitude, hx.longitude, brakel.latitude, brakel.longitude)
        to_bevern = distance_km(hx.latitude, hx.longitude, bevern.latitude, bevern.longitude)
        self.assertAlmostEqual(proposal.max_distance, max(to_brakel, to_bevern), places=1)
        self.assertAlmostEqual(proposal.avg_distance, (3 * to_brakel + to_bevern) / 4,
                               places=1)
        self.assertTrue(10 < to_brakel < 20)

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
                         [(self.env.ref("qnetz_courses.qnetz_course_view_form").id, "form")])
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
