"""Who reads the money reports, tried over Odoo's JSON-RPC endpoint as the real roles: the
coordinator all of them; network staff the course fees billed and received, but not who
owes (open items) and not the funders' claims; a company's portal user nothing."""
import requests

from odoo import SUPERUSER_ID, api
from odoo.tests.common import HOST, PORT, HttpCase


class TestPaymentReportAccess(HttpCase):

    def setUp(self):
        super(TestPaymentReportAccess, self).setUp()
        # the requests are served on the registry's test cursor: work on it
        self._case_cr = self.cr
        self.cr = self.registry.test_cr
        self.addCleanup(self._restore_cursor)
        env = api.Environment(self.cr, SUPERUSER_ID, {"tracking_disable": True})
        env["res.users"].with_context(no_reset_password=True).create({
            "name": "Nina Netz Geld", "login": "netz_geld", "password": "netz_geld",
            "groups_id": [(6, 0, [env.ref("qnetz_base.group_qnetz_user").id])]})
        # the demo's claim to the funder, invoiced: a claim row in the analysis
        claim = env["qnetz.funder.claim"].search([("invoice_id.state", "=", "draft")], limit=1)
        self.assertTrue(claim)
        claim.invoice_id.action_invoice_open()

    def _restore_cursor(self):
        self.cr = self._case_cr

    def _session(self, login):
        self.authenticate(login, login)
        opener = requests.Session()
        opener.cookies["session_id"] = self.session_id
        return opener

    def _call(self, opener, model, method, args, kwargs=None):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "model": model, "method": method, "args": args, "kwargs": kwargs or {}}}
        url = "http://%s:%s/web/dataset/call_kw/%s/%s" % (HOST, PORT, model, method)
        response = opener.post(url, json=payload, timeout=60)
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _kinds(self, opener):
        answer = self._call(opener, "qnetz.payment.analysis", "read_group",
                            [[], ["amount_billed", "kind"], ["kind"]])
        self.assertIn("result", answer, answer)
        return {row["kind"] for row in answer["result"]}

    def test_coordinator_reads_every_report(self):
        opener = self._session("koordination")
        answer = self._call(opener, "qnetz.open.item", "search_read",
                            [[], ["partner_id", "invoice_id", "age", "amount_open"]])
        self.assertTrue(answer.get("result"), answer)
        self.assertEqual(self._kinds(opener), {"fee", "claim"})
        answer = self._call(opener, "qnetz.course.reconciliation", "search_read",
                            [[], ["fee_received", "funding_received", "amount_unpaid"]])
        self.assertTrue(answer.get("result"), answer)

    def test_network_staff_read_the_course_fees_only(self):
        opener = self._session("netz_geld")
        self.assertEqual(self._kinds(opener), {"fee"})
        for method, args in (("search_read", [[], ["amount_open"]]),
                             ("read_group", [[], ["amount_open", "partner_id"],
                                             ["partner_id"]])):
            self.assertIn("error", self._call(opener, "qnetz.open.item", method, args))
        rows = self._call(opener, "qnetz.payment.analysis", "search_read",
                          [[], ["kind"]], {"limit": 1})["result"]
        self.assertIn("error", self._call(opener, "qnetz.payment.analysis", "unlink",
                                          [[rows[0]["id"]]]))
        self.assertIn("error", self._call(opener, "qnetz.course.reconciliation", "search_read",
                                          [[], ["fee_received"]]))

    def test_portal_user_reads_none(self):
        opener = self._session("betrieb")
        for model in ("qnetz.open.item", "qnetz.payment.analysis"):
            self.assertIn("error", self._call(opener, model, "search_read", [[], ["id"]]),
                          model)
