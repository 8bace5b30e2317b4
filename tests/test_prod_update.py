"""`make prod-update` (scripts/prod_update.py): backup first; an update that fails puts
the database back as it was and the server runs again. On a scratch copy of the test
database, with an addon whose installation fails as the deliberately failing update."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import requests

import odoo
from odoo.addons.qnetz_base.tests.tags import tagged

from .prod_site import ROOT, free_ports, scratch_copy, write_config

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import dbtools  # noqa: E402

BROKEN_MANIFEST = {"name": "An update that fails", "version": "11.0.1.0.0",
                   "depends": ["base"], "data": ["data.xml"], "license": "LGPL-3"}
# A record that refers to a record that does not exist: the installation stops with an
# error (after the update of qnetz_base has begun).
BROKEN_DATA = """<?xml version="1.0"?>
<odoo><record id="broken_partner" model="res.partner">
    <field name="name">Kaputt</field><field name="parent_id" ref="base.no_such_record"/>
</record></odoo>
"""


@tagged("commit", "subprocess", "slow")
class TestProdUpdate(unittest.TestCase):

    def setUp(self):
        self.source = odoo.tools.config["db_name"]
        self.dbname = "%s_update" % self.source
        self.folder = tempfile.mkdtemp(prefix="qnetz-update-")
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        addons = os.path.join(self.folder, "addons", "qnetz_test_broken_update")
        os.makedirs(addons)
        open(os.path.join(addons, "__init__.py"), "w").close()
        with open(os.path.join(addons, "__manifest__.py"), "w") as out:
            out.write(repr(BROKEN_MANIFEST))
        with open(os.path.join(addons, "data.xml"), "w") as out:
            out.write(BROKEN_DATA)
        self.port = free_ports(1, range(8282, 8290))[0]
        self.config = write_config(
            os.path.join(self.folder, "prod.conf"), odoo.tools.config.rcfile,
            db_name=self.dbname, dbfilter="^%s$" % self.dbname, http_port=self.port,
            workers=0, max_cron_threads=0, logfile=os.path.join(self.folder, "odoo.log"),
            qnetz_health_token="token-of-the-test",
            addons_path="%s,%s" % (odoo.tools.config["addons_path"],
                                   os.path.join(self.folder, "addons")))
        self.conf = scratch_copy(self.config, self.source, self.dbname)
        self.pidfile = os.path.join(self.folder, "prod.pid")
        self.addCleanup(self.drop_copies)
        self.addCleanup(subprocess.call, [os.path.join(ROOT, "scripts", "prod_server.sh"),
                                          "stop", self.config, self.pidfile])

    def drop_copies(self):
        conn = dbtools.connect(self.conf, "postgres")
        with conn.cursor() as cr:
            cr.execute("SELECT datname FROM pg_database WHERE datname = %s "
                       "OR datname LIKE %s", (self.dbname, self.dbname + "\\_failed\\_%"))
            names = [row[0] for row in cr.fetchall()]
        conn.close()
        for name in names:
            dbtools.drop_database(self.conf, name)

    def oid(self, name):
        conn = dbtools.connect(self.conf, "postgres")
        with conn.cursor() as cr:
            cr.execute("SELECT oid FROM pg_database WHERE datname = %s", (name,))
            row = cr.fetchone()
        conn.close()
        return row and row[0]

    def test_a_failing_update_rolls_back_to_the_backup_and_the_server_runs(self):
        before_counts, before_oid = dbtools.counts(self.conf, self.dbname), self.oid(self.dbname)
        backups = os.path.join(self.folder, "backups")
        result = subprocess.run(
            [sys.executable, os.path.join(ROOT, "scripts", "prod_update.py"), self.config,
             self.dbname, self.pidfile, "--modules", "qnetz_base,qnetz_test_broken_update",
             "--dir", backups], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            universal_newlines=True, timeout=1800)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn("Backup before the update", result.stdout)
        self.assertEqual(len(os.listdir(backups)), 1, "the backup came first")
        self.assertIn("Rolled back", result.stderr)
        # the database under the name is the restored backup, with the same content
        self.assertNotEqual(self.oid(self.dbname), before_oid)
        self.assertEqual(dbtools.counts(self.conf, self.dbname), before_counts)
        conn = dbtools.connect(self.conf, "postgres")
        with conn.cursor() as cr:
            cr.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s",
                       (self.dbname + "\\_failed\\_%",))
            self.assertEqual(cr.fetchone()[0], 1, "the failed database is kept aside")
        conn.close()
        # and the server serves it again, healthy
        health = requests.get("http://127.0.0.1:%d/qnetz/health" % self.port,
                              headers={"X-Health-Token": "token-of-the-test"}, timeout=60)
        self.assertTrue(health.json()["checks"]["database"]["ok"])
        self.assertEqual(requests.get("http://127.0.0.1:%d/web/login" % self.port,
                                      timeout=60).status_code, 200)
