from odoo import fields
from odoo.tests.common import SavepointCase


class TestDemoShowsEveryRolesJob(SavepointCase):
    """The demo that `make run` installs shows what each role does in a day."""

    def test_provider_has_an_upcoming_a_running_and_a_finished_course(self):
        provider = self.env.ref(
            "qnetz_base.user_provider_portal_demo").partner_id.commercial_partner_id
        courses = self.env["event.event"].search([("provider_id", "=", provider.id)])
        now = fields.Datetime.now()
        upcoming = courses.filtered(lambda c: c.state == "confirm" and c.date_begin > now)
        self.assertTrue(upcoming.filtered("registration_ids"),
                        "an upcoming course with registrations")
        running = courses.filtered(lambda c: c.state == "running")
        past = running.mapped("session_ids").filtered(lambda s: s.date_begin < now)
        self.assertTrue(past, "a running course with past sessions")
        self.assertTrue(past.filtered(lambda s: not s.attendance_ids),
                        "attendance still to be recorded")
        finished = courses.filtered(lambda c: c.state == "done")
        self.assertTrue(finished, "a finished course")
        self.assertFalse(finished.filtered("provider_bill_count"),
                         "the provider still has to invoice it")

    def test_a_bundle_proposal_of_three_needs_reaches_its_minimum(self):
        proposals = self.env["qnetz.bundle.proposal"].search(
            [("need_count", ">=", 3), ("fill_state", "in", ("ok", "above"))])
        self.assertTrue(proposals)
        # the needs name enough apprentices: the course made of them can be confirmed
        # without overriding its minimum (the coordinator's journey)
        self.assertTrue(proposals.filtered(
            lambda p: len(p.need_ids.mapped("apprentice_ids")) >= p.seats_min))

    def test_the_company_has_needs_in_every_state_an_invoice_and_a_certificate(self):
        company = self.env.ref(
            "qnetz_base.user_company_portal_demo").partner_id.commercial_partner_id
        needs = self.env["qnetz.need"].search([("partner_id", "=", company.id)])
        states = set(needs.mapped("state"))
        self.assertEqual(states, {"new", "qualified", "bundled", "served", "closed", "withdrawn"})
        invoices = self.env["account.invoice"].search([
            ("partner_id", "=", company.id), ("type", "=", "out_invoice"),
            ("state", "in", ("open", "paid"))])
        self.assertTrue(invoices)
        self.assertRegex(invoices[0].number, r"^RE-\d{4}-\d{4}$")
        self.assertTrue(self.env["event.registration"].search([
            ("paying_partner_id", "=", company.id), ("certificate_eligible", "=", True),
            ("event_id.state", "=", "done")]))

    def test_demo_history_is_the_coordinators_and_german(self):
        root = self.env.ref("base.partner_root")
        messages = self.env["mail.message"].search([
            ("model", "in", ("qnetz.need", "event.event")), ("author_id", "=", root.id)])
        self.assertFalse(messages, "demo history signed by the Administrator")
        self.assertFalse(self.env["mail.message"].search([
            ("model", "=", "qnetz.need"), ("body", "ilike", "Training Need")]))
