from odoo import fields
from odoo.exceptions import UserError

from ...tests.common import QnetzCoursesCase


class TestFundingDefaults(QnetzCoursesCase):
    """A new course takes its funded project's rate, however it is made, and is confirmed
    only with an agreed provider fee."""

    @classmethod
    def setUpClass(cls):
        super(TestFundingDefaults, cls).setUpClass()
        funder = cls.env["res.partner"].create({"name": "Förderstelle Test", "is_company": True})
        # from today to after the tests' courses of 2030: it holds every start below
        cls.project = cls.env["qnetz.project"].create({
            "name": "Testprojekt 90 %", "funder_id": funder.id, "funding_rate": 90.0,
            "date_start": fields.Date.context_today(cls.env["qnetz.project"]),
            "date_end": "2031-12-31"})
        cls.env["qnetz.need"].search([("state", "=", "qualified")]).action_withdraw()

    def test_course_by_hand_takes_the_projects_rate(self):
        course = self._create_course()
        self.assertEqual(course.project_id, self.project)
        self.assertEqual(course.funding_share, 90.0)
        # a share the coordinator gives is kept
        self.assertEqual(self._create_course(funding_share=40.0).funding_share, 40.0)

    def test_course_from_a_proposal_takes_the_projects_rate(self):
        need = self.env["qnetz.need"].create({
            "partner_id": self.company_a.id, "area": "practice", "topic": "Hydraulik",
            "occupation_id": self.occupation.id, "participant_count": 2,
            "apprentice_ids": [(6, 0, self.apprentices[:2].ids)]})
        need.action_qualify()
        Wizard = self.env["qnetz.bundle.wizard"].with_context(
            default_need_ids=[(6, 0, need.ids)])
        defaults = Wizard.default_get(["funding_share", "date_begin", "need_ids"])
        self.assertEqual(defaults["funding_share"], 90.0, "the coordinator sees it in the form")
        wizard = Wizard.create({"provider_id": self.provider.id, "fee_amount": 300.0,
                                "address_id": self.venue.id, "provider_fee": 1200.0})
        course = self.env["event.event"].browse(wizard.action_create_courses()["res_id"])
        self.assertEqual(course.funding_share, 90.0)

    def test_course_from_an_accepted_quote_takes_the_projects_rate(self):
        module = self.env["qnetz.course.module"].create({
            "name": "Testmodul Förderung", "area": "theory", "hours": 16,
            "provider_ids": [(6, 0, self.provider.ids)]})
        self.provider.email = "info@testbildung.example"
        request = self.env["qnetz.quote.request"].create({
            "name": "Pneumatik Förderung", "module_id": module.id, "participant_count": 6})
        request.action_send()
        quote = request.quote_ids
        quote.write({"state": "answered", "price": 2400.0, "date_begin": "2030-05-04",
                     "date_end": "2030-05-29", "venue": "Höxter"})
        quote.action_accept()
        self.assertEqual(request.course_id.funding_share, 90.0)
        self.assertEqual(request.course_id.provider_fee, 2400.0)

    def test_no_confirmation_without_a_provider_fee(self):
        course = self._create_course(seats_min=1, provider_fee=0.0)
        self._register(course, self.apprentices[0])
        with self.assertRaisesRegex(UserError, "Trägerhonorar"):
            course.button_confirm()
        with self.assertRaisesRegex(UserError, "Trägerhonorar"):
            course.action_confirm_below_minimum()
        self.assertEqual(course.state, "draft")
        course.provider_fee = 1100.0
        course.button_confirm()
        self.assertEqual(course.state, "confirm")
