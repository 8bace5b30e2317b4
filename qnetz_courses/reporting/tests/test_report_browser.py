import os

from odoo.tests.common import HttpCase

from odoo.addons.qnetz_base.tests.chromium import ARTIFACTS, run_browser_script

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "browser", "report.js")


class TestReportBrowser(HttpCase):
    """Headless Chromium opens the coordinator's dashboard; any JS error fails the test."""

    def test_dashboard(self):
        code, output = run_browser_script(
            SCRIPT, LOGIN="koordination", PASSWORD="koordination", SHOTS=ARTIFACTS)
        self.assertEqual(code, 0, output)
        self.assertIn("done", output)
        self.assertTrue(
            os.path.getsize(os.path.join(ARTIFACTS, "qnetz_courses_report_dashboard.png")) > 10000)
