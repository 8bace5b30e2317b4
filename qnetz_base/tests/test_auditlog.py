"""The audit trail of personal data: who, when, with the values masked, and gone with
the person when they are anonymised; the coordinator reads it, nobody else."""
import json

from odoo.tests import common
from odoo.tests.common import HttpCase

from odoo.addons.qnetz_base.models.auditlog_rule import MASK

from .common import QnetzCase


class TestAuditTrail(QnetzCase):

    @classmethod
    def setUpClass(cls):
        super(TestAuditTrail, cls).setUpClass()
        cls.profile = cls.env["qnetz.target.profile"].create(dict(
            cls._consent(), partner_id=cls.apprentice.id, district_id=cls.district_hx.id))
        cls.Log = cls.env["auditlog.log"]
        # Records that auditlog's create returns carry its `auditlog_disabled` context,
        # under which reads are not logged: work on fresh ones, as a new request would.
        for name in ("apprentice", "apprentice_2", "company", "profile"):
            record = getattr(cls, name)
            setattr(cls, name, cls.env[record._name].browse(record.id))

    def _logs(self, records, method=None):
        domain = [("model_id.model", "=", records._name), ("res_id", "in", records.ids)]
        if method:
            domain.append(("method", "=", method))
        return self.Log.search(domain)

    def test_rules_ship_subscribed_and_cleanup_runs(self):
        rules = self.env["auditlog.rule"].search([("state", "=", "subscribed")])
        self.assertLessEqual(
            {"qnetz.target.profile", "res.partner", "qnetz.need"},
            set(rules.mapped("model_id.model")))
        # The "View logs" entry of the records' Action menu is the coordinators' only.
        coordinators = self.env.ref("qnetz_base.group_qnetz_coordinator")
        for rule in rules:
            if rule.model_id.model in ("qnetz.target.profile", "res.partner", "qnetz.need"):
                self.assertEqual(rule.action_id.groups_id, coordinators)
        cron = self.env.ref("auditlog.ir_cron_auditlog_autovacuum")
        self.assertTrue(cron.active)
        self.assertIn("autovacuum(730)", cron.code)

    def test_changed_marker_is_logged_with_its_value_masked(self):
        self.profile.sudo(self.coordinator).write({"is_refugee": True, "language_level": "b1"})
        log = self._logs(self.profile, "write")
        self.assertEqual(log.user_id, self.coordinator)
        lines = {line.field_id.name: line for line in log.line_ids}
        self.assertEqual(set(lines), {"is_refugee", "language_level"})
        for line in lines.values():
            self.assertEqual((line.old_value, line.new_value, line.new_value_text),
                             (MASK, MASK, MASK))

    def test_apprentice_personal_fields_masked_workflow_fields_kept(self):
        self.apprentice.sudo(self.coordinator).write(
            {"phone": "05271 1234", "training_year": "2"})
        lines = {line.field_id.name: line for line in self._logs(self.apprentice, "write").line_ids}
        self.assertEqual(lines["phone"].new_value, MASK)
        self.assertNotIn("05271 1234", self.Log.search([]).mapped("line_ids.new_value_text"))
        self.assertEqual(lines["training_year"].new_value, "2")

    def test_reads_and_exports_are_logged_for_apprentices_not_companies(self):
        self.apprentice.sudo(self.coordinator).read(["name", "email"])
        self.company.sudo(self.coordinator).read(["name"])
        read = self._logs(self.apprentice, "read")
        self.assertEqual(read.user_id, self.coordinator)
        self.assertFalse(read.line_ids)
        self.assertFalse(self._logs(self.company))
        self.profile.sudo(self.coordinator).export_data(["is_refugee"])
        self.assertEqual(self._logs(self.profile, "export").user_id, self.coordinator)

    def test_reading_a_company_costs_no_query_for_the_trail(self):
        """Telling apprentices from other contacts costs no query when the read fetched
        is_apprentice, as the ORM's own reads do: a page reads contacts many times."""
        Partner = self.env["res.partner"].sudo(self.coordinator)

        def queries(partner, **context):
            partner.invalidate_cache()
            before = self.cr.sql_log_count
            partner.with_context(**context).read(["name", "is_apprentice"])
            return self.cr.sql_log_count - before

        company = Partner.browse(self.company.id)
        queries(company)  # warm-up: the registry's caches
        self.assertEqual(queries(company), queries(company, auditlog_disabled=True))
        self.assertFalse(self._logs(self.company))
        # an apprentice's read is still logged, and one that did not fetch the flag too
        queries(Partner.browse(self.apprentice.id))
        self.assertEqual(len(self._logs(self.apprentice, "read")), 1)
        Partner.browse(self.apprentice_2.id).read(["name"])
        self.assertEqual(len(self._logs(self.apprentice_2, "read")), 1)

    def test_a_list_read_logs_every_record_read(self):
        needs = self.env["qnetz.need"].search([], limit=3)
        self.assertEqual(len(needs), 3)
        rows = self.env["qnetz.need"].sudo(self.coordinator).search_read(
            [("id", "in", needs.ids)], ["topic", "state"])
        self.assertEqual(len(rows), 3)
        logs = self._logs(needs, "read")
        self.assertEqual(sorted(logs.mapped("res_id")), sorted(needs.ids))
        self.assertEqual(logs.mapped("user_id"), self.coordinator)
        self.assertEqual(set(logs.mapped("name")), set(needs.mapped("display_name")))

    def test_anonymisation_deletes_the_persons_logs_and_records_who_did_it(self):
        self.apprentice.sudo(self.coordinator).read(["name"])
        self.profile.sudo(self.coordinator).read(["is_refugee"])
        self.assertTrue(self._logs(self.apprentice) and self._logs(self.profile))
        other = self._logs(self.apprentice_2)
        self.apprentice_2.sudo(self.coordinator).read(["name"])

        self.apprentice.sudo(self.coordinator).action_qnetz_anonymise()

        self.assertFalse(self._logs(self.profile))
        remaining = self._logs(self.apprentice)
        self.assertEqual(remaining.mapped("method"), ["anonymise"])
        self.assertEqual(remaining.user_id, self.coordinator)
        self.assertNotIn("Mara", remaining.name)
        self.assertFalse(remaining.line_ids)
        # Other people's logs stay.
        self.assertGreater(len(self._logs(self.apprentice_2)), len(other))

    def test_only_coordinators_read_the_trail(self):
        self.apprentice.sudo(self.coordinator).read(["name"])
        self.assertTrue(self.Log.sudo(self.coordinator).search([]))
        for user in (self.network_user, self.employee, self.portal_user):
            self.assertFalse(self.env["auditlog.log"].sudo(user).check_access_rights(
                "read", raise_exception=False), user.login)
            self.assertFalse(self.env["auditlog.log.line"].sudo(user).check_access_rights(
                "read", raise_exception=False), user.login)


class TestAuditTrailOverRpc(HttpCase):

    def _call_kw(self, login, model, method, args, kwargs=None):
        self.authenticate(login, login)
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "model": model, "method": method, "args": args, "kwargs": kwargs or {}}}
        response = self.opener.post(
            self._url("/web/dataset/call_kw"),
            data=json.dumps(payload), headers={"Content-Type": "application/json"}, timeout=60)
        return response.json()

    def _url(self, path):
        return "http://%s:%s%s" % (common.HOST, common.PORT, path)

    def test_network_and_portal_users_cannot_read_the_trail(self):
        for login in ("netzwerk", "betrieb"):
            for model in ("auditlog.log", "auditlog.log.line"):
                reply = self._call_kw(login, model, "search_read", [[]], {"fields": ["id"]})
                self.assertIn("error", reply, (login, model))
                self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")

    def test_coordinator_reads_the_trail(self):
        reply = self._call_kw("koordination", "auditlog.log", "search_read", [[]],
                              {"fields": ["user_id", "method"], "limit": 5})
        self.assertNotIn("error", reply)
