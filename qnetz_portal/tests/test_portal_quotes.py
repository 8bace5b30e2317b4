"""Quotes from providers, end to end: the coordinator asks from a proposal, providers
answer in the portal and over JSON-RPC, the coordinator accepts one and the course is
there; and every role that must not answer or read a quote is refused."""
from datetime import date, datetime, timedelta

import pytz

from odoo.exceptions import UserError

from .common import PortalCase


class TestPortalQuotes(PortalCase):

    def setUp(self):
        super(TestPortalQuotes, self).setUp()
        env = self.env
        self.other_provider = env["res.partner"].create({
            "name": "Technikum Testtal", "is_company": True, "is_education_provider": True,
            "district_id": self.hoexter.id, "city": "Höxter",
            "email": "kurse@technikum.example", "lang": "de_DE"})
        self.user_q = self._portal_user(self.other_provider, "Quentin Quast", "test_portal_q")
        # nobody else's qualified needs in these proposals; three make a course, so the
        # needs of both sides of the Weser are pooled into one proposal
        env["ir.config_parameter"].sudo().set_param("qnetz_courses.default_seats_min", "3")
        env["qnetz.need"].search([("state", "=", "qualified")]).action_withdraw()
        self.module = env["qnetz.course.module"].create({
            "name": "Testmodul Holzverbindungen", "area": "practice", "hours": 24,
            "keywords": "Holzverbindungen, Zinken, Schlitz und Zapfen",
            "typical_fee": 200, "provider_ids": [(6, 0, [self.provider.id,
                                                          self.other_provider.id])]})
        Need = env["qnetz.need"]
        self.needs = Need.create(self.need_values(
            self.company_a, area="practice", topic="Zinken und Holzverbindungen",
            participant_count=2, apprentice_ids=[(6, 0, self.apprentice_a1.ids)]))
        self.needs |= Need.create(self.need_values(
            self.company_b, area="practice", topic="Holzverbindungen", participant_count=1))
        self.needs.action_qualify()
        self.assertEqual(self.needs.mapped("module_id"), self.module)
        proposal = env["qnetz.bundle.proposal"].search([("module_id", "=", self.module.id)])
        self.assertEqual(len(proposal), 1)
        self.assertTrue(proposal.cross_border)
        coordinator_env = env(user=self.coordinator.id)
        action = proposal.with_env(coordinator_env).action_request_quotes()
        self.request = env["qnetz.quote.request"].browse(action["res_id"])
        self.assertEqual(self.request.need_ids, self.needs)
        self.assertEqual(self.request.participant_count, 3)
        self.assertEqual(self.request.provider_ids, self.provider | self.other_provider)
        self.request.with_env(coordinator_env).action_send()
        self.quote_p = self.request.quote_ids.filtered(lambda q: q.provider_id == self.provider)
        self.quote_q = self.request.quote_ids - self.quote_p
        self.day = (date.today() + timedelta(days=40)).isoformat()
        self.last_day = (date.today() + timedelta(days=60)).isoformat()

    def answer(self, **kw):
        values = {"price": "3600,00", "date_begin": self.day, "date_end": self.last_day,
                  "time_pattern": "dienstags 16-19 Uhr", "venue": "Lehrwerkstatt Holzminden",
                  "trainer": "Meister Holm", "remarks": ""}
        values.update(kw)
        return values

    def test_quote_flow_through_the_portal(self):
        # the providers were told by mail
        self.assertTrue(self.quote_p.message_ids.filtered(
            lambda m: self.provider in m.partner_ids))
        self.login(self.user_p)
        home = self.get("/my")
        self.assertIn("/my/provider/quotes", home.text)
        page = self.get("/my/provider/quotes")
        self.assertIn("Testmodul Holzverbindungen", page.text)
        url = "/my/provider/quotes/%d" % self.quote_p.id
        response = self.post(url, self.answer())
        self.assertIn("message=answered", response.url)
        self.assertEqual(self.quote_p.state, "answered")
        self.assertEqual(self.quote_p.price, 3600.0)
        self.assertEqual(self.quote_p.trainer, "Meister Holm")
        # bad input: a message on the form, nothing written
        response = self.post(url, self.answer(price="viel", date_end="2000-01-01"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_qnetz_errors", response.text)
        self.assertEqual(self.quote_p.price, 3600.0)
        # the other provider's quote is not there for this provider
        self.assertEqual(self.get("/my/provider/quotes/%d" % self.quote_q.id).status_code, 404)
        # the other provider answers too; the coordinator compares and accepts one
        self.login(self.user_q)
        self.post("/my/provider/quotes/%d" % self.quote_q.id, self.answer(price="4100"))
        self.assertEqual(self.quote_q.state, "answered")
        self.quote_p.sudo(self.coordinator).action_accept()
        course = self.request.course_id
        self.assertEqual(self.request.state, "accepted")
        self.assertEqual(course.provider_id, self.provider)
        self.assertEqual(course.fee_model, "total")
        self.assertEqual(course.fee_amount, 3600.0)
        self.assertEqual(course.provider_fee, 3600.0)
        self.assertEqual(course.date_begin[:10], self.day)
        self.assertEqual(course.module_id, self.module)
        self.assertEqual(self.needs.mapped("course_id"), course)
        self.assertEqual(set(self.needs.mapped("state")), {"bundled"})
        self.assertEqual(self.quote_p.state, "accepted")
        self.assertEqual(self.quote_q.state, "declined")
        # the provider not chosen is told
        self.assertTrue(self.quote_q.message_ids.filtered(
            lambda m: self.other_provider in m.partner_ids and "anderes" in (m.body or "")))
        # a decided request takes no more answers
        self.login(self.user_q)
        response = self.post("/my/provider/quotes/%d" % self.quote_q.id,
                             self.answer(price="3000"),
                             form_url="/my/account")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_qnetz_errors", response.text)
        self.assertEqual(self.quote_q.price, 4100.0)
        with self.assertRaises(UserError):
            self.quote_q.sudo(self.coordinator).action_accept()

    # ------------------------------------------------------------------ JSON-RPC

    def test_quote_rules_over_json_rpc(self):
        network_user = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Nina Netz", "login": "test_network_user",
            "password": "test_network_user", "lang": "de_DE",
            "groups_id": [(6, 0, [self.env.ref("qnetz_base.group_qnetz_user").id])]})
        provider = self.rpc_session(self.user_p)
        # its own quote: answered over RPC as on the page
        answer = self.call_kw(provider, "qnetz.quote", "qnetz_portal_answer_quote",
                              [self.quote_p.ids, self.answer(price=3500.5)])
        self.assertEqual(answer.get("result"), True, answer)
        self.assertEqual(self.quote_p.price, 3500.5)
        # it reads its own quote and request, nothing of the other provider
        own = self.call_kw(provider, "qnetz.quote", "search_read", [[], ["price"]])
        self.assertEqual([row["id"] for row in own["result"]], self.quote_p.ids)
        self.assertIn("error", self.call_kw(provider, "qnetz.quote", "read",
                                            [self.quote_q.ids, ["price"]]))
        request = self.call_kw(provider, "qnetz.quote.request", "read",
                               [self.request.ids, ["quote_ids", "need_ids"]])
        self.assertEqual(request["result"][0]["quote_ids"], self.quote_p.ids)
        self.assertEqual(request["result"][0]["need_ids"], [])
        refused = [
            # for another provider
            ("qnetz.quote", "qnetz_portal_answer_quote", [self.quote_q.ids, self.answer()]),
            # fields beyond the whitelist, commands, state
            ("qnetz.quote", "qnetz_portal_answer_quote",
             [self.quote_p.ids, self.answer(state="accepted")]),
            ("qnetz.quote", "qnetz_portal_answer_quote",
             [self.quote_p.ids, self.answer(provider_id=self.other_provider.id)]),
            ("qnetz.quote", "qnetz_portal_answer_quote",
             [self.quote_p.ids, self.answer(price=-5)]),
            ("qnetz.quote", "qnetz_portal_answer_quote",
             [self.quote_p.ids, self.answer(trainer="x\x00y")]),
            ("qnetz.quote", "write", [self.quote_p.ids, {"price": 1.0}]),
            ("qnetz.quote", "create", [{"quote_request_id": self.request.id,
                                        "provider_id": self.provider.id}]),
            ("qnetz.quote", "action_accept", [self.quote_p.ids]),
            ("qnetz.quote.request", "write", [self.request.ids, {"deadline": "2099-01-01"}]),
            ("qnetz.quote.request", "action_send", [self.request.ids]),
            ("qnetz.course.module", "write", [self.module.ids, {"name": "Angriff"}]),
        ]
        for model, method, args in refused:
            self.assertIn("error", self.call_kw(provider, model, method, args), (model, method))
        self.assertEqual(self.quote_p.price, 3500.5)
        self.assertEqual(self.quote_p.state, "answered")
        # companies, the network user and visitors neither answer nor read quotes
        for user in (self.user_a, network_user, None):
            session = self.rpc_session(user)
            for model, method, args in (
                    ("qnetz.quote", "qnetz_portal_answer_quote",
                     [self.quote_p.ids, self.answer()]),
                    ("qnetz.quote", "read", [self.quote_p.ids, ["price"]]),
                    ("qnetz.quote.request", "read", [self.request.ids, ["name"]]),
                    ("qnetz.quote", "action_accept", [self.quote_p.ids])):
                self.assertIn("error", self.call_kw(session, model, method, args),
                              (user and user.login, model, method))
        # after the deadline, no answer and no change
        self.request.deadline = (date.today() - timedelta(days=1)).isoformat()
        provider = self.rpc_session(self.user_p)
        late = self.call_kw(provider, "qnetz.quote", "qnetz_portal_answer_quote",
                            [self.quote_p.ids, self.answer(price=100)])
        self.assertIn("error", late)
        self.assertIn("Frist", late["error"]["data"]["message"])
        self.assertEqual(self.quote_p.price, 3500.5)
        # the coordinator accepts over RPC too
        coordinator = self.rpc_session(self.coordinator)
        accepted = self.call_kw(coordinator, "qnetz.quote", "action_accept", [self.quote_p.ids])
        self.assertNotIn("error", accepted)
        self.assertEqual(self.request.course_id.provider_id, self.provider)

    def test_quote_texts_and_name_reach_the_coordinator_as_text(self):
        tags = ('<a href="http://evil.example/">klick</a>'
                '<img src="http://evil.example/track.png">')
        self.user_p.partner_id.name = "Petra " + tags
        provider = self.rpc_session(self.user_p)
        answer = self.call_kw(provider, "qnetz.quote", "qnetz_portal_answer_quote", [
            self.quote_p.ids, self.answer(venue="Halle " + tags, time_pattern="Di " + tags)])
        self.assertIs(answer.get("result"), True, answer)
        coordinator = self.rpc_session(self.coordinator)
        self.assertNotIn("error", self.call_kw(coordinator, "qnetz.quote", "action_accept",
                                               [self.quote_p.ids]))
        course = self.request.course_id
        todo = self.env["mail.activity"].search([("res_model", "=", "qnetz.quote.request"),
                                                 ("res_id", "=", self.request.id)])
        bodies = (self.request.message_ids | course.message_ids).mapped("body") \
            + todo.mapped("note")
        self.assertTrue([body for body in bodies if "Halle" in (body or "")])
        self.assertTrue([body for body in todo.mapped("note") if "Petra" in (body or "")])
        for body in bodies:
            self.assertNotIn("<a ", body or "")
            self.assertNotIn("<img", body or "")
        self.assertTrue([body for body in bodies if "&lt;img src=" in (body or "")])

    def test_deadline_is_the_networks_whatever_time_zone_the_caller_sends(self):
        berlin = datetime.now(pytz.timezone("Europe/Berlin")).date()
        # a time zone in which it is another day than in Höxter right now
        for tz_name in ("Pacific/Kiritimati", "Etc/GMT+12"):
            there = datetime.now(pytz.timezone(tz_name)).date()
            if there != berlin:
                break
        self.assertNotEqual(there, berlin)
        provider = self.rpc_session(self.user_p)
        if there > berlin:
            # the last day in Höxter, already tomorrow for the caller: still open
            self.request.deadline = berlin.isoformat()
            answer = self.call_kw(provider, "qnetz.quote", "qnetz_portal_answer_quote",
                                  [self.quote_p.ids, self.answer()], context={"tz": tz_name})
            self.assertIs(answer.get("result"), True, answer)
            self.assertEqual(self.quote_p.state, "answered")
        else:
            # past in Höxter, still the last day for the caller: closed
            self.request.deadline = there.isoformat()
            answer = self.call_kw(provider, "qnetz.quote", "qnetz_portal_answer_quote",
                                  [self.quote_p.ids, self.answer()], context={"tz": tz_name})
            self.assertIn("error", answer)
            self.assertIn("Frist", answer["error"]["data"]["message"])
            self.assertEqual(self.quote_p.state, "requested")
