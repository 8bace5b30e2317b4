import os

from odoo.tests.common import HttpCase
from .tags import tagged

from .chromium import ARTIFACTS, run_browser_script

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "browser", "backend.js")


@tagged("browser")
class TestBackendBrowser(HttpCase):
    """Headless Chromium walks the coordinator's views; any JS error fails the test, and a
    refusal of the network's rules shows as a German "Hinweis", not as "Odoo Server Error"."""

    def test_coordinator_round(self):
        apprentice = self.env.ref("qnetz_base.partner_apprentice_07_demo")
        new_need = self.env["qnetz.need"].search([("state", "=", "new")], limit=1)
        self.assertTrue(new_need)
        code, output = run_browser_script(
            SCRIPT, LOGIN="koordination", PASSWORD="koordination",
            APPRENTICE_ID=apprentice.id, NEW_NEED_ID=new_need.id, SHOTS=ARTIFACTS)
        self.assertEqual(code, 0, output)
        self.assertIn("done", output)
        self.assertTrue(
            os.path.getsize(os.path.join(ARTIFACTS, "qnetz_base_needs_kanban.png")) > 10000)
