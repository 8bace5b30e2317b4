"""`make backup` and `make restore` round-trip: what a backup holds comes back.

Runs the same scripts as the Makefile targets, on the test database; pg_dump sees
what is committed (the installed addons and their demo data), so the tests' own
uncommitted records neither help nor disturb.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import odoo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import dbtools  # noqa: E402
from odoo.addons.qnetz_base.tests.tags import tagged  # noqa: E402


def counts(conf, dbname):
    """dbtools.counts (what the backup scripts compare) and the files the database names."""
    result = dbtools.counts(conf, dbname)
    conn = dbtools.connect(conf, dbname)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL")
            result["stored files"] = sorted(row[0] for row in cr.fetchall())
            return result
    finally:
        conn.close()


@tagged("commit", "subprocess")
class TestBackupRestore(unittest.TestCase):

    def setUp(self):
        self.config = odoo.tools.config.rcfile
        self.conf = dbtools.read_config(self.config)
        self.source = odoo.tools.config["db_name"]
        self.target = "%s_restorecheck" % self.source
        dbtools.drop_database(self.conf, self.target)
        self.addCleanup(dbtools.drop_database, self.conf, self.target)
        self.folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)

    def script(self, *args):
        return subprocess.run(
            [sys.executable] + list(args), cwd=ROOT, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, universal_newlines=True, timeout=600)

    def test_backup_restores_into_a_new_database_with_the_same_content(self):
        result = self.script("scripts/backup.py", self.config, self.source, "--dir", self.folder)
        self.assertEqual(result.returncode, 0, result.stderr)
        archive = result.stdout.strip()
        self.assertTrue(os.path.basename(archive).startswith(self.source + "-"))
        self.assertTrue(archive.endswith(".tar.gz"))
        self.assertEqual(os.listdir(self.folder), [os.path.basename(archive)])

        result = self.script("scripts/restore.py", self.config, archive, self.target)
        self.assertEqual(result.returncode, 0, result.stderr)

        before, after = counts(self.conf, self.source), counts(self.conf, self.target)
        self.assertEqual(before, after)
        # The demo database has needs and attachments: the comparison is not of empties.
        self.assertGreater(after["needs"], 0)
        self.assertGreater(after["attachments"], 0)
        # Every file the database refers to came back into the new filestore, byte for byte.
        for fname in after["stored files"]:
            original = os.path.join(dbtools.filestore(self.conf, self.source), fname)
            if os.path.exists(original):
                copy = os.path.join(dbtools.filestore(self.conf, self.target), fname)
                with open(original, "rb") as a, open(copy, "rb") as b:
                    self.assertEqual(a.read(), b.read(), fname)

    def test_restore_refuses_an_existing_database(self):
        result = self.script("scripts/backup.py", self.config, self.source, "--dir", self.folder)
        self.assertEqual(result.returncode, 0, result.stderr)
        result = self.script("scripts/restore.py", self.config, result.stdout.strip(), self.source)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("exists", result.stderr)
