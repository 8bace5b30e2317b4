"""The scheduled backup: the command the schedule runs makes an encrypted restic snapshot,
and the drill's command restores it into a scratch database whose counts match the
backup's. Run on the test database, into a repository in a temporary folder."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import odoo
from odoo.addons.qnetz_base.tests.tags import tagged

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import dbtools  # noqa: E402
import offsite_backup  # noqa: E402


@tagged("commit", "subprocess", "slow")
@unittest.skipUnless(shutil.which("restic"), "restic is not installed (make prod installs it)")
class TestOffsiteBackup(unittest.TestCase):

    def setUp(self):
        self.dbname = odoo.tools.config["db_name"]
        self.folder = tempfile.mkdtemp(prefix="qnetz-backup-")
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        self.repository = os.path.join(self.folder, "repository")
        password = os.path.join(self.folder, "backup-password")
        with open(password, "w") as out:
            out.write("test-password-of-the-backups\n")
        self.config = os.path.join(self.folder, "prod.conf")
        with open(odoo.tools.config.rcfile) as source, open(self.config, "w") as conf:
            conf.write(source.read() + "qnetz_backup_repository = %s\n"
                       "qnetz_backup_password_file = %s\n" % (self.repository, password))
        self.conf = dbtools.read_config(self.config)
        self.addCleanup(dbtools.drop_database, self.conf, "%s_drill" % self.dbname)

    def scheduled(self, action):
        """The command the schedule runs for `action` (backup or drill)."""
        table = subprocess.run(
            [os.path.join(ROOT, "scripts", "setup_backup_schedule.sh"), self.config,
             self.dbname, "--print"], stdout=subprocess.PIPE, universal_newlines=True,
            check=True).stdout
        lines = [line for line in table.splitlines() if " %s >> " % action in line]
        self.assertEqual(len(lines), 1, table)
        # "m h dom mon dow user command"
        return re.split(r"\s+", lines[0], maxsplit=6)[6]

    def run_scheduled(self, action):
        result = subprocess.run(["bash", "-c", self.scheduled(action)], timeout=900)
        with open(os.path.join(self.folder, "backup.log")) as log:
            text = log.read()
        self.assertEqual(result.returncode, 0, text)
        return text

    def restic(self, *args, password_file=None):
        env = dict(os.environ, RESTIC_REPOSITORY=self.repository,
                   RESTIC_PASSWORD_FILE=password_file or self.conf["qnetz_backup_password_file"])
        return subprocess.run(["restic"] + list(args), env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True, timeout=300)

    def test_the_scheduled_backup_is_encrypted_and_the_drill_restores_it(self):
        log = self.run_scheduled("backup")
        self.assertIn("Backed up %s" % self.dbname, log)
        snapshots = json.loads(self.restic("snapshots", "--json").stdout)
        self.assertEqual(len(snapshots), 1)
        self.assertIn(self.dbname, snapshots[0]["tags"])
        # encrypted: without the password the repository tells nothing
        wrong = os.path.join(self.folder, "wrong-password")
        with open(wrong, "w") as out:
            out.write("not-the-password\n")
        refused = self.restic("snapshots", password_file=wrong)
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("wrong password", refused.stderr)

        log = self.run_scheduled("drill")
        self.assertIn("counts match", log)
        with open(os.path.join(self.folder, "backup-status.json")) as state:
            status = json.load(state)
        self.assertTrue(status["backup"]["ok"])
        self.assertTrue(status["drill"]["ok"])
        self.assertEqual(status["drill"]["differences"], {})
        self.assertGreater(status["drill"]["counts"]["needs"], 0, "not a drill of empties")
        self.assertFalse(dbtools.database_exists(self.conf, "%s_drill" % self.dbname),
                         "the scratch copy is dropped")

    def test_retention_keeps_7_daily_4_weekly_12_monthly(self):
        table = subprocess.run(
            [os.path.join(ROOT, "scripts", "setup_backup_schedule.sh"), self.config,
             self.dbname, "--print"], stdout=subprocess.PIPE, universal_newlines=True,
            check=True).stdout
        self.assertRegex(table, r"(?m)^17 2 \* \* \* root .* backup >> ", "nightly")
        self.assertRegex(table.splitlines()[3], r"^17 4 \* \* 0 root .* drill >> ", "weekly")
        # restic applies the policy of the script to snapshots of 40 days: what it keeps
        for day in range(40):
            self.restic_stdin_snapshot("2026-10-%02d 02:17:00" % (day % 31 + 1)
                                       if day < 31 else "2026-11-%02d 02:17:00" % (day - 30))
        kept = self.restic("forget", "--dry-run", "--json", "--host", offsite_backup.HOST,
                           "--tag", self.dbname, *offsite_backup.KEEP)
        self.assertEqual(kept.returncode, 0, kept.stderr)
        reasons = [match for group in json.loads(kept.stdout)
                   for reason in group["reasons"] for match in reason["matches"]]
        self.assertEqual(reasons.count("daily snapshot"), 7)
        self.assertEqual(reasons.count("weekly snapshot"), 4)
        # 40 days span two months: both are kept as monthly ones (up to 12)
        self.assertEqual(reasons.count("monthly snapshot"), 2)

    def restic_stdin_snapshot(self, when):
        if not os.path.exists(os.path.join(self.repository, "config")):
            self.assertEqual(self.restic("init").returncode, 0)
        env = dict(os.environ, RESTIC_REPOSITORY=self.repository,
                   RESTIC_PASSWORD_FILE=self.conf["qnetz_backup_password_file"])
        subprocess.run(["restic", "--quiet", "backup", "--stdin", "--stdin-filename",
                        "%s.tar.gz" % self.dbname, "--host", "qnetz", "--tag", self.dbname,
                        "--time", when], input=when.encode(), env=env, check=True, timeout=120)
