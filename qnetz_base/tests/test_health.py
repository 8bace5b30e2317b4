"""/qnetz/health: ok / not ok for everyone, the details only for the monitor's token."""
import datetime
import json
import os
import tempfile
from unittest.mock import patch

import requests

from odoo import SUPERUSER_ID, api, fields
from odoo.tests.common import HOST, PORT, HttpCase
from odoo.tools import config

from ..models import qnetz_health

TOKEN = "monitor-token-for-the-test"


class TestHealth(HttpCase):

    def setUp(self):
        super(TestHealth, self).setUp()
        # Odoo 11 serves an HttpCase's requests on the registry's test cursor, not on
        # self.cr: the test works on that cursor so that the route sees its data.
        case_cr, self.cr = self.cr, self.registry.test_cr
        self.env = api.Environment(self.cr, SUPERUSER_ID, {})
        self.addCleanup(self.restore_cursor, case_cr)
        patcher = patch.dict(config.options, {"qnetz_health_token": TOKEN})
        patcher.start()
        self.addCleanup(patcher.stop)
        # A healthy server to start from (in the test's transaction only): no mail
        # waiting, every cron job due later.
        self.env["mail.mail"].search([("state", "in", ("outgoing", "exception"))]).unlink()
        self.soon = fields.Datetime.to_string(
            datetime.datetime.utcnow() + datetime.timedelta(minutes=5))
        self.env["ir.cron"].search([]).write({"nextcall": self.soon})

    def restore_cursor(self, case_cr):
        self.env.reset()
        self.cr = case_cr
        self.env = api.Environment(self.cr, SUPERUSER_ID, {})

    def ask(self, token=None):
        headers = {"X-Health-Token": token} if token else {}
        return requests.get("http://%s:%s/qnetz/health" % (HOST, PORT), headers=headers,
                            timeout=60)

    def age(self, minutes):
        return fields.Datetime.to_string(
            datetime.datetime.utcnow() - datetime.timedelta(minutes=minutes))

    def test_a_healthy_server_says_ok_and_details_need_the_token(self):
        public = self.ask()
        self.assertEqual((public.status_code, public.text), (200, "ok\n"))
        self.assertEqual(public.headers["Cache-Control"], "no-store")
        self.assertEqual(self.ask("wrong").text, "ok\n")
        details = self.ask(TOKEN).json()
        self.assertEqual(details["status"], "ok")
        self.assertEqual(set(details["checks"]),
                         {"database", "cron", "mail_queue", "disk", "backup"})
        self.assertTrue(all(check["ok"] for check in details["checks"].values()))

    def test_mail_waiting_for_long_is_not_ok(self):
        mail = self.env["mail.mail"].create({
            "subject": "Kurs", "email_to": "someone@example.com", "body_html": "<p>x</p>"})
        self.assertEqual(self.ask().status_code, 200, "a fresh mail is no alarm")
        self.env.cr.execute("UPDATE mail_mail SET create_date = %s WHERE id = %s",
                            (self.age(90), mail.id))
        public = self.ask()
        self.assertEqual((public.status_code, public.text), (503, "not ok\n"))
        self.assertNotIn("mail", public.text)
        queue = self.ask(TOKEN).json()["checks"]["mail_queue"]
        self.assertEqual((queue["ok"], queue["waiting"]), (False, 1))
        self.assertGreaterEqual(queue["oldest_minutes"], 89)

    def test_a_stalled_cron_is_not_ok(self):
        job = self.env["ir.cron"].search([("active", "=", True)], limit=1)
        job.write({"nextcall": self.age(45), "numbercall": -1})
        self.assertEqual(self.ask().status_code, 503)
        cron = self.ask(TOKEN).json()["checks"]["cron"]
        self.assertEqual((cron["ok"], cron["overdue_jobs"]), (False, 1))

    def test_a_full_disk_is_not_ok(self):
        with patch.object(qnetz_health, "DISK_MIN_FREE_BYTES", 1024 ** 6):
            self.assertEqual(self.ask().status_code, 503)
            self.assertFalse(self.ask(TOKEN).json()["checks"]["disk"]["ok"])

    def test_a_failed_or_stale_backup_or_drill_is_not_ok(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        password = os.path.join(folder.name, "backup-password")
        with open(password, "w") as out:
            out.write("x\n")
        old = datetime.datetime.utcnow() - datetime.timedelta(days=3)
        os.utime(password, (old.timestamp(), old.timestamp()))
        options = patch.dict(config.options, {"qnetz_backup_repository": "/srv/backups",
                                              "qnetz_backup_password_file": password})
        rcfile = patch.object(config, "rcfile", os.path.join(folder.name, "prod.conf"))
        with options, rcfile:
            backup = self.ask(TOKEN).json()["checks"]["backup"]
            self.assertEqual((backup["ok"], backup["backup"]), (False, "none yet"),
                             "a profile of days ago without any backup")

            def record(backup_hours, drill_ok):
                def at(hours):
                    return (datetime.datetime.utcnow() - datetime.timedelta(hours=hours)
                            ).strftime("%Y-%m-%d %H:%M:%S")
                with open(os.path.join(folder.name, "backup-status.json"), "w") as out:
                    json.dump({"backup": {"ok": True, "at_utc": at(backup_hours)},
                               "drill": {"ok": drill_ok, "at_utc": at(50)}}, out)

            record(3, True)
            self.assertEqual(self.ask().status_code, 200)
            record(30, True)
            self.assertEqual(self.ask().status_code, 503, "no backup for 30 hours")
            record(3, False)
            self.assertEqual(self.ask().status_code, 503, "the drill found differences")
            self.assertEqual(self.ask().text, "not ok\n")
