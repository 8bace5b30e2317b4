import os

from odoo.addons.qnetz_base.tests.chromium import ARTIFACTS, ROOT, run_browser_script
from odoo.addons.qnetz_base.tests.tags import tagged

from .common import PortalCase

SCRIPT = os.path.join(ROOT, "tests", "browser", "portal_need.js")
SHOTS = ARTIFACTS


@tagged("browser")
class TestPortalBrowser(PortalCase):
    """Headless Chromium: the demo company reports a need through the portal form."""

    def test_company_reports_need(self):
        user = self.env.ref("qnetz_base.user_company_portal_demo")
        company = user.commercial_partner_id
        topic = "Lesen technischer Zeichnungen (Browsertest)"
        screenshot = os.path.join(SHOTS, "portal_need.png")
        if os.path.exists(screenshot):
            os.remove(screenshot)
        self.sync()
        code, output = run_browser_script(
            SCRIPT, LOGIN="betrieb", PASSWORD="betrieb", TOPIC=topic, SHOTS=SHOTS)
        self.env.cache.invalidate()
        self.assertEqual(code, 0, output)
        self.assertIn("done", output)
        need = self.env["qnetz.need"].search([("topic", "=", topic)])
        self.assertEqual(len(need), 1, output)
        self.assertEqual(need.partner_id, company)
        self.assertEqual(need.participant_count, 2)
        self.assertTrue(os.path.getsize(screenshot) > 10000)
