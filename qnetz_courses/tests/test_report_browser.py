import os
import subprocess

import odoo
from odoo.tests.common import HttpCase

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRIPT = os.path.join(HERE, "browser", "report.js")
SHOTS = os.path.join(ROOT, "artifacts")


class TestReportBrowser(HttpCase):
    """Headless Chromium opens the coordinator's dashboard; any JS error fails the test."""

    def test_dashboard(self):
        env = dict(os.environ,
                   BASE_URL="http://127.0.0.1:%s" % odoo.tools.config["http_port"],
                   LOGIN="koordination", PASSWORD="koordination", SHOTS=SHOTS,
                   NODE_PATH=os.path.join(ROOT, "node_modules"))
        result = subprocess.run(
            ["node", SCRIPT], cwd=ROOT, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, timeout=300)
        output = result.stdout.decode("utf-8", "replace")
        self.assertEqual(result.returncode, 0, output)
        self.assertIn("done", output)
        self.assertTrue(
            os.path.getsize(os.path.join(SHOTS, "qnetz_courses_report_dashboard.png")) > 10000)
