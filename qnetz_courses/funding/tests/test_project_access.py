"""Who sees what of the funded project, tried over Odoo's JSON-RPC endpoint
(/web/dataset/call_kw) as the access matrix of qnetz_portal does: the coordinator all of
it; the network user the project, its milestones, targets and actuals, but no money (no
claim, no reconciliation, no budget, no claim run); a company's portal user nothing."""
import requests
import xlrd

from odoo import SUPERUSER_ID, api
from odoo.tests.common import HOST, PORT, HttpCase

MONEY_MODELS = ("qnetz.funder.claim", "qnetz.funder.claim.line", "qnetz.funder.claim.part",
                "qnetz.course.reconciliation")
READ_MODELS = ("qnetz.project", "qnetz.project.milestone", "qnetz.project.target",
               "qnetz.project.actual")


class TestProjectAccess(HttpCase):

    def setUp(self):
        super(TestProjectAccess, self).setUp()
        # Odoo 11 serves the requests on the registry's test cursor: work on it (as
        # qnetz_portal's PortalCase), so that the requests and the login see the test data
        self._case_cr = self.cr
        self.cr = self.registry.test_cr
        self.addCleanup(self._restore_cursor)
        self.tenv = env = api.Environment(self.cr, SUPERUSER_ID, {"tracking_disable": True})
        self.network_user = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Nina Netz Projekt", "login": "netz_projekt", "password": "netz_projekt",
            "lang": "de_DE",
            "groups_id": [(6, 0, [env.ref("qnetz_base.group_qnetz_user").id])]})
        self.project = env.ref("qnetz_courses.project_landaufschwung_demo")
        self.claim = env["qnetz.funder.claim"].search([("project_id", "=", self.project.id)])
        self.assertTrue(self.claim, "the demo claims the finished course's funding")
        self.ids = {
            "qnetz.project": self.project.ids,
            "qnetz.project.milestone": self.project.milestone_ids[:1].ids,
            "qnetz.project.target": self.project.target_ids[:1].ids,
            "qnetz.project.actual": env["qnetz.project.actual"].search(
                [("project_id", "=", self.project.id)], limit=1).ids,
            "qnetz.funder.claim": self.claim[:1].ids,
            "qnetz.funder.claim.line": self.claim[:1].line_ids[:1].ids,
            "qnetz.funder.claim.part": self.claim[:1].part_ids[:1].ids,
            "qnetz.course.reconciliation": env["qnetz.course.reconciliation"].search(
                [], limit=1).ids,
        }
        for model, ids in self.ids.items():
            self.assertTrue(ids, model)

    def _restore_cursor(self):
        self.cr = self._case_cr

    def login_as(self, login):
        self.authenticate(login, login)
        opener = requests.Session()
        opener.cookies["session_id"] = self.session_id
        return opener

    def call(self, opener, model, method, args, kwargs=None):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "model": model, "method": method, "args": args,
            "kwargs": dict(kwargs or {}, context={"lang": "de_DE"})}}
        url = "http://%s:%s/web/dataset/call_kw/%s/%s" % (HOST, PORT, model, method)
        response = opener.post(url, json=payload, timeout=60)
        self.assertEqual(response.status_code, 200)
        return response.json()

    def assertRefused(self, answer, what):
        self.assertIn("error", answer, "%s got through: %r" % (what, answer.get("result")))

    def test_coordinator_sees_the_money(self):
        opener = self.login_as("koordination")
        for model, ids in self.ids.items():
            answer = self.call(opener, model, "read", [ids, ["display_name"]])
            self.assertEqual(len(answer.get("result") or []), 1, (model, answer))
        answer = self.call(opener, "qnetz.project", "read", [self.project.ids, ["budget"]])
        self.assertEqual(answer["result"][0]["budget"], 180000.0)

    def test_network_user_sees_targets_and_actuals_but_no_money(self):
        opener = self.login_as("netz_projekt")
        for model in READ_MODELS:
            answer = self.call(opener, model, "read", [self.ids[model], ["display_name"]])
            self.assertEqual(len(answer.get("result") or []), 1, (model, answer))
        answer = self.call(opener, "qnetz.project.target", "read",
                           [self.ids["qnetz.project.target"],
                            ["indicator", "target_value", "actual_value", "forecast_value"]])
        self.assertIn("forecast_value", answer["result"][0])
        for model in MONEY_MODELS:
            self.assertRefused(self.call(opener, model, "read",
                                         [self.ids[model], ["display_name"]]), model)
            answer = self.call(opener, model, "search_read", [[], ["display_name"]])
            self.assertFalse(answer.get("result"), model)
        for field in ("budget", "funding_rate", "analytic_account_id", "claim_ids",
                      "result_total", "funding_claimed_total"):
            self.assertRefused(self.call(opener, "qnetz.project", "read",
                                         [self.project.ids, [field]]), field)
        # the course's invoices stay hidden too
        self.assertFalse(self.call(opener, "account.invoice", "search_read",
                                   [[("id", "=", self.claim[:1].invoice_id.id)],
                                    ["display_name"]]).get("result"))
        # reading is all: no change, no claim run, no refresh
        for model in READ_MODELS:
            self.assertRefused(self.call(opener, model, "write",
                                         [self.ids[model], {"display_name": "x"}]), model)
            self.assertRefused(self.call(opener, model, "unlink", [self.ids[model]]), model)
        self.assertRefused(self.call(opener, "qnetz.project", "write",
                                     [self.project.ids, {"name": "Angriff"}]), "write")
        self.assertRefused(self.call(opener, "qnetz.project", "create",
                                     [{"name": "Angriff", "funder_id": 1}]), "create")
        for method in ("action_claim_funding", "action_refresh_actuals"):
            self.assertRefused(self.call(opener, "qnetz.project", method, [self.project.ids]),
                               method)

    def test_portal_user_sees_nothing(self):
        opener = self.login_as("betrieb")
        for model, ids in self.ids.items():
            self.assertRefused(self.call(opener, model, "read", [ids, ["display_name"]]), model)
        for method in ("action_claim_funding", "action_refresh_actuals", "action_view_graph"):
            self.assertRefused(self.call(opener, "qnetz.project", method, [self.project.ids]),
                               method)

    def test_xlsx_with_the_project_targets(self):
        self.login_as("netz_projekt")
        url = "/qnetz/report/xlsx?date_from=%s&date_to=%s&project_id=%%s" % (
            self.project.date_start, self.project.date_end)
        response = self.url_open(url % self.project.id)
        self.assertEqual(response.status_code, 200)
        book = xlrd.open_workbook(file_contents=response.content)
        self.assertEqual(book.nsheets, 2)
        keys = {book.sheet_by_index(1).cell_value(r, 1)
                for r in range(4, book.sheet_by_index(1).nrows)}
        self.assertEqual(keys, set(self.project.target_ids.mapped("indicator")))
        for bad in ("x", "999999"):
            response = self.url_open(url % bad)
            self.assertEqual(response.status_code, 400)
            self.assertIn("Projekt", response.text)
