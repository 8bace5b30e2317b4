from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import QnetzCase


class TestNeed(QnetzCase):

    def _need(self, **overrides):
        return self.env["qnetz.need"].sudo(self.coordinator).create(self._need_vals(**overrides))

    def test_reference_and_district(self):
        need = self._need()
        self.assertTrue(need.name.startswith("BED/"))
        self.assertEqual(need.district_id, self.district_hx)
        self.assertEqual(need.federal_state_id.code, "NW")
        # A young person's need takes the district of the employer.
        own = self._need(partner_id=self.apprentice.id, participant_count=1,
                         apprentice_ids=[(6, 0, [self.apprentice.id])])
        self.assertEqual(own.district_id, self.district_hx)

    def test_allowed_transitions(self):
        need = self._need()
        self.assertEqual(need.state, "new")
        need.action_qualify()
        self.assertEqual(need.state, "qualified")
        self.assertEqual(need.qualified_date, fields.Date.context_today(need))
        need.action_reset_to_new()
        self.assertEqual(need.state, "new")
        need.action_qualify()
        need.write({"state": "bundled"})
        need.action_mark_served()
        need.action_close()
        self.assertEqual(need.state, "closed")
        withdrawn = self._need()
        withdrawn.action_withdraw(reason="Betrieb schult selbst.")
        self.assertEqual(withdrawn.state, "withdrawn")
        self.assertEqual(withdrawn.withdraw_reason, "Betrieb schult selbst.")
        withdrawn.action_reset_to_new()
        self.assertEqual(withdrawn.state, "new")

    def test_refused_transitions(self):
        need = self._need()
        for action in ("action_mark_served", "action_close"):
            with self.assertRaisesRegex(UserError, "kann nicht von „Neu“"):
                getattr(need, action)()
        with self.assertRaises(UserError):
            need.write({"state": "bundled"})
        need.action_qualify()
        need.write({"state": "bundled"})
        need.action_mark_served()
        need.action_close()
        for state in ("new", "qualified", "bundled", "served", "withdrawn"):
            with self.assertRaisesRegex(UserError, "kann nicht von „Abgeschlossen“"):
                need.write({"state": state})
        self.assertEqual(need.state, "closed")

    def test_refused_transition_message_is_german(self):
        need = self._need()
        with self.assertRaises(UserError) as caught:
            need.with_context(lang="de_DE").action_close()
        message = caught.exception.name
        self.assertIn(need.name, message)
        self.assertIn("Neu", message)
        self.assertIn("Abgeschlossen", message)
        self.assertNotIn("cannot go", message)

    def test_constraint_messages_are_german(self):
        Need = self.env["qnetz.need"].sudo(self.coordinator).with_context(lang="de_DE")
        with self.assertRaisesRegex(ValidationError, "Teilnehmende: "):
            Need.create(self._need_vals(participant_count=0))
        with self.assertRaisesRegex(ValidationError, "Gemeldet von: "):
            Need.create(self._need_vals(partner_id=False))
        with self.assertRaisesRegex(ValidationError, "Ausbildungsbetrieb: "):
            self.apprentice.with_context(lang="de_DE").employer_id = self.school

    def test_changes_are_tracked(self):
        need = self._need()
        need.action_qualify()
        need.participant_count = 3
        # Tracking values are technical (group_no_one): read them as superuser.
        tracked = need.sudo().message_ids.mapped("tracking_value_ids")
        self.assertIn("state", tracked.mapped("field"))
        self.assertIn("participant_count", tracked.mapped("field"))
        need.write({"topic": "Technische Mathematik II", "urgency": "3",
                    "preferred_time": "evening", "preferred_place": "holzminden",
                    "description": "Zwei Abende pro Woche.",
                    "occupation_id": self.env.ref("qnetz_base.occupation_elektroniker").id})
        tracked = need.sudo().message_ids.mapped("tracking_value_ids")
        for field_name in ("topic", "urgency", "preferred_time", "preferred_place", "description",
                           "occupation_id"):
            self.assertIn(field_name, tracked.mapped("field"), field_name)
        state_changes = tracked.filtered(lambda v: v.field == "state")
        self.assertIn(("Neu", "Qualifiziert"), [
            (v.old_value_char, v.new_value_char) for v in state_changes])

    def test_activities(self):
        need = self._need()
        activity = self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get("qnetz.need").id,
            "res_id": need.id, "summary": "Betrieb anrufen",
            "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
            "user_id": self.coordinator.id})
        self.assertEqual(need.activity_ids, activity)

    def test_participants_at_least_one(self):
        with self.assertRaisesRegex(ValidationError, "Teilnehmende: "):
            self._need(participant_count=0)
        need = self._need()
        with self.assertRaisesRegex(ValidationError, "Teilnehmende: "):
            need.participant_count = -2

    def test_more_named_apprentices_than_participants(self):
        with self.assertRaisesRegex(ValidationError, "Teilnehmende: "):
            self._need(participant_count=1,
                       apprentice_ids=[(6, 0, (self.apprentice | self.apprentice_2).ids)])

    def test_apprentice_of_another_company_refused(self):
        with self.assertRaisesRegex(ValidationError, "Betroffene Auszubildende: "):
            self._need(partner_id=self.other_company.id,
                       apprentice_ids=[(6, 0, self.apprentice.ids)])

    def test_new_need_cannot_start_in_the_past(self):
        yesterday = fields.Date.to_string(date.today() - timedelta(days=2))
        with self.assertRaisesRegex(ValidationError, "Gewünschter Beginn: "):
            self._need(wanted_start=yesterday)
        # A qualified need may have a past start (the course was wanted back then).
        need = self._need(wanted_start=fields.Date.to_string(date.today() + timedelta(days=30)))
        need.action_qualify()
        need.wanted_start = yesterday
        self.assertEqual(need.wanted_start, yesterday)
        # ... but it cannot go back to new with a past start.
        with self.assertRaisesRegex(ValidationError, "Gewünschter Beginn: "):
            need.action_reset_to_new()

    def test_need_without_owner_refused(self):
        with self.assertRaisesRegex(ValidationError, "Gemeldet von: "):
            self._need(partner_id=False)
        vals = self._need_vals()
        del vals["partner_id"]
        with self.assertRaisesRegex(ValidationError, "Gemeldet von: "):
            self.env["qnetz.need"].create(vals)
        need = self._need()
        with self.assertRaisesRegex(ValidationError, "Gemeldet von: "):
            need.partner_id = False
        # A default from the context (smart button on the partner) is an owner.
        need = self.env["qnetz.need"].with_context(default_partner_id=self.company.id).create(vals)
        self.assertEqual(need.partner_id, self.company)

    def test_partner_smart_button_counts(self):
        self._need()
        self._need()
        company = self.company.sudo(self.coordinator)
        self.assertEqual(company.need_count, 2)
        action = company.action_view_needs()
        self.assertEqual(self.env["qnetz.need"].search_count(action["domain"]), 2)

    def test_demo_needs_fill_pivot_and_graph(self):
        Need = self.env["qnetz.need"]
        demo = Need.search([("name", "!=", False)])
        by_area = Need.read_group([], ["area"], ["area"])
        self.assertEqual(len(by_area), 4)
        by_state = {g["state"] for g in Need.read_group([], ["state"], ["state"])}
        self.assertTrue({"new", "qualified"} <= by_state)
        months = Need.read_group([("state", "=", "qualified")], ["qualified_date"],
                                 ["qualified_date:month"])
        self.assertGreaterEqual(len(months), 6)
        self.assertGreaterEqual(len(demo), 60)
        today = fields.Date.context_today(Need)
        self.assertFalse(Need.search([("state", "=", "new"), ("wanted_start", "<", today)]))
