"""The same access rules, seen from outside: XML-RPC calls over HTTP."""
import xmlrpc.client

from odoo.service.wsgi_server import RPC_FAULT_CODE_ACCESS_ERROR as ACCESS_ERROR
from odoo.tests.common import HttpCase


class TestRpcAccess(HttpCase):

    def _call(self, login, model, method, *args, **kwargs):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
        self.assertTrue(uid, login)
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, login, model, method, list(args), kwargs)

    def test_portal_user_cannot_read_needs_or_profiles(self):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._call("betrieb", "qnetz.target.profile", "search_read", [], fields=["id"])
        self.assertEqual(caught.exception.faultCode, ACCESS_ERROR)
        # Needs of another company stay closed (qnetz_portal may open the company's own).
        foreign = self.env["qnetz.need"].search([
            ("partner_id", "=",
             self.env.ref("qnetz_base.partner_company_sollinger_aromen_demo").id)],
            limit=1)
        self.assertTrue(foreign)
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._call("betrieb", "qnetz.need", "read", foreign.ids, fields=["topic"])
        self.assertEqual(caught.exception.faultCode, ACCESS_ERROR)

    def test_portal_user_cannot_read_sensitive_partner_fields(self):
        apprentice = self.env.ref("qnetz_base.partner_apprentice_07_demo")
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._call("betrieb", "res.partner", "read", [apprentice.id],
                       fields=["target_profile_ids"])
        self.assertEqual(caught.exception.faultCode, ACCESS_ERROR)

    def test_network_reader_reads_no_need_and_writes_nothing(self):
        need = self.env.ref("qnetz_base.need_01_demo")
        self.assertFalse(self._call("netzwerk", "qnetz.need", "search_read", [],
                                    fields=["topic"], limit=5))
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._call("netzwerk", "qnetz.need", "write", need.ids, {"topic": "Geändert"})
        self.assertEqual(caught.exception.faultCode, ACCESS_ERROR)
        with self.assertRaises(xmlrpc.client.Fault):
            self._call("netzwerk", "qnetz.target.profile", "search_count", [])

    def test_coordinator_reads_profiles_and_gets_german_errors(self):
        count = self._call("koordination", "qnetz.target.profile", "search_count", [])
        self.assertGreaterEqual(count, 12)
        need_id = self.env.ref("qnetz_base.need_01_demo").id
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._call("koordination", "qnetz.need", "action_close", [need_id],
                       context={"lang": "de_DE"})
        self.assertIn("Abgeschlossen", caught.exception.faultString)
