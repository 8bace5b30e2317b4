"""The README's architecture table names files that exist, and every feature of
qnetz_courses; operations live in their own document, linked from the README."""
import glob
import os
import re
import unittest

from odoo.addons import qnetz_courses

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ("qnetz_base", "qnetz_courses", "qnetz_guide", "qnetz_portal")
PATH = re.compile(r"`([\w./*-]+/[\w./*-]+)`")


def architecture_rows(text):
    """{step: [paths]} of the table under '## Architecture'."""
    section = text.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("step", "---"):
            rows[cells[0]] = PATH.findall(cells[2])
    return rows


def missing_paths(rows, root):
    return sorted("%s: %s" % (step, path) for step, paths in rows.items() for path in paths
                  if not glob.glob(os.path.join(root, path)))


class TestReadme(unittest.TestCase):

    def setUp(self):
        super(TestReadme, self).setUp()
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
            self.readme = handle.read()
        self.rows = architecture_rows(self.readme)

    def test_architecture_table_names_files_that_exist(self):
        self.assertGreaterEqual(len(self.rows), 10)
        self.assertTrue(all(self.rows.values()), "a step without a file")
        self.assertEqual(missing_paths(self.rows, ROOT), [])

    def test_every_addon_and_feature_has_a_place_in_the_table(self):
        paths = [path for paths in self.rows.values() for path in paths]
        for addon in ADDONS:
            self.assertTrue([p for p in paths if p.startswith(addon + "/")], addon)
        for feature in qnetz_courses.FEATURES:
            self.assertTrue([p for p in paths if p.startswith("qnetz_courses/%s/" % feature)],
                            feature)

    def test_operations_have_their_own_document(self):
        self.assertIn("(docs/operations.md)", self.readme)
        with open(os.path.join(ROOT, "docs", "operations.md"), encoding="utf-8") as handle:
            operations = handle.read()
        for section in ("## Production", "## Backups", "## Load test"):
            self.assertIn(section, operations)
            self.assertNotIn(section + "\n", self.readme)

    def test_a_wrong_path_is_found(self):
        rows = architecture_rows(
            "## Architecture\n| step | what happens | where |\n| --- | --- | --- |\n"
            "| billing | x | `qnetz_courses/billing/models/event_event_billing.py`, "
            "`qnetz_courses/models/event_event_billing.py` |\n## Naming\n")
        self.assertEqual(missing_paths(rows, ROOT),
                         ["billing: qnetz_courses/models/event_event_billing.py"])
